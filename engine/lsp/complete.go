package lsp

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/sourcegraph/jsonrpc2"

	"github.com/assay-dev/assay/engine/lang"
)

// completion answers textDocument/completion.
func (s *server) completion(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p CompletionParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	c, err := s.cursorAt(p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	items := []CompletionItem{}
	if c != nil {
		items = append(items, s.complete(c)...)
	}
	return CompletionList{Items: items}, nil
}

// complete proposes what may be written at the cursor.
func (s *server) complete(c *cursor) []CompletionItem {
	at := c.at
	switch {
	case at.header != nil && at.label < 0:
		return s.itemNames(c) // a block type being written over
	case at.header != nil:
		return nil
	case at.attr != nil && at.onName:
		return s.itemNames(c)
	case c.inCEL():
		return s.celItems(c)
	case at.attr != nil && at.inText:
		return s.stringItems(c)
	case at.attr != nil:
		return s.valueItems(c)
	}
	return s.itemNames(c)
}

// edit makes the items replace the word [start, end) of the document.
type edit struct {
	c          *cursor
	start, end int
}

// wordEdit is the edit of the identifier being typed at the cursor.
func wordEdit(c *cursor) edit {
	start, end := wordAt(c.src(), c.off)
	return edit{c: c, start: min(start, c.off), end: max(end, c.off)}
}

// item builds a completion item that inserts text.
func (e edit) item(label string, kind CompletionItemKind, detail, markdown, text string, format InsertTextFormat) CompletionItem {
	it := CompletionItem{
		Label:    label,
		Kind:     kind,
		Detail:   detail,
		TextEdit: &TextEdit{Range: e.c.out.text.byteRange(e.start, e.end), NewText: text},
	}
	if format == Snippet {
		it.InsertTextFormat = Snippet
	}
	if markdown != "" {
		it.Documentation = &MarkupContent{Kind: "markdown", Value: markdown}
	}
	return it
}

// itemNames proposes the attributes and blocks the enclosing block may
// still hold, where a line holds nothing else yet.
func (s *server) itemNames(c *cursor) []CompletionItem {
	e := wordEdit(c)
	src := c.src()
	lineStart := bytes.LastIndexByte(src[:e.start], '\n') + 1
	if len(bytes.TrimSpace(src[lineStart:e.start])) > 0 {
		return nil
	}
	b := c.at.block
	schema := lang.Schema(b.typ)
	if schema == nil {
		return nil
	}
	snippets := s.snippetSupport()
	var items []CompletionItem
	for _, a := range schema.Attributes {
		if have := b.attr(a.Name); have != nil && have != c.at.attr {
			continue
		}
		items = append(items, attrItem(e, b.typ, a, snippets))
	}
	for _, h := range schema.Blocks {
		if len(h.LabelNames) == 0 && len(b.children(h.Type)) > 0 {
			continue // a single block already written
		}
		items = append(items, blockItem(e, h, snippets))
	}
	return items
}

// attrItem proposes an attribute, with its value's shape as a snippet.
func attrItem(e edit, typ string, a hcl.AttributeSchema, snippets bool) CompletionItem {
	key := typ + "." + a.Name
	doc := lang.Docs[key]
	detail, sort := "optional attribute", "1"
	if a.Required {
		detail, sort = "required attribute", "0"
	}
	text, format := a.Name+" = ", PlainText
	if snippets {
		text, format = a.Name+" = "+valueSnippet(doc.Example), Snippet
	}
	it := e.item(a.Name, KindProperty, detail, doc.Markdown(key, "hcl"), text, format)
	it.SortText = sort + a.Name
	return it
}

// valueSnippet is a placeholder shaped like the example's value.
func valueSnippet(example string) string {
	_, value, _ := strings.Cut(example, "= ")
	switch {
	case strings.HasPrefix(value, `"`), strings.HasPrefix(value, "<<"):
		return `"$1"`
	case strings.HasPrefix(value, "["):
		return "[$1]"
	}
	return "$1"
}

// blockItem proposes a block, with its braces as a snippet.
func blockItem(e edit, h hcl.BlockHeaderSchema, snippets bool) CompletionItem {
	text, format := h.Type, PlainText
	if snippets {
		header := h.Type
		if len(h.LabelNames) > 0 {
			header += ` "${1:` + h.LabelNames[0] + `}"`
		}
		text, format = header+" {\n\t$0\n}", Snippet
	}
	it := e.item(h.Type, KindStruct, "block", lang.Docs[h.Type].Markdown(h.Type, "hcl"), text, format)
	it.SortText = "2" + h.Type
	return it
}

// valueItems proposes source references in HCL values: the names after
// `source.`, and whole references in a measure's evidence list.
func (s *server) valueItems(c *cursor) []CompletionItem {
	e := wordEdit(c)
	q, member, root := qualifier(c.src(), e.start)
	whole := !member && c.key() == "measure.evidence"
	if !whole && !(root && q == "source") {
		return nil
	}
	var items []CompletionItem
	for _, d := range s.decls(c.path, "source") {
		name := d.b.label()
		label, detail := name, "source"
		if whole {
			label = "source." + name
		}
		if p := attrText(d.b, "plugin"); p != "" {
			detail += " · plugin " + p
		}
		items = append(items, e.item(label, KindReference, detail, sourceMarkdown(d), label, PlainText))
	}
	return items
}

// stringItems proposes the values of a string attribute: its allowed
// values, plugin names or measure IDs.
func (s *server) stringItems(c *cursor) []CompletionItem {
	cs, ce, ok := c.at.attr.contentRange()
	if !ok || c.off < cs || c.off > ce {
		return nil
	}
	e := edit{c: c, start: cs, end: ce}
	var values []string
	kind := KindEnumMember
	switch key := c.key(); {
	case len(lang.Docs[key].Enum) > 0:
		values = lang.Docs[key].Enum
	case key == "source.plugin":
		for name := range s.opts.Plugins {
			values = append(values, name)
		}
		slices.Sort(values)
		kind = KindValue
	case key == "waiver.measure" || key == "waiver.compensating_measure":
		var items []CompletionItem
		for _, d := range s.decls(c.path, "measure") {
			items = append(items, e.item(d.b.label(), KindReference, attrText(d.b, "title"), measureMarkdown(d.b), d.b.label(), PlainText))
		}
		return items
	}
	var items []CompletionItem
	for _, v := range values {
		items = append(items, e.item(v, kind, "", "", v, PlainText))
	}
	return items
}

// celItems proposes names inside a CEL expression: after evidence.,
// policy. and params. the measure's sources, policies and parameters;
// after any other dot the member functions; else the variables, the
// measures and the functions in scope.
func (s *server) celItems(c *cursor) []CompletionItem {
	m := c.measure()
	if m == nil {
		return nil
	}
	e := wordEdit(c)
	q, member, root := qualifier(c.src(), e.start)
	switch {
	case member && root && q == "evidence":
		return s.evidenceItems(c, e, m)
	case member && root && q == "policy":
		return blockItems(e, c.out, m.children("policy"))
	case member && root && q == "params":
		return blockItems(e, c.out, m.children("param"))
	case member:
		return funcItems(e, celMethods, KindMethod)
	}
	return append(celNames(e, c, m), funcItems(e, celFunctions, KindFunction)...)
}

// evidenceItems proposes the sources of the measure's evidence list.
func (s *server) evidenceItems(c *cursor, e edit, m *block) []CompletionItem {
	var items []CompletionItem
	for _, name := range evidenceNames(m) {
		md := ""
		if d, ok := s.findDecl(c.path, "source", name); ok {
			md = sourceMarkdown(d)
		}
		items = append(items, e.item(name, KindField, "list(dyn) of records", md, name, PlainText))
	}
	return items
}

// blockItems proposes the labels of a measure's policies or parameters.
func blockItems(e edit, o *outline, blocks []*block) []CompletionItem {
	var items []CompletionItem
	for _, b := range blocks {
		md := policyMarkdown(b)
		if b.typ == "param" {
			md = paramMarkdown(o, b)
		}
		items = append(items, e.item(b.label(), KindField, b.typ, md, b.label(), PlainText))
	}
	return items
}

// celNames proposes the variables and measures an expression sees:
// evidence, policy, params and now everywhere; base and derived
// measures in derived measures, the indicator and decisions; value and
// target in decisions.
func celNames(e edit, c *cursor, m *block) []CompletionItem {
	names := []string{"evidence", "policy", "params", "now"}
	typ := c.at.block.typ
	if typ == "decision" {
		names = append(names, "value")
		if ind := m.children("indicator"); len(ind) > 0 && ind[0].attr("target") != nil {
			names = append(names, "target")
		}
	}
	var items []CompletionItem
	for _, n := range names {
		items = append(items, e.item(n, KindVariable, "", lang.CELDocs[n].Markdown(n, "cel"), n, PlainText))
	}
	if typ == "base_measure" {
		return items // a base measure reads no other measure
	}
	for _, q := range append(m.children("base_measure"), m.children("derived_measure")...) {
		if q == c.at.block {
			continue
		}
		detail := q.typ
		if u := attrText(q, "unit"); u != "" {
			detail += " · " + u
		}
		items = append(items, e.item(q.label(), KindVariable, detail, quantityMarkdown(q), q.label(), PlainText))
	}
	return items
}

// celFunc is a CEL function or macro with a one-line description.
type celFunc struct{ name, doc string }

// funcItems proposes CEL functions, after the measure's own names.
func funcItems(e edit, funcs []celFunc, kind CompletionItemKind) []CompletionItem {
	items := make([]CompletionItem, 0, len(funcs))
	for _, f := range funcs {
		it := e.item(f.name, kind, f.doc, "", f.name, PlainText)
		it.SortText = "9" + f.name // after the measure's own names
		items = append(items, it)
	}
	return items
}

// celFunctions are global functions and macros of the measure
// environment.
var celFunctions = []celFunc{
	{"size", "size(x): the length of a list, map or string"},
	{"has", "has(x.f): whether field f is present"},
	{"int", "int(x): conversion to int"},
	{"uint", "uint(x): conversion to uint"},
	{"double", "double(x): conversion to double"},
	{"string", "string(x): conversion to string"},
	{"bool", "bool(x): conversion to bool"},
	{"timestamp", "timestamp(s): an RFC 3339 time"},
	{"duration", "duration(s): a duration such as '36h'"},
	{"dyn", "dyn(x): x with its type checked at run time"},
	{"days", "days(n): a duration of n days"},
	{"math.greatest", "math.greatest(a, b, …): the largest number"},
	{"math.least", "math.least(a, b, …): the smallest number"},
	{"optional.of", "optional.of(x): an optional value"},
	{"optional.none", "optional.none(): no value; an indicator giving it is no_data"},
	{"cel.bind", "cel.bind(name, init, expr): expr with name bound to init"},
}

// celMethods are member functions and macros of the measure
// environment.
var celMethods = []celFunc{
	{"all", "list.all(x, p): whether p holds for every element"},
	{"exists", "list.exists(x, p): whether p holds for some element"},
	{"exists_one", "list.exists_one(x, p): whether p holds for exactly one element"},
	{"map", "list.map(x, f): f of each element"},
	{"filter", "list.filter(x, p): the elements for which p holds"},
	{"size", "x.size(): the length of a list, map or string"},
	{"sum", "list.sum(): the sum of a list of numbers, as a double"},
	{"flatten", "list.flatten(): a list of lists made one list"},
	{"distinct", "list.distinct(): the list without repeated elements"},
	{"sort", "list.sort(): the list in ascending order"},
	{"reverse", "list.reverse(): the list in reverse order"},
	{"slice", "list.slice(from, to): part of the list"},
	{"join", "list.join(sep): the strings joined with sep"},
	{"contains", "s.contains(t): whether s contains t"},
	{"startsWith", "s.startsWith(t): whether s starts with t"},
	{"endsWith", "s.endsWith(t): whether s ends with t"},
	{"matches", "s.matches(re): whether s matches the RE2 expression re"},
	{"lowerAscii", "s.lowerAscii(): s in lower case"},
	{"upperAscii", "s.upperAscii(): s in upper case"},
	{"split", "s.split(sep): the parts of s between sep"},
	{"trim", "s.trim(): s without surrounding white space"},
	{"orValue", "opt.orValue(x): the optional's value, or x"},
	{"hasValue", "opt.hasValue(): whether the optional holds a value"},
}
