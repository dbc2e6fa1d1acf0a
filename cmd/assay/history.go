package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/store"
)

func newHistory() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "history MEASURE",
		Short: "Show a measure's recorded values",
		Long: `History prints the values a measure had in the runs recorded in the
store (every assay eval records one unless --no-store), oldest first, as a
table or as JSON. "assay history prune --older-than 400d" deletes old runs.`,
		Args: cobra.ExactArgs(1),
		RunE: runHistory,
	}
	cmd.Flags().String("format", "table", "output format: table or json")
	cmd.Flags().Int("limit", 0, "only the latest N values")
	cmd.AddCommand(newPrune())
	return cmd
}

func runHistory(cmd *cobra.Command, args []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	format := v.GetString("format")
	if format != "table" && format != "json" {
		return fail(exitUsage, "--format must be table or json, not %q", format)
	}
	st, err := openRecorded(cmd.Context(), v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	defer st.Close()
	points, err := st.History(cmd.Context(), args[0], store.Query{Limit: v.GetInt("limit")})
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	out := cmd.OutOrStdout()
	if format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if points == nil {
			points = []store.Point{}
		}
		return enc.Encode(points)
	}
	if len(points) == 0 {
		fmt.Fprintf(out, "no recorded values for %s\n", args[0])
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AS OF\tSTATUS\tVALUE\tTARGET\tRUN")
	for _, p := range points {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.AsOf.UTC().Format(time.RFC3339), p.Status, optNumber(p.Value, p.Unit), optNumber(p.Target, p.Unit), p.RunID)
	}
	return tw.Flush()
}

// optNumber prints a value for people, to two decimals at most.
func optNumber(p *float64, unit string) string {
	if p == nil {
		return "-"
	}
	return strconv.FormatFloat(math.Round(*p*100)/100, 'f', -1, 64) + unit
}

func newPrune() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "prune --older-than AGE",
		Short: "Delete recorded runs older than AGE",
		Long: `Prune deletes, whole, every recorded run whose as-of time is more than
AGE (such as 400d, 2w or 36h) before now, or before --as-of.`,
		Args: cobra.NoArgs,
		RunE: runPrune,
	}
	cmd.Flags().String("older-than", "", "age of the runs to delete: 400d, 2w, 36h (required)")
	cmd.Flags().String("as-of", "", "count ages from this time, RFC 3339 (default: now)")
	cmd.Flags().Bool("dry-run", false, "list what would be deleted, delete nothing")
	return cmd
}

func runPrune(cmd *cobra.Command, _ []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	text := v.GetString("older-than")
	if text == "" {
		return fail(exitUsage, "prune needs --older-than AGE, such as 400d")
	}
	age, err := lang.ParseDuration(text)
	if err != nil {
		return fail(exitUsage, "--older-than: %v", err)
	}
	if age <= 0 {
		return fail(exitUsage, "--older-than must be more than zero: 0 would delete every run")
	}
	now := time.Now()
	if s := v.GetString("as-of"); s != "" {
		if now, err = time.Parse(time.RFC3339, s); err != nil {
			return fail(exitUsage, "--as-of %q is not an RFC 3339 time", s)
		}
	}
	cutoff := now.Add(-age)
	st, err := openRecorded(cmd.Context(), v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	defer st.Close()
	if v.GetBool("dry-run") {
		runs, err := st.Runs(cmd.Context(), store.Query{Before: cutoff})
		if err != nil {
			return fail(exitUsage, "%v", err)
		}
		fmt.Fprintf(cmd.OutOrStdout(), "would delete %d runs as of before %s\n", len(runs), cutoff.UTC().Format(time.RFC3339))
		return nil
	}
	n, err := st.Prune(cmd.Context(), cutoff)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "deleted %d runs as of before %s\n", n, cutoff.UTC().Format(time.RFC3339))
	return nil
}
