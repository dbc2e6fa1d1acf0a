package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/verdict"
	"github.com/assay-dev/assay/engine/verdict/verdicttest"
	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/file"
)

var asOf = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// fixture is a folder of measure, policy and evidence files.
type fixture map[string]string

func (f fixture) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range f {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func compileDir(t testing.TB, dir string) (*engine.Set, hcl.Diagnostics) {
	t.Helper()
	mod, diags := lang.Load([]string{filepath.Join(dir, "m.hcl")})
	if diags.HasErrors() {
		return nil, diags
	}
	return engine.Compile(context.Background(), mod, engine.Options{Plugins: plugins.Registry{"file": file.Plugin{}}})
}

// evaluate compiles, collects and evaluates a fixture at asOf.
func evaluate(t *testing.T, f fixture, opts engine.EvalOptions) *verdict.Report {
	t.Helper()
	set, diags := compileDir(t, f.write(t))
	if diags.HasErrors() {
		t.Fatalf("Compile: %s", diags.Error())
	}
	ev, err := set.Collect(context.Background())
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = asOf
	}
	rep, err := set.Evaluate(context.Background(), ev, opts)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	verdicttest.CheckReport(t, rep)
	return rep
}

// measureHCL builds a file with one source over evidence file ev and
// one measure whose body is given.
func measureHCL(ev, body string) string {
	return fmt.Sprintf(`source "s" {
  plugin = "file"
  config {
    paths = [%q]
  }
}

measure "M-1" {
  title            = "t"
  information_need = "n"
  type             = "performance"
  evidence         = [source.s]
%s
}
`, ev, body)
}

// countMeasure counts the records for which pred holds, and passes when
// the count equals want.
func countMeasure(pred string, want int) string {
	return fmt.Sprintf(`
  base_measure "n" {
    expr = "evidence.s.filter(r, %s).size()"
  }
  indicator {
    expr = "n"
  }
  decision {
    pass = "value == %d.0"
  }`, pred, want)
}

func only(t *testing.T, rep *verdict.Report) verdict.Verdict {
	t.Helper()
	if len(rep.Verdicts) != 1 {
		t.Fatalf("got %d verdicts, want 1", len(rep.Verdicts))
	}
	return rep.Verdicts[0]
}

func wantValue(t *testing.T, v verdict.Verdict, status verdict.Status, value float64) {
	t.Helper()
	if v.Status != status {
		t.Fatalf("%s status = %s (%s %v), want %s", v.Measure, v.Status, v.Reason, v.Errors, status)
	}
	if v.Value == nil || *v.Value != value {
		t.Fatalf("%s value = %v, want %v", v.Measure, v.Value, value)
	}
}

func TestIntegersCompareAsWritten(t *testing.T) {
	ev := `[{"n": 1, "big": 9007199254740993}, {"n": 7, "big": 1}, {"n": 1.5, "big": 2}]`
	tests := []struct {
		name string
		pred string
		want int
	}{
		{"equal to an int literal", "r.n == 1", 1},
		{"greater than an int literal", "r.n > 5", 1},
		{"double against int", "r.n == 1.5", 1},
		{"large integer keeps precision", "r.big == 9007199254740993", 1},
		{"large integer is not its float neighbour", "r.big == 9007199254740992", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", countMeasure(tc.pred, tc.want)), "e.json": ev}, engine.EvalOptions{})
			wantValue(t, only(t, rep), verdict.Pass, float64(tc.want))
		})
	}
}

// TestMixedArithmeticHint checks that adding an int to a double from
// the evidence, which CEL refuses, says what to write instead.
func TestMixedArithmeticHint(t *testing.T) {
	rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", countMeasure("r.n + 1 > 2", 1)), "e.json": `[{"n": 1.5}]`}, engine.EvalOptions{})
	v := only(t, rep)
	if v.Status != verdict.Error || !strings.Contains(v.Reason, "double(x)") {
		t.Errorf("status = %s, reason %q; want error with a double(x) hint", v.Status, v.Reason)
	}
	rep = evaluate(t, fixture{"m.hcl": measureHCL("e.json", countMeasure("double(r.n) + 1.0 == 2.5", 1)), "e.json": `[{"n": 1.5}]`}, engine.EvalOptions{})
	wantValue(t, only(t, rep), verdict.Pass, 1)
	rep = evaluate(t, fixture{"m.hcl": measureHCL("e.json", countMeasure("r.n + 1 == 8", 1)), "e.json": `[{"n": 7}, {"n": 2}]`}, engine.EvalOptions{})
	wantValue(t, only(t, rep), verdict.Pass, 1)
}

func TestIntegersCompareInRego(t *testing.T) {
	body := `
  policy "ones" {
    rego = <<-REGO
      package t
      ones contains r.id if {
        some r in input.evidence.s
        r.n == 1
      }
      over5 := count([r | some r in input.evidence.s; r.n > 5])
    REGO
    query = "data.t.ones"
  }
  policy "over5" {
    rego  = "package t2\nimport data.t\nn := t.over5"
    query = "data.t2.n"
  }
  base_measure "ones" {
    expr = "size(policy.ones)"
  }
  base_measure "over5" {
    expr = "policy.over5"
  }
  indicator {
    expr = "ones * 10.0 + over5"
  }
  decision {
    pass = "value == 21.0"
  }`
	ev := `[{"id": "a", "n": 1}, {"id": "b", "n": 7}, {"id": "c", "n": 1}]`
	rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body), "e.json": ev}, engine.EvalOptions{})
	// ones = {a, c} = 2, over5 = 1 (b): 2*10 + 1 = 21.
	wantValue(t, only(t, rep), verdict.Pass, 21)
}

func TestYAMLDocumentsAndStrings(t *testing.T) {
	ev := "kind: A\nflag: on\n---\nkind: B\nflag: no\n---\nkind: C\nflag: yes\n---\n"
	rep := evaluate(t, fixture{
		"m.hcl":  measureHCL("e.yaml", countMeasure("r.flag in ['on', 'no', 'yes']", 3)),
		"e.yaml": ev,
	}, engine.EvalOptions{})
	// Three documents, each flag a string; the trailing --- adds none.
	wantValue(t, only(t, rep), verdict.Pass, 3)
}

func TestCSVByteOrderMarkAndQuotedNewline(t *testing.T) {
	ev := "\ufeffname,note\nalice,\"two\nlines\"\nbob,plain\n"
	rep := evaluate(t, fixture{
		"m.hcl": measureHCL("e.csv", countMeasure(`has(r.name) && r.note.contains('\\n')`, 1)),
		"e.csv": ev,
	}, engine.EvalOptions{})
	// The header's first name is "name", not "\ufeffname"; alice's note
	// keeps its newline and is one field, so 2 rows, 1 with a newline.
	wantValue(t, only(t, rep), verdict.Pass, 1)
}

func TestNoData(t *testing.T) {
	allMeasure := `
  base_measure "ok" {
    expr = "evidence.s.all(r, r.ok) ? 1 : 0"
  }
  indicator {
    expr = "100.0 * ok"
  }
  decision {
    pass = "value == 100.0"
  }`
	ratioMeasure := `
  base_measure "bad" {
    expr = "evidence.s.filter(r, !r.ok).size()"
  }
  base_measure "total" {
    expr = "evidence.s.filter(r, r.scope).size()"
  }
  derived_measure "share" {
    expr = "100.0 * (1.0 - bad / total)"
  }
  indicator {
    expr = "share"
  }
  decision {
    pass = "value >= 0.0"
  }`
	tests := []struct {
		name   string
		ev     string
		body   string
		reason string
	}{
		{"all over an empty list", `[]`, allMeasure, "source s has no records"},
		{"empty file", ``, allMeasure, "source s has no records"},
		{"zero denominator", `[{"ok": true, "scope": false}]`, ratioMeasure, "the indicator has no finite value: a zero denominator"},
		{"indicator with no value", `[{"ok": true}]`, strings.Replace(allMeasure, `expr = "100.0 * ok"`, `expr = "ok > 0.0 ? optional.none() : optional.of(1.0)"`, 1), "indicator gave no value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", tc.body), "e.json": tc.ev}, engine.EvalOptions{})
			v := only(t, rep)
			if v.Status != verdict.NoData || v.Value != nil || !strings.Contains(v.Reason, tc.reason) {
				t.Errorf("status = %s, value %v, reason %q; want no_data, no value, reason with %q", v.Status, v.Value, v.Reason, tc.reason)
			}
			out, err := json.Marshal(rep)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			if bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf")) {
				t.Errorf("report JSON holds a non-finite number: %s", out)
			}
		})
	}
}

// TestRatioWithoutValue checks that a derived measure with a zero
// denominator is recorded without a value, and that the measure still
// has a verdict when its indicator does not depend on it.
func TestRatioWithoutValue(t *testing.T) {
	body := `
  base_measure "users" {
    expr = "evidence.s.filter(r, r.user).size()"
  }
  base_measure "root_mfa" {
    expr = "evidence.s.filter(r, !r.user && r.mfa).size()"
  }
  derived_measure "user_share" {
    expr = "100.0 * users / users"
  }
  indicator {
    expr = "100.0 * root_mfa"
  }
  decision {
    pass = "value == 100.0"
  }`
	// One root row with MFA and no users: users = 0, so user_share is
	// 0/0 and has no value; the indicator is 100 * 1 = 100.
	v := only(t, evaluate(t, fixture{"m.hcl": measureHCL("e.json", body), "e.json": `[{"user": false, "mfa": true}]`}, engine.EvalOptions{}))
	wantValue(t, v, verdict.Pass, 100)
	share := v.Derived["user_share"]
	if share.Value != nil || share.Note != "no finite value: a zero denominator" {
		t.Errorf("user_share = %+v, want no value and a note", share)
	}
}

func TestAllowEmptyEvidence(t *testing.T) {
	body := `
  allow_empty_evidence = true
  base_measure "open" {
    expr = "size(evidence.s)"
  }
  indicator {
    expr = "open"
  }
  decision {
    pass = "value == 0.0"
  }`
	rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body), "e.json": `[]`}, engine.EvalOptions{})
	wantValue(t, only(t, rep), verdict.Pass, 0)
}

func TestDecisionBranches(t *testing.T) {
	body := func(n int) string {
		return fmt.Sprintf(`
  param "n" {
    default = %d
  }
  base_measure "n" {
    expr = "params.n"
  }
  indicator {
    expr   = "n"
    target = 10
  }
  decision {
    pass = "value >= target"
    warn = "value >= 5.0"
  }`, n)
	}
	for _, tc := range []struct {
		n      int
		status verdict.Status
		expr   string
	}{{12, verdict.Pass, "value >= target"}, {7, verdict.Warn, "value >= 5.0"}, {2, verdict.Fail, ""}} {
		rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body(tc.n)), "e.json": `{}`}, engine.EvalOptions{})
		v := only(t, rep)
		if v.Status != tc.status || v.Decision.Matched != string(tc.status) || v.Decision.Expr != tc.expr {
			t.Errorf("n=%d: status %s matched %q expr %q, want %s %q", tc.n, v.Status, v.Decision.Matched, v.Decision.Expr, tc.status, tc.expr)
		}
	}
}

func TestParamsOverride(t *testing.T) {
	body := `
  param "limit" {
    default = 5
  }
  base_measure "over" {
    expr = "evidence.s.filter(r, r.n > params.limit).size()"
  }
  indicator {
    expr = "over"
  }
  decision {
    pass = "value == 0.0"
  }`
	f := fixture{"m.hcl": measureHCL("e.json", body), "e.json": `[{"n": 3}, {"n": 8}]`}
	wantValue(t, only(t, evaluate(t, f, engine.EvalOptions{})), verdict.Fail, 1)
	over := map[string]map[string]any{"M-1": {"limit": "10"}}
	rep := evaluate(t, f, engine.EvalOptions{Params: over})
	v := only(t, rep)
	wantValue(t, v, verdict.Pass, 0)
	if plain := evaluate(t, f, engine.EvalOptions{}); plain.Run.ID == rep.Run.ID {
		t.Errorf("runs with other parameters share the ID %s", rep.Run.ID)
	}
	if v.Params["limit"] != int64(10) {
		t.Errorf("params = %v, want limit 10 as an integer", v.Params)
	}
	set, _ := compileDir(t, f.write(t))
	ev, _ := set.Collect(context.Background())
	for _, bad := range []map[string]map[string]any{
		{"M-2": {"limit": "1"}},
		{"M-1": {"nope": "1"}},
		{"M-1": {"limit": "many"}},
	} {
		if _, err := set.Evaluate(context.Background(), ev, engine.EvalOptions{AsOf: asOf, Params: bad}); err == nil {
			t.Errorf("Evaluate(params %v) succeeded, want an error", bad)
		}
	}
}

// TestFailuresStayLocal runs a measure that errors beside one that
// passes: the error is reported and the other still evaluates.
func TestFailuresStayLocal(t *testing.T) {
	text := measureHCL("e.json", countMeasure("r.n == 1", 1)) + `
measure "M-2" {
  title            = "t"
  information_need = "n"
  type             = "performance"
  evidence         = [source.s]
  base_measure "x" {
    expr = "evidence.s[0].missing"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }
}

measure "M-3" {
  title            = "t"
  information_need = "n"
  type             = "performance"
  evidence         = [source.s]
  policy "slow" {
    rego  = "package slow\nn := count([x | some i in numbers.range(1, 100000000); x := i])"
    query = "data.slow.n"
  }
  base_measure "x" {
    expr = "policy.slow"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }
}

measure "M-4" {
  title            = "t"
  information_need = "n"
  type             = "performance"
  evidence         = [source.s]
  policy "strict" {
    rego  = "package strict\nn := to_number(\"abc\")"
    query = "data.strict.n"
  }
  base_measure "x" {
    expr = "policy.strict"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }
}
`
	rep := evaluate(t, fixture{"m.hcl": text, "e.json": `[{"n": 1}]`}, engine.EvalOptions{Timeout: 200 * time.Millisecond})
	want := map[string]struct {
		status verdict.Status
		reason string
	}{
		"M-1": {verdict.Pass, ""},
		"M-2": {verdict.Error, "no such key: missing"},
		"M-3": {verdict.Error, "deadline exceeded"},
		"M-4": {verdict.Error, "to_number"},
	}
	for _, v := range rep.Verdicts {
		w := want[v.Measure]
		if v.Status != w.status || !strings.Contains(v.Reason, w.reason) {
			t.Errorf("%s = %s %q, want %s with %q", v.Measure, v.Status, v.Reason, w.status, w.reason)
		}
	}
	if rep.Summary.Pass != 1 || rep.Summary.Error != 3 || rep.Summary.Total != 4 {
		t.Errorf("summary = %+v, want 1 pass and 3 errors of 4", rep.Summary)
	}
}

func TestPolicyFindings(t *testing.T) {
	body := `
  policy "open" {
    rego = <<-REGO
      package fw
      findings contains {"msg": sprintf("%s is open to the internet", [r.name]), "resource": r.name} if {
        some r in input.evidence.s
        r.cidr == "0.0.0.0/0"
      }
    REGO
    query = "data.fw.findings"
  }
  base_measure "open" {
    expr = "size(policy.open)"
  }
  indicator {
    expr   = "open"
    better = "lower"
  }
  decision {
    pass = "value == 0.0"
  }`
	ev := `[{"name": "b", "cidr": "0.0.0.0/0"}, {"name": "a", "cidr": "0.0.0.0/0"}, {"name": "c", "cidr": "10.0.0.0/8"}]`
	v := only(t, evaluate(t, fixture{"m.hcl": measureHCL("e.json", body), "e.json": ev}, engine.EvalOptions{}))
	wantValue(t, v, verdict.Fail, 2)
	// A Rego set comes back sorted, so a precedes b.
	want := []verdict.Finding{
		{Policy: "open", Message: "a is open to the internet", Resource: "a"},
		{Policy: "open", Message: "b is open to the internet", Resource: "b"},
	}
	if fmt.Sprint(v.Findings) != fmt.Sprint(want) {
		t.Errorf("findings = %v, want %v", v.Findings, want)
	}
}

// TestCompileDiagnostics checks the errors found after loading: in CEL,
// in Rego and in plugin configs, with their positions.
func TestCompileDiagnostics(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		files   fixture
		summary string
		file    string
		line    int
		col     int
		detail  string
	}{
		{name: "CEL syntax error", body: `
  base_measure "x" {
    expr = "size(evidence.s"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "CEL syntax error", file: "m.hcl", line: 15, col: 28},
		{name: "CEL type error", body: `
  base_measure "x" {
    expr = "'a' + 1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "CEL type error", file: "m.hcl", line: 15, col: 17, detail: "'_+_' applied to '(string, int)'"},
		{name: "CEL type error in heredoc", body: `
  base_measure "x" {
    expr = <<-CEL
      evidence.s
        .filter(r, r.ok)
        .size() + 'x'
    CEL
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "CEL type error", file: "m.hcl", line: 18, col: 17},
		{name: "unknown evidence source in CEL", body: `
  base_measure "x" {
    expr = "size(evidence.other)"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "Unknown name", file: "m.hcl", line: 15, col: 26, detail: "evidence.other"},
		{name: "base reads a measure", body: `
  base_measure "x" {
    expr = "1"
  }
  base_measure "y" {
    expr = "x + 1.0"
  }
  indicator {
    expr = "y"
  }
  decision {
    pass = "true"
  }`, summary: "Base measure reads a measure", file: "m.hcl", line: 18, col: 13},
		{name: "decision not bool", body: `
  base_measure "x" {
    expr = "1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "value + 1.0"
  }`, summary: "Wrong result type", file: "m.hcl", line: 21, col: 12},
		{name: "derived cycle", body: `
  base_measure "x" {
    expr = "1"
  }
  derived_measure "a" {
    expr = "b + x"
  }
  derived_measure "b" {
    expr = "a * 2.0"
  }
  indicator {
    expr = "a"
  }
  decision {
    pass = "true"
  }`, summary: "Cycle between derived measures", file: "m.hcl", line: 17, col: 3, detail: "a → b → a"},
		{name: "misspelt policy package", body: `
  policy "p" {
    module = "p.rego"
    query  = "data.assay.vulnerabilty.open"
  }
  base_measure "x" {
    expr = "size(policy.p)"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, files: fixture{"p.rego": "package assay.vulnerability\n\nopen contains 1 if true\n"},
			summary: "Policy query names no rule", file: "m.hcl", line: 16, col: 14, detail: `Did you mean "data.assay.vulnerability.open"?`},
		{name: "Rego parse error", body: `
  policy "p" {
    module = "p.rego"
    query  = "data.p.x"
  }
  base_measure "x" {
    expr = "1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, files: fixture{"p.rego": "package p\n\nx := [1, 2\n"},
			summary: "Rego parse error", file: "p.rego", line: 4},
		{name: "Rego inline parse error", body: `
  policy "p" {
    rego  = <<-REGO
      package p
      x := {
    REGO
    query = "data.p.x"
  }
  base_measure "x" {
    expr = "1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "Rego parse error", file: "m.hcl", line: 18},
		{name: "network builtin removed", body: `
  policy "p" {
    rego  = "package p\nx := http.send({\"method\": \"get\", \"url\": \"http://x\"})"
    query = "data.p.x"
  }
  base_measure "x" {
    expr = "1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "Rego compile error", file: "m.hcl", line: 15, detail: "http.send"},
		{name: "clock builtin removed", body: `
  policy "p" {
    rego  = "package p\nx := time.now_ns()"
    query = "data.p.x"
  }
  base_measure "x" {
    expr = "1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "Rego compile error", file: "m.hcl", line: 15, detail: "time.now_ns"},
		{name: "nondeterministic builtin removed", body: `
  policy "p" {
    rego  = "package p\nx := io.jwt.encode_sign({\"alg\": \"HS256\"}, {}, {\"kty\": \"oct\", \"k\": \"AAAA\"})"
    query = "data.p.x"
  }
  base_measure "x" {
    expr = "1"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "Rego compile error", file: "m.hcl", line: 15, detail: "io.jwt.encode_sign"},
		{name: "too costly", body: `
  base_measure "x" {
    expr = "evidence.s.filter(a, evidence.s.exists(b, b.id == a.parent)).size()"
  }
  indicator {
    expr = "x"
  }
  decision {
    pass = "true"
  }`, summary: "Expression too costly", file: "m.hcl", line: 15, col: 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := fixture{"m.hcl": measureHCL("e.json", tc.body), "e.json": "[]"}
			for k, v := range tc.files {
				f[k] = v
			}
			dir := f.write(t)
			_, diags := compileDir(t, dir)
			if !diags.HasErrors() {
				t.Fatalf("Compile gave no error, want %q", tc.summary)
			}
			d := diags[0]
			if d.Summary != tc.summary || !strings.Contains(d.Detail, tc.detail) {
				t.Fatalf("Compile error = %q: %s; want %q with %q", d.Summary, d.Detail, tc.summary, tc.detail)
			}
			if d.Subject == nil || filepath.Base(d.Subject.Filename) != tc.file || d.Subject.Start.Line != tc.line ||
				(tc.col != 0 && d.Subject.Start.Column != tc.col) {
				t.Errorf("%s at %v, want %s:%d:%d", tc.summary, d.Subject, tc.file, tc.line, tc.col)
			}
		})
	}
}

func TestEvidenceInputErrors(t *testing.T) {
	tests := []struct {
		name string
		ev   fixture
		path string
		want string
	}{
		{"missing file", fixture{}, "gone.json", "gone.json: no such file or directory"},
		{"glob matches nothing", fixture{}, "*.json", "matches no file"},
		{"bad JSON names the line", fixture{"e.json": "[\n{\"a\": 1},\n{\"a\": }\n]"}, "e.json", "e.json:3:7"},
		{"bad YAML names the line", fixture{"e.yaml": "a: 1\nb: [1, 2\n"}, "e.yaml", "e.yaml:"},
		{"ragged CSV names the line", fixture{"e.csv": "a,b\n1,2\n3\n"}, "e.csv", "e.csv:3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := fixture{"m.hcl": measureHCL(tc.path, countMeasure("true", 0))}
			for k, v := range tc.ev {
				f[k] = v
			}
			set, diags := compileDir(t, f.write(t))
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			_, err := set.Collect(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Collect error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestDeterministic evaluates the same inputs twice, with different
// concurrency, and compares the JSON byte for byte.
func TestDeterministic(t *testing.T) {
	var text strings.Builder
	text.WriteString(measureHCL("e.json", countMeasure("r.n == 1", 1)))
	for i := 2; i <= 12; i++ {
		fmt.Fprintf(&text, `
measure "M-%02d" {
  title            = "t"
  information_need = "n"
  type             = "performance"
  evidence         = [source.s]
  base_measure "n" {
    expr = "evidence.s.filter(r, r.n < %d).size()"
  }
  indicator {
    expr = "100.0 * n / %d.0"
  }
  decision {
    pass = "value > 50.0"
  }
}
`, i, i, i)
	}
	f := fixture{"m.hcl": text.String(), "e.json": `[{"n": 1}, {"n": 4}, {"n": 9}]`}
	var outs [][]byte
	for _, workers := range []int{1, 8} {
		rep := evaluate(t, f, engine.EvalOptions{Concurrency: workers})
		b, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	// The fixture is written to two different temporary folders, so the
	// file paths differ; compare with them taken out.
	a := stripTemp(outs[0])
	b := stripTemp(outs[1])
	if !bytes.Equal(a, b) {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
}

func stripTemp(b []byte) []byte {
	var rep verdict.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		panic(err)
	}
	for i := range rep.Verdicts {
		rep.Verdicts[i].Location.File = filepath.Base(rep.Verdicts[i].Location.File)
		for j := range rep.Verdicts[i].Evidence {
			rep.Verdicts[i].Evidence[j].File = filepath.Base(rep.Verdicts[i].Evidence[j].File)
		}
	}
	rep.Run.EvidenceDigest, rep.Run.ID = "", ""
	out, _ := json.Marshal(rep)
	return out
}

// TestCancelledRunIsNoRun stops an evaluation: it returns an error
// rather than a report of error verdicts that could be recorded.
func TestCancelledRunIsNoRun(t *testing.T) {
	set, diags := compileDir(t, fixture{"m.hcl": measureHCL("e.json", countMeasure("true", 1)), "e.json": `[1]`}.write(t))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ev, err := set.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: asOf})
	if err == nil || rep != nil || !strings.Contains(err.Error(), "evaluation stopped") {
		t.Errorf("Evaluate(cancelled) = %v, %v; want no report and an error", rep, err)
	}
}
