package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/bundle"
	"github.com/assay-dev/assay/engine/gate"
	"github.com/assay-dev/assay/engine/verdict"
)

func newEval() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval [PATH...]",
		Short: "Evaluate measures against evidence and write verdicts",
		Long: `Eval loads the measures at PATH (default ./measures), reads their
evidence, evaluates every measure and writes the verdicts to stdout or
--out, in --format (json by default); --output FORMAT=FILE writes more
formats from the same run.

Evidence comes from the sources' plugins, read now (the default), from a
bundle made by "assay collect" (--bundle), or from a fresh collection
(--collect, which also writes the bundle when --bundle is given). With a
bundle, evidence older than a source's max_age makes its measures stale.

It exits 0 when the gate passes, 1 when it fails and 2 when the run
cannot be done.`,
		RunE: runEval,
	}
	f := cmd.Flags()
	f.String("out", "", "write the --format output to this file (atomically) instead of stdout")
	f.String("format", "json", "output format: json, oscal, sarif, junit, markdown or table")
	f.StringArray("output", nil, "also write FORMAT=FILE (repeatable)")
	f.String("evidence", "", "folder that relative evidence paths are resolved against")
	f.String("bundle", "", "evaluate the evidence bundle at this path (a folder or .tar.gz)")
	f.Bool("collect", false, "collect evidence now (and write it to --bundle when given) before evaluating")
	f.String("fail-on", "fail", "lowest status that fails the gate: warn or fail")
	f.Bool("allow-soft", false, "let measures with enforcement = \"soft\" fail without failing the gate")
	f.String("as-of", "", "the run's as-of time, RFC 3339 (default: now)")
	f.StringArray("param", nil, "override a parameter: MEASURE.NAME=VALUE (repeatable)")
	f.Duration("timeout", engine.DefaultTimeout, "time limit for evaluating one measure")
	f.Int("concurrency", 0, "measures evaluated at once (default: number of CPUs)")
	f.Bool("no-store", false, "do not record the run in the history store")
	return cmd
}

func runEval(cmd *cobra.Command, args []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	opts, err := evalOptions(v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	outs, err := outputs(v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	ctx := cmd.Context()
	set, mod, diags := compile(ctx, v, measurePaths(args, v.GetStringSlice("measures")))
	if diags.HasErrors() {
		printDiags(cmd.ErrOrStderr(), diags, mod)
		return &exitError{code: exitUsage}
	}
	ev, err := evidenceFor(cmd, v, set)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	hist, err := openHistory(cmd, v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	defer hist.close()
	if opts.History, err = hist.measurements(cmd, opts.AsOf); err != nil {
		return fail(exitUsage, "%v", err)
	}
	report, err := set.Evaluate(ctx, ev, opts)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	// Every output is staged first and the run recorded before any
	// output is put in place: an unwritable output or a store failure
	// leaves no file changed and no run recorded.
	out, err := stageOutputs(cmd.OutOrStdout(), outs, report)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if err := hist.record(cmd, report); err != nil {
		out.discard()
		return fail(exitUsage, "%v", err)
	}
	if err := out.commit(); err != nil {
		return fail(exitUsage, "%v", err)
	}
	return gateResult(cmd, report)
}

// evidenceFor reads the run's evidence: from a bundle, from a fresh
// collection, or from the plugins directly.
func evidenceFor(cmd *cobra.Command, v *viper.Viper, set *engine.Set) (*engine.Evidence, error) {
	ctx := cmd.Context()
	path := v.GetString("bundle")
	switch {
	case v.GetBool("collect"):
		c, err := set.Gather(ctx, engine.GatherOptions{Now: time.Now(), Progress: progressPrinter(cmd.ErrOrStderr())})
		if err != nil {
			return nil, err
		}
		if path != "" {
			if _, err := bundle.Write(path, c); err != nil {
				return nil, err
			}
		}
		return set.Load(c, engine.LoadOptions{CheckFreshness: true})
	case path != "":
		c, _, err := bundle.Open(path, bundle.DefaultLimits)
		if err != nil {
			return nil, err
		}
		return set.Load(c, engine.LoadOptions{CheckFreshness: true})
	}
	return set.Collect(ctx)
}

func gateResult(cmd *cobra.Command, report *verdict.Report) error {
	stderr := cmd.ErrOrStderr()
	fmt.Fprintln(stderr, summaryLine(report.Summary))
	for _, n := range report.Notices {
		fmt.Fprintf(stderr, "%s: %s: %s\n", n.Severity, n.Measure, n.Message)
	}
	if report.Gate.Passed {
		return nil
	}
	for _, b := range report.Gate.Blocking {
		fmt.Fprintf(stderr, "gate: %s\n", b.Reason)
	}
	return &exitError{code: exitGate}
}

func evalOptions(v *viper.Viper) (engine.EvalOptions, error) {
	opts := engine.EvalOptions{
		AsOf:        time.Now(),
		Timeout:     v.GetDuration("timeout"),
		Concurrency: v.GetInt("concurrency"),
		Params:      map[string]map[string]any{},
	}
	if s := v.GetString("as-of"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return opts, fmt.Errorf("--as-of %q is not an RFC 3339 time such as 2026-12-01T00:00:00Z", s)
		}
		opts.AsOf = t
	}
	failOn, err := gate.ParseFailOn(v.GetString("fail-on"))
	if err != nil {
		return opts, err
	}
	opts.Gate = gate.Policy{FailOn: failOn, AllowSoft: v.GetBool("allow-soft")}
	for _, p := range v.GetStringSlice("param") {
		id, name, value, err := engine.ParseParam(p)
		if err != nil {
			return opts, err
		}
		if opts.Params[id] == nil {
			opts.Params[id] = map[string]any{}
		}
		opts.Params[id][name] = value
	}
	return opts, nil
}

func summaryLine(s verdict.Summary) string {
	return fmt.Sprintf("%d measures: %d pass, %d warn, %d fail, %d no_data, %d stale, %d error, %d waived",
		s.Total, s.Pass, s.Warn, s.Fail, s.NoData, s.Stale, s.Error, s.Waived)
}
