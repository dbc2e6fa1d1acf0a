package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine/atomicfile"
	"github.com/assay-dev/assay/engine/report"
	"github.com/assay-dev/assay/engine/store"
)

func newReport() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report --html FILE",
		Short: "Write an HTML report of the latest recorded run",
		Long: `Report writes one self-contained HTML page (it loads nothing from the
network) for the latest run in the store, or --run ID: the summary, every
measure's status and value against its target, and an SVG chart of each
measure's recorded values.`,
		Args: cobra.NoArgs,
		RunE: runReport,
	}
	cmd.Flags().String("html", "", "file to write (required)")
	cmd.Flags().String("run", "", "the run to report (default: the latest)")
	return cmd
}

func runReport(cmd *cobra.Command, _ []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	path := v.GetString("html")
	if path == "" {
		return fail(exitUsage, "report needs --html FILE")
	}
	ctx := cmd.Context()
	st, err := openRecorded(ctx, v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	defer st.Close()
	id := v.GetString("run")
	if id == "" {
		runs, err := st.Runs(ctx, store.Query{Limit: 1})
		if err != nil {
			return fail(exitUsage, "%v", err)
		}
		if len(runs) == 0 {
			return fail(exitUsage, "the store holds no runs yet: run assay eval first")
		}
		id = runs[0].ID
	}
	rep, err := st.Report(ctx, id)
	if err != nil {
		return fail(exitUsage, "run %s: %v", id, err)
	}
	asOf, err := time.Parse(time.RFC3339Nano, rep.Run.AsOf)
	if err != nil {
		return fail(exitUsage, "run %s: %v", id, err)
	}
	history, err := st.Measurements(ctx, nil, store.Query{Before: asOf})
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, rep, history); err != nil {
		return fail(exitUsage, "%v", err)
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return fail(exitUsage, "%v", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: run %s, %d measures\n", path, id, len(rep.Verdicts))
	return nil
}
