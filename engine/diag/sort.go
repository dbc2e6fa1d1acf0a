package diag

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// Sort orders diagnostics by file and position, keeping the order of
// those at the same place, so a run reports them the same way every
// time. Diagnostics without a position come first.
func Sort(diags hcl.Diagnostics) hcl.Diagnostics {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil || b == nil:
			return a == nil && b != nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
	return diags
}
