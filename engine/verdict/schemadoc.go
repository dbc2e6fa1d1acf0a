package verdict

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// SchemaMarkdown documents the verdict format field by field, from the
// descriptions in Schema, so the documentation cannot drift from it.
func SchemaMarkdown() (string, error) {
	root, err := parseNode(Schema)
	if err != nil {
		return "", err
	}
	defs, _ := root.object("$defs")
	var b strings.Builder
	sections := []struct {
		title string
		node  *node
	}{{"The document", root}}
	for _, name := range []string{"run", "summary", "gate", "notice", "verdict", "quantity"} {
		d, _ := defs.object(name)
		sections = append(sections, struct {
			title string
			node  *node
		}{name, d})
	}
	for _, s := range sections {
		writeTable(&b, s.title, s.node)
		for _, sub := range nested(s.node) {
			writeTable(&b, s.title+"."+sub.name, sub.node)
		}
	}
	return b.String(), nil
}

// node is a JSON object with its keys in document order.
type node struct {
	keys   []string
	fields map[string]json.RawMessage
}

func parseNode(raw []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("schema: not an object")
	}
	n := &node{fields: map[string]json.RawMessage{}}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.fields[key] = v
	}
	return n, nil
}

func (n *node) object(key string) (*node, bool) {
	raw, ok := n.fields[key]
	if !ok || len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	o, err := parseNode(raw)
	return o, err == nil
}

func (n *node) text(key string) string {
	var s string
	_ = json.Unmarshal(n.fields[key], &s)
	return s
}

type namedNode struct {
	name string
	node *node
}

// nested lists a section's object-valued properties and the items of
// its arrays of objects, which get tables of their own.
func nested(n *node) []namedNode {
	props, ok := n.object("properties")
	if !ok {
		return nil
	}
	var out []namedNode
	for _, k := range props.keys {
		p, _ := props.object(k)
		if inner, ok := p.object("properties"); ok && len(inner.keys) > 0 {
			out = append(out, namedNode{k, p})
		}
		if items, ok := p.object("items"); ok {
			if _, ok := items.object("properties"); ok {
				out = append(out, namedNode{k + "[]", items})
			}
		}
	}
	return out
}

func writeTable(b *strings.Builder, title string, n *node) {
	fmt.Fprintf(b, "## %s\n\n", title)
	if d := n.text("description"); d != "" {
		fmt.Fprintf(b, "%s\n\n", d)
	}
	props, ok := n.object("properties")
	if !ok {
		return
	}
	required := map[string]bool{}
	var req []string
	_ = json.Unmarshal(n.fields["required"], &req)
	for _, r := range req {
		required[r] = true
	}
	b.WriteString("| field | type | required | meaning |\n| --- | --- | --- | --- |\n")
	for _, k := range props.keys {
		p, _ := props.object(k)
		mark := ""
		if required[k] {
			mark = "yes"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", k, typeOf(p), mark, p.text("description"))
	}
	b.WriteString("\n")
}

// typeOf names a property's type for a reader.
func typeOf(p *node) string {
	if ref := p.text("$ref"); ref != "" {
		return "see " + ref[strings.LastIndex(ref, "/")+1:]
	}
	var c string
	if json.Unmarshal(p.fields["const"], &c) == nil && c != "" {
		return fmt.Sprintf("`%q`", c)
	}
	var enum []string
	if json.Unmarshal(p.fields["enum"], &enum) == nil && len(enum) > 0 {
		var q []string
		for _, e := range enum {
			if e != "" {
				q = append(q, "`"+e+"`")
			}
		}
		return "one of " + strings.Join(q, ", ")
	}
	var types []string
	if json.Unmarshal(p.fields["type"], &types) == nil {
		return strings.Join(types, " or ")
	}
	t := p.text("type")
	if t == "array" {
		if items, ok := p.object("items"); ok {
			return "array of " + strings.TrimPrefix(typeOf(items), "see ")
		}
	}
	return t
}
