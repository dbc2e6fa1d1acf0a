package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// text is a document's content with the offsets of its lines, for
// converting between byte offsets, HCL positions (1-based line and
// column, with a byte offset) and LSP positions (0-based line and
// UTF-16 character).
type text struct {
	src   []byte
	lines []int // byte offset where each line starts
}

// newText indexes the lines of src.
func newText(src []byte) *text {
	t := &text{src: src, lines: []int{0}}
	for i, b := range src {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// lineEnd is the byte offset of the end of line i (0-based), before
// its line break.
func (t *text) lineEnd(i int) int {
	end := len(t.src)
	if i+1 < len(t.lines) {
		end = t.lines[i+1] - 1
	}
	if end > t.lines[i] && t.src[end-1] == '\r' {
		end--
	}
	return end
}

// offset converts an LSP position to a byte offset. Positions past
// the end of a line or of the text are clamped.
func (t *text) offset(p Position) int {
	line := int(p.Line)
	if line >= len(t.lines) {
		return len(t.src)
	}
	off, end := t.lines[line], t.lineEnd(line)
	for units := 0; off < end; {
		r, n := utf8.DecodeRune(t.src[off:end])
		w := utf16Len(r)
		if units+w > int(p.Character) {
			break
		}
		units += w
		off += n
	}
	return off
}

// position converts a byte offset to an LSP position.
func (t *text) position(off int) Position {
	off = min(max(off, 0), len(t.src))
	line := t.lineOf(off)
	units := 0
	for i := t.lines[line]; i < off; {
		r, n := utf8.DecodeRune(t.src[i:off])
		units += utf16Len(r)
		i += n
	}
	return Position{Line: uint32(line), Character: uint32(units)}
}

// lineOf is the 0-based line holding byte offset off.
func (t *text) lineOf(off int) int {
	lo, hi := 0, len(t.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// utf16Len is the number of UTF-16 code units of r.
func utf16Len(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1 // an invalid byte stands for itself
}

// hclOffset converts an HCL position to a byte offset. HCL keeps an
// exact byte offset, which wins when it lies on the position's line;
// else (trustByte false, as for Rego, whose offsets count bytes as
// characters) the column is counted in characters from the line start.
func (t *text) hclOffset(p hcl.Pos, trustByte bool) int {
	line := min(max(p.Line, 1), len(t.lines)) - 1
	start, end := t.lines[line], t.lineEnd(line)
	if trustByte && p.Byte >= start && p.Byte <= end && p.Byte-start >= p.Column-1 {
		off := p.Byte
		for off < end && !utf8.RuneStart(t.src[off]) {
			off++ // a one-byte range end inside a multi-byte character
		}
		return off
	}
	off := start
	for col := 1; col < p.Column && off < end; col++ {
		_, n := utf8.DecodeRune(t.src[off:end])
		off += n
	}
	return off
}

// lspRange converts an HCL range of this text to an LSP range.
func (t *text) lspRange(r hcl.Range, trustByte bool) Range {
	start := t.hclOffset(r.Start, trustByte)
	end := t.hclOffset(r.End, trustByte)
	if r.End.Line == 0 || end < start {
		end = start
	}
	return Range{Start: t.position(start), End: t.position(end)}
}

// byteRange converts byte offsets to an LSP range.
func (t *text) byteRange(start, end int) Range {
	return Range{Start: t.position(start), End: t.position(end)}
}

// uriToPath turns a file URI into a clean local path.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("document URI %q: %w", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("document URI %q: only file URIs are supported", uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

// pathToURI turns a local path into a file URI.
func pathToURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
