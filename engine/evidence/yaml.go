package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decodeYAML decodes a YAML stream: each non-empty document is a record.
func decodeYAML(name string, data []byte) ([]Record, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	conv := &yamlConverter{file: name, budget: 10*len(data) + 10000, active: map[*yaml.Node]bool{}}
	var recs []Record
	for {
		doc, err := nextDocument(dec)
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, yamlSyntaxError(name, data, err)
		}
		if len(doc.Content) == 0 || isEmptyNode(doc.Content[0]) {
			continue
		}
		top := doc.Content[0]
		v, err := conv.value(top)
		if err != nil {
			return nil, err
		}
		recs = append(recs, Record{Value: v, File: name, Line: top.Line})
	}
}

// nextDocument reads the next document of dec, turning a panic of the
// YAML library into an error.
func nextDocument(dec *yaml.Decoder) (doc *yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("yaml: internal error: %v", p)
		}
	}()
	doc = new(yaml.Node)
	err = dec.Decode(doc)
	return doc, err
}

// isEmptyNode reports whether n is the implicit null of an empty document.
func isEmptyNode(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Style == 0 && n.Tag == "!!null"
}

// parserProblems are the problems the YAML library reports as parser
// errors; it prints their line 0-based, unlike scanner errors.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// readerProblems are the problems the YAML library reports, without a
// line, for bytes it cannot read as characters.
var readerProblems = map[string]bool{
	"control characters are not allowed": true,
	"incomplete UTF-8 octet sequence":    true,
	"invalid Unicode character":          true,
	"invalid leading UTF-8 octet":        true,
	"invalid length of a UTF-8 sequence": true,
	"invalid trailing UTF-8 octet":       true,
}

// yamlSyntaxError turns an error of the YAML library into a *DecodeError
// with a 1-based line. The library says "line N" only when N > 0 and
// counts from 0 for parser errors but from 1 for scanner errors.
func yamlSyntaxError(name string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			if v, convErr := strconv.Atoi(n); convErr == nil {
				line, msg = v, tail
			}
		}
	}
	switch {
	case parserProblems[msg]:
		line++
	case line > 0:
	case strings.HasPrefix(msg, "unknown anchor '"):
		line = aliasLine(data, strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced"))
	case readerProblems[msg]:
		line = badCharLine(data)
	case strings.HasPrefix(msg, "internal error"):
	default:
		line = 1
	}
	return &DecodeError{File: name, Line: line, Msg: msg}
}

// badCharLine returns the line of the first byte sequence of data that
// YAML does not allow (invalid UTF-8 or a control character), or 0 when
// there is none.
func badCharLine(data []byte) int {
	line := 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line++
		case !yamlPrintable(r):
			return line
		}
	}
	return 0
}

// yamlPrintable reports whether YAML allows the character r in a stream.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r < 0x20 || r == 0x7f || (0x80 <= r && r < 0xa0):
		return false
	}
	return r != 0xfffd && r != 0xfffe && r != 0xffff
}

// aliasLine returns the line of the first alias *name in data, or 0 when
// there is none. The YAML library reports unknown anchors without a line.
func aliasLine(data []byte, name string) int {
	s, ref := string(data), "*"+name
	for off := 0; ; {
		i := strings.Index(s[off:], ref)
		if i < 0 {
			return 0
		}
		i += off
		end := i + len(ref)
		if (i == 0 || strings.IndexByte(" \t\n[{,", s[i-1]) >= 0) &&
			(end == len(s) || strings.IndexByte(" \t\r\n]},", s[end]) >= 0) {
			line, _ := position(data, i)
			return line
		}
		off = i + 1
	}
}

// yamlConverter turns yaml.Node trees into plain Go values, resolving
// scalars by the YAML 1.2 core schema, following aliases and applying
// merge keys.
type yamlConverter struct {
	file   string
	budget int                 // nodes left to convert; bounds alias expansion
	active map[*yaml.Node]bool // anchored nodes being converted, to catch cycles
}

// errorf returns a *DecodeError at the position of n.
func (c *yamlConverter) errorf(n *yaml.Node, format string, args ...any) error {
	return &DecodeError{File: c.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// value converts the node n.
func (c *yamlConverter) value(n *yaml.Node) (any, error) {
	if c.budget--; c.budget < 0 {
		return nil, c.errorf(n, "document expands too many aliases")
	}
	if n.Anchor != "" {
		c.active[n] = true
		defer delete(c.active, n)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		return c.sequence(n)
	case yaml.MappingNode:
		return c.mapping(n)
	case yaml.AliasNode:
		return c.alias(n)
	}
	return nil, c.errorf(n, "unexpected YAML node kind %d", n.Kind)
}

// alias converts the node an alias refers to.
func (c *yamlConverter) alias(n *yaml.Node) (any, error) {
	switch {
	case n.Alias == nil:
		return nil, c.errorf(n, "unknown anchor %q referenced", n.Value)
	case c.active[n.Alias]:
		return nil, c.errorf(n, "anchor %q refers to itself", n.Value)
	}
	v, err := c.value(n.Alias)
	if c.budget < 0 {
		// Blame the outermost alias, not the node where the budget ran out.
		return nil, c.errorf(n, "document expands too many aliases")
	}
	return v, err
}

// sequence converts a sequence node to []any.
func (c *yamlConverter) sequence(n *yaml.Node) (any, error) {
	s := make([]any, len(n.Content))
	for i, e := range n.Content {
		v, err := c.value(e)
		if err != nil {
			return nil, err
		}
		s[i] = v
	}
	return s, nil
}

// mapping converts a mapping node to map[string]any. Keys written in the
// mapping win over merged ones; earlier merged mappings win over later.
func (c *yamlConverter) mapping(n *yaml.Node) (any, error) {
	m := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMergeKey(k) {
			merges = append(merges, v)
			continue
		}
		if err := c.entry(m, k, v); err != nil {
			return nil, err
		}
	}
	for _, v := range merges {
		if err := c.merge(m, v); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// entry converts one key and value into m.
func (c *yamlConverter) entry(m map[string]any, k, v *yaml.Node) error {
	key, err := c.key(k)
	if err != nil {
		return err
	}
	if _, dup := m[key]; dup {
		return c.errorf(k, "duplicate mapping key %q", key)
	}
	m[key], err = c.value(v)
	return err
}

// key converts a mapping key to a string; keys that are not strings are
// formatted with fmt, null as "null".
func (c *yamlConverter) key(k *yaml.Node) (string, error) {
	v, err := c.value(k)
	switch v := v.(type) {
	case string:
		return v, err
	case nil:
		return "null", err
	}
	return fmt.Sprint(v), err
}

// isMergeKey reports whether k is the merge key <<.
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style&quotedStyles == 0 &&
		(k.Style&yaml.TaggedStyle == 0 || k.Tag == "!!merge")
}

// merge adds to m the entries, not yet in m, of the mapping or sequence
// of mappings v.
func (c *yamlConverter) merge(m map[string]any, v *yaml.Node) error {
	target := deref(v)
	if target.Kind == yaml.MappingNode {
		return c.mergeOne(m, v)
	}
	if target.Kind != yaml.SequenceNode {
		return c.errorf(v, "merge key needs a mapping or a sequence of mappings")
	}
	for _, e := range target.Content {
		if deref(e).Kind != yaml.MappingNode {
			return c.errorf(e, "merge key needs a mapping or a sequence of mappings")
		}
		if err := c.mergeOne(m, e); err != nil {
			return err
		}
	}
	return nil
}

// mergeOne adds to m the entries, not yet in m, of the mapping node v.
func (c *yamlConverter) mergeOne(m map[string]any, v *yaml.Node) error {
	src, err := c.value(v)
	if err != nil {
		return err
	}
	for k, e := range src.(map[string]any) {
		if _, ok := m[k]; !ok {
			m[k] = e
		}
	}
	return nil
}

// deref follows an alias to the node it refers to.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// quotedStyles are the scalar styles that always make a string.
const quotedStyles = yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle

// scalar converts a scalar node. Quoted and block scalars are strings;
// plain ones are resolved by the core schema; explicit tags are obeyed.
func (c *yamlConverter) scalar(n *yaml.Node) (any, error) {
	if n.Style&yaml.TaggedStyle != 0 {
		return c.tagged(n)
	}
	if n.Style&quotedStyles != 0 {
		return n.Value, nil
	}
	_, v := resolvePlain(n.Value)
	return v, nil
}

// tagged converts a scalar with an explicit tag. Timestamps and binary
// data stay strings; unknown tags are ignored.
func (c *yamlConverter) tagged(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!str", "!!timestamp", "!!binary":
		return n.Value, nil
	case "!!null", "!!bool", "!!int", "!!float":
	default:
		if n.Style&quotedStyles != 0 {
			return n.Value, nil
		}
		_, v := resolvePlain(n.Value)
		return v, nil
	}
	tag, v := resolvePlain(n.Value)
	switch {
	case tag == n.Tag:
		return v, nil
	case tag == "!!int" && n.Tag == "!!float":
		return toFloat(v), nil
	}
	return nil, c.errorf(n, "cannot read %q as %s", n.Value, n.Tag)
}

// toFloat converts an integer value of resolvePlain to float64.
func toFloat(v any) float64 {
	switch v := v.(type) {
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case float64:
		return v
	}
	return math.NaN()
}

// resolvePlain resolves a plain scalar by the YAML 1.2 core schema and
// returns its tag and value. Only true and false are booleans; integers
// follow the rules of integer; timestamps stay strings.
func resolvePlain(s string) (tag string, v any) {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return "!!null", nil
	case "true", "True", "TRUE":
		return "!!bool", true
	case "false", "False", "FALSE":
		return "!!bool", false
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return "!!float", math.Inf(1)
	case "-.inf", "-.Inf", "-.INF":
		return "!!float", math.Inf(-1)
	case ".nan", ".NaN", ".NAN":
		return "!!float", math.NaN()
	}
	if v, ok := coreInt(s); ok {
		return "!!int", v
	}
	if isCoreFloat(s) {
		f, _ := strconv.ParseFloat(s, 64)
		return "!!float", f
	}
	return "!!str", s
}

// coreInt converts s if it is a core-schema integer: [-+]?[0-9]+,
// 0o[0-7]+ or 0x[0-9a-fA-F]+.
func coreInt(s string) (any, bool) {
	switch {
	case strings.HasPrefix(s, "0o") && isDigits(s[2:], 8):
		return integer(s[2:], 8), true
	case strings.HasPrefix(s, "0x") && isDigits(s[2:], 16):
		return integer(s[2:], 16), true
	case isDigits(trimSign(s), 10):
		return integer(strings.TrimPrefix(s, "+"), 10), true
	}
	return nil, false
}

// isCoreFloat reports whether s is a core-schema float:
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?.
func isCoreFloat(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(trimSign(s)), "e")
	whole, frac, hasDot := strings.Cut(mant, ".")
	switch {
	case hasExp && !isDigits(trimSign(exp), 10):
		return false
	case !hasDot:
		return isDigits(whole, 10)
	case whole == "":
		return isDigits(frac, 10)
	}
	return isDigits(whole, 10) && (frac == "" || isDigits(frac, 10))
}

// trimSign removes one leading '+' or '-' from s.
func trimSign(s string) string {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[1:]
	}
	return s
}
