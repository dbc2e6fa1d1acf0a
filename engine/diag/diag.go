// Package diag renders diagnostics for people and for editors: each as
// "file:line:col: error: summary" followed by the detail and a snippet
// of the line with a caret under the column, or as JSON.
package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
)

// Sources gives the text of the files diagnostics point into. Files not
// in it are read from disk when a snippet is needed.
type Sources map[string][]byte

func (s Sources) line(file string, n int) (string, bool) {
	b, ok := s[file]
	if !ok {
		var err error
		if b, err = os.ReadFile(file); err != nil {
			return "", false
		}
		s[file] = b
	}
	lines := bytes.Split(b, []byte("\n"))
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(string(lines[n-1]), "\r"), true
}

func severity(d *hcl.Diagnostic) string {
	if d.Severity == hcl.DiagWarning {
		return "warning"
	}
	return "error"
}

// Position returns "file:line:col" for a diagnostic, or "" when it has
// no subject.
func Position(d *hcl.Diagnostic) string {
	if d.Subject == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
}

// WriteText writes each diagnostic with its position, detail and snippet.
func WriteText(w io.Writer, diags hcl.Diagnostics, src Sources) error {
	var b strings.Builder
	for _, d := range diags {
		if pos := Position(d); pos != "" {
			fmt.Fprintf(&b, "%s: ", pos)
		}
		fmt.Fprintf(&b, "%s: %s\n", severity(d), d.Summary)
		if d.Detail != "" {
			fmt.Fprintf(&b, "    %s\n", d.Detail)
		}
		if d.Subject != nil {
			writeSnippet(&b, d.Subject, src)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSnippet(b *strings.Builder, r *hcl.Range, src Sources) {
	text, ok := src.line(r.Filename, r.Start.Line)
	if !ok {
		return
	}
	gutter := fmt.Sprintf("%5d | ", r.Start.Line)
	fmt.Fprintf(b, "%s%s\n", gutter, printable(text))
	width := 1
	if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
		width = r.End.Column - r.Start.Column
	}
	fmt.Fprintf(b, "%s%s%s\n", strings.Repeat(" ", len(gutter)-2)+"| ",
		strings.Repeat(" ", max(r.Start.Column-1, 0)), strings.Repeat("^", width))
}

// JSONDiagnostic is the editor-facing form of a diagnostic.
type JSONDiagnostic struct {
	Severity string     `json:"severity"`
	Summary  string     `json:"summary"`
	Detail   string     `json:"detail,omitempty"`
	Range    *JSONRange `json:"range,omitempty"`
}

// JSONRange is a diagnostic's range: 1-based lines and columns, 0-based
// byte offsets, as HCL counts them.
type JSONRange struct {
	Filename string  `json:"filename"`
	Start    JSONPos `json:"start"`
	End      JSONPos `json:"end"`
}

// JSONPos is one end of a JSONRange.
type JSONPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// WriteJSON writes the diagnostics as a JSON document:
// {"valid": bool, "diagnostics": [...]}.
func WriteJSON(w io.Writer, diags hcl.Diagnostics) error {
	out := struct {
		Valid       bool             `json:"valid"`
		Diagnostics []JSONDiagnostic `json:"diagnostics"`
	}{Valid: !diags.HasErrors(), Diagnostics: []JSONDiagnostic{}}
	for _, d := range diags {
		jd := JSONDiagnostic{Severity: severity(d), Summary: d.Summary, Detail: d.Detail}
		if r := d.Subject; r != nil {
			jd.Range = &JSONRange{
				Filename: r.Filename,
				Start:    JSONPos{r.Start.Line, r.Start.Column, r.Start.Byte},
				End:      JSONPos{r.End.Line, r.End.Column, r.End.Byte},
			}
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// printable makes a source line safe for a terminal: tabs become
// spaces, and control characters and invalid bytes become "?", one for
// one, so the caret below still lines up.
func printable(line string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(line, "\uFFFD") {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == '\uFFFD' || unicode.IsControl(r):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
