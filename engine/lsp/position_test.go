package lsp

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestTextPositions(t *testing.T) {
	// Line 1 holds é (2 bytes, 1 UTF-16 unit) and 😀 (4 bytes, 2 units).
	tx := newText([]byte("ab\r\nxé😀y\nlast"))
	cases := []struct {
		off int
		pos Position
	}{
		{0, Position{0, 0}},
		{2, Position{0, 2}},  // before \r\n
		{4, Position{1, 0}},  // x
		{5, Position{1, 1}},  // é
		{7, Position{1, 2}},  // 😀
		{11, Position{1, 4}}, // y
		{13, Position{2, 0}},
		{17, Position{2, 4}}, // the end
	}
	for _, c := range cases {
		if got := tx.position(c.off); got != c.pos {
			t.Errorf("position(%d) = %+v, want %+v", c.off, got, c.pos)
		}
		if got := tx.offset(c.pos); got != c.off {
			t.Errorf("offset(%+v) = %d, want %d", c.pos, got, c.off)
		}
	}
	clamped := []struct {
		pos Position
		off int
	}{
		{Position{0, 99}, 2},  // past the end of a line: its end, before \r\n
		{Position{1, 3}, 7},   // inside the surrogate pair: before the character
		{Position{9, 0}, 17},  // past the last line
		{Position{2, 99}, 17}, // past the end of the last line
	}
	for _, c := range clamped {
		if got := tx.offset(c.pos); got != c.off {
			t.Errorf("offset(%+v) = %d, want %d", c.pos, got, c.off)
		}
	}
}

func TestHCLOffsets(t *testing.T) {
	tx := newText([]byte("a = 1\nxé😀y = 2\n"))
	y := hcl.Pos{Line: 2, Column: 4, Byte: 13}
	if got := tx.hclOffset(y, true); got != 13 {
		t.Errorf("trusted byte offset: %d, want 13", got)
	}
	// Rego-style: the byte offset counts characters as bytes; the
	// column, in characters, is right.
	rego := hcl.Pos{Line: 2, Column: 4, Byte: 9}
	if got := tx.hclOffset(rego, false); got != 13 {
		t.Errorf("untrusted byte offset: %d, want 13 from the column", got)
	}
	noByte := hcl.Pos{Line: 2, Column: 4}
	if got := tx.hclOffset(noByte, true); got != 13 {
		t.Errorf("a position without a byte offset: %d, want 13 from the column", got)
	}
	r := tx.lspRange(hcl.Range{Start: y, End: hcl.Pos{Line: 2, Column: 5, Byte: 14}}, true)
	if want := (Range{Start: Position{1, 4}, End: Position{1, 5}}); r != want {
		t.Errorf("lspRange = %+v, want %+v", r, want)
	}
}

func TestURIs(t *testing.T) {
	uri := pathToURI("/tmp/my measures/vm é.hcl")
	if uri != "file:///tmp/my%20measures/vm%20%C3%A9.hcl" {
		t.Errorf("pathToURI = %s", uri)
	}
	p, err := uriToPath(uri)
	if err != nil || p != "/tmp/my measures/vm é.hcl" {
		t.Errorf("uriToPath(%s) = %q, %v", uri, p, err)
	}
	if _, err := uriToPath("untitled:Untitled-1"); err == nil {
		t.Error("uriToPath accepted a non-file URI")
	}
}

func TestApplyChanges(t *testing.T) {
	text := []byte("line one\nlíne two\n")
	text = applyChange(text, TextDocumentContentChangeEvent{Range: &Range{Start: Position{1, 0}, End: Position{1, 4}}, Text: "LINE"})
	text = applyChange(text, TextDocumentContentChangeEvent{Range: &Range{Start: Position{0, 8}, End: Position{1, 0}}, Text: " "})
	if string(text) != "line one LINE two\n" {
		t.Errorf("after ranged changes: %q", text)
	}
	if got := applyChange(text, TextDocumentContentChangeEvent{Text: "all new"}); string(got) != "all new" {
		t.Errorf("after a full change: %q", got)
	}
}
