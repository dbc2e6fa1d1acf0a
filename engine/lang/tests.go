package lang

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// Test pins a measure's verdict on known evidence: a unit test for a
// measure, written in a *_test.hcl file beside it.
type Test struct {
	Name     string
	Measure  string
	AsOf     time.Time
	Params   map[string]any
	Evidence []TestEvidence
	Expect   Expectation

	File         string
	DeclRange    hcl.Range
	MeasureRange hcl.Range
}

// TestEvidence is what one source yields in a test: inline records, or
// files decoded as the file plugin would.
type TestEvidence struct {
	Source  string
	Records []any    // inline records; nil when Files is used
	Files   []string // resolved against the test file's folder
	Range   hcl.Range
}

// Expectation is a test's expected verdict.
type Expectation struct {
	Status    string
	Value     *float64
	Tolerance float64
	Findings  *int
}

var testFileSchema = &hcl.BodySchema{Blocks: named("test")}

var testSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"measure"}, "as_of", "params"),
	Blocks:     append(named("evidence"), single("expect")...),
}

var testEvidenceSchema = &hcl.BodySchema{Attributes: attrs(nil, "records", "files")}

var expectSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"status"}, "value", "tolerance", "findings"),
}

// DefaultTestAsOf is the as-of time of a test that names none, so that
// tests never read the clock.
var DefaultTestAsOf = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// LoadTests reads every *_test.hcl file under paths (files or folders).
func LoadTests(paths []string) ([]*Test, map[string]*hcl.File, hcl.Diagnostics) {
	names, err := testFiles(paths)
	if err != nil {
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read tests", Detail: err.Error()}}
	}
	parser := hclparse.NewParser()
	var tests []*Test
	var diags hcl.Diagnostics
	for _, name := range names {
		f, pdiags := parser.ParseHCLFile(name)
		diags = append(diags, pdiags...)
		if f == nil || pdiags.HasErrors() {
			continue
		}
		d := &decoder{src: f.Bytes}
		content, cdiags := f.Body.Content(testFileSchema)
		d.diags = append(d.diags, cdiags...)
		for _, b := range content.Blocks {
			tests = append(tests, d.test(b, name))
		}
		diags = append(diags, d.diags...)
	}
	return tests, parser.Files(), diags
}

func testFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			if strings.HasSuffix(p, "_test.hcl") {
				out = append(out, p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(path, "_test.hcl") {
				out = append(out, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return dedupe(out), nil
}

func (d *decoder) test(b *hcl.Block, file string) *Test {
	t := &Test{Name: b.Labels[0], File: file, DeclRange: b.DefRange, AsOf: DefaultTestAsOf, Params: map[string]any{}}
	content := d.content(b.Body, testSchema)
	a := content.Attributes
	t.Measure = d.str(a, "measure")
	if attr, ok := a["measure"]; ok {
		t.MeasureRange = attr.Expr.Range()
	}
	if attr, ok := a["as_of"]; ok {
		at, err := time.Parse(time.RFC3339, d.str(a, "as_of"))
		if err != nil {
			d.errorf(attr.Expr.Range(), "Invalid as_of", "as_of must be an RFC 3339 time such as 2026-12-01T00:00:00Z.")
		}
		t.AsOf = at
	}
	if attr, ok := a["params"]; ok {
		t.Params = d.objectValue(attr)
	}
	expectSeen := false
	for _, blk := range content.Blocks {
		switch blk.Type {
		case "evidence":
			t.Evidence = append(t.Evidence, d.testEvidence(blk, filepath.Dir(file)))
		case "expect":
			if expectSeen {
				d.duplicateBlock(blk)
				continue
			}
			expectSeen = true
			t.Expect = d.expect(blk)
		}
	}
	if !expectSeen {
		d.errorf(b.DefRange, "Missing expect block", "Test %q needs an expect block.", t.Name)
	}
	return t
}

// objectValue reads an attribute holding an object, such as params.
func (d *decoder) objectValue(attr *hcl.Attribute) map[string]any {
	val, diags := attr.Expr.Value(nil)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return map[string]any{}
	}
	g, err := goValue(val)
	m, ok := g.(map[string]any)
	if err != nil || !ok {
		d.errorf(attr.Expr.Range(), "Incorrect attribute value type", "The %s attribute must be an object such as { sla_days = 14 }.", attr.Name)
		return map[string]any{}
	}
	return m
}

func (d *decoder) testEvidence(b *hcl.Block, dir string) TestEvidence {
	te := TestEvidence{Source: b.Labels[0], Range: b.DefRange}
	content := d.content(b.Body, testEvidenceSchema)
	recs, hasRecs := content.Attributes["records"]
	_, hasFiles := content.Attributes["files"]
	switch {
	case hasRecs && hasFiles:
		d.errorf(b.DefRange, "Conflicting evidence", "Test evidence takes records or files, not both.")
	case hasRecs:
		te.Records = d.records(recs)
	case hasFiles:
		for _, f := range d.strList(content.Attributes, "files") {
			te.Files = append(te.Files, filepath.Join(dir, f))
		}
	default:
		te.Records = []any{}
	}
	return te
}

func (d *decoder) records(attr *hcl.Attribute) []any {
	val, diags := attr.Expr.Value(nil)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return []any{}
	}
	if !val.Type().IsTupleType() && !val.Type().IsListType() {
		d.errorf(attr.Expr.Range(), "Incorrect attribute value type", "records must be a list of objects, such as [{ severity = \"HIGH\" }].")
		return []any{}
	}
	g, err := goValue(val)
	if err != nil {
		d.errorf(attr.Expr.Range(), "Invalid records", "%v.", err)
		return []any{}
	}
	list, _ := g.([]any)
	if list == nil {
		list = []any{}
	}
	return list
}

func (d *decoder) expect(b *hcl.Block) Expectation {
	content := d.content(b.Body, expectSchema)
	a := content.Attributes
	e := Expectation{
		Status: d.enum(a, "status", "", "pass", "warn", "fail", "no_data", "error", "waived"),
		Value:  d.number(a, "value"),
	}
	if tol := d.number(a, "tolerance"); tol != nil {
		e.Tolerance = *tol
	}
	if n := d.number(a, "findings"); n != nil {
		i := int(*n)
		e.Findings = &i
	}
	return e
}

// CheckTests reports tests that name a measure the module lacks, or
// give evidence for a source the measure does not use.
func (mod *Module) CheckTests(tests []*Test) hcl.Diagnostics {
	var diags hcl.Diagnostics
	byID := map[string]*Measure{}
	var ids []string
	for _, m := range mod.Measures {
		byID[m.ID] = m
		ids = append(ids, m.ID)
	}
	names := map[string]*Test{}
	for _, t := range tests {
		key := t.Measure + "/" + t.Name
		if prev, dup := names[key]; dup {
			diags = append(diags, duplicate("test", key, t.DeclRange, prev.DeclRange))
		}
		names[key] = t
		m := byID[t.Measure]
		if m == nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Test of unknown measure",
				Detail: fmt.Sprintf("Test %q names measure %q, which is not loaded.%s", t.Name, t.Measure, Suggest(t.Measure, ids)), Subject: t.MeasureRange.Ptr()})
			continue
		}
		diags = append(diags, checkTestEvidence(t, m)...)
	}
	return diags
}

func checkTestEvidence(t *Test, m *Measure) hcl.Diagnostics {
	var diags hcl.Diagnostics
	uses := map[string]bool{}
	for _, ref := range m.Evidence {
		uses[ref.Name] = true
	}
	given := map[string]bool{}
	for _, te := range t.Evidence {
		given[te.Source] = true
		if !uses[te.Source] {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Evidence for an unused source",
				Detail: fmt.Sprintf("Test %q gives evidence for source %q, which measure %s does not use.", t.Name, te.Source, m.ID), Subject: te.Range.Ptr()})
		}
	}
	for _, ref := range m.Evidence {
		if !given[ref.Name] {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing test evidence",
				Detail: fmt.Sprintf("Test %q gives no evidence for source %q, which measure %s uses; give records = [] for none.", t.Name, ref.Name, m.ID), Subject: t.DeclRange.Ptr()})
		}
	}
	return diags
}
