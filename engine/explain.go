package engine

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/engine/calc"
	"github.com/assay-dev/assay/engine/policy"
	"github.com/assay-dev/assay/engine/verdict"
)

// Step is one step of a measure's evaluation, as explain shows it.
type Step struct {
	Kind   string  `json:"kind"`             // evidence, policy, base_measure, derived_measure, indicator, pass, warn
	Name   string  `json:"name,omitempty"`   // the source, policy or measure name; empty for the indicator and criteria
	Expr   string  `json:"expr,omitempty"`   // the CEL, or the Rego query
	Result string  `json:"result,omitempty"` // what it gave: a number, true or false, a count of findings
	Inputs []Input `json:"inputs,omitempty"` // the names it read, with their values
	Err    string  `json:"error,omitempty"`  // why it failed
}

// Input is a name an expression read and its value at that point.
type Input struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Explanation is the trace of one measure's evaluation.
type Explanation struct {
	Verdict verdict.Verdict `json:"verdict"`
	Steps   []Step          `json:"steps"`
}

// Explain evaluates one measure, as Evaluate would, and records each
// step: evidence, policies, base and derived measures, the indicator
// and every decision criterion tried, with the values each read.
func (s *Set) Explain(ctx context.Context, id string, ev *Evidence, opts EvalOptions) (*Explanation, error) {
	opts.Measures = []string{id}
	tracer := &[]Step{}
	opts.trace = tracer
	rep, err := s.Evaluate(ctx, ev, opts)
	if err != nil {
		return nil, err
	}
	steps := *tracer
	for i := range steps {
		st := &steps[i]
		st.Result, st.Err = s.secrets.Redact(st.Result), s.secrets.Redact(st.Err)
		for j := range st.Inputs {
			st.Inputs[j].Value = s.secrets.Redact(st.Inputs[j].Value)
		}
	}
	return &Explanation{Verdict: rep.Verdicts[0], Steps: steps}, nil
}

// record adds a step to the trace. The record* helpers return at once
// when the evaluation is not traced, so that a run pays nothing for it.
func (st *state) record(step Step) {
	*st.trace = append(*st.trace, step)
}

func (st *state) recordEvidence() {
	if st.trace == nil {
		return
	}
	for _, ref := range st.m.def.Evidence {
		se := st.ev.sources[ref.Name]
		if se == nil {
			continue
		}
		step := Step{Kind: "evidence", Name: ref.Name, Result: fmt.Sprintf("%d records in %d files", len(se.values), len(se.files))}
		if se.err != nil {
			step.Err = se.err.Error()
		}
		st.record(step)
	}
}

func (st *state) recordPolicy(p compiledPolicy, result any, err error) {
	if st.trace == nil {
		return
	}
	step := Step{Kind: "policy", Name: p.name, Expr: p.query.Text}
	switch findings := policy.Findings(result); {
	case err != nil:
		step.Err = err.Error()
	case findings != nil:
		step.Result = fmt.Sprintf("%d findings", len(findings))
	default:
		step.Result = describe(result)
	}
	st.record(step)
}

func (st *state) recordProgram(kind, name string, prog *calc.Program, result any, err error) {
	if st.trace == nil {
		return
	}
	step := Step{Kind: kind, Name: name, Expr: prog.Expr.Text, Inputs: st.inputs(prog)}
	if err != nil {
		step.Err = err.Error()
	} else {
		step.Result = describe(result)
	}
	st.record(step)
}

// inputs lists the values of the names prog reads.
func (st *state) inputs(prog *calc.Program) []Input {
	var out []Input
	for _, name := range prog.Reads {
		kind, field, dotted := strings.Cut(name, ".")
		var v any
		var ok bool
		if dotted {
			v, ok = lookup(st.vars[kind], field)
		} else {
			v, ok = st.vars[name]
		}
		switch {
		case !ok:
		case kind == calc.VarEvidence && dotted:
			out = append(out, Input{Name: name, Value: fmt.Sprintf("%d records", len(v.([]any)))})
		default:
			out = append(out, Input{Name: name, Value: describe(v)})
		}
	}
	return out
}

func lookup(container any, field string) (any, bool) {
	switch m := container.(type) {
	case map[string]any:
		v, ok := m[field]
		return v, ok
	}
	return nil, false
}

// describe renders a value briefly: numbers in their shortest form,
// lists by their length.
func describe(v any) string {
	switch x := v.(type) {
	case float64:
		return formatNumber(x)
	case []any:
		if len(x) <= 5 {
			var parts []string
			for _, e := range x {
				parts = append(parts, describe(e))
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return fmt.Sprintf("list of %d", len(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return fmt.Sprintf("object with %s", strings.Join(keys, ", "))
	case string:
		return fmt.Sprintf("%q", x)
	}
	return fmt.Sprint(v)
}

// formatNumber prints f exactly, in its shortest form.
func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
