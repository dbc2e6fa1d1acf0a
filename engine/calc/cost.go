package calc

import (
	"fmt"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
	"github.com/hashicorp/hcl/v2"

	"github.com/assay-dev/assay/engine/lang"
)

// EvidenceSizeHint is the number of records the static cost estimate
// assumes for each evidence source, and FieldSizeHint the number of
// elements it assumes for any other list, map or string whose size CEL
// cannot know, such as a list inside a record.
const (
	EvidenceSizeHint = 100_000
	FieldSizeHint    = 10
)

// CostLimit is the largest static cost estimate an expression may have.
// A chain of passes over the evidence, flattening lists inside records,
// stays below it; a pass over the evidence nested inside another pass
// over the evidence does not.
const CostLimit uint64 = 10_000_000_000

// sizeHinter bounds every size CEL cannot know, so that the estimate
// measures the shape of an expression rather than the data.
type sizeHinter struct{}

func (sizeHinter) EstimateSize(n checker.AstNode) *checker.SizeEstimate {
	if p := n.Path(); len(p) == 2 && p[0] == VarEvidence {
		return &checker.SizeEstimate{Min: 0, Max: EvidenceSizeHint}
	}
	return &checker.SizeEstimate{Min: 0, Max: FieldSizeHint}
}

func (sizeHinter) EstimateCallCost(string, string, *checker.AstNode, []checker.AstNode) *checker.CallEstimate {
	return nil
}

func estimate(env *cel.Env, checked *cel.Ast, e *lang.Expr, spec Spec) (uint64, hcl.Diagnostics) {
	est, err := env.EstimateCost(checked, sizeHinter{})
	if err != nil {
		return 0, hcl.Diagnostics{diag(e.Range, "CEL cost estimate failed", fmt.Sprintf("In %s: %v.", spec.What, err))}
	}
	if est.Max > CostLimit {
		return est.Max, hcl.Diagnostics{diag(e.Range, "Expression too costly",
			fmt.Sprintf("In %s: the estimated cost over %d records a source is %d, above the limit of %d. A pass over the evidence inside another pass grows with the square of its size, and so do distinct() and sort() over the evidence, which compare every pair; filter first, or group and join in a Rego policy, whose sets and objects are indexed.", spec.What, EvidenceSizeHint, est.Max, CostLimit))}
	}
	return est.Max, nil
}
