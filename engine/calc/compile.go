package calc

import (
	"fmt"
	"slices"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common"
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"
	"github.com/hashicorp/hcl/v2"

	"github.com/assay-dev/assay/engine/lang"
)

// Result is the kind of value an expression must give.
type Result int

const (
	// Number is an int, uint or double; a base or derived measure.
	Number Result = iota
	// Indicator is a number, or an optional number where none means
	// "no value".
	Indicator
	// Bool is a decision criterion.
	Bool
)

// Spec says what an expression may see and must give.
type Spec struct {
	What       string // how messages name the expression, e.g. `base_measure "open"`
	Scope      Scope
	Result     Result
	Sources    []string // names after evidence.
	Policies   []string // names after policy.
	Params     []string // names after params.
	Quantities []string // base and derived measure names
	HasTarget  bool     // whether the indicator declares a target
}

// Program is a compiled, type-checked expression. It is safe for
// concurrent use.
type Program struct {
	Expr  *lang.Expr
	Refs  []string // the base and derived measures the expression reads, sorted
	Reads []string // every name it reads: measures, value, target, and evidence.X, policy.X, params.X; sorted
	Cost  uint64   // the static cost estimate's upper bound

	prg cel.Program
}

// Compile parses, checks and plans e. The diagnostics point into the
// measure file; the program is nil when they hold an error.
func Compile(envs *Envs, e *lang.Expr, spec Spec) (*Program, hcl.Diagnostics) {
	env := envs.env(spec.Scope)
	parsed, iss := env.Parse(e.Text)
	if iss.Err() != nil {
		return nil, celDiags(e, spec, "CEL syntax error", iss.Errors())
	}
	checked, iss := env.Check(parsed)
	if iss.Err() != nil {
		return nil, celDiags(e, spec, "CEL type error", iss.Errors())
	}
	p := &Program{Expr: e}
	diags := p.checkRefs(checked, spec)
	diags = append(diags, checkResult(e, spec, checked.OutputType())...)
	cost, costDiags := estimate(env, checked, e, spec)
	diags = append(diags, costDiags...)
	if diags.HasErrors() {
		return nil, diags
	}
	p.Cost = cost
	prg, err := env.Program(checked, cel.InterruptCheckFrequency(interruptEvery))
	if err != nil {
		return nil, hcl.Diagnostics{diag(e.Range, "CEL program error", fmt.Sprintf("%s: %v", spec.What, err))}
	}
	p.prg = prg
	return p, nil
}

// interruptEvery is how many comprehension iterations run between
// checks of the context's deadline.
const interruptEvery = 100

func celDiags(e *lang.Expr, spec Spec, summary string, errs []*cel.Error) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, ce := range errs {
		rng := e.Range
		if ce.Location != nil && ce.Location.Line() > 0 {
			rng = e.RangeAt(ce.Location.Line(), ce.Location.Column())
		}
		diags = append(diags, diag(rng, summary, fmt.Sprintf("In %s: %s.", spec.What, ce.Message)))
	}
	return diags
}

func diag(rng hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()}
}

// checkRefs walks the checked expression: names after evidence.,
// policy. and params. must be declared, base measures may not read
// other measures, and the measures read are collected for ordering.
func (p *Program) checkRefs(checked *cel.Ast, spec Spec) hcl.Diagnostics {
	native := checked.NativeRep()
	info := native.SourceInfo()
	var diags hcl.Diagnostics
	at := func(id int64) hcl.Range {
		loc := info.GetStartLocation(id)
		if loc == common.NoLocation {
			return p.Expr.Range
		}
		return p.Expr.RangeAt(loc.Line(), loc.Column())
	}
	refs, reads := map[string]bool{}, map[string]bool{}
	celast.PostOrderVisit(native.Expr(), celast.NewExprVisitor(func(x celast.Expr) {
		switch x.Kind() {
		case celast.SelectKind:
			if d := checkSelect(x, spec, at); d != nil {
				diags = append(diags, d)
			}
			if name := selectName(x); name != "" {
				reads[name] = true
			}
		case celast.IdentKind:
			name := x.AsIdent()
			if name == VarValue || name == VarTarget || name == VarHistory {
				reads[name] = true
			}
			if name == VarHistory && spec.Scope == ScopeBase {
				diags = append(diags, diag(at(x.ID()), "Base measure reads history",
					fmt.Sprintf("In %s: history holds the indicator's past values; read it in a derived measure, the indicator or the decision.", spec.What)))
			}
			if name == VarTarget && spec.Scope == ScopeDecision && !spec.HasTarget {
				diags = append(diags, diag(at(x.ID()), "No target",
					fmt.Sprintf("In %s: target is used, but the indicator declares no target.", spec.What)))
			}
			if !slices.Contains(spec.Quantities, name) {
				return
			}
			refs[name], reads[name] = true, true
			if spec.Scope == ScopeBase {
				diags = append(diags, diag(at(x.ID()), "Base measure reads a measure",
					fmt.Sprintf("In %s: a base measure is taken from evidence, policies and parameters, so it cannot read %q. Combine measures in a derived_measure.", spec.What, name)))
			}
		}
	}))
	for r := range refs {
		p.Refs = append(p.Refs, r)
	}
	slices.Sort(p.Refs)
	for r := range reads {
		p.Reads = append(p.Reads, r)
	}
	slices.Sort(p.Reads)
	return diags
}

// selectName returns "evidence.X", "policy.X" or "params.X" for such a
// selection, and "" for any other.
func selectName(x celast.Expr) string {
	sel := x.AsSelect()
	op := sel.Operand()
	if op.Kind() != celast.IdentKind {
		return ""
	}
	switch op.AsIdent() {
	case VarEvidence, VarPolicy, VarParams:
		return op.AsIdent() + "." + sel.FieldName()
	}
	return ""
}

// checkSelect reports evidence.X, policy.X or params.X where X is not
// declared by the measure.
func checkSelect(x celast.Expr, spec Spec, at func(int64) hcl.Range) *hcl.Diagnostic {
	sel := x.AsSelect()
	op := sel.Operand()
	if op.Kind() != celast.IdentKind || sel.IsTestOnly() {
		return nil
	}
	var names []string
	var kind string
	switch op.AsIdent() {
	case VarEvidence:
		names, kind = spec.Sources, "evidence source in the measure's evidence list"
	case VarPolicy:
		names, kind = spec.Policies, "policy of this measure"
	case VarParams:
		names, kind = spec.Params, "param of this measure"
	default:
		return nil
	}
	field := sel.FieldName()
	if slices.Contains(names, field) {
		return nil
	}
	return diag(at(x.ID()), "Unknown name",
		fmt.Sprintf("In %s: %s.%s names no %s.%s", spec.What, op.AsIdent(), field, kind, lang.Suggest(field, names)))
}

func checkResult(e *lang.Expr, spec Spec, t *types.Type) hcl.Diagnostics {
	ok := false
	switch k := t.Kind(); spec.Result {
	case Bool:
		ok = k == types.BoolKind || k == types.DynKind
	case Indicator:
		ok = isNumberKind(k) || k == types.NullTypeKind || isOptionalNumber(t)
	default:
		ok = isNumberKind(k)
	}
	if ok {
		return nil
	}
	want := "a number"
	if spec.Result == Bool {
		want = "a bool"
	}
	return hcl.Diagnostics{diag(e.Range, "Wrong result type",
		fmt.Sprintf("In %s: the expression gives %s, but it must give %s.", spec.What, t, want))}
}

func isOptionalNumber(t *types.Type) bool {
	if t.Kind() != types.OpaqueKind || t.TypeName() != "optional_type" || len(t.Parameters()) != 1 {
		return false
	}
	return isNumberKind(t.Parameters()[0].Kind())
}

func isNumberKind(k types.Kind) bool {
	return k == types.IntKind || k == types.UintKind || k == types.DoubleKind || k == types.DynKind
}
