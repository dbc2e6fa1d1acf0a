package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/assay-dev/assay/engine/report/reporttest"
	"github.com/assay-dev/assay/engine/verdict"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func ptr(x float64) *float64 { return &x }

// findings makes n findings of one policy, the first located in the
// evidence.
func findings(policy string, n int) []verdict.Finding {
	out := make([]verdict.Finding, n)
	for i := range out {
		out[i] = verdict.Finding{Policy: policy, Message: fmt.Sprintf("user%02d has no MFA", i), Resource: fmt.Sprintf("user%02d", i)}
	}
	out[0].File, out[0].Line = "evidence/iam/users.csv", 3
	return out
}

// sampleReport is a run with one verdict of every status, findings with
// and without a location, evidence digests, a waiver and a notice.
// Each call builds fresh maps, so that map order cannot hide.
func sampleReport() *verdict.Report {
	trivy := verdict.Evidence{
		Source: "trivy", File: "evidence/trivy/alpine.json", MediaType: "application/json",
		SHA256: strings.Repeat("ab", 32), Size: 24664, Records: 1, CollectedAt: "2026-11-30T22:00:00Z",
	}
	iam := verdict.Evidence{
		Source: "iam", File: "evidence/iam/users.csv", MediaType: "text/csv",
		SHA256: strings.Repeat("cd", 32), Size: 512, Records: 25,
	}
	vs := []verdict.Verdict{
		{
			Measure: "VM-01", Title: "Critical vulnerabilities fixed within SLA", Type: "effectiveness",
			InformationNeed: "Is technical vulnerability management keeping exposure within appetite?",
			Interpretation:  "Below 95 % the backlog is growing faster than it is fixed.\nEscalate to the CISO.",
			Controls:        []string{"ISO27001:2022/A.8.8"}, Clauses: []string{"9.1"},
			Location: verdict.Location{File: "measures/vulnerability.hcl", Line: 12},
			Status:   verdict.Pass, Enforcement: "hard", Value: ptr(97.5), Unit: "%", Better: "higher", Target: ptr(95),
			Base:     map[string]verdict.Measure{"critical_open": {Value: ptr(40)}, "critical_overdue": {Value: ptr(1)}},
			Derived:  map[string]verdict.Measure{},
			Decision: verdict.Decision{Matched: "pass", Expr: "value >= 95.0", Pass: "value >= 95.0", Warn: "value >= 80.0"},
			Findings: []verdict.Finding{{Policy: "overdue", Message: "CVE-2019-14697 in musl is 40 days old", Resource: "musl"}},
			Evidence: []verdict.Evidence{trivy},
		},
		{
			Measure: "VM-02", Title: "High vulnerabilities fixed within SLA", Type: "effectiveness",
			Controls: []string{"ISO27001:2022/A.8.8"},
			Location: verdict.Location{File: "measures/vulnerability.hcl", Line: 60},
			Status:   verdict.Warn, Enforcement: "soft", Value: ptr(87.5), Unit: "%", Better: "higher", Target: ptr(95),
			Trend:    &verdict.Trend{Previous: ptr(85), Delta: ptr(2.5), Direction: "improving", Points: 4},
			Decision: verdict.Decision{Matched: "warn", Expr: "value >= 80.0", Pass: "value >= 95.0", Warn: "value >= 80.0"},
			Findings: []verdict.Finding{
				{Policy: "overdue", Message: "CVE-2020-1 in openssl", Resource: "openssl", File: "evidence/trivy/alpine.json", Line: 118},
				{Policy: "overdue", Message: "CVE-2020-2 in zlib", Resource: "zlib"},
			},
			Evidence: []verdict.Evidence{trivy},
		},
		{
			Measure: "IAM-01", Title: "Privileged accounts with MFA", Type: "performance",
			Controls: []string{"ISO27001:2022/A.5.17", "ISO27001:2022/A.8.5"},
			Location: verdict.Location{File: `measures\identity.hcl`, Line: 3},
			Status:   verdict.Fail, Enforcement: "hard", Value: ptr(100.0 / 3), Unit: "%", Better: "higher", Target: ptr(100),
			Decision: verdict.Decision{Matched: "fail", Pass: "value == 100.0"},
			Findings: slices.Insert(findings("mfa", 24), 1, verdict.Finding{
				Policy: "mfa", Message: "<script>alert(1)</script> & a | pipe ]]> *b* _i_\n\x1b[31mred\x1b[0m", Resource: "bad\tname",
			}),
			Evidence: []verdict.Evidence{iam},
		},
		{
			Measure: "BK-01", Title: "Backups restored in test", Type: "performance",
			Location: verdict.Location{File: "measures/organisation.hcl", Line: 7},
			Status:   verdict.NoData, Reason: "source backups has no records", Enforcement: "hard",
			Unit: "restores", Better: "higher",
		},
		{
			Measure: "PATCH-01", Title: "Hosts patched", Type: "effectiveness", Controls: []string{"ISO27001:2022/A.8.8"},
			Location: verdict.Location{File: "measures/vulnerability.hcl", Line: 101},
			Status:   verdict.Stale, Reason: "evidence of source patches is 49h old, more than max_age 24h", Enforcement: "hard",
			Unit: "%", Better: "higher", Target: ptr(98),
		},
		{
			Measure: "NET-01", Title: "Firewall rules reviewed", Type: "effectiveness", Controls: []string{"ISO27001:2022/A.8.20"},
			Location: verdict.Location{File: "/abs/measures/network.hcl", Line: 20},
			Status:   verdict.Error, Reason: "indicator: no such overload: double + string", Enforcement: "hard",
			Errors: []string{"indicator: no such overload: double + string\x00\x1b[0m\ufffe"},
		},
		{
			Measure: "TR-01", Title: "Security training completed", Type: "performance", Controls: []string{"ISO27001:2022/A.6.3"},
			Location: verdict.Location{File: "measures/organisation.hcl", Line: 40},
			Status:   verdict.Waived, Enforcement: "hard", Value: ptr(71), Unit: "%", Better: "higher", Target: ptr(90),
			Waiver: &verdict.Waiver{
				ID: "W-7", OriginalStatus: verdict.Fail, Justification: "New LMS rollout; numbers catch up in Q1.",
				ApprovedBy: "ciso@example.com", Expires: "2027-01-31",
			},
			Decision: verdict.Decision{Matched: "fail", Pass: "value >= 90.0"},
			Findings: []verdict.Finding{{Policy: "overdue", Message: "bob has not trained", Resource: "bob", Waived: true}},
		},
	}
	r := &verdict.Report{
		SchemaVersion: verdict.SchemaVersion,
		Run: verdict.Run{
			ID: "957b9885-5c13-8708-aecd-da5dd034b20c", AsOf: "2026-12-01T00:00:00Z", AssayVersion: "0.1.0-test",
			MeasuresDigest: "sha256:" + strings.Repeat("1", 64), EvidenceDigest: "sha256:" + strings.Repeat("2", 64),
		},
		Verdicts: vs,
		Notices:  []verdict.Notice{{Severity: "warning", Measure: "TR-01", Message: "waiver expires in 61 days"}},
	}
	r.Gate = verdict.Gate{FailOn: "fail", Passed: true, Blocking: []verdict.Blocker{}}
	for i := range vs {
		r.Summary.Add(vs[i].Status)
		vs[i].CountsAs = verdict.Fail
		switch vs[i].Status {
		case verdict.Pass, verdict.Waived, verdict.Warn:
			vs[i].CountsAs = vs[i].Status
			if vs[i].Status == verdict.Waived {
				vs[i].CountsAs = verdict.Pass
			}
			continue
		}
		r.Gate.Passed = false
		r.Gate.Blocking = append(r.Gate.Blocking, verdict.Blocker{
			Measure: vs[i].Measure, Status: vs[i].Status, Reason: vs[i].Measure + " is " + string(vs[i].Status),
		})
	}
	return r
}

// The sample's shape, which the assertions below rely on.
const (
	sampleMeasures = 7
	sampleNonPass  = 6
	sampleFindings = 1 + 2 + 25 + 1
)

func write(t *testing.T, f Format, r *verdict.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, r, opts); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	return buf.Bytes()
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		got, err := ParseFormat(" " + strings.ToUpper(string(f)) + " ")
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	_, err := ParseFormat("xml")
	if err == nil || !strings.Contains(err.Error(), "json, oscal, sarif, junit, markdown, table") {
		t.Errorf("ParseFormat(xml) error = %v, want one listing the formats", err)
	}
	if err := Write(&bytes.Buffer{}, "xml", sampleReport(), Options{}); err == nil {
		t.Error("Write accepted an unknown format")
	}
}

// TestReproducible writes every format twice, from two separately built
// reports, and wants the same bytes; and checks them against the golden
// files (go test -update rewrites those).
func TestReproducible(t *testing.T) {
	golden := map[Format]string{
		JSON: "sample.json", OSCAL: "sample.oscal.json", SARIF: "sample.sarif",
		JUnit: "sample.junit.xml", Markdown: "sample.md", Table: "sample.txt",
	}
	for _, f := range Formats {
		a := write(t, f, sampleReport(), Options{})
		b := write(t, f, sampleReport(), Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes of the same report differ", f)
		}
		if !bytes.HasSuffix(a, []byte("\n")) || bytes.HasSuffix(a, []byte("\n\n")) {
			t.Errorf("%s: output should end in exactly one newline", f)
		}
		path := filepath.Join("testdata", golden[f])
		if *update {
			if err := os.WriteFile(path, a, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(a, want) {
			t.Errorf("%s differs from %s (run go test -update if the change is intended)", f, path)
		}
	}
}

func TestJSON(t *testing.T) {
	out := write(t, JSON, sampleReport(), Options{})
	if !bytes.Contains(out, []byte(`"<script>alert(1)</script> & a | pipe ]]>`)) {
		t.Error("JSON escaped HTML characters")
	}
	if !bytes.HasPrefix(out, []byte("{\n  \"schema_version\": \"1\",\n")) {
		t.Errorf("JSON is not indented two spaces:\n%.80s", out)
	}
	var back verdict.Report
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Verdicts) != sampleMeasures || back.Summary.Waived != 1 {
		t.Errorf("JSON round trip lost verdicts: %+v", back.Summary)
	}
}

// validateJSON checks doc against an official JSON schema file.
func validateJSON(t *testing.T, file string, doc []byte) map[string]any {
	t.Helper()
	return reporttest.ValidateJSON(t, file, doc)
}

// path walks decoded JSON by keys and indexes.
func path(v any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func TestOSCAL(t *testing.T) {
	out := write(t, OSCAL, sampleReport(), Options{})
	doc := validateJSON(t, "oscal_assessment-results_schema.json", out)
	ar := path(doc, "assessment-results")
	if got := path(ar, "metadata", "oscal-version"); got != "1.1.3" {
		t.Errorf("oscal-version = %v", got)
	}
	if got := path(ar, "metadata", "last-modified"); got != "2026-12-01T00:00:00Z" {
		t.Errorf("last-modified = %v", got)
	}
	res := path(ar, "results", 0)
	if got := path(res, "start"); got != "2026-12-01T00:00:00Z" {
		t.Errorf("start = %v", got)
	}
	var controls []string
	for _, c := range path(res, "reviewed-controls", "control-selections", 0, "include-controls").([]any) {
		controls = append(controls, c.(map[string]any)["control-id"].(string))
	}
	want := []string{"iso27001-2022-a.5.17", "iso27001-2022-a.6.3", "iso27001-2022-a.8.20", "iso27001-2022-a.8.5", "iso27001-2022-a.8.8"}
	if !slices.Equal(controls, want) {
		t.Errorf("reviewed controls = %v, want %v", controls, want)
	}
	obs := path(res, "observations").([]any)
	fs := path(res, "findings").([]any)
	if len(obs) != sampleMeasures || len(fs) != sampleMeasures {
		t.Fatalf("%d observations and %d findings, want %d each", len(obs), len(fs), sampleMeasures)
	}
	states := map[string]string{}
	for i, f := range fs {
		target := path(f, "target")
		id := path(target, "target-id").(string)
		states[id] = path(target, "status", "state").(string) + "/" + path(target, "status", "reason").(string)
		if got, want := path(f, "related-observations", 0, "observation-uuid"), path(obs, i, "uuid"); got != want {
			t.Errorf("finding %s relates to %v, want its observation %v", id, got, want)
		}
	}
	wantStates := map[string]string{
		"VM-01": "satisfied/pass", "VM-02": "not-satisfied/warn", "IAM-01": "not-satisfied/fail",
		"BK-01": "not-satisfied/no_data", "PATCH-01": "not-satisfied/stale", "NET-01": "not-satisfied/error",
		"TR-01": "satisfied/waived",
	}
	for id, want := range wantStates {
		if states[id] != want {
			t.Errorf("finding %s: state/reason %q, want %q", id, states[id], want)
		}
	}
	vm01 := propsOf(path(obs, 0, "props"))
	for name, want := range map[string]string{
		"value": "97.5", "unit": "%", "target": "95", "status": "pass",
		"evidence-sha256": strings.Repeat("ab", 32), "base.critical_open": "40",
	} {
		if vm01[name] != want {
			t.Errorf("VM-01 observation prop %s = %q, want %q", name, vm01[name], want)
		}
	}
	if got := path(obs, 0, "relevant-evidence", 0, "href"); got != "evidence/trivy/alpine.json" {
		t.Errorf("relevant evidence href = %v", got)
	}
	if got := propsOf(path(res, "props"))["gate"]; got != "failed" {
		t.Errorf("result gate prop = %q, want failed", got)
	}
	if _, ok := propsOf(path(obs, 3, "props"))["value"]; ok {
		t.Error("BK-01 has no value but its observation has a value prop")
	}
}

func propsOf(v any) map[string]string {
	m := map[string]string{}
	for _, p := range v.([]any) {
		p := p.(map[string]any)
		m[p["name"].(string)] = p["value"].(string)
	}
	return m
}

var uuidV5 = regexp.MustCompile(`"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"`)

// TestOSCALUUIDs wants every UUID version 5, distinct within a document,
// fixed by the run, and different for a different run.
func TestOSCALUUIDs(t *testing.T) {
	r := sampleReport()
	ids := uuidV5.FindAllStringSubmatch(string(write(t, OSCAL, r, Options{})), -1)
	seen := map[string]int{}
	for _, m := range ids {
		seen[m[1]]++
		if m[1] == r.Run.ID {
			continue
		}
		if m[1][14] != '5' || !strings.ContainsRune("89ab", rune(m[1][19])) {
			t.Errorf("%s is not a version 5, RFC variant UUID", m[1])
		}
	}
	// assessment-results, result, and an observation and a finding per measure
	// (the run ID appears in props, and every observation UUID twice).
	if want := 2 + 2*sampleMeasures + 1; len(seen) != want {
		t.Errorf("%d distinct UUIDs, want %d", len(seen), want)
	}
	r.Run.ID = "another-run"
	other := uuidV5.FindAllStringSubmatch(string(write(t, OSCAL, r, Options{})), -1)
	for _, m := range other {
		if seen[m[1]] > 0 {
			t.Errorf("UUID %s did not change with the run", m[1])
		}
	}
	r.Run.ID = "" // then the digests and the as-of time stand in
	validateJSON(t, "oscal_assessment-results_schema.json", write(t, OSCAL, r, Options{}))
}

func TestOSCALNoControls(t *testing.T) {
	r := sampleReport()
	r.Verdicts = r.Verdicts[3:4] // BK-01 names no control
	validateJSON(t, "oscal_assessment-results_schema.json", write(t, OSCAL, r, Options{}))
	r.Verdicts = nil
	validateJSON(t, "oscal_assessment-results_schema.json", write(t, OSCAL, r, Options{}))
}

// TestEmptyReport writes a run without measures in every format; the
// structured ones must still be valid.
func TestEmptyReport(t *testing.T) {
	r := sampleReport()
	r.Verdicts, r.Notices, r.Summary = []verdict.Verdict{}, nil, verdict.Summary{}
	r.Gate = verdict.Gate{FailOn: "fail", Passed: true}
	validateJSON(t, "oscal_assessment-results_schema.json", write(t, OSCAL, r, Options{}))
	doc := validateJSON(t, "sarif-schema-2.1.0.json", write(t, SARIF, r, Options{}))
	if n := len(path(doc, "runs", 0, "results").([]any)); n != 0 {
		t.Errorf("%d SARIF results for no measures", n)
	}
	xmllint(t, write(t, JUnit, r, Options{}))
	if md := string(write(t, Markdown, r, Options{})); strings.Contains(md, "| Status |") || !strings.Contains(md, "**Gate** ✅ passed (--fail-on fail)\n") {
		t.Errorf("Markdown for no measures:\n%s", md)
	}
	if got, want := string(write(t, Table, r, Options{Color: true})), "STATUS  MEASURE  VALUE  TARGET  FINDINGS  TITLE  REASON\n\n0 measures: 0 pass, 0 warn, 0 fail, 0 no_data, 0 stale, 0 error, 0 waived\ngate passed\n"; got != want {
		t.Errorf("table for no measures = %q, want %q", got, want)
	}
	if err := Write(&bytes.Buffer{}, JSON, nil, Options{}); err == nil {
		t.Error("Write accepted a nil report")
	}
}

func TestBadAsOf(t *testing.T) {
	r := sampleReport()
	r.Run.AsOf = "yesterday"
	for _, f := range []Format{OSCAL, JUnit} {
		if err := Write(&bytes.Buffer{}, f, r, Options{}); err == nil {
			t.Errorf("%s accepted as_of %q", f, r.Run.AsOf)
		}
	}
}

func TestControlID(t *testing.T) {
	for in, want := range map[string]string{
		"ISO27001:2022/A.8.8":   "iso27001-2022-a.8.8",
		"NIST SP 800-53 / AC-2": "nist-sp-800-53-ac-2",
		"9.1":                   "_9.1",
		"":                      "_",
		"A.5.1(b)":              "a.5.1-b-",
		"Ünïcode_Ctl":           "ünïcode_ctl",
	} {
		if got := ControlID(in); got != want {
			t.Errorf("ControlID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIF(t *testing.T) {
	out := write(t, SARIF, sampleReport(), Options{})
	doc := validateJSON(t, "sarif-schema-2.1.0.json", out)
	run := path(doc, "runs", 0)
	if got := path(run, "tool", "driver", "version"); got != "0.1.0-test" {
		t.Errorf("driver version = %v", got)
	}
	rules := path(run, "tool", "driver", "rules").([]any)
	if len(rules) != sampleMeasures {
		t.Errorf("%d rules, want %d", len(rules), sampleMeasures)
	}
	if got := path(rules, 0, "name"); got != "CriticalVulnerabilitiesFixedWithinSLA" {
		t.Errorf("rule name = %v", got)
	}
	results := path(run, "results").([]any)
	if len(results) != sampleNonPass+sampleFindings {
		t.Fatalf("%d results, want %d (non-pass measures + findings)", len(results), sampleNonPass+sampleFindings)
	}
	levels := map[string]string{}
	for _, res := range results {
		if path(res, "properties", "policy") == nil {
			levels[path(res, "ruleId").(string)] = path(res, "level").(string)
		}
		rule := rules[int(path(res, "ruleIndex").(float64))]
		if path(rule, "id") != path(res, "ruleId") {
			t.Errorf("result of %v points at rule %v", path(res, "ruleId"), path(rule, "id"))
		}
	}
	wantLevels := map[string]string{
		"VM-02": "warning", "IAM-01": "error", "BK-01": "error", "PATCH-01": "error", "NET-01": "error", "TR-01": "note",
	}
	if !mapsEqual(levels, wantLevels) {
		t.Errorf("measure result levels = %v, want %v", levels, wantLevels)
	}
	// VM-01 passes: only its finding is a result, at the measure file.
	first := results[0]
	if path(first, "ruleId") != "VM-01" || uri(first) != "measures/vulnerability.hcl" || line(first) != 12 {
		t.Errorf("VM-01 finding located at %v:%v", uri(first), line(first))
	}
	// VM-02's first finding knows its evidence file and line.
	located := results[2]
	if path(located, "message", "text") != "CVE-2020-1 in openssl" || uri(located) != "evidence/trivy/alpine.json" || line(located) != 118 {
		t.Errorf("VM-02 finding = %v at %v:%v", path(located, "message", "text"), uri(located), line(located))
	}
	if got := path(located, "properties", "resource"); got != "openssl" {
		t.Errorf("finding resource = %v", got)
	}
	var waived []any
	for _, res := range results {
		if path(res, "ruleId") == "TR-01" {
			waived = append(waived, res)
		}
	}
	for _, res := range waived {
		if path(res, "suppressions", 0, "kind") != "external" || path(res, "level") != "note" {
			t.Errorf("TR-01 result not suppressed as a note: %v", res)
		}
	}
	if j := path(waived[0], "suppressions", 0, "justification").(string); !strings.Contains(j, "New LMS rollout") {
		t.Errorf("waiver justification = %q", j)
	}
	for _, res := range results {
		if path(res, "ruleId") == "IAM-01" && path(res, "properties", "policy") == nil {
			if got := uri(res); got != "measures/identity.hcl" {
				t.Errorf("Windows path gave uri %q", got)
			}
		}
		if path(res, "ruleId") == "NET-01" {
			if got := uri(res); got != "file:///abs/measures/network.hcl" {
				t.Errorf("absolute path gave uri %q", got)
			}
		}
	}
}

func uri(res any) any {
	return path(res, "locations", 0, "physicalLocation", "artifactLocation", "uri")
}

func line(res any) any {
	if l, ok := path(res, "locations", 0, "physicalLocation", "region", "startLine").(float64); ok {
		return int(l)
	}
	return nil
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Tests     int    `xml:"tests,attr"`
		Failures  int    `xml:"failures,attr"`
		Errors    int    `xml:"errors,attr"`
		Skipped   int    `xml:"skipped,attr"`
		Timestamp string `xml:"timestamp,attr"`
		Cases     []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Error     *struct{} `xml:"error"`
			Skipped   *struct{} `xml:"skipped"`
			SystemOut string    `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	out := write(t, JUnit, sampleReport(), Options{})
	xmllint(t, out)
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	if doc.Tests != 7 || doc.Failures != 1 || doc.Errors != 3 || s.Tests != 7 || s.Failures != 1 || s.Errors != 3 || s.Skipped != 1 {
		t.Errorf("counts: testsuites %d/%d/%d, testsuite %d/%d/%d/%d; want 7 tests, 1 failure, 3 errors, 1 skipped",
			doc.Tests, doc.Failures, doc.Errors, s.Tests, s.Failures, s.Errors, s.Skipped)
	}
	if s.Timestamp != "2026-12-01T00:00:00" {
		t.Errorf("timestamp = %q", s.Timestamp)
	}
	names := map[string]bool{}
	for _, c := range s.Cases {
		if names[c.Name] {
			t.Errorf("test case name %q repeats", c.Name)
		}
		names[c.Name] = true
	}
	iam := s.Cases[2]
	if iam.Name != "IAM-01: Privileged accounts with MFA" || iam.Classname != "assay.ISO27001:2022/A_5_17,ISO27001:2022/A_8_5" {
		t.Errorf("IAM-01 case = %q, class %q", iam.Name, iam.Classname)
	}
	if iam.Failure == nil || !strings.Contains(iam.Failure.Body, "… and 5 more findings") {
		t.Errorf("IAM-01 failure should list 20 findings and count the rest: %+v", iam.Failure)
	}
	if bk := s.Cases[3]; bk.Classname != "assay.performance" || bk.Error == nil {
		t.Errorf("BK-01 case: class %q, error %v", bk.Classname, bk.Error)
	}
	if warn := s.Cases[1]; warn.Failure != nil || warn.Error != nil || !strings.Contains(warn.SystemOut, "value: 87.5%") {
		t.Errorf("VM-02 (warn) should pass with its value in system-out: %+v", warn)
	}
}

// xmllint validates doc against junit-10.xsd.
func xmllint(t *testing.T, doc []byte) {
	t.Helper()
	reporttest.ValidateJUnit(t, doc)
}

func TestUniqueName(t *testing.T) {
	taken := map[string]bool{}
	var got []string
	for _, n := range []string{"A", "A", "A (2)", "A"} {
		got = append(got, uniqueName(n, taken))
	}
	if want := []string{"A", "A (2)", "A (2) (2)", "A (3)"}; !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
	r := sampleReport()
	r.Verdicts = append(r.Verdicts, r.Verdicts[0])
	xmllint(t, write(t, JUnit, r, Options{}))
}

func TestMarkdown(t *testing.T) {
	out := string(write(t, Markdown, sampleReport(), Options{}))
	for _, want := range []string{
		"## Assay verdicts\n",
		"**7 measures: 1 pass · 1 warn · 1 fail · 1 no\\_data · 1 stale · 1 error · 1 waived**",
		"| ⚠️ warn | VM-02 | High vulnerabilities fixed within SLA | 87.5% (+2.5, improving) | ≥ 95% | matched warn: value \\>= 80.0 |",
		"**Gate** ❌ failed (--fail-on fail): IAM-01 is fail; BK-01 is no\\_data; PATCH-01 is stale; NET-01 is error\n",
		"| 🔕 waived | TR-01 |",
		"#### IAM-01: Privileged accounts with MFA (25 findings)",
		"- … and 5 more\n",
		"- **overdue**: CVE-2020-1 in openssl — openssl, evidence/trivy/alpine.json:118\n",
		"- warning: TR-01: waiver expires in 61 days\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if strings.Contains(out, "<script>") || strings.Contains(out, "\x1b") {
		t.Error("Markdown passes raw HTML or escape codes through")
	}
}

func TestTable(t *testing.T) {
	plain := string(write(t, Table, sampleReport(), Options{}))
	if strings.Contains(plain, "\x1b") {
		t.Error("table has colour without Options.Color")
	}
	lines := strings.Split(plain, "\n")
	col := strings.Index(lines[0], "MEASURE")
	for _, l := range lines[1 : 1+sampleMeasures] {
		if l[col-2:col] != "  " || l[col] == ' ' {
			t.Errorf("row not aligned under MEASURE: %q", l)
		}
	}
	if !strings.HasSuffix(plain, "\n7 measures: 1 pass, 1 warn, 1 fail, 1 no_data, 1 stale, 1 error, 1 waived\n"+
		"gate failed: IAM-01 is fail; BK-01 is no_data; PATCH-01 is stale; NET-01 is error\n") {
		t.Errorf("table lacks the summary line:\n%s", plain)
	}
	colored := string(write(t, Table, sampleReport(), Options{Color: true}))
	if !strings.Contains(colored, "\x1b[31mfail\x1b[0m") || !strings.Contains(colored, "\x1b[32mpass\x1b[0m") {
		t.Errorf("coloured table lacks coloured statuses:\n%q", colored)
	}
	if stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colored, ""); stripped != plain {
		t.Error("colour changed more than the status words")
	}
}

func TestColorFor(t *testing.T) {
	if ColorFor(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	t.Setenv("NO_COLOR", "")
	if ColorFor(os.Stdout) {
		t.Error("NO_COLOR set (even empty) must turn colour off")
	}
}
