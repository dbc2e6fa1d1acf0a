package policy

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/assay-dev/assay/engine/lang"
)

// Module is one Rego module: a file, or text inline in a measure file.
type Module struct {
	Name   string     // the file path, or a name made up for inline text
	Text   string     // the module's source
	Inline *lang.Expr // where inline text sits in the measure file; nil for files
}

// ReadModule reads a module file.
func ReadModule(path string) (Module, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Module{}, err
	}
	return Module{Name: path, Text: string(b)}, nil
}

// Compiler holds every module of a run, compiled together.
type Compiler struct {
	c    *ast.Compiler
	caps *ast.Capabilities
}

// ReadsLocations reports whether any module may read input.locations:
// it refers to input.locations, or to input as a whole. Building the
// locations of a large source costs time, so a run does it only then.
func (c *Compiler) ReadsLocations() bool {
	found := false
	for _, m := range c.c.Modules {
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if !r[0].Equal(ast.InputRootDocument) {
				return false
			}
			if len(r) == 1 || r[1].Equal(ast.StringTerm("locations")) {
				found = true
			}
			return found
		})
		if found {
			return true
		}
	}
	return false
}

// Compile parses and compiles modules in Rego v1 syntax. Diagnostics
// point into the .rego file, or into the measure file for inline text.
func Compile(mods []Module) (*Compiler, hcl.Diagnostics) {
	parsed := map[string]*ast.Module{}
	byName := map[string]Module{}
	var diags hcl.Diagnostics
	for _, m := range mods {
		if _, dup := parsed[m.Name]; dup {
			continue
		}
		pm, err := ast.ParseModuleWithOpts(m.Name, m.Text, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			diags = append(diags, regoDiags("Rego parse error", err, m)...)
			continue
		}
		parsed[m.Name] = pm
		byName[m.Name] = m
	}
	if diags.HasErrors() {
		return nil, diags
	}
	caps := capabilities()
	c := ast.NewCompiler().WithCapabilities(caps)
	c.Compile(parsed)
	if c.Failed() {
		for _, e := range c.Errors {
			m := byName[locFile(e)]
			diags = append(diags, regoDiag("Rego compile error", e, m))
		}
		return nil, diags
	}
	return &Compiler{c: c, caps: caps}, nil
}

func locFile(e *ast.Error) string {
	if e.Location == nil {
		return ""
	}
	return e.Location.File
}

func regoDiags(summary string, err error, m Module) hcl.Diagnostics {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: err.Error(), Subject: moduleStart(m).Ptr()}}
	}
	var diags hcl.Diagnostics
	for _, e := range errs {
		diags = append(diags, regoDiag(summary, e, m))
	}
	return diags
}

func regoDiag(summary string, e *ast.Error, m Module) *hcl.Diagnostic {
	rng := moduleStart(m)
	if e.Location != nil && e.Location.Row > 0 {
		rng = positionIn(m, e.Location.Row, e.Location.Col)
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: e.Message + ".", Subject: rng.Ptr()}
}

func moduleStart(m Module) hcl.Range {
	if m.Inline != nil {
		return m.Inline.Range
	}
	p := hcl.Pos{Line: 1, Column: 1}
	return hcl.Range{Filename: m.Name, Start: p, End: p}
}

// positionIn maps a Rego row and 1-based column to a file range.
func positionIn(m Module, row, col int) hcl.Range {
	if m.Inline != nil {
		return m.Inline.RangeAt(row, col-1)
	}
	start := hcl.Pos{Line: row, Column: max(col, 1), Byte: byteOffset(m.Text, row, col)}
	end := start
	end.Column++
	end.Byte++
	return hcl.Range{Filename: m.Name, Start: start, End: end}
}

func byteOffset(text string, row, col int) int {
	off := 0
	for r := 1; r < row; r++ {
		nl := strings.IndexByte(text[off:], '\n')
		if nl < 0 {
			return len(text)
		}
		off += nl + 1
	}
	return min(off+max(col-1, 0), len(text))
}

// Query is a prepared Rego query. It is safe for concurrent use.
type Query struct {
	Text string
	pq   rego.PreparedEvalQuery
}

// Prepare checks that query is a reference into data that names a rule
// of some loaded module, and prepares it. A misspelt package or rule is
// a diagnostic at rng, not a query that quietly finds nothing.
func (c *Compiler) Prepare(ctx context.Context, query string, rng hcl.Range) (*Query, hcl.Diagnostics) {
	ref, err := ast.ParseRef(query)
	if err != nil || !ref.HasPrefix(ast.DefaultRootRef) || len(ref) < 2 {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid policy query",
			Detail: fmt.Sprintf("The query %q must be a reference into data, such as data.assay.vulnerability.overdue.", query), Subject: rng.Ptr()}}
	}
	if len(c.c.GetRules(ref)) == 0 {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Policy query names no rule",
			Detail: fmt.Sprintf("No loaded module defines %s.%s", query, c.suggestPackage(ref)), Subject: rng.Ptr()}}
	}
	pq, err := rego.New(
		rego.Query(query),
		rego.Compiler(c.c),
		rego.Capabilities(c.caps),
		rego.StrictBuiltinErrors(true),
		rego.SetRegoVersion(ast.RegoV1),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot prepare policy query", Detail: err.Error(), Subject: rng.Ptr()}}
	}
	return &Query{Text: query, pq: pq}, nil
}

// suggestPackage lists the loaded packages, and the closest rule, to
// help with a misspelling.
func (c *Compiler) suggestPackage(ref ast.Ref) string {
	var pkgs, rules []string
	seen := map[string]bool{}
	for _, m := range c.c.Modules {
		p := m.Package.Path.String()
		if !seen[p] {
			seen[p] = true
			pkgs = append(pkgs, p)
		}
		for _, r := range m.Rules {
			rules = append(rules, p+"."+r.Head.Ref().String())
		}
	}
	if len(pkgs) == 0 {
		return " No Rego modules are loaded."
	}
	sort.Strings(pkgs)
	sort.Strings(rules) // modules come from a map: order them for a stable suggestion
	return fmt.Sprintf(" Loaded packages: %s.%s", strings.Join(pkgs, ", "), lang.Suggest(ref.String(), rules))
}
