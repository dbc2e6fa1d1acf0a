package engine

import (
	"github.com/assay-dev/assay/engine/verdict"
)

// skeleton is a verdict holding the measure's construct and nothing
// measured yet. Lists and maps are empty rather than null, so readers
// need not tell "none" from "absent".
func skeleton(m *measure, params map[string]any) verdict.Verdict {
	d := m.def
	v := verdict.Verdict{
		Measure:         d.ID,
		Title:           d.Title,
		Description:     d.Description,
		InformationNeed: d.InformationNeed,
		Type:            d.Type,
		Version:         d.Version,
		Controls:        nonNil(d.Controls),
		Clauses:         nonNil(d.Clauses),
		Responsible:     d.Responsible,
		Frequency:       d.Frequency,
		Interpretation:  d.Interpretation,
		Location:        verdict.Location{File: d.File, Line: d.DeclRange.Start.Line},
		Enforcement:     d.Enforcement,
		Unit:            d.Indicator.Unit,
		Better:          d.Indicator.Better,
		Target:          d.Indicator.Target,
		Params:          params,
		Base:            map[string]verdict.Measure{},
		Derived:         map[string]verdict.Measure{},
		Findings:        []verdict.Finding{},
		Evidence:        []verdict.Evidence{},
		Errors:          []string{},
	}
	v.Decision.Pass = d.Decision.Pass.Text
	if d.Decision.Warn != nil {
		v.Decision.Warn = d.Decision.Warn.Text
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
