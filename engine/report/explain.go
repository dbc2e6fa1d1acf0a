package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/assay-dev/assay/engine"
)

// WriteExplanation renders the trace of one measure's evaluation: each
// step with what it read and what it gave, and for the decision every
// criterion tried, so it is plain why the earlier ones did not match.
func WriteExplanation(w io.Writer, e *engine.Explanation) error {
	var b strings.Builder
	v := e.Verdict
	fmt.Fprintf(&b, "%s  %s\n", v.Measure, v.Title)
	fmt.Fprintf(&b, "status %s", v.Status)
	if v.Value != nil {
		fmt.Fprintf(&b, ", value %s%s", number(*v.Value), unitSuffix(v.Unit))
	}
	if v.Target != nil {
		fmt.Fprintf(&b, ", target %s (%s is better)", number(*v.Target), v.Better)
	}
	b.WriteString("\n")
	if v.Reason != "" {
		fmt.Fprintf(&b, "reason: %s\n", oneLine(v.Reason))
	}
	section := ""
	for _, s := range e.Steps {
		if title := sectionOf(s.Kind); title != section {
			section = title
			fmt.Fprintf(&b, "\n%s\n", title)
		}
		writeStep(&b, s, v.Decision.Matched)
	}
	writeFindings(&b, e)
	_, err := io.WriteString(w, b.String())
	return err
}

func sectionOf(kind string) string {
	switch kind {
	case "evidence":
		return "evidence"
	case "policy":
		return "policies"
	case "base_measure":
		return "base measures"
	case "derived_measure":
		return "derived measures"
	case "indicator":
		return "indicator"
	}
	return "decision"
}

func writeStep(b *strings.Builder, s Step, matched string) {
	label := s.Name
	if s.Kind == "pass" || s.Kind == "warn" {
		label = s.Kind
	}
	switch {
	case s.Err != "":
		fmt.Fprintf(b, "  %s: error: %s\n", orDash(label), oneLine(s.Err))
	case s.Kind == "evidence":
		fmt.Fprintf(b, "  %s: %s\n", label, s.Result)
	case s.Kind == "pass" || s.Kind == "warn":
		mark := ""
		if s.Result == "true" && matched == s.Kind {
			mark = "  <- matched"
		}
		fmt.Fprintf(b, "  %s: %s is %s%s\n", label, oneLine(s.Expr), s.Result, mark)
	default:
		fmt.Fprintf(b, "  %s = %s\n", orDash(label), oneLine(s.Result))
		fmt.Fprintf(b, "      %s\n", oneLine(s.Expr))
	}
	if len(s.Inputs) > 0 && s.Kind != "evidence" {
		var parts []string
		for _, in := range s.Inputs {
			parts = append(parts, in.Name+" = "+oneLine(in.Value))
		}
		fmt.Fprintf(b, "      with %s\n", strings.Join(parts, ", "))
	}
}

// Step is the engine's trace step, named here for brevity.
type Step = engine.Step

func writeFindings(b *strings.Builder, e *engine.Explanation) {
	v := e.Verdict
	if v.Decision.Matched == "fail" {
		b.WriteString("  no criterion held, so the measure fails\n")
	}
	if len(v.Findings) == 0 {
		return
	}
	fmt.Fprintf(b, "\nfindings (%d)\n", len(v.Findings))
	for _, f := range v.Findings {
		res := ""
		if f.Resource != "" {
			res = " [" + oneLine(f.Resource) + "]"
		}
		fmt.Fprintf(b, "  %s: %s%s\n", f.Policy, oneLine(f.Message), res)
	}
}

func orDash(s string) string {
	if s == "" {
		return "value"
	}
	return s
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	if u == "%" {
		return u
	}
	return " " + u
}
