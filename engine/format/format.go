package format

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/open-policy-agent/opa/v1/ast"
	regofmt "github.com/open-policy-agent/opa/v1/format"
)

// SyntaxError reports that a file does not parse and so was not
// formatted. Diagnostics holds every problem found, each with a subject
// range naming the file, line and column.
type SyntaxError struct {
	Diagnostics hcl.Diagnostics
}

// Error returns the first problem as "file:line:col: summary: detail",
// followed by how many more there are.
func (e *SyntaxError) Error() string {
	if len(e.Diagnostics) == 0 {
		return "syntax error"
	}
	d := e.Diagnostics[0]
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	if d.Subject != nil {
		s := d.Subject
		msg = fmt.Sprintf("%s:%d:%d: %s", s.Filename, s.Start.Line, s.Start.Column, msg)
	}
	if n := len(e.Diagnostics) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// Supported reports whether File formats the file at path: HCL measure
// files (*.hcl, tests included) and Rego policies (*.rego).
func Supported(path string) bool {
	switch filepath.Ext(path) {
	case ".hcl", ".rego":
		return true
	}
	return false
}

// File formats src, the content of the file at path, choosing the
// formatter by the extension: HCL for .hcl, Rego for .rego. Other files
// are returned unchanged.
func File(path string, src []byte) ([]byte, error) {
	switch filepath.Ext(path) {
	case ".hcl":
		return HCL(path, src)
	case ".rego":
		return Rego(path, src)
	}
	return src, nil
}

// HCL returns src in canonical HCL layout: hclwrite's indentation,
// spacing and alignment, no blank lines at the start or the end, at most
// one blank line in a row, and a final newline. Heredoc and quoted
// string contents are left as written. When src is not UTF-8 or does
// not parse, HCL returns a *SyntaxError and no text; name is the file
// name it reports.
func HCL(name string, src []byte) ([]byte, error) {
	// The parser misses some invalid bytes, such as one just before a
	// newline and more text, so check the encoding first.
	if d := badEncoding(name, src); d != nil {
		return nil, &SyntaxError{Diagnostics: hcl.Diagnostics{d}}
	}
	if _, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); diags.HasErrors() {
		return nil, &SyntaxError{Diagnostics: diags}
	}
	// Tidy first: hclwrite then drops the spaces before the newline
	// that tidying may add at the end.
	return hclwrite.Format(tidyBlankLines(src)), nil
}

// badEncoding returns a diagnostic at the first byte of src that is not
// UTF-8, or nil when src is valid UTF-8.
func badEncoding(name string, src []byte) *hcl.Diagnostic {
	if utf8.Valid(src) {
		return nil
	}
	pos := hcl.Pos{Line: 1, Column: 1}
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		pos.Byte += size
		pos.Column++
		if r == '\n' {
			pos.Line++
			pos.Column = 1
		}
		src = src[size:]
	}
	end := pos
	end.Column++
	end.Byte++
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid character encoding",
		Detail:   "Measure files must be UTF-8 encoded.",
		Subject:  &hcl.Range{Filename: name, Start: pos, End: end},
	}
}

// tidyBlankLines drops the blank lines at the start and the end of src,
// collapses runs of blank lines into one and ends src with a newline.
// Only lines whose newline is an HCL newline token count as blank, so
// the blank lines inside heredocs and block comments stay.
func tidyBlankLines(src []byte) []byte {
	newlines := newlineTokens(src)
	out := make([]byte, 0, len(src)+1)
	pending := false // a blank line waits for the next line of text
	for start := 0; start < len(src); {
		end := len(src)
		if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		line := src[start:end]
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		blank := len(bytes.TrimSpace(line)) == 0 && (end == len(src) || newlines[start+indent])
		switch {
		case blank:
			pending = len(out) > 0
		default:
			if pending {
				out = append(out, '\n')
				pending = false
			}
			out = append(out, line...)
		}
		start = end
	}
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return out
}

// newlineTokens marks the byte offsets in src where an HCL newline
// token starts.
func newlineTokens(src []byte) []bool {
	marks := make([]bool, len(src)+1)
	tokens, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	for _, t := range tokens {
		if t.Type == hclsyntax.TokenNewline {
			marks[t.Range.Start.Byte] = true
		}
	}
	return marks
}

// Rego returns src in the canonical layout of OPA's formatter for Rego
// v1. When src does not parse as Rego v1 (a rule body without "if", a
// multi-value rule without "contains"), Rego returns a *SyntaxError and
// no text; name is the file name it reports.
func Rego(name string, src []byte) ([]byte, error) {
	out, err := regofmt.SourceWithOpts(name, src, regofmt.Opts{RegoVersion: ast.RegoV1})
	if err == nil {
		return out, nil
	}
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return nil, fmt.Errorf("formatting %s: %w", name, err)
	}
	return nil, &SyntaxError{Diagnostics: regoDiagnostics(name, errs)}
}

// regoDiagnostics turns OPA's errors into diagnostics in file name.
func regoDiagnostics(name string, errs ast.Errors) hcl.Diagnostics {
	diags := make(hcl.Diagnostics, 0, len(errs))
	for _, e := range errs {
		pos := hcl.Pos{Line: 1, Column: 1}
		if e.Location != nil && e.Location.Row > 0 {
			pos = hcl.Pos{Line: e.Location.Row, Column: max(e.Location.Col, 1), Byte: e.Location.Offset}
		}
		end := pos
		end.Column++
		end.Byte++
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Rego parse error",
			Detail:   e.Message + ".",
			Subject:  &hcl.Range{Filename: name, Start: pos, End: end},
		})
	}
	return diags
}
