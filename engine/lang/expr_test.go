package lang

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// exprFrom parses `x = <src>` and decodes attribute x as an Expr.
func exprFrom(t *testing.T, src string) (*Expr, []byte) {
	t.Helper()
	text := []byte("x = " + src + "\n")
	f, diags := hclsyntax.ParseConfig(text, "t.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %q: %s", src, diags.Error())
	}
	attrs, _ := f.Body.JustAttributes()
	e, diags := decodeExpr(attrs["x"], text)
	if diags.HasErrors() {
		t.Fatalf("decode %q: %s", src, diags.Error())
	}
	return e, text
}

// TestExprPos finds a marker in the decoded text and checks that its
// position lands on the same marker in the file.
func TestExprPos(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		marker string // unique in the decoded text and in the source
		line   int    // expected file line and column of the marker
		col    int
	}{
		{"plain", `"a + MARK"`, "MARK", 1, 10},
		{"after escaped quote", `"x == \"q\" && MARK"`, "MARK", 1, 20},
		{"after newline escape", `"'\n' + MARK"`, "MARK", 1, 13},
		{"after unicode escape", `"'\u00e9' + MARK"`, "MARK", 1, 17},
		{"after dollar escape", `"'$${x}' + MARK"`, "MARK", 1, 16},
		{"after multibyte", `"'é' + MARK"`, "MARK", 1, 12},
		{"flush heredoc", "<<-CEL\n      first\n        + MARK\n    CEL", "MARK", 3, 11},
		{"plain heredoc", "<<CEL\n  first\n  MARK\nCEL", "MARK", 3, 3},
		{"flush heredoc blank line", "<<-CEL\n    a\n\n    MARK\n    CEL", "MARK", 4, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := exprFrom(t, tc.src)
			if e.pos == nil {
				t.Fatalf("no position map for %q (decoded %q)", tc.src, e.Text)
			}
			line, col := celLineCol(e.Text, strings.Index(e.Text, tc.marker))
			got := e.Pos(line, col)
			if got.Line != tc.line || got.Column != tc.col {
				t.Errorf("Pos of %s in %q = %d:%d, want %d:%d", tc.marker, tc.src, got.Line, got.Column, tc.line, tc.col)
			}
		})
	}
}

// TestExprPosEveryRune checks, for every character of a decoded
// heredoc and quoted string, that the mapped byte holds that character
// (or the start of its escape).
func TestExprPosEveryRune(t *testing.T) {
	for _, src := range []string{
		"<<-CEL\n    evidence.t\n      .filter(v, v.s == 'é')\n\n      .size()\n    CEL",
		`"evidence.t.filter(v, v.s == \"x\\ny\" && v.d == 'é')"`,
	} {
		e, text := exprFrom(t, src)
		i := 0
		for _, r := range e.Text {
			p := e.pos[i]
			got := string(text[p.Byte:])
			if !strings.HasPrefix(got, string(r)) && !strings.HasPrefix(got, `\`) {
				t.Errorf("character %d %q maps to byte %d (%q)", i, r, p.Byte, got[:min(5, len(got))])
			}
			i++
		}
	}
}

func TestExprRefusesTemplate(t *testing.T) {
	text := []byte("x = \"a ${b}\"\n")
	f, _ := hclsyntax.ParseConfig(text, "t.hcl", hcl.InitialPos)
	attrs, _ := f.Body.JustAttributes()
	_, diags := decodeExpr(attrs["x"], text)
	if !diags.HasErrors() || diags[0].Summary != "Template in expression" {
		t.Errorf("decodeExpr(template) = %v, want a template error", diags)
	}
}

// celLineCol converts a byte offset in s to CEL's 1-based line and
// 0-based column in characters.
func celLineCol(s string, off int) (int, int) {
	line, col := 1, 0
	for _, r := range s[:off] {
		if r == '\n' {
			line, col = line+1, 0
			continue
		}
		col++
	}
	return line, col
}
