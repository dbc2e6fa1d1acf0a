package lsp

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// outline is the block structure of one measure file. It is read from
// the file's tokens rather than parsed, so that it survives the syntax
// errors of a file being typed: hover, completion and definition work
// on it while diagnostics come from the real loader.
type outline struct {
	path string
	text *text
	root *block // the file's top level, with an empty type
}

// block is one block of an outline.
type block struct {
	typ         string
	labels      []string
	typeRange   hcl.Range
	labelRanges []hcl.Range // quotes included
	open, close int         // byte offsets just after "{" and of "}" (the end of the file when unclosed)
	attrs       []*attribute
	blocks      []*block
	parent      *block
}

// attribute is one `name = value` item of a block.
type attribute struct {
	name      string
	nameRange hcl.Range
	value     hclsyntax.Tokens
	end       int // byte offset where the value ends: its line break, a "}" or the end of the file
}

// label returns the block's first label, or "".
func (b *block) label() string {
	if len(b.labels) == 0 {
		return ""
	}
	return b.labels[0]
}

// defRange spans the block's type and labels, as hcl's DefRange does.
func (b *block) defRange() hcl.Range {
	last := b.typeRange
	if n := len(b.labelRanges); n > 0 {
		last = b.labelRanges[n-1]
	}
	return hcl.RangeBetween(b.typeRange, last)
}

// attr returns the block's attribute called name, or nil.
func (b *block) attr(name string) *attribute {
	for _, a := range b.attrs {
		if a.name == name {
			return a
		}
	}
	return nil
}

// children returns the nested blocks of type typ.
func (b *block) children(typ string) []*block {
	var out []*block
	for _, c := range b.blocks {
		if c.typ == typ {
			out = append(out, c)
		}
	}
	return out
}

// child returns the nested block of type typ labelled name, or nil.
func (b *block) child(typ, name string) *block {
	for _, c := range b.children(typ) {
		if c.label() == name {
			return c
		}
	}
	return nil
}

// enclosing returns b or its nearest ancestor of type typ, or nil.
func (b *block) enclosing(typ string) *block {
	for ; b != nil; b = b.parent {
		if b.typ == typ {
			return b
		}
	}
	return nil
}

// str returns the value of an attribute that is one quoted string or
// heredoc without interpolation, escapes left as written.
func (a *attribute) str() (string, bool) {
	v := a.value
	if len(v) < 2 {
		return "", false
	}
	first, last := v[0].Type, v[len(v)-1].Type
	quoted := first == hclsyntax.TokenOQuote && last == hclsyntax.TokenCQuote
	heredoc := first == hclsyntax.TokenOHeredoc && last == hclsyntax.TokenCHeredoc
	if !quoted && !heredoc {
		return "", false
	}
	var b strings.Builder
	for _, t := range v[1 : len(v)-1] {
		if t.Type != hclsyntax.TokenQuotedLit && t.Type != hclsyntax.TokenStringLit {
			return "", false
		}
		b.Write(t.Bytes)
	}
	if heredoc {
		return dedent(b.String()), true
	}
	return b.String(), true
}

// source returns the value as written.
func (a *attribute) source(src []byte) string {
	if len(a.value) == 0 {
		return ""
	}
	return string(src[a.value[0].Range.Start.Byte:a.value[len(a.value)-1].Range.End.Byte])
}

// contentRange returns the byte range between the quotes of a quoted
// string value, up to the end of the line when it is unclosed.
func (a *attribute) contentRange() (int, int, bool) {
	if len(a.value) == 0 || a.value[0].Type != hclsyntax.TokenOQuote {
		return 0, 0, false
	}
	start := a.value[0].Range.End.Byte
	for _, t := range a.value[1:] {
		if t.Type == hclsyntax.TokenCQuote {
			return start, t.Range.Start.Byte, true
		}
	}
	return start, a.end, true
}

// inText reports whether off lies inside a string or heredoc of the
// value rather than in HCL syntax or an interpolation.
func (a *attribute) inText(off int) bool {
	var open []hclsyntax.TokenType
	for _, t := range a.value {
		if t.Range.Start.Byte >= off {
			break
		}
		switch {
		case closerOf(t.Type) != hclsyntax.TokenNil:
			open = append(open, t.Type)
		case len(open) > 0 && t.Type == closerOf(open[len(open)-1]):
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return false
	}
	top := open[len(open)-1]
	return top == hclsyntax.TokenOQuote || top == hclsyntax.TokenOHeredoc
}

// closerOf returns the token that closes an opening token, or
// TokenNil for tokens that open nothing.
func closerOf(t hclsyntax.TokenType) hclsyntax.TokenType {
	switch t {
	case hclsyntax.TokenOBrack:
		return hclsyntax.TokenCBrack
	case hclsyntax.TokenOParen:
		return hclsyntax.TokenCParen
	case hclsyntax.TokenOBrace:
		return hclsyntax.TokenCBrace
	case hclsyntax.TokenOQuote:
		return hclsyntax.TokenCQuote
	case hclsyntax.TokenOHeredoc:
		return hclsyntax.TokenCHeredoc
	case hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		return hclsyntax.TokenTemplateSeqEnd
	}
	return hclsyntax.TokenNil
}

// dedent removes the indentation common to every non-blank line.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	least := -1
	for _, ln := range lines {
		if strings.TrimSpace(ln) == "" {
			continue
		}
		n := len(ln) - len(strings.TrimLeft(ln, " \t"))
		if least < 0 || n < least {
			least = n
		}
	}
	for i, ln := range lines {
		if len(ln) >= least && least > 0 {
			lines[i] = ln[least:]
		}
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n ")
}

// parseOutline reads the outline of the measure file at path.
func parseOutline(path string, src []byte) *outline {
	o := &outliner{src: src, filename: path}
	o.lex(hcl.InitialPos)
	root := &block{}
	o.body(root)
	return &outline{path: path, text: newText(src), root: root}
}

// outliner walks tokens into an outline.
type outliner struct {
	src      []byte
	filename string
	toks     hclsyntax.Tokens
	i        int
}

// lex (re)starts the token stream at from. The outliner restarts after
// an unclosed quote, whose line break HCL's lexer would otherwise
// carry on reading as string text to the end of the file.
func (o *outliner) lex(from hcl.Pos) {
	toks, _ := hclsyntax.LexConfig(o.src[from.Byte:], o.filename, from)
	o.toks, o.i = toks, 0
}

// peek returns the current token; the stream always ends with EOF.
func (o *outliner) peek() hclsyntax.Token { return o.toks[o.i] }

// next consumes the current token, never past EOF.
func (o *outliner) next() hclsyntax.Token {
	t := o.toks[o.i]
	if t.Type != hclsyntax.TokenEOF {
		o.i++
	}
	return t
}

// body reads items into b until its closing brace.
func (o *outliner) body(b *block) {
	for {
		switch t := o.peek(); t.Type {
		case hclsyntax.TokenEOF:
			b.close = len(o.src)
			return
		case hclsyntax.TokenCBrace:
			o.next()
			if b.parent != nil {
				b.close = t.Range.Start.Byte
				return
			}
		case hclsyntax.TokenIdent:
			o.item(b)
		default:
			o.next()
		}
	}
}

// item reads an attribute or a block into b; a lone identifier (one
// being typed) is skipped.
func (o *outliner) item(b *block) {
	name := o.next()
	if o.peek().Type == hclsyntax.TokenEqual {
		o.next()
		b.attrs = append(b.attrs, o.attribute(name))
		return
	}
	c := &block{typ: string(name.Bytes), typeRange: name.Range, parent: b}
	for {
		switch t := o.peek(); t.Type {
		case hclsyntax.TokenIdent:
			o.next()
			c.labels = append(c.labels, string(t.Bytes))
			c.labelRanges = append(c.labelRanges, t.Range)
		case hclsyntax.TokenOQuote:
			text, rng, ok := o.quoted()
			if !ok {
				return
			}
			c.labels = append(c.labels, text)
			c.labelRanges = append(c.labelRanges, rng)
		case hclsyntax.TokenOBrace:
			o.next()
			c.open = t.Range.End.Byte
			b.blocks = append(b.blocks, c)
			o.body(c)
			return
		default:
			return
		}
	}
}

// quoted reads a quoted label; ok is false when it is not closed on
// its line.
func (o *outliner) quoted() (string, hcl.Range, bool) {
	open := o.next()
	var b strings.Builder
	for {
		switch t := o.peek(); t.Type {
		case hclsyntax.TokenCQuote:
			o.next()
			return b.String(), hcl.RangeBetween(open.Range, t.Range), true
		case hclsyntax.TokenQuotedNewline:
			o.lex(t.Range.End)
			return "", hcl.Range{}, false
		case hclsyntax.TokenEOF:
			return "", hcl.Range{}, false
		default:
			o.next()
			b.Write(t.Bytes)
		}
	}
}

// attribute reads the value of the attribute called name, up to the
// line break, "}" or end of file that ends it outside brackets.
func (o *outliner) attribute(name hclsyntax.Token) *attribute {
	a := &attribute{name: string(name.Bytes), nameRange: name.Range}
	var open []hclsyntax.TokenType
	for {
		t := o.peek()
		if o.endsValue(t, open) {
			a.end = t.Range.Start.Byte
			return a
		}
		if t.Type == hclsyntax.TokenQuotedNewline {
			a.end = t.Range.Start.Byte
			o.lex(t.Range.End)
			return a
		}
		if t.Type == hclsyntax.TokenCBrace && !slices.Contains(open, hclsyntax.TokenOBrace) {
			a.end = t.Range.Start.Byte // the enclosing block's brace
			return a
		}
		o.next()
		a.value = append(a.value, t)
		if closerOf(t.Type) != hclsyntax.TokenNil {
			open = append(open, t.Type)
		} else if i := lastOpener(open, t.Type); i >= 0 {
			open = open[:i]
		}
	}
}

// lastOpener returns the index of the innermost opener that closer
// closes, or -1.
func lastOpener(open []hclsyntax.TokenType, closer hclsyntax.TokenType) int {
	for i := len(open) - 1; i >= 0; i-- {
		if closerOf(open[i]) == closer {
			return i
		}
	}
	return -1
}

// endsValue reports whether t ends an attribute's value: a line break
// or the end of the file outside brackets, or a line break inside a
// list left open when the next line starts a new item.
func (o *outliner) endsValue(t hclsyntax.Token, open []hclsyntax.TokenType) bool {
	if t.Type == hclsyntax.TokenEOF {
		return true
	}
	newline := t.Type == hclsyntax.TokenNewline ||
		t.Type == hclsyntax.TokenComment && strings.HasSuffix(string(t.Bytes), "\n")
	if !newline {
		return false
	}
	if len(open) == 0 {
		return true
	}
	for _, k := range open {
		if k != hclsyntax.TokenOBrack && k != hclsyntax.TokenOParen {
			return false
		}
	}
	return o.itemAhead()
}

// itemAhead reports whether the next line starts an attribute, a block
// or closes one, or holds a lone identifier being typed, which no list
// element of the language does.
func (o *outliner) itemAhead() bool {
	j := o.i + 1
	for j < len(o.toks) && o.toks[j].Type == hclsyntax.TokenNewline {
		j++
	}
	if j >= len(o.toks) {
		return true
	}
	switch o.toks[j].Type {
	case hclsyntax.TokenCBrace, hclsyntax.TokenEOF:
		return true
	case hclsyntax.TokenIdent:
		if j+1 < len(o.toks) {
			next := o.toks[j+1].Type
			return next == hclsyntax.TokenEqual || next == hclsyntax.TokenOBrace || next == hclsyntax.TokenOQuote ||
				next == hclsyntax.TokenNewline || next == hclsyntax.TokenEOF
		}
	}
	return false
}

// place is where a cursor sits in an outline.
type place struct {
	off    int
	block  *block     // the innermost block whose body holds the cursor; the root at top level
	header *block     // the block whose type or label the cursor is on, if any
	label  int        // the label the cursor is on, or -1 for the type
	attr   *attribute // the attribute the cursor is on, if any
	onName bool       // the cursor is on the attribute's name
	inText bool       // the cursor is inside a string or heredoc of the attribute's value
}

// at finds the place of byte offset off.
func (o *outline) at(off int) place {
	p := place{off: off, block: o.root, label: -1}
	for b := o.root; b != nil; {
		var inner *block
		for _, c := range b.blocks {
			if h, label := onHeader(c, off); h {
				p.header, p.label = c, label
				return p
			}
			if off >= c.open && off <= c.close {
				inner = c
			}
		}
		if inner != nil {
			p.block = inner
		}
		b = inner
	}
	for _, a := range p.block.attrs {
		switch {
		case hit(a.nameRange, off):
			p.attr, p.onName = a, true
			return p
		case off > a.nameRange.End.Byte && off <= a.end:
			p.attr, p.inText = a, a.inText(off)
			return p
		}
	}
	return p
}

// onHeader reports whether off is on c's type or one of its labels,
// and which label (-1 for the type).
func onHeader(c *block, off int) (bool, int) {
	if hit(c.typeRange, off) {
		return true, -1
	}
	for i, r := range c.labelRanges {
		if hit(r, off) {
			return true, i
		}
	}
	return false, 0
}

// hit reports whether off lies in r, its end included so that a cursor
// just after a word is on it.
func hit(r hcl.Range, off int) bool {
	return r.Start.Byte <= off && off <= r.End.Byte && r.End.Line > 0
}

// isIdentByte reports whether c can be part of a CEL or HCL identifier
// as measure names use them.
func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordAt returns the identifier around off.
func wordAt(src []byte, off int) (int, int) {
	start, end := off, off
	for start > 0 && isIdentByte(src[start-1]) {
		start--
	}
	for end < len(src) && isIdentByte(src[end]) {
		end++
	}
	return start, end
}

// qualifier returns the identifier before the dot that precedes the
// word starting at start ("evidence" in "evidence.tr"). member is true
// when a dot precedes the word at all; root is false when the
// qualifier is itself a member or a call result ("a.b.", "f().").
func qualifier(src []byte, start int) (name string, member, root bool) {
	if start == 0 || src[start-1] != '.' {
		return "", false, false
	}
	end := start - 1
	q := end
	for q > 0 && isIdentByte(src[q-1]) {
		q--
	}
	if q == end || q > 0 && src[q-1] == '.' {
		return "", true, false
	}
	return string(src[q:end]), true, true
}

// following returns the identifier after a dot that follows the word
// ending at end ("trivy" in "source.trivy" with end after "source").
func following(src []byte, end int) (string, int, int) {
	if end >= len(src) || src[end] != '.' {
		return "", 0, 0
	}
	s, e := wordAt(src, end+1)
	if s != end+1 || e == s {
		return "", 0, 0
	}
	return string(src[s:e]), s, e
}
