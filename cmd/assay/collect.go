package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/bundle"
)

func newCollect() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect [PATH...] --out BUNDLE",
		Short: "Collect evidence into a bundle",
		Long: `Collect runs the plugin of every source the measures at PATH use
(default ./measures), concurrently, and writes what they return to a
bundle: a folder, or a .tar.gz when BUNDLE ends so, holding the files and
a manifest.json that pins each by SHA-256 with its source, plugin,
collection time and media type. "assay eval --bundle BUNDLE" evaluates
it later, offline.

A source that cannot be collected is recorded in the manifest with its
reason, the others are still collected, and the command exits 1.`,
		RunE: runCollect,
	}
	f := cmd.Flags()
	f.String("out", "", "bundle to write: a folder, or a file ending in .tar.gz (required)")
	f.StringArray("source", nil, "collect only this source (repeatable)")
	f.String("evidence", "", "folder that relative evidence paths are resolved against")
	f.Duration("source-timeout", engine.DefaultCollectTimeout, "time limit for collecting one source")
	return cmd
}

func runCollect(cmd *cobra.Command, args []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	out := v.GetString("out")
	if out == "" {
		return fail(exitUsage, "collect needs --out BUNDLE")
	}
	ctx := cmd.Context()
	set, mod, diags := compile(ctx, v, measurePaths(args, v.GetStringSlice("measures")))
	if diags.HasErrors() {
		printDiags(cmd.ErrOrStderr(), diags, mod)
		return &exitError{code: exitUsage}
	}
	c, err := set.Gather(ctx, engine.GatherOptions{
		Now:      time.Now(),
		Sources:  v.GetStringSlice("source"),
		Timeout:  v.GetDuration("source-timeout"),
		Progress: progressPrinter(cmd.ErrOrStderr()),
	})
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	m, err := bundle.Write(out, c)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	failed := 0
	for _, s := range m.Sources {
		if s.Error != "" {
			failed++
		}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %d sources, %d files, %d failed, digest %s\n", out, len(m.Sources), len(m.Files), failed, m.Digest)
	if failed > 0 {
		return &exitError{code: exitGate}
	}
	return nil
}

// progressPrinter reports each finished source: on a terminal as one
// line rewritten in place, elsewhere as a plain line a source.
func progressPrinter(w io.Writer) func(engine.Progress) {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return func(p engine.Progress) {
		line := fmt.Sprintf("collected %s: %d files, %d bytes in %s", p.Source, p.Files, p.Bytes, p.Duration.Round(time.Millisecond))
		if p.Err != nil {
			line = fmt.Sprintf("failed %s: %v", p.Source, p.Err)
		}
		if tty {
			fmt.Fprintf(w, "\r\033[K[%d/%d] %s", p.Done, p.Total, line)
			if p.Done == p.Total || p.Err != nil {
				fmt.Fprintln(w)
			}
			return
		}
		fmt.Fprintln(w, line)
	}
}
