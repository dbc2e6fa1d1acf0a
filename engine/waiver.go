package engine

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/verdict"
)

// ExpiryNotice is how long before its expiry a waiver is reported.
const ExpiryNotice = 30 * 24 * time.Hour

// applyWaivers turns fail and warn verdicts covered by a current waiver
// into waived, keeping the value and recording the original status, and
// reports expired, expiring and inapplicable waivers as notices.
//
// A waiver without a scope covers its whole measure. A scoped waiver
// covers the findings whose resource equals its scope; a measure is
// waived when every one of its findings is covered. A waiver with a
// compensating measure applies only while that measure passes.
func applyWaivers(verdicts []verdict.Verdict, waivers []*lang.Waiver, asOf time.Time) []verdict.Notice {
	byID := map[string]int{}
	for i, v := range verdicts {
		byID[v.Measure] = i
	}
	sorted := slices.Clone(waivers)
	slices.SortFunc(sorted, func(a, b *lang.Waiver) int { return strings.Compare(a.ID, b.ID) })
	var notices []verdict.Notice
	scoped := map[int][]*lang.Waiver{}
	for _, w := range sorted {
		i, ok := byID[w.Measure]
		if !ok {
			continue
		}
		n, usable := waiverNotices(w, verdicts, byID, asOf)
		notices = append(notices, n...)
		if !usable {
			continue
		}
		v := &verdicts[i]
		if w.Scope != "" {
			scoped[i] = append(scoped[i], w)
			markFindings(v, w.Scope)
			continue
		}
		notices = append(notices, waive(v, w, asOf)...)
	}
	for i := range verdicts { // in verdict order, not map order
		if ws := scoped[i]; ws != nil && allFindingsWaived(&verdicts[i]) {
			notices = append(notices, waive(&verdicts[i], earliest(ws), asOf)...)
		}
	}
	return notices
}

// waiverNotices reports an expired or soon-expiring waiver, and one
// whose compensating measure does not pass; usable is false when the
// waiver does not apply.
func waiverNotices(w *lang.Waiver, verdicts []verdict.Verdict, byID map[string]int, asOf time.Time) ([]verdict.Notice, bool) {
	warn := func(format string, args ...any) verdict.Notice {
		return verdict.Notice{Severity: "warning", Measure: w.Measure, Message: fmt.Sprintf(format, args...)}
	}
	if !asOf.Before(w.Expires) {
		return []verdict.Notice{warn("waiver %s expired on %s and no longer applies", w.ID, w.ExpiresText)}, false
	}
	var out []verdict.Notice
	if left := w.Expires.Sub(asOf); left <= ExpiryNotice {
		out = append(out, warn("waiver %s expires on %s, in %d days", w.ID, w.ExpiresText, int(left.Hours()/24)))
	}
	if w.Compensating != "" {
		ci, ok := byID[w.Compensating]
		if !ok {
			return append(out, warn("waiver %s does not apply: its compensating measure %s was not evaluated in this run", w.ID, w.Compensating)), false
		}
		if comp := verdicts[ci]; comp.Status != verdict.Pass {
			return append(out, warn("waiver %s does not apply: its compensating measure %s is %s, not pass", w.ID, w.Compensating, comp.Status)), false
		}
	}
	return out, true
}

// waive applies w to v when v failed or warned.
func waive(v *verdict.Verdict, w *lang.Waiver, asOf time.Time) []verdict.Notice {
	if v.Waiver != nil {
		return nil // an earlier waiver, by ID, already applies
	}
	if v.Status != verdict.Fail && v.Status != verdict.Warn {
		msg := fmt.Sprintf("waiver %s does not apply: the measure is %s, and a waiver covers only fail or warn", w.ID, v.Status)
		sev := "warning"
		if v.Status == verdict.Pass {
			msg, sev = fmt.Sprintf("waiver %s is not needed: the measure passes", w.ID), "info"
		}
		return []verdict.Notice{{Severity: sev, Measure: v.Measure, Message: msg}}
	}
	v.Waiver = &verdict.Waiver{
		OriginalStatus: v.Status,
		Justification:  w.Justification,
		ApprovedBy:     w.ApprovedBy,
		Expires:        w.ExpiresText,
		Scope:          w.Scope,
		Compensating:   w.Compensating,
		ID:             w.ID,
		Location:       verdict.Location{File: w.File, Line: w.DeclRange.Start.Line},
	}
	v.Status = verdict.Waived
	return nil
}

func markFindings(v *verdict.Verdict, scope string) {
	for i := range v.Findings {
		if v.Findings[i].Resource == scope {
			v.Findings[i].Waived = true
		}
	}
}

func allFindingsWaived(v *verdict.Verdict) bool {
	if len(v.Findings) == 0 {
		return false
	}
	for _, f := range v.Findings {
		if !f.Waived {
			return false
		}
	}
	return true
}

// earliest picks the scoped waiver that runs out first: the whole
// measure is waived only as long as all of them hold.
func earliest(ws []*lang.Waiver) *lang.Waiver {
	first := ws[0]
	for _, w := range ws[1:] {
		if w.Expires.Before(first.Expires) {
			first = w
		}
	}
	return first
}

// countsAs says how the gate counts a verdict: waived counts as pass,
// and no_data, error and stale as the measure says (fail by default).
func countsAs(v verdict.Verdict, def *lang.Measure) verdict.Status {
	switch v.Status {
	case verdict.Waived:
		return verdict.Pass
	case verdict.NoData:
		return verdict.Status(def.OnNoData)
	case verdict.Error:
		return verdict.Status(def.OnError)
	case verdict.Stale:
		return verdict.Status(def.OnStale)
	}
	return v.Status
}
