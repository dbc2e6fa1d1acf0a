package engine

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/assay-dev/assay/engine/lang"
)

// orderDerived puts derived measures in an order where each comes after
// the derived measures it reads, keeping the declared order otherwise.
// A cycle is reported once, at the first measure on it, with its path.
func orderDerived(def *lang.Measure, derived []quantity) ([]quantity, hcl.Diagnostics) {
	index := map[string]int{}
	for i, q := range derived {
		index[q.def.Name] = i
	}
	deps := make([][]int, len(derived))
	for i, q := range derived {
		if q.prog == nil {
			continue
		}
		for _, r := range q.prog.Refs {
			if j, ok := index[r]; ok {
				deps[i] = append(deps[i], j)
			}
		}
	}
	const (
		unvisited = iota
		visiting
		done
	)
	state := make([]int, len(derived))
	var order []quantity
	var diags hcl.Diagnostics
	var path []int
	var visit func(i int)
	visit = func(i int) {
		switch state[i] {
		case done:
			return
		case visiting:
			diags = append(diags, cycleDiag(def, derived, path, i))
			return
		}
		state[i] = visiting
		path = append(path, i)
		for _, j := range deps[i] {
			visit(j)
		}
		path = path[:len(path)-1]
		state[i] = done
		order = append(order, derived[i])
	}
	for i := range derived {
		visit(i)
	}
	return order, diags
}

func cycleDiag(def *lang.Measure, derived []quantity, path []int, back int) *hcl.Diagnostic {
	start := 0
	for k, i := range path {
		if i == back {
			start = k
		}
	}
	var names []string
	for _, i := range path[start:] {
		names = append(names, derived[i].def.Name)
	}
	names = append(names, derived[back].def.Name)
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Cycle between derived measures",
		Detail:   fmt.Sprintf("In measure %q the derived measures depend on each other in a circle: %s.", def.ID, strings.Join(names, " → ")),
		Subject:  derived[back].def.DeclRange.Ptr(),
	}
}
