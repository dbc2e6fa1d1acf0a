package measures_test

import (
	"bytes"
	"testing"

	"github.com/assay-dev/assay/engine/report"
	"github.com/assay-dev/assay/engine/report/reporttest"
	"github.com/assay-dev/assay/engine/verdict"
)

// TestCatalogueFormats writes the golden run of the shipped catalogue
// in every interchange format and checks each against its official
// schema, and that writing it again gives the same bytes.
func TestCatalogueFormats(t *testing.T) {
	rep, again := runCatalogue(t), runCatalogue(t)
	write := func(r *verdict.Report, f report.Format) []byte {
		var buf bytes.Buffer
		if err := report.Write(&buf, f, r, report.Options{}); err != nil {
			t.Fatalf("Write(%s): %v", f, err)
		}
		return buf.Bytes()
	}
	render := func(f report.Format) []byte { return write(rep, f) }
	oscal := reporttest.ValidateJSON(t, reporttest.OSCAL, render(report.OSCAL))
	results := oscal["assessment-results"].(map[string]any)["results"].([]any)
	findings := results[0].(map[string]any)["findings"].([]any)
	// One OSCAL finding a measure: the catalogue has 18.
	if len(findings) != len(catalogueCases) {
		t.Errorf("OSCAL findings = %d, want %d", len(findings), len(catalogueCases))
	}
	sarif := reporttest.ValidateJSON(t, reporttest.SARIF, render(report.SARIF))
	run := sarif["runs"].([]any)[0].(map[string]any)
	// 15 measures do not pass (5 warn, 10 fail), and the policies report
	// 119 findings in all (the findings column of catalogue_expect_test.go).
	wantResults := 15 + totalFindings()
	if got := len(run["results"].([]any)); got != wantResults {
		t.Errorf("SARIF results = %d, want %d", got, wantResults)
	}
	reporttest.ValidateJUnit(t, render(report.JUnit))
	// Two runs over the same inputs give the same bytes in every format.
	for _, f := range report.Formats {
		if !bytes.Equal(render(f), write(again, f)) {
			t.Errorf("%s differs between two runs", f)
		}
	}
	if sum := totalFindings(); sum != 119 {
		t.Errorf("expected findings add up to %d, want 119", sum)
	}
}

func totalFindings() int {
	n := 0
	for _, c := range catalogueCases {
		n += c.findings
	}
	return n
}
