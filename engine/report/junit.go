package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/assay-dev/assay/engine/verdict"
)

// maxListed caps the findings a JUnit failure or a Markdown section
// lists for one measure; the rest are counted.
const maxListed = 20

// The JUnit XML model, as the Jenkins xUnit junit-10.xsd has it.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Timestamp  string          `xml:"timestamp,attr"`
		Hostname   string          `xml:"hostname,attr"`
		ID         string          `xml:"id,attr"`
		Package    string          `xml:"package,attr"`
		Properties junitProperties `xml:"properties"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperties struct {
		Items []junitProperty `xml:"property"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure"`
		Error     *junitProblem `xml:"error"`
		Skipped   *junitProblem `xml:"skipped"`
		SystemOut *junitText    `xml:"system-out"`
	}
	junitText struct {
		Body string `xml:",cdata"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",cdata"`
	}
)

// writeJUnit writes the report as JUnit XML: one test suite, one test
// case per measure. fail is a failure; error, stale and no_data are
// errors; waived is skipped; pass and warn pass.
func writeJUnit(w io.Writer, r *verdict.Report) error {
	t, err := asOf(r)
	if err != nil {
		return err
	}
	suite := junitSuite{
		Name:      "assay",
		Time:      "0",
		Timestamp: t.Format("2006-01-02T15:04:05"),
		Hostname:  "assay",
		ID:        r.Run.ID,
		Package:   "assay",
		Properties: junitProperties{Items: []junitProperty{
			{"run_id", r.Run.ID},
			{"as_of", r.Run.AsOf},
			{"assay_version", r.Run.AssayVersion},
			{"measures_digest", r.Run.MeasuresDigest},
			{"evidence_digest", r.Run.EvidenceDigest},
		}},
	}
	if gated(r) {
		suite.Properties.Items = append(suite.Properties.Items, junitProperty{"gate", gateText(r.Gate)})
	}
	names := map[string]bool{}
	for i := range r.Verdicts {
		c := testCase(&r.Verdicts[i], names)
		suite.count(c)
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{
		Name: "assay", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors,
		Time: "0", Suites: []junitSuite{suite},
	}
	return encodeXML(w, doc)
}

func (s *junitSuite) count(c junitCase) {
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
}

func encodeXML(w io.Writer, doc any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("report: encoding XML: %w", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

func testCase(v *verdict.Verdict, names map[string]bool) junitCase {
	c := junitCase{
		Name:      uniqueName(label(v), names),
		Classname: className(v),
		Time:      "0",
		SystemOut: &junitText{Body: xmlSafe(caseOutput(v))},
	}
	why := explain(v)
	switch v.Status {
	case verdict.Pass, verdict.Warn:
	case verdict.Fail:
		c.Failure = &junitProblem{Message: measureMessage(v), Type: string(v.Status), Body: xmlSafe(problemBody(v))}
	case verdict.Waived:
		c.Skipped = &junitProblem{Message: why, Type: string(v.Status)}
	default:
		c.Error = &junitProblem{Message: measureMessage(v), Type: string(v.Status), Body: xmlSafe(problemBody(v))}
	}
	return c
}

// xmlSafe drops the characters XML 1.0 cannot hold (most C0 controls,
// U+FFFE, U+FFFF and invalid UTF-8): encoding/xml escapes them in
// attributes but writes CDATA as it is. Newlines and tabs stay.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}

// uniqueName returns name, or name with " (2)", " (3)", … when an
// earlier test case took it.
func uniqueName(name string, taken map[string]bool) string {
	candidate := name
	for n := 2; taken[candidate]; n++ {
		candidate = name + " (" + strconv.Itoa(n) + ")"
	}
	taken[candidate] = true
	return candidate
}

// className groups test cases the way JUnit readers group classes:
// "assay." followed by the measure's controls (joined with ',', with
// '.' as '_' so that readers that split packages at dots keep a control
// whole), or by its type when it names no control.
func className(v *verdict.Verdict) string {
	if len(v.Controls) > 0 {
		cs := make([]string, len(v.Controls))
		for i, c := range v.Controls {
			cs[i] = strings.ReplaceAll(oneLine(c), ".", "_")
		}
		return "assay." + strings.Join(cs, ",")
	}
	if v.Type != "" {
		return "assay." + v.Type
	}
	return "assay.measure"
}

// caseOutput is the measurement in a few key: value lines.
func caseOutput(v *verdict.Verdict) string {
	lines := []string{
		"status: " + string(v.Status),
		"value: " + valueText(v),
		"target: " + targetText(v),
	}
	if why := explain(v); why != "" {
		lines = append(lines, "reason: "+why)
	}
	if len(v.Controls) > 0 {
		lines = append(lines, "controls: "+strings.Join(v.Controls, ", "))
	}
	if v.Location.File != "" {
		lines = append(lines, fmt.Sprintf("measure: %s:%d", slashPath(v.Location.File), v.Location.Line))
	}
	return strings.Join(lines, "\n") + "\n"
}

// problemBody lists the errors and the findings behind a failure.
func problemBody(v *verdict.Verdict) string {
	var lines []string
	for _, e := range v.Errors {
		lines = append(lines, "error: "+strings.TrimSpace(e))
	}
	for i, f := range v.Findings {
		if i == maxListed {
			lines = append(lines, fmt.Sprintf("… and %d more findings", len(v.Findings)-maxListed))
			break
		}
		lines = append(lines, "finding: "+findingLine(f))
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// findingLine is a finding in one line: "[policy] message (resource,
// file:line)".
func findingLine(f verdict.Finding) string {
	line := "[" + f.Policy + "] " + oneLine(f.Message)
	var where []string
	if f.Resource != "" {
		where = append(where, oneLine(f.Resource))
	}
	if f.File != "" {
		where = append(where, fileLine(f.File, f.Line))
	}
	if f.Waived {
		where = append(where, "waived")
	}
	if len(where) > 0 {
		line += " (" + strings.Join(where, ", ") + ")"
	}
	return line
}

func fileLine(file string, line int) string {
	if line >= 1 {
		return fmt.Sprintf("%s:%d", slashPath(file), line)
	}
	return slashPath(file)
}
