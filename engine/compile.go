package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/assay-dev/assay/engine/calc"
	"github.com/assay-dev/assay/engine/diag"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/policy"
	"github.com/assay-dev/assay/plugins"
)

// Options configure Compile.
type Options struct {
	Plugins     plugins.Registry
	EvidenceDir string              // when set, relative evidence paths resolve here instead of beside the measure file
	Getenv      func(string) string // what env() in plugin configs reads; os.Getenv when nil
}

// Set is a compiled set of measures. It is immutable and safe for
// concurrent use.
type Set struct {
	mod            *lang.Module
	measures       []*measure
	collectors     map[string]plugins.Collector
	pluginVersions map[string]string
	readsLocations bool // a policy may read input.locations
	secrets        *plugins.Secrets
	measuresDigest string
}

// measure is one compiled measure.
type measure struct {
	def       *lang.Measure
	policies  []compiledPolicy
	base      []quantity
	derived   []quantity // in dependency order
	indicator *calc.Program
	pass      *calc.Program
	warn      *calc.Program
	params    map[string]any
}

type compiledPolicy struct {
	name  string
	query *policy.Query
}

type quantity struct {
	def  *lang.Quantity
	prog *calc.Program
}

// Compile checks and compiles every measure of mod. It reports every
// problem it finds; the Set is nil when diags has errors.
func Compile(ctx context.Context, mod *lang.Module, opts Options) (*Set, hcl.Diagnostics) {
	s := &Set{mod: mod, collectors: map[string]plugins.Collector{}, pluginVersions: map[string]string{}, secrets: &plugins.Secrets{}}
	diags := s.configureSources(opts)
	queries, modules, readsLocations, qdiags := compilePolicies(ctx, mod)
	s.readsLocations = readsLocations
	diags = append(diags, qdiags...)
	for _, def := range mod.Measures {
		m, mdiags := compileMeasure(def, queries)
		diags = append(diags, mdiags...)
		s.measures = append(s.measures, m)
	}
	slices.SortStableFunc(s.measures, func(a, b *measure) int {
		return strings.Compare(a.def.ID, b.def.ID)
	})
	if diags.HasErrors() {
		return nil, diag.Sort(diags)
	}
	s.measuresDigest = measuresDigest(mod, modules)
	return s, diag.Sort(diags)
}

// configureSources hands every source used by a measure to its plugin.
func (s *Set) configureSources(opts Options) hcl.Diagnostics {
	used := map[string]bool{}
	for _, m := range s.mod.Measures {
		for _, ref := range m.Evidence {
			used[ref.Name] = true
		}
	}
	var diags hcl.Diagnostics
	for _, src := range s.mod.Sources {
		p, err := opts.Plugins.Lookup(src.Plugin)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown plugin",
				Detail: fmt.Sprintf("Source %q: %v.", src.Name, err), Subject: src.PluginRange.Ptr()})
			continue
		}
		dir := src.Dir
		if opts.EvidenceDir != "" {
			dir = opts.EvidenceDir
		}
		c, cdiags := p.Configure(plugins.Config{
			Source: src.Name, Body: src.Config, Dir: dir,
			EvalCtx: plugins.EvalContext(s.secrets, opts.Getenv), Secrets: s.secrets,
		})
		diags = append(diags, cdiags...)
		if c != nil && used[src.Name] {
			s.collectors[src.Name] = c
			s.pluginVersions[src.Name] = plugins.VersionOf(p)
		}
	}
	return diags
}

// policyKey names one policy of one measure.
type policyKey struct{ measure, policy string }

// compilePolicies compiles every Rego module the measures name, all
// together, and prepares each policy's query once. It returns the
// modules too, for the measures digest.
func compilePolicies(ctx context.Context, mod *lang.Module) (map[policyKey]*policy.Query, []policy.Module, bool, hcl.Diagnostics) {
	var mods []policy.Module
	var diags hcl.Diagnostics
	for _, m := range mod.Measures {
		for _, p := range m.Policies {
			pm, d := policyModule(m, p)
			diags = append(diags, d...)
			if pm != nil {
				mods = append(mods, *pm)
			}
		}
	}
	if len(mods) == 0 || diags.HasErrors() {
		return nil, mods, false, diags
	}
	compiler, cdiags := policy.Compile(mods)
	if cdiags.HasErrors() {
		return nil, mods, false, append(diags, cdiags...)
	}
	queries := map[policyKey]*policy.Query{}
	for _, m := range mod.Measures {
		for _, p := range m.Policies {
			if p.Query == "" {
				continue
			}
			q, qdiags := compiler.Prepare(ctx, p.Query, p.QueryRange)
			diags = append(diags, qdiags...)
			queries[policyKey{m.ID, p.Name}] = q
		}
	}
	return queries, mods, compiler.ReadsLocations(), diags
}

func policyModule(m *lang.Measure, p *lang.Policy) (*policy.Module, hcl.Diagnostics) {
	switch {
	case p.Inline != nil:
		name := fmt.Sprintf("%s#%s/%s", m.File, m.ID, p.Name)
		return &policy.Module{Name: name, Text: p.Inline.Text, Inline: p.Inline}, nil
	case p.ModulePath != "":
		pm, err := policy.ReadModule(p.ModulePath)
		if err != nil {
			return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read policy module",
				Detail: err.Error(), Subject: p.ModuleRange.Ptr()}}
		}
		return &pm, nil
	}
	return nil, nil // lang already reported the missing module
}

func compileMeasure(def *lang.Measure, queries map[policyKey]*policy.Query) (*measure, hcl.Diagnostics) {
	m := &measure{def: def, params: map[string]any{}}
	spec := baseSpec(def)
	envs, err := calc.NewEnvs(spec.Quantities)
	if err != nil {
		return m, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot build CEL environment",
			Detail: fmt.Sprintf("Measure %q: %v.", def.ID, err), Subject: def.DeclRange.Ptr()}}
	}
	for _, p := range def.Params {
		m.params[p.Name] = p.Default
	}
	for _, p := range def.Policies {
		m.policies = append(m.policies, compiledPolicy{name: p.Name, query: queries[policyKey{def.ID, p.Name}]})
	}
	var diags hcl.Diagnostics
	compile := func(e *lang.Expr, what string, scope calc.Scope, result calc.Result) *calc.Program {
		if e == nil {
			return nil
		}
		sp := spec
		sp.What, sp.Scope, sp.Result = fmt.Sprintf("measure %q, %s", def.ID, what), scope, result
		p, d := calc.Compile(envs, e, sp)
		diags = append(diags, d...)
		return p
	}
	for _, q := range def.Base {
		m.base = append(m.base, quantity{q, compile(q.Expr, fmt.Sprintf("base_measure %q", q.Name), calc.ScopeBase, calc.Number)})
	}
	var derived []quantity
	for _, q := range def.Derived {
		derived = append(derived, quantity{q, compile(q.Expr, fmt.Sprintf("derived_measure %q", q.Name), calc.ScopeDerived, calc.Number)})
	}
	if def.Indicator != nil {
		m.indicator = compile(def.Indicator.Expr, "indicator", calc.ScopeDerived, calc.Indicator)
	}
	if def.Decision != nil {
		m.pass = compile(def.Decision.Pass, "decision pass", calc.ScopeDecision, calc.Bool)
		m.warn = compile(def.Decision.Warn, "decision warn", calc.ScopeDecision, calc.Bool)
	}
	order, odiags := orderDerived(def, derived)
	m.derived = order
	return m, append(diags, odiags...)
}

func baseSpec(def *lang.Measure) calc.Spec {
	var sp calc.Spec
	for _, ref := range def.Evidence {
		sp.Sources = append(sp.Sources, ref.Name)
	}
	for _, p := range def.Policies {
		sp.Policies = append(sp.Policies, p.Name)
	}
	for _, p := range def.Params {
		sp.Params = append(sp.Params, p.Name)
	}
	for _, q := range def.Base {
		sp.Quantities = append(sp.Quantities, q.Name)
	}
	for _, q := range def.Derived {
		sp.Quantities = append(sp.Quantities, q.Name)
	}
	sp.HasTarget = def.Indicator != nil && def.Indicator.Target != nil
	return sp
}
