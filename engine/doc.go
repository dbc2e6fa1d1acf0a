// Package engine compiles measure files and evaluates them against
// evidence into verdicts.
//
// The work is split as cel-go and OPA split theirs: Compile does every
// check that does not need evidence (HCL decoding, CEL type checks,
// Rego compilation, plugin configs) and returns an immutable Set;
// Collect fetches the evidence; Evaluate binds it and runs.
//
//	mod, diags := lang.Load([]string{"measures"})
//	set, diags := engine.Compile(ctx, mod, engine.Options{Plugins: reg})
//	ev, err := set.Collect(ctx)
//	report, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: asOf})
//
// A measure that cannot be evaluated gets the error status; the other
// measures still run, and the report always has one verdict a measure.
package engine
