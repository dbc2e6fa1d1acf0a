// Package report writes a verdict.Report in the formats that pipelines,
// terminals and GRC tools read: Assay's own JSON, OSCAL assessment
// results 1.1.3, SARIF 2.1.0, JUnit XML, Markdown and a plain table.
//
// Every writer is a pure function of the report: it reads no clock, no
// environment and no file system, so the same report always gives the
// same bytes. Colour in the table is the one exception the caller
// controls, through Options.Color (see ColorFor).
package report

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/term"

	"github.com/assay-dev/assay/engine/verdict"
)

// Format names an output format.
type Format string

// The formats Write knows.
const (
	JSON     Format = "json"
	OSCAL    Format = "oscal"
	SARIF    Format = "sarif"
	JUnit    Format = "junit"
	Markdown Format = "markdown"
	Table    Format = "table"
)

// Formats lists every format, in the order help texts show them.
var Formats = []Format{JSON, OSCAL, SARIF, JUnit, Markdown, Table}

// ParseFormat returns the format named s (case-insensitive, surrounding
// space ignored), or an error listing the known names.
func ParseFormat(s string) (Format, error) {
	name := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, f := range Formats {
		if f == name {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", s, formatNames())
}

func formatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// Options tunes the writers that have a choice to make.
type Options struct {
	// Color adds ANSI colours to the status column of the table. The
	// other formats ignore it.
	Color bool
}

// Write writes r to w in format f. Each format is rendered in memory
// first and written with one call, so an error in rendering leaves w
// untouched.
func Write(w io.Writer, f Format, r *verdict.Report, opts Options) error {
	if r == nil {
		return fmt.Errorf("report: no report to write")
	}
	switch f {
	case JSON:
		return writeJSON(w, r)
	case OSCAL:
		return writeOSCAL(w, r)
	case SARIF:
		return writeSARIF(w, r)
	case JUnit:
		return writeJUnit(w, r)
	case Markdown:
		return writeMarkdown(w, r)
	case Table:
		return writeTable(w, r, opts)
	}
	return fmt.Errorf("report: unknown format %q: use one of %s", f, formatNames())
}

// ColorFor reports whether output to w should be coloured: only when w
// is a terminal and NO_COLOR is not set to any value, empty included
// (https://no-color.org).
func ColorFor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// asOf parses the run's as-of time, which the writers that need a
// timestamp (OSCAL, JUnit) print in a fixed form.
func asOf(r *verdict.Report) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, r.Run.AsOf)
	if err != nil {
		return time.Time{}, fmt.Errorf("report: run as_of %q is not an RFC 3339 time", r.Run.AsOf)
	}
	return t.UTC(), nil
}

// number prints x exactly, the shortest form that reads back the same.
func number(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// rounded prints x for people: at most two decimals, no trailing zeros.
func rounded(x float64) string {
	r := math.Round(x*100) / 100
	if math.IsInf(r, 0) || math.IsNaN(r) {
		r = x
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// withUnit joins a rounded number and its unit: "87.5%", "3 days".
func withUnit(x float64, unit string) string {
	switch unit {
	case "":
		return rounded(x)
	case "%":
		return rounded(x) + "%"
	}
	return rounded(x) + " " + unit
}

// valueText is a verdict's value for people, or "-" when it has none.
func valueText(v *verdict.Verdict) string {
	if v.Value == nil {
		return "-"
	}
	return withUnit(*v.Value, v.Unit)
}

// targetText is a verdict's target for people, with the direction that
// is better: "≥ 95%" or "≤ 10%"; "-" when there is no target.
func targetText(v *verdict.Verdict) string {
	if v.Target == nil {
		return "-"
	}
	t := withUnit(*v.Target, v.Unit)
	switch v.Better {
	case "higher":
		return "≥ " + t
	case "lower":
		return "≤ " + t
	}
	return t
}

// explain says in one line why a verdict has its status: the engine's
// reason when it gave one, else the decision criterion that matched.
func explain(v *verdict.Verdict) string {
	if v.Status == verdict.Waived && v.Waiver != nil {
		return waiverText(v.Waiver)
	}
	if v.Reason != "" {
		return oneLine(v.Reason)
	}
	d := v.Decision
	switch {
	case d.Matched == string(verdict.Fail):
		return "no decision criterion held (pass: " + d.Pass + warnPart(d) + ")"
	case d.Matched != "" && d.Expr != "":
		return "matched " + d.Matched + ": " + d.Expr
	case d.Matched != "":
		return "matched " + d.Matched
	}
	return ""
}

func warnPart(d verdict.Decision) string {
	if d.Warn == "" {
		return ""
	}
	return "; warn: " + d.Warn
}

// waiverText describes a waiver in one line.
func waiverText(w *verdict.Waiver) string {
	head := "waived"
	if w.ID != "" {
		head += " by " + oneLine(w.ID)
	}
	if w.OriginalStatus != "" {
		head += " (was " + string(w.OriginalStatus) + ")"
	}
	parts := []string{head}
	if w.Justification != "" {
		parts = append(parts, strings.TrimRight(oneLine(w.Justification), "."))
	}
	if w.ApprovedBy != "" {
		parts = append(parts, "approved by "+oneLine(w.ApprovedBy))
	}
	if w.Expires != "" {
		parts = append(parts, "expires "+oneLine(w.Expires))
	}
	if w.Compensating != "" {
		parts = append(parts, "compensating measure "+oneLine(w.Compensating))
	}
	return strings.Join(parts, "; ")
}

// valueWithTrend is valueText followed by the change since the last
// recorded run, when there is one: "87.5% (+2.5, improving)".
func valueWithTrend(v *verdict.Verdict) string {
	t := v.Trend
	if v.Value == nil || t == nil || t.Delta == nil {
		return valueText(v)
	}
	delta := rounded(*t.Delta)
	if *t.Delta >= 0 {
		delta = "+" + delta
	}
	if t.Direction != "" && t.Direction != "none" {
		delta += ", " + t.Direction
	}
	return valueText(v) + " (" + delta + ")"
}

// gated reports whether a gate was decided for the run; a report built
// without one has an empty fail_on.
func gated(r *verdict.Report) bool {
	return r.Gate.FailOn != ""
}

// gateWord is "passed" or "failed".
func gateWord(g verdict.Gate) string {
	if g.Passed {
		return "passed"
	}
	return "failed"
}

// gateReasons lists what blocks the gate: "IAM-01 is fail; NET-01 is
// error"; empty when nothing does.
func gateReasons(g verdict.Gate) string {
	reasons := make([]string, len(g.Blocking))
	for i, b := range g.Blocking {
		reasons[i] = oneLine(orDefault(b.Reason, b.Measure+" is "+string(b.Status)))
	}
	return strings.Join(reasons, "; ")
}

// gateText is the gate's decision in one line: "passed", or "failed:"
// and what blocks it.
func gateText(g verdict.Gate) string {
	if why := gateReasons(g); why != "" {
		return gateWord(g) + ": " + why
	}
	return gateWord(g)
}

// label is "ID: title", or the ID alone when there is no title.
func label(v *verdict.Verdict) string {
	if t := oneLine(v.Title); t != "" {
		return v.Measure + ": " + t
	}
	return v.Measure
}

// oneLine folds every run of white space, newlines included, into one
// space, drops other control characters (an escape sequence in evidence
// must not reach a terminal) and trims the ends.
func oneLine(s string) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(clean), " ")
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// slashPath writes a file path with forward slashes, as SARIF, OSCAL
// and Markdown readers expect.
func slashPath(p string) string {
	return strings.ReplaceAll(filepath.ToSlash(p), `\`, "/")
}
