package main

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine/report"
)

func newExplain() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "explain MEASURE [PATH...]",
		Short: "Show how one measure's verdict came about",
		Long: `Explain evaluates one measure, as eval does, and prints its trace: the
evidence it read, each policy's result, every base and derived measure
with the values it read, the indicator, and each decision criterion
tried in order, so it is plain which one matched and why the earlier
ones did not. It exits 0 whatever the verdict, and 2 when it cannot run.`,
		Args: cobra.MinimumNArgs(1),
		RunE: runExplain,
	}
	f := cmd.Flags()
	f.String("evidence", "", "folder that relative evidence paths are resolved against")
	f.String("bundle", "", "read evidence from this bundle")
	f.Bool("collect", false, "collect evidence now before explaining")
	f.String("as-of", "", "the run's as-of time, RFC 3339 (default: now)")
	f.StringArray("param", nil, "override a parameter: MEASURE.NAME=VALUE (repeatable)")
	f.Duration("timeout", 0, "time limit for evaluating the measure (default 30s)")
	f.String("format", "text", "output format: text or json")
	return cmd
}

func runExplain(cmd *cobra.Command, args []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	opts, err := evalOptions(v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	format := v.GetString("format")
	if format != "text" && format != "json" {
		return fail(exitUsage, "--format must be text or json, not %q", format)
	}
	ctx := cmd.Context()
	set, mod, diags := compile(ctx, v, measurePaths(args[1:], v.GetStringSlice("measures")))
	if diags.HasErrors() {
		printDiags(cmd.ErrOrStderr(), diags, mod)
		return &exitError{code: exitUsage}
	}
	ev, err := evidenceFor(cmd, v, set)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	e, err := set.Explain(ctx, args[0], ev, opts)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if format == "json" {
		enc := json.NewEncoder(cmd.OutOrStdout())
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(e)
	}
	return report.WriteExplanation(cmd.OutOrStdout(), e)
}
