package lsp

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// cursor is a request's position resolved in its document.
type cursor struct {
	path string
	out  *outline
	off  int
	at   place
}

// cursorAt resolves a position in a measure file; it returns nil for
// documents that are not measure files.
func (s *server) cursorAt(p TextDocumentPositionParams) (*cursor, error) {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".hcl") {
		return nil, nil
	}
	src, err := s.docs.read(path)
	if err != nil {
		return nil, err
	}
	o := parseOutline(path, src)
	off := o.text.offset(p.Position)
	return &cursor{path: path, out: o, off: off, at: o.at(off)}, nil
}

// src is the document's text.
func (c *cursor) src() []byte { return c.out.text.src }

// measure is the measure block around the cursor, or nil.
func (c *cursor) measure() *block { return c.at.block.enclosing("measure") }

// key names the attribute at the cursor as lang.Docs does.
func (c *cursor) key() string { return c.at.block.typ + "." + c.at.attr.name }

// inCEL reports whether the cursor is inside a CEL expression.
func (c *cursor) inCEL() bool {
	return c.at.attr != nil && c.at.inText && isCEL(c.at.block.typ, c.at.attr.name)
}

// isCEL reports whether attribute attr of a block of type typ holds CEL.
func isCEL(typ, attr string) bool {
	switch typ {
	case "base_measure", "derived_measure", "indicator":
		return attr == "expr"
	case "decision":
		return attr == "pass" || attr == "warn"
	}
	return false
}

// decl is a block declared at the top level of a measure file.
type decl struct {
	out *outline
	b   *block
}

// decls lists the top-level blocks of type typ in the measure folder of
// path, the document's own included.
func (s *server) decls(path, typ string) []decl {
	paths := s.measureFiles(s.measureRoot(path))
	if !slices.Contains(paths, path) {
		paths = append(paths, path)
	}
	var out []decl
	for _, p := range paths {
		src, err := s.docs.read(p)
		if err != nil {
			continue
		}
		o := parseOutline(p, src)
		for _, b := range o.root.children(typ) {
			out = append(out, decl{out: o, b: b})
		}
	}
	return out
}

// findDecl returns the top-level block of type typ named name.
func (s *server) findDecl(path, typ, name string) (decl, bool) {
	for _, d := range s.decls(path, typ) {
		if d.b.label() == name {
			return d, true
		}
	}
	return decl{}, false
}

// location is where a block is declared.
func (s *server) location(o *outline, b *block) *Location {
	return &Location{URI: s.docs.uri(o.path), Range: o.text.lspRange(b.defRange(), true)}
}

// evidenceNames lists the source names of a measure's evidence list.
func evidenceNames(m *block) []string {
	a := m.attr("evidence")
	if a == nil {
		return nil
	}
	var names []string
	v := a.value
	for i := 0; i+2 < len(v); i++ {
		if v[i].Type == hclsyntax.TokenIdent && string(v[i].Bytes) == "source" &&
			v[i+1].Type == hclsyntax.TokenDot && v[i+2].Type == hclsyntax.TokenIdent {
			names = append(names, string(v[i+2].Bytes))
		}
	}
	return names
}

// quantity returns the base or derived measure named name in m.
func quantity(m *block, name string) *block {
	if q := m.child("base_measure", name); q != nil {
		return q
	}
	return m.child("derived_measure", name)
}

// attrText returns a string attribute of b, or "".
func attrText(b *block, name string) string {
	if a := b.attr(name); a != nil {
		if v, ok := a.str(); ok {
			return v
		}
	}
	return ""
}

// blockSource returns a block's text as written, reindented to start
// at column one.
func blockSource(o *outline, b *block) string {
	end := min(b.close+1, len(o.text.src))
	raw := string(o.text.src[b.typeRange.Start.Byte:end])
	indent := b.typeRange.Start.Column - 1
	lines := strings.Split(raw, "\n")
	for i := 1; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " \t")
		cut := min(indent, len(lines[i])-len(trimmed))
		lines[i] = lines[i][cut:]
	}
	return strings.Join(lines, "\n")
}

// sourceMarkdown describes a source: its plugin, maximum age and config.
func sourceMarkdown(d decl) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**source `%s`**", d.b.label())
	if p := attrText(d.b, "plugin"); p != "" {
		fmt.Fprintf(&sb, ": plugin `%s`", p)
	}
	if age := attrText(d.b, "max_age"); age != "" {
		fmt.Fprintf(&sb, ", max_age `%s`", age)
	}
	fmt.Fprintf(&sb, "\n\nDeclared in `%s`, line %d.", filepath.Base(d.out.path), d.b.typeRange.Start.Line)
	if cfg := d.b.children("config"); len(cfg) > 0 {
		sb.WriteString("\n\n```hcl\n" + blockSource(d.out, cfg[0]) + "\n```")
	}
	return sb.String()
}

// quantityMarkdown describes a base or derived measure: its kind, unit
// and expression.
func quantityMarkdown(q *block) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s `%s`**: a `double` in later expressions", q.typ, q.label())
	var facts []string
	if u := attrText(q, "unit"); u != "" {
		facts = append(facts, fmt.Sprintf("unit `%s`", u))
	}
	if m := attrText(q, "method"); m != "" {
		facts = append(facts, fmt.Sprintf("method `%s`", m))
	}
	if len(facts) > 0 {
		sb.WriteString("\n\n" + strings.Join(facts, ", "))
	}
	if d := attrText(q, "description"); d != "" {
		sb.WriteString("\n\n" + d)
	}
	if e := attrText(q, "expr"); e != "" {
		sb.WriteString("\n\n```cel\n" + e + "\n```")
	}
	return sb.String()
}

// measureMarkdown describes a measure: title, information need, type
// and the indicator's unit.
func measureMarkdown(m *block) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**measure `%s`**", m.label())
	if t := attrText(m, "title"); t != "" {
		sb.WriteString(": " + t)
	}
	if n := attrText(m, "information_need"); n != "" {
		sb.WriteString("\n\n*Information need*: " + n)
	}
	var facts []string
	if t := attrText(m, "type"); t != "" {
		facts = append(facts, fmt.Sprintf("type `%s`", t))
	}
	if ind := m.children("indicator"); len(ind) > 0 {
		if u := attrText(ind[0], "unit"); u != "" {
			facts = append(facts, fmt.Sprintf("indicator unit `%s`", u))
		}
	}
	if len(facts) > 0 {
		sb.WriteString("\n\n" + strings.Join(facts, ", "))
	}
	return sb.String()
}

// policyMarkdown describes a policy: its module and query.
func policyMarkdown(p *block) string {
	out := fmt.Sprintf("**policy `%s`**: the result of its query, as `dyn`", p.label())
	if m := attrText(p, "module"); m != "" {
		out += fmt.Sprintf("\n\nmodule `%s`", m)
	} else if p.attr("rego") != nil {
		out += "\n\ninline Rego module"
	}
	if q := attrText(p, "query"); q != "" {
		out += fmt.Sprintf("\n\nquery `%s`", q)
	}
	return out
}

// paramMarkdown describes a parameter: its default and description.
func paramMarkdown(o *outline, p *block) string {
	out := fmt.Sprintf("**param `%s`**", p.label())
	if d := p.attr("default"); d != nil {
		out += fmt.Sprintf(" = `%s`", d.source(o.text.src))
	}
	if d := attrText(p, "description"); d != "" {
		out += "\n\n" + d
	}
	return out
}
