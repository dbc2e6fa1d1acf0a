package measuretest

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr"`
	Hostname  string      `xml:"hostname,attr"`
	ID        int         `xml:"id,attr"`
	Package   string      `xml:"package,attr"`
	Props     struct{}    `xml:"properties"`
	Cases     []junitCase `xml:"testcase"`
	SystemOut string      `xml:"system-out"`
	SystemErr string      `xml:"system-err"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the results as JUnit XML: one suite for measure
// tests and one for Rego tests. timestamp is written as given (the
// XSD's form, 2026-12-01T00:00:00) and times as 0, so that the output
// does not depend on the clock.
func WriteJUnit(w io.Writer, results []Result, rego []RegoResult, timestamp string) error {
	measures := junitSuite{Name: "measures", Time: "0", Timestamp: timestamp, Hostname: "assay", ID: 0, Package: "assay.measures"}
	for _, r := range results {
		c := junitCase{Name: r.Name, Classname: "assay.measures." + r.Test.Measure, Time: "0"}
		if !r.Passed {
			msg := strings.Join(r.Failures, "; ")
			c.Failure = &junitFailure{Message: msg, Type: "expectation", Text: fmt.Sprintf("%s:%d\n%s", r.Test.File, r.Test.DeclRange.Start.Line, strings.Join(r.Failures, "\n"))}
			measures.Failures++
		}
		measures.Cases = append(measures.Cases, c)
	}
	measures.Tests = len(measures.Cases)
	policies := junitSuite{Name: "policies", Time: "0", Timestamp: timestamp, Hostname: "assay", ID: 1, Package: "assay.policies"}
	for _, r := range rego {
		c := junitCase{Name: r.Name, Classname: "assay.policies", Time: "0"}
		if r.Skipped {
			c.Skipped = &struct{}{}
			policies.Skipped++
		}
		if !r.Passed {
			c.Failure = &junitFailure{Message: r.Detail, Type: "rego", Text: r.Detail}
			policies.Failures++
		}
		policies.Cases = append(policies.Cases, c)
	}
	policies.Tests = len(policies.Cases)
	doc := junitSuites{Name: "assay test", Tests: measures.Tests + policies.Tests, Failures: measures.Failures + policies.Failures,
		Suites: []junitSuite{measures, policies}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
