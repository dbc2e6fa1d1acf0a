package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/assay-dev/assay/engine/calc"
	"github.com/assay-dev/assay/engine/gate"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/policy"
	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// Version is the Assay version written into every report.
var Version = "0.1.0-dev"

// EvalOptions configure one evaluation.
type EvalOptions struct {
	AsOf        time.Time                 // the run's "now"; required
	Timeout     time.Duration             // per measure; 0 means DefaultTimeout
	Concurrency int                       // measures at once; 0 means the number of CPUs
	Params      map[string]map[string]any // measure ID → parameter → value, overriding defaults
	Gate        gate.Policy               // how the report's gate is decided
	Measures    []string                  // evaluate only these measures; all when empty

	// History holds each measure's recorded indicator values. When it is
	// set, every verdict gets a trend, and CEL's history holds the values
	// recorded before the as-of time; when nil, history is empty and
	// verdicts have no trend.
	History map[string][]trend.Sample

	trace *[]Step // set by Explain, for its single measure
}

// DefaultTimeout bounds the evaluation of one measure.
const DefaultTimeout = 30 * time.Second

// Evaluate runs every measure against ev. It returns one verdict a
// measure, sorted by measure ID, even when measures fail; err is
// non-nil only when the options are invalid (an unknown measure or
// parameter, a parameter value of the wrong kind).
func (s *Set) Evaluate(ctx context.Context, ev *Evidence, opts EvalOptions) (*verdict.Report, error) {
	if opts.AsOf.IsZero() {
		return nil, errors.New("evaluate: no as-of time")
	}
	params, err := s.resolveParams(opts.Params)
	if err != nil {
		return nil, err
	}
	asOf := opts.AsOf.UTC()
	r := &run{ev: ev, asOf: asOf, nowText: asOf.Format(time.RFC3339Nano), timeout: opts.Timeout, sources: map[string]*lang.Source{}, trace: opts.trace, history: opts.History}
	for _, src := range s.mod.Sources {
		r.sources[src.Name] = src
	}
	if r.timeout <= 0 {
		r.timeout = DefaultTimeout
	}
	measures, err := s.selectMeasures(opts.Measures)
	if err != nil {
		return nil, err
	}
	verdicts := make([]verdict.Verdict, len(measures))
	workers := opts.Concurrency
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i, m := range measures {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			verdicts[i] = r.evaluate(ctx, m, params[m.def.ID])
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		// A cancelled run is no run: its error verdicts must not be
		// reported or recorded as if the controls had failed.
		return nil, fmt.Errorf("evaluation stopped: %w", err)
	}
	if opts.History != nil {
		addTrends(measures, verdicts, opts.History, asOf)
	}
	return s.report(ev, asOf, measures, verdicts, opts.Gate, paramsDigest(params)), nil
}

// selectMeasures returns the measures named, in ID order, or all.
func (s *Set) selectMeasures(ids []string) ([]*measure, error) {
	if len(ids) == 0 {
		return s.measures, nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []*measure
	for _, m := range s.measures {
		if want[m.def.ID] {
			out = append(out, m)
			delete(want, m.def.ID)
		}
	}
	if len(want) > 0 {
		missing := make([]string, 0, len(want))
		for id := range want {
			missing = append(missing, id)
		}
		sort.Strings(missing)
		return nil, fmt.Errorf("no measure %q", missing[0])
	}
	return out, nil
}

// report assembles the run's report: waivers are applied once every
// measure has a verdict (a compensating measure must be known), then
// each verdict's gate count, the summary and the gate follow.
func (s *Set) report(ev *Evidence, asOf time.Time, measures []*measure, verdicts []verdict.Verdict, gp gate.Policy, params string) *verdict.Report {
	notices := applyWaivers(verdicts, s.mod.Waivers, asOf)
	for i := range verdicts {
		verdicts[i].CountsAs = countsAs(verdicts[i], measures[i].def)
	}
	rep := &verdict.Report{
		SchemaVersion: verdict.SchemaVersion,
		Run: verdict.Run{
			AsOf:           asOf.Format(time.RFC3339Nano),
			AssayVersion:   Version,
			MeasuresDigest: s.measuresDigest,
			EvidenceDigest: ev.Digest,
		},
		Verdicts: verdicts,
		Notices:  append([]verdict.Notice{}, notices...),
	}
	rep.Run.ID = runID(rep.Run, params)
	for _, v := range verdicts {
		rep.Summary.Add(v.Status)
	}
	s.redact(rep)
	gp.Apply(rep)
	return rep
}

// runID derives the run's ID from its inputs, in UUID form: the
// measures, the evidence, the as-of time, the parameter values and the
// Assay version. The same inputs always give the same ID, and a run
// with other parameters another one.
func runID(r verdict.Run, params string) string {
	sum := sha256.Sum256([]byte(r.MeasuresDigest + "\n" + r.EvidenceDigest + "\n" + r.AsOf + "\n" + params + "\n" + r.AssayVersion))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x80 // version 8: custom
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// run is the state shared by the measures of one evaluation.
type run struct {
	history map[string][]trend.Sample
	trace   *[]Step
	ev      *Evidence
	sources map[string]*lang.Source
	asOf    time.Time
	nowText string
	timeout time.Duration
}

// evaluate runs one measure. A panic inside it fails this measure only.
func (r *run) evaluate(ctx context.Context, m *measure, params map[string]any) (v verdict.Verdict) {
	v = skeleton(m, params)
	defer func() {
		if p := recover(); p != nil {
			v.Status = verdict.Error
			v.Reason = fmt.Sprintf("internal error: %v", p)
			v.Errors = append(v.Errors, v.Reason)
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	st := &state{run: r, m: m, v: &v, vars: map[string]any{}}
	st.recordEvidence()
	st.evaluate(ctx, params)
	if reason := r.staleness(m); reason != "" && v.Status != verdict.Error {
		v.Status, v.Reason = verdict.Stale, reason
	}
	return v
}

// state is one measure's evaluation in progress.
type state struct {
	*run
	m    *measure
	v    *verdict.Verdict
	vars map[string]any
}

func (st *state) evaluate(ctx context.Context, params map[string]any) {
	if !st.bindEvidence() {
		return
	}
	st.vars[calc.VarParams] = params
	st.vars[calc.VarNow] = st.asOf
	st.vars[calc.VarHistory] = historyValue(st.history[st.m.def.ID], st.asOf)
	if !st.runPolicies(ctx, params) || !st.runQuantities(ctx) {
		return
	}
	value, ok := st.indicator(ctx)
	if !ok {
		return
	}
	st.decide(ctx, value)
}

// bindEvidence makes the measure's sources visible; an empty source
// makes the measure no_data unless it allows empty evidence.
func (st *state) bindEvidence() bool {
	sources := map[string]any{}
	for _, ref := range st.m.def.Evidence {
		se := st.ev.sources[ref.Name]
		if se == nil {
			st.fail(verdict.Error, fmt.Errorf("source %s was not collected", ref.Name))
			return false
		}
		if se.err != nil {
			st.fail(verdict.Error, se.err)
			return false
		}
		st.v.Evidence = append(st.v.Evidence, se.files...)
		sources[ref.Name] = se.values
	}
	st.vars[calc.VarEvidence] = sources
	if st.m.def.AllowEmptyEvidence {
		return true
	}
	for _, ref := range st.m.def.Evidence {
		if len(st.ev.sources[ref.Name].values) == 0 {
			st.noData(fmt.Sprintf("source %s has no records", ref.Name))
			return false
		}
	}
	return true
}

func (st *state) runPolicies(ctx context.Context, params map[string]any) bool {
	if len(st.m.policies) == 0 {
		st.vars[calc.VarPolicy] = map[string]any{}
		return true
	}
	input, err := st.policyInput(params)
	if err != nil {
		st.fail(verdict.Error, err)
		return false
	}
	results := map[string]any{}
	for _, p := range st.m.policies {
		res, err := p.query.Eval(ctx, input)
		st.recordPolicy(p, res, err)
		if err != nil {
			st.fail(verdict.Error, fmt.Errorf("policy %s (%s): %w", p.name, p.query.Text, err))
			return false
		}
		results[p.name] = res
		st.v.Findings = append(st.v.Findings, verdict.FromPolicy(p.name, policy.Findings(res))...)
	}
	st.vars[calc.VarPolicy] = results
	return true
}

func (st *state) policyInput(params map[string]any) (ast.Value, error) {
	evidence, locations := map[string]ast.Value{}, map[string]ast.Value{}
	for _, ref := range st.m.def.Evidence {
		evidence[ref.Name] = st.ev.sources[ref.Name].rego
		if locs := st.ev.sources[ref.Name].regoLocs; locs != nil {
			locations[ref.Name] = locs
		}
	}
	pv, err := policy.Value(params)
	if err != nil {
		return nil, err
	}
	return policy.Input(evidence, locations, pv, st.nowText), nil
}

// runQuantities computes the base measures, then the derived ones in
// dependency order. Each must be a finite number.
func (st *state) runQuantities(ctx context.Context) bool {
	for _, q := range st.m.base {
		if !st.quantity(ctx, q, "base_measure", st.v.Base) {
			return false
		}
	}
	for _, q := range st.m.derived {
		if !st.quantity(ctx, q, "derived_measure", st.v.Derived) {
			return false
		}
	}
	return true
}

// quantity computes one base or derived measure. A measure without a
// finite value (a zero denominator, or none) is recorded as such and
// its name holds NaN, so an indicator that reads it has no value either;
// a runtime error fails the measure.
func (st *state) quantity(ctx context.Context, q quantity, kind string, into map[string]verdict.Measure) bool {
	x, err := q.prog.Float(ctx, st.vars)
	st.recordProgram(kind, q.def.Name, q.prog, x, err)
	m := verdict.Measure{Unit: q.def.Unit, Method: q.def.Method}
	switch {
	case errors.Is(err, calc.ErrNoValue):
		x, m.Note = math.NaN(), "no value"
	case err != nil:
		st.fail(verdict.Error, fmt.Errorf("%s %s: %w", kind, q.def.Name, calc.Explain(err)))
		return false
	case math.IsNaN(x) || math.IsInf(x, 0):
		x, m.Note = math.NaN(), "no finite value: a zero denominator"
	default:
		m.Value = &x
	}
	st.vars[q.def.Name] = x
	into[q.def.Name] = m
	return true
}

func (st *state) indicator(ctx context.Context) (float64, bool) {
	x, err := st.m.indicator.Float(ctx, st.vars)
	st.recordProgram("indicator", "", st.m.indicator, x, err)
	switch {
	case errors.Is(err, calc.ErrNoValue):
		st.noData("the indicator gave no value")
		return 0, false
	case err != nil:
		st.fail(verdict.Error, fmt.Errorf("indicator: %w", calc.Explain(err)))
		return 0, false
	case math.IsNaN(x) || math.IsInf(x, 0):
		st.noData("the indicator has no finite value: a zero denominator, so there is nothing to measure")
		return 0, false
	}
	st.v.Value = &x
	return x, true
}

func (st *state) decide(ctx context.Context, value float64) {
	st.vars[calc.VarValue] = value
	if t := st.m.def.Indicator.Target; t != nil {
		st.vars[calc.VarTarget] = *t
	}
	criteria := []struct {
		status verdict.Status
		prog   *calc.Program
	}{{verdict.Pass, st.m.pass}, {verdict.Warn, st.m.warn}}
	for _, c := range criteria {
		if c.prog == nil {
			continue
		}
		ok, err := c.prog.Bool(ctx, st.vars)
		st.recordProgram(string(c.status), "", c.prog, ok, err)
		if err != nil {
			st.fail(verdict.Error, fmt.Errorf("decision %s: %w", c.status, calc.Explain(err)))
			return
		}
		if ok {
			st.v.Status = c.status
			st.v.Decision.Matched, st.v.Decision.Expr = string(c.status), c.prog.Expr.Text
			return
		}
	}
	st.v.Status = verdict.Fail
	st.v.Decision.Matched = string(verdict.Fail)
}

func (st *state) fail(status verdict.Status, err error) {
	st.v.Status = status
	st.v.Reason = err.Error()
	st.v.Errors = append(st.v.Errors, err.Error())
}

func (st *state) noData(reason string) {
	st.v.Status = verdict.NoData
	st.v.Reason = reason
}
