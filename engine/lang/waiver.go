package lang

import (
	"fmt"
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"
)

func (d *decoder) waiver(b *hcl.Block, file string) *Waiver {
	w := &Waiver{ID: b.Labels[0], File: file, DeclRange: b.DefRange}
	content := d.content(b.Body, waiverSchema)
	a := content.Attributes
	w.Measure = d.str(a, "measure")
	w.Scope = d.str(a, "scope")
	w.Justification = d.str(a, "justification")
	w.ApprovedBy = d.str(a, "approved_by")
	w.Compensating = d.str(a, "compensating_measure")
	if attr, ok := a["measure"]; ok {
		w.MeasureRange = attr.Expr.Range()
	}
	if attr, ok := a["compensating_measure"]; ok {
		w.CompRange = attr.Expr.Range()
	}
	for _, name := range []string{"justification", "approved_by"} {
		if attr, ok := a[name]; ok && d.str(a, name) == "" {
			d.errorf(attr.Expr.Range(), "Empty "+name, "A waiver's %s must not be empty: an exception needs a reason and an approver.", name)
		}
	}
	if attr, ok := a["expires"]; ok {
		w.ExpiresText = d.str(a, "expires")
		t, err := ParseExpiry(w.ExpiresText)
		if err != nil {
			d.errorf(attr.Expr.Range(), "Invalid expiry", "%v.", err)
		}
		w.Expires = t
	}
	return w
}

// ParseExpiry reads a waiver's expiry: a date (2027-01-31), which
// covers that whole day in UTC, or an RFC 3339 time.
func ParseExpiry(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24 * time.Hour), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("expires %q is not a date (2027-01-31) or an RFC 3339 time", s)
}

// checkWaivers reports duplicate waiver IDs and waivers that name a
// measure which does not exist.
func (mod *Module) checkWaivers(measures map[string]*Measure) hcl.Diagnostics {
	var diags hcl.Diagnostics
	ids := map[string]*Waiver{}
	var known []string
	for id := range measures {
		known = append(known, id)
	}
	sort.Strings(known)
	for _, w := range mod.Waivers {
		if prev, dup := ids[w.ID]; dup {
			diags = append(diags, duplicate("waiver", w.ID, w.DeclRange, prev.DeclRange))
		}
		ids[w.ID] = w
		if w.Measure != "" && measures[w.Measure] == nil {
			diags = append(diags, unknownMeasure(w, "measure", w.Measure, w.MeasureRange, known))
		}
		if w.Compensating != "" && measures[w.Compensating] == nil {
			diags = append(diags, unknownMeasure(w, "compensating_measure", w.Compensating, w.CompRange, known))
		}
		if w.Compensating != "" && w.Compensating == w.Measure {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Waiver compensates itself",
				Detail: fmt.Sprintf("Waiver %q names %s as its own compensating measure.", w.ID, w.Measure), Subject: w.CompRange.Ptr()})
		}
	}
	return diags
}

func unknownMeasure(w *Waiver, attr, id string, rng hcl.Range, known []string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Waiver for unknown measure",
		Detail:   fmt.Sprintf("Waiver %q: %s %q names no measure.%s", w.ID, attr, id, Suggest(id, known)),
		Subject:  rng.Ptr(),
	}
}
