package calc

import (
	"fmt"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"
)

// Scope says which names an expression may see.
type Scope int

const (
	// ScopeBase is a base measure: evidence, policies, parameters, now.
	ScopeBase Scope = iota
	// ScopeDerived is a derived measure or the indicator: the base scope
	// plus every base and derived measure as a double, and history: the
	// indicator's past values, oldest first, as {as_of, value} maps.
	ScopeDerived
	// ScopeDecision is a decision criterion: the derived scope plus
	// value and target.
	ScopeDecision
)

// Names of the variables every expression can see.
const (
	VarEvidence = "evidence"
	VarPolicy   = "policy"
	VarParams   = "params"
	VarNow      = "now"
	VarValue    = "value"
	VarTarget   = "target"
	VarHistory  = "history"
)

// baseEnv is the environment shared by every measure: the standard
// extensions and the variables whose types never change.
var baseEnv = mustBaseEnv()

func mustBaseEnv() *cel.Env {
	env, err := cel.NewEnv(
		cel.Variable(VarEvidence, cel.MapType(cel.StringType, cel.ListType(cel.DynType))),
		cel.Variable(VarPolicy, cel.MapType(cel.StringType, cel.DynType)),
		cel.Variable(VarParams, cel.MapType(cel.StringType, cel.DynType)),
		cel.Variable(VarNow, cel.TimestampType),
		ext.Strings(),
		ext.Lists(),
		ext.Math(),
		ext.Sets(),
		ext.Encoders(),
		ext.Bindings(),
		ext.TwoVarComprehensions(),
		assayLibrary(),
		cel.OptionalTypes(),
		cel.CrossTypeNumericComparisons(true),
		cel.DefaultUTCTimeZone(true),
	)
	if err == nil {
		env, err = env.Extend(cel.CustomTypeAdapter(sortedAdapter{env.CELTypeAdapter()}))
	}
	if err != nil {
		panic(fmt.Sprintf("calc: building the CEL environment: %v", err)) // a bug in this package
	}
	return env
}

// Envs holds the three environments of one measure.
type Envs struct {
	base, derived, decision *cel.Env
}

// NewEnvs builds the environments of a measure whose base and derived
// measures are named quantities.
func NewEnvs(quantities []string) (*Envs, error) {
	vars := []cel.EnvOption{
		cel.Variable(VarHistory, cel.ListType(cel.MapType(cel.StringType, cel.DynType))),
	}
	for _, q := range quantities {
		vars = append(vars, cel.Variable(q, cel.DoubleType))
	}
	derived, err := baseEnv.Extend(vars...)
	if err != nil {
		return nil, err
	}
	decision, err := derived.Extend(
		cel.Variable(VarValue, cel.DoubleType),
		cel.Variable(VarTarget, cel.DoubleType),
	)
	if err != nil {
		return nil, err
	}
	return &Envs{base: derived, derived: derived, decision: decision}, nil
}

func (e *Envs) env(s Scope) *cel.Env {
	switch s {
	case ScopeDecision:
		return e.decision
	case ScopeDerived:
		return e.derived
	}
	return e.base
}
