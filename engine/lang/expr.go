package lang

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Expr is the text of an embedded expression (CEL, or an inline Rego
// module) together with the map from each of its characters back to
// the measure file, so errors found inside the text point into the
// file, through escapes and heredoc indentation.
type Expr struct {
	Text  string
	Range hcl.Range // the HCL expression, quotes or heredoc markers included

	pos []hcl.Pos // pos[i] is where the i-th rune of Text sits; one extra for the end
}

// Pos returns the file position of the character at line (1-based) and
// column (0-based, in characters) of the expression text, the
// convention CEL uses. Out-of-range input is clamped.
func (e *Expr) Pos(line, col int) hcl.Pos {
	if len(e.pos) == 0 {
		return e.Range.Start
	}
	idx := 0
	for l := 1; l < line; l++ {
		nl := strings.IndexByte(e.Text[runeOffset(e.Text, idx):], '\n')
		if nl < 0 {
			break
		}
		idx += utf8.RuneCountInString(e.Text[runeOffset(e.Text, idx):][:nl+1])
	}
	idx += max(col, 0)
	if idx >= len(e.pos) {
		idx = len(e.pos) - 1
	}
	return e.pos[idx]
}

// RangeAt returns a one-character range at line and column of the text.
func (e *Expr) RangeAt(line, col int) hcl.Range {
	start := e.Pos(line, col)
	end := start
	end.Column++
	end.Byte++
	return hcl.Range{Filename: e.Range.Filename, Start: start, End: end}
}

func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// decodeExpr reads a string attribute that holds an embedded language.
// It refuses HCL templates, whose `${` would silently be interpolated.
func decodeExpr(attr *hcl.Attribute, src []byte) (*Expr, hcl.Diagnostics) {
	rng := attr.Expr.Range()
	if len(attr.Expr.Variables()) > 0 || hasTemplateControl(attr.Expr) {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Template in expression",
			Detail:   fmt.Sprintf("The %s attribute holds an HCL template (\"${\" or \"%%{\"), which HCL would fill in before the expression is read. Write $${ for a literal ${, and use single-quoted strings inside CEL.", attr.Name),
			Subject:  &rng,
		}}
	}
	val, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return nil, diags
	}
	if val.IsNull() || !val.Type().Equals(cty.String) {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Expression must be a string",
			Detail:   fmt.Sprintf("The %s attribute must be a quoted string or a heredoc holding the expression.", attr.Name),
			Subject:  &rng,
		}}
	}
	e := &Expr{Text: val.AsString(), Range: rng}
	// When the walk does not reproduce HCL's value, positions fall back
	// to the start of the attribute rather than pointing somewhere wrong.
	if text, pos, ok := walkString(src, rng); ok && text == e.Text {
		e.pos = pos
	}
	return e, nil
}

func hasTemplateControl(expr hcl.Expression) bool {
	t, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok {
		_, wrap := expr.(*hclsyntax.TemplateWrapExpr)
		return wrap
	}
	for _, p := range t.Parts {
		if _, lit := p.(*hclsyntax.LiteralValueExpr); !lit {
			return true
		}
	}
	return false
}

// walkString decodes the quoted string or heredoc at rng in src the way
// HCL does, recording the file position of every decoded character.
func walkString(src []byte, rng hcl.Range) (string, []hcl.Pos, bool) {
	if rng.End.Byte > len(src) || rng.Start.Byte >= rng.End.Byte {
		return "", nil, false
	}
	raw := src[rng.Start.Byte:rng.End.Byte]
	switch {
	case raw[0] == '"':
		return walkQuoted(raw, rng.Start)
	case len(raw) > 2 && raw[0] == '<' && raw[1] == '<':
		return walkHeredoc(raw, rng.Start)
	}
	return "", nil, false
}

// cursor walks source bytes while keeping an hcl.Pos up to date.
type cursor struct {
	b   []byte
	i   int
	pos hcl.Pos
}

func (c *cursor) next() rune {
	r, n := utf8.DecodeRune(c.b[c.i:])
	c.i += n
	c.pos.Byte += n
	if r == '\n' {
		c.pos.Line++
		c.pos.Column = 1
	} else {
		c.pos.Column++
	}
	return r
}

func (c *cursor) peek(s string) bool { return strings.HasPrefix(string(c.b[c.i:]), s) }

func walkQuoted(raw []byte, start hcl.Pos) (string, []hcl.Pos, bool) {
	c := &cursor{b: raw, pos: start}
	c.next() // opening quote
	var out strings.Builder
	var pos []hcl.Pos
	emit := func(r rune, at hcl.Pos) { out.WriteRune(r); pos = append(pos, at) }
	for c.i < len(raw) {
		at := c.pos
		switch {
		case c.peek(`"`):
			pos = append(pos, at)
			return out.String(), pos, true
		case c.peek("$${"), c.peek("%%{"):
			r := c.next()
			c.next()
			emit(r, at)
		case c.peek(`\`):
			c.next()
			r, ok := c.escape()
			if !ok {
				return "", nil, false
			}
			emit(r, at)
		default:
			emit(c.next(), at)
		}
	}
	return "", nil, false
}

func (c *cursor) escape() (rune, bool) {
	switch r := c.next(); r {
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case '"':
		return '"', true
	case '\\':
		return '\\', true
	case 'u', 'U':
		n := 4
		if r == 'U' {
			n = 8
		}
		if c.i+n > len(c.b) {
			return 0, false
		}
		v, err := strconv.ParseUint(string(c.b[c.i:c.i+n]), 16, 32)
		if err != nil {
			return 0, false
		}
		for range n {
			c.next()
		}
		return rune(v), true
	}
	return 0, false
}

func walkHeredoc(raw []byte, start hcl.Pos) (string, []hcl.Pos, bool) {
	c := &cursor{b: raw, pos: start}
	flush := strings.HasPrefix(string(raw), "<<-")
	for c.i < len(raw) && raw[c.i] != '\n' {
		c.next()
	}
	if c.i >= len(raw) {
		return "", nil, false
	}
	c.next() // newline after the marker
	lines := heredocLines(c)
	if len(lines) == 0 {
		return "", nil, false
	}
	body := lines[:len(lines)-1] // the last line is the closing marker
	strip := 0
	if flush {
		strip = minIndent(body)
	}
	var out strings.Builder
	var pos []hcl.Pos
	for _, ln := range body {
		skip := 0
		if !isBlank(ln.text) {
			skip = strip
		}
		lc := &cursor{b: []byte(ln.text), pos: ln.start}
		for range skip {
			lc.next()
		}
		for lc.i < len(lc.b) {
			at := lc.pos
			if lc.peek("$${") || lc.peek("%%{") {
				r := lc.next()
				lc.next()
				out.WriteRune(r)
				pos = append(pos, at)
				continue
			}
			out.WriteRune(lc.next())
			pos = append(pos, at)
		}
	}
	pos = append(pos, lines[len(lines)-1].start)
	return out.String(), pos, true
}

type srcLine struct {
	text  string // with its newline
	start hcl.Pos
}

func heredocLines(c *cursor) []srcLine {
	var lines []srcLine
	for c.i < len(c.b) {
		from, at := c.i, c.pos
		for c.i < len(c.b) && c.b[c.i] != '\n' {
			c.next()
		}
		if c.i < len(c.b) {
			c.next()
		}
		lines = append(lines, srcLine{text: string(c.b[from:c.i]), start: at})
	}
	return lines
}

func isBlank(line string) bool {
	return strings.TrimLeftFunc(line, unicode.IsSpace) == "" && strings.HasSuffix(line, "\n")
}

func minIndent(lines []srcLine) int {
	least := -1
	for _, ln := range lines {
		if isBlank(ln.text) {
			continue
		}
		trimmed := strings.TrimLeftFunc(ln.text, unicode.IsSpace)
		n := utf8.RuneCountInString(ln.text[:len(ln.text)-len(trimmed)])
		if least < 0 || n < least {
			least = n
		}
	}
	return max(least, 0)
}
