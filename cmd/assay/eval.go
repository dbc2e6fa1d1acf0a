package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/gate"
	"github.com/assay-dev/assay/engine/verdict"
)

func newEval() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval [PATH...]",
		Short: "Evaluate measures against evidence and write verdicts",
		Long: `Eval loads the measures at PATH (default ./measures), collects their
evidence, evaluates every measure and writes the verdicts as JSON to
stdout or --out. It exits 0 when the gate passes, 1 when it fails and 2
when the run cannot be done.`,
		RunE: runEval,
	}
	f := cmd.Flags()
	f.String("out", "", "write the verdict JSON to this file (atomically) instead of stdout")
	f.String("evidence", "", "folder that relative evidence paths are resolved against")
	f.String("fail-on", "fail", "lowest status that fails the gate: warn or fail")
	f.Bool("allow-soft", false, "let measures with enforcement = \"soft\" fail without failing the gate")
	f.String("as-of", "", "the run's as-of time, RFC 3339 (default: now)")
	f.StringArray("param", nil, "override a parameter: MEASURE.NAME=VALUE (repeatable)")
	f.Duration("timeout", engine.DefaultTimeout, "time limit for evaluating one measure")
	f.Int("concurrency", 0, "measures evaluated at once (default: number of CPUs)")
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
	ctx := cmd.Context()
	set, mod, diags := compile(ctx, measurePaths(args, v.GetStringSlice("measures")), v.GetString("evidence"))
	if diags.HasErrors() {
		printDiags(cmd.ErrOrStderr(), diags, mod)
		return &exitError{code: exitUsage}
	}
	ev, err := set.Collect(ctx)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	report, err := set.Evaluate(ctx, ev, opts)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if err := writeReport(cmd, v.GetString("out"), report); err != nil {
		return fail(exitUsage, "%v", err)
	}
	fmt.Fprintln(cmd.ErrOrStderr(), summaryLine(report.Summary))
	if !report.Gate.Passed {
		for _, b := range report.Gate.Blocking {
			fmt.Fprintf(cmd.ErrOrStderr(), "gate: %s\n", b.Reason)
		}
		return &exitError{code: exitGate}
	}
	return nil
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

// writeReport writes the report as indented JSON, to stdout or
// atomically to path.
func writeReport(cmd *cobra.Command, path string, r *verdict.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encoding verdicts: %w", err)
	}
	if path == "" {
		_, err := cmd.OutOrStdout().Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(path, buf.Bytes())
}
