package lsp

import (
	"context"
	"fmt"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/assay-dev/assay/engine/lang"
)

// ref is what the text at a cursor means: the Markdown shown on hover
// and, for references, where the referenced thing is declared.
type ref struct {
	start, end int       // the byte range the hover applies to
	markdown   string    // empty when there is nothing to say
	target     *Location // nil when the text refers to nothing
}

// hover answers textDocument/hover.
func (s *server) hover(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p TextDocumentPositionParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	c, err := s.cursorAt(p)
	if err != nil || c == nil {
		return nil, err
	}
	r := s.resolve(c)
	if r == nil || r.markdown == "" {
		return nil, nil
	}
	rng := c.out.text.byteRange(r.start, r.end)
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: r.markdown}, Range: &rng}, nil
}

// definition answers textDocument/definition.
func (s *server) definition(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p TextDocumentPositionParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	c, err := s.cursorAt(p)
	if err != nil || c == nil {
		return nil, err
	}
	r := s.resolve(c)
	if r == nil || r.target == nil {
		return nil, nil
	}
	return r.target, nil
}

// resolve finds what the text at the cursor means, or nil.
func (s *server) resolve(c *cursor) *ref {
	at := c.at
	switch {
	case at.header != nil:
		return s.headerRef(c)
	case at.attr == nil:
		return nil
	case at.onName && lang.Docs[c.key()].Summary == "":
		// a plugin's own setting: explain the config block
		return docRef(at.block.typ, at.attr.nameRange.Start.Byte, at.attr.nameRange.End.Byte)
	case at.onName:
		return docRef(c.key(), at.attr.nameRange.Start.Byte, at.attr.nameRange.End.Byte)
	}
	if r := s.valueRef(c); r != nil {
		return r
	}
	start, end := wordAt(c.src(), c.off)
	if start == end {
		start, end = at.attr.nameRange.Start.Byte, at.attr.nameRange.End.Byte
	}
	return docRef(c.key(), start, end)
}

// docRef shows the language documentation of key.
func docRef(key string, start, end int) *ref {
	d, ok := lang.Docs[key]
	if !ok {
		return nil
	}
	return &ref{start: start, end: end, markdown: d.Markdown(key, "hcl")}
}

// headerRef explains a block's type, or describes the block by its
// label.
func (s *server) headerRef(c *cursor) *ref {
	b := c.at.header
	if c.at.label < 0 {
		return docRef(b.typ, b.typeRange.Start.Byte, b.typeRange.End.Byte)
	}
	rng := b.labelRanges[c.at.label]
	r := &ref{start: rng.Start.Byte, end: rng.End.Byte}
	switch b.typ {
	case "source":
		r.markdown = sourceMarkdown(decl{out: c.out, b: b})
	case "measure":
		r.markdown = measureMarkdown(b)
	case "base_measure", "derived_measure":
		r.markdown = quantityMarkdown(b)
	case "policy":
		r.markdown = policyMarkdown(b)
	case "param":
		r.markdown = paramMarkdown(c.out, b)
	default:
		return docRef(b.typ, r.start, r.end)
	}
	return r
}

// valueRef resolves references inside an attribute's value.
func (s *server) valueRef(c *cursor) *ref {
	switch key := c.key(); {
	case c.inCEL():
		return s.celRef(c)
	case !c.at.inText:
		return s.sourceRef(c)
	case key == "waiver.measure" || key == "waiver.compensating_measure":
		return s.measureRef(c)
	case key == "policy.module":
		return s.moduleRef(c)
	}
	return nil
}

// sourceRef resolves `source.NAME` in HCL, with the cursor on either word.
func (s *server) sourceRef(c *cursor) *ref {
	src := c.src()
	start, end := wordAt(src, c.off)
	name := string(src[start:end])
	if q, _, root := qualifier(src, start); root && q == "source" {
		start -= len("source.")
	} else {
		if name != "source" {
			return nil
		}
		if name, _, end = following(src, end); name == "" {
			return nil
		}
	}
	d, ok := s.findDecl(c.path, "source", name)
	if !ok {
		return nil
	}
	return &ref{start: start, end: end, markdown: sourceMarkdown(d), target: s.location(d.out, d.b)}
}

// measureRef resolves a waiver's measure ID.
func (s *server) measureRef(c *cursor) *ref {
	id, ok := c.at.attr.str()
	cs, ce, quoted := c.at.attr.contentRange()
	if !ok || !quoted {
		return nil
	}
	d, found := s.findDecl(c.path, "measure", id)
	if !found {
		return nil
	}
	return &ref{start: cs, end: ce, markdown: measureMarkdown(d.b), target: s.location(d.out, d.b)}
}

// moduleRef resolves a policy's module path to the file, looked up as
// lang does.
func (s *server) moduleRef(c *cursor) *ref {
	rel, ok := c.at.attr.str()
	cs, ce, quoted := c.at.attr.contentRange()
	if !ok || !quoted {
		return nil
	}
	path, found := resolveModule(rel, c.path)
	if !found {
		return &ref{start: cs, end: ce, markdown: fmt.Sprintf("No file `%s` in the measure file's folder or any folder above it.", rel)}
	}
	return &ref{
		start: cs, end: ce,
		markdown: fmt.Sprintf("Rego module `%s`", path),
		target:   &Location{URI: s.docs.uri(path)},
	}
}

// celRef resolves a name inside a CEL expression: a member of
// evidence, policy or params, a base or derived measure, or one of the
// variables every expression sees.
func (s *server) celRef(c *cursor) *ref {
	m := c.measure()
	src := c.src()
	start, end := wordAt(src, c.off)
	if m == nil || start == end {
		return nil
	}
	name := string(src[start:end])
	r := &ref{start: start, end: end}
	q, member, root := qualifier(src, start)
	switch {
	case member && root && q == "evidence":
		if d, ok := s.findDecl(c.path, "source", name); ok {
			r.markdown, r.target = sourceMarkdown(d), s.location(d.out, d.b)
		}
	case member && root && q == "policy":
		if p := m.child("policy", name); p != nil {
			r.markdown, r.target = policyMarkdown(p), s.location(c.out, p)
		}
	case member && root && q == "params":
		if p := m.child("param", name); p != nil {
			r.markdown, r.target = paramMarkdown(c.out, p), s.location(c.out, p)
		}
	case member:
		return nil
	case quantity(m, name) != nil:
		q := quantity(m, name)
		r.markdown, r.target = quantityMarkdown(q), s.location(c.out, q)
	default:
		d, ok := lang.CELDocs[name]
		if !ok {
			return nil
		}
		r.markdown = d.Markdown(name, "cel")
	}
	return r
}
