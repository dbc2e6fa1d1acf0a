package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/diag"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/measuretest"
)

func newTest() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run the tests of measures and policies",
		Long: `Test runs the tests in *_test.hcl files beside the measures at PATH
(default ./measures and ./policies): each evaluates one measure on the
evidence it gives and compares status, value and findings with what it
expects. It then reports which decision branches (pass, warn, fail,
no_data) each measure's tests reached, and runs the _test.rego files
found under PATH through OPA's test runner.

It exits 0 when every test passes, 1 when one fails and 2 when a test
file or a measure is broken.`,
		RunE: runTest,
	}
	f := cmd.Flags()
	f.BoolP("verbose", "v", false, "print every test, not only failures")
	f.String("run", "", "run only tests whose MEASURE/name (or rego/package.rule) matches this regular expression")
	f.String("format", "text", "output format: text or junit")
	return cmd
}

func runTest(cmd *cobra.Command, args []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	var filter *regexp.Regexp
	if pattern := v.GetString("run"); pattern != "" {
		if filter, err = regexp.Compile(pattern); err != nil {
			return fail(exitUsage, "--run: %v", err)
		}
	}
	format := v.GetString("format")
	if format != "text" && format != "junit" {
		return fail(exitUsage, "--format must be text or junit, not %q", format)
	}
	paths := testPaths(args)
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return fail(exitUsage, "%v", err)
		}
	}
	ctx := cmd.Context()
	hclPaths, regoPaths := splitPaths(paths)
	var (
		set   *engine.Set
		mod   = &lang.Module{}
		diags hcl.Diagnostics
	)
	if len(hclPaths) > 0 {
		set, mod, diags = compile(ctx, v, hclPaths)
	}
	tests, files, tdiags := lang.LoadTests(hclPaths)
	if mod != nil && !tdiags.HasErrors() {
		tdiags = append(tdiags, mod.CheckTests(tests)...)
	}
	if diags = diag.Sort(append(diags, tdiags...)); diags.HasErrors() {
		printTestDiags(cmd.ErrOrStderr(), diags, mod, files)
		return &exitError{code: exitUsage}
	}
	start := time.Now()
	results, err := measuretest.Run(ctx, set, tests, filter)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	rego, err := measuretest.RunRego(ctx, regoPaths, filter)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if len(results)+len(rego) == 0 && filter == nil {
		// Nothing tested is not a pass.
		return fail(exitUsage, "no tests in %s: measure tests live in *_test.hcl files, policy tests in *_test.rego", strings.Join(paths, ", "))
	}
	out := cmd.OutOrStdout()
	if format == "junit" {
		if err := measuretest.WriteJUnit(out, results, rego, "1970-01-01T00:00:00"); err != nil {
			return fail(exitUsage, "%v", err)
		}
	} else {
		printResults(out, results, rego, v.GetBool("verbose"))
		printCoverage(out, measuretest.BranchCoverage(mod, results), filter == nil)
	}
	return testSummary(out, format, results, rego, time.Since(start))
}

// testPaths defaults to the measures and policies folders that exist.
func testPaths(args []string) []string {
	if len(args) > 0 {
		return args
	}
	var out []string
	for _, p := range []string{"measures", "policies"} {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			out = append(out, p)
		}
	}
	return out
}

// splitPaths sends folders that hold .hcl files to the measure loader
// and every path to the Rego test runner, which looks for _test.rego.
func splitPaths(paths []string) (hcl []string, rego []string) {
	for _, p := range paths {
		if hasFile(p, ".hcl") {
			hcl = append(hcl, p)
		}
		if hasFile(p, "_test.rego") {
			rego = append(rego, p)
		}
	}
	return hcl, rego
}

func hasFile(root, suffix string) bool {
	if strings.HasSuffix(root, suffix) {
		return true
	}
	found := false
	_ = walkFiles(root, func(path string) {
		if strings.HasSuffix(path, suffix) {
			found = true
		}
	})
	return found
}

func printTestDiags(w io.Writer, diags hcl.Diagnostics, mod *lang.Module, files map[string]*hcl.File) {
	src := sources(mod)
	for name, f := range files {
		src[name] = f.Bytes
	}
	_ = diag.WriteText(w, diags, src)
}

func printResults(w io.Writer, results []measuretest.Result, rego []measuretest.RegoResult, verbose bool) {
	for _, r := range results {
		if verbose {
			fmt.Fprintf(w, "=== RUN   %s\n", r.Name)
		}
		if r.Passed && !verbose {
			continue
		}
		word := "PASS"
		if !r.Passed {
			word = "FAIL"
		}
		fmt.Fprintf(w, "--- %s: %s (%.2fs)\n", word, r.Name, r.Duration.Seconds())
		for _, f := range r.Failures {
			fmt.Fprintf(w, "    %s:%d: %s\n", r.Test.File, r.Test.DeclRange.Start.Line, f)
		}
	}
	for _, r := range rego {
		if r.Passed && !r.Skipped && !verbose {
			continue
		}
		word := "PASS"
		switch {
		case !r.Passed:
			word = "FAIL"
		case r.Skipped:
			word = "SKIP"
		}
		fmt.Fprintf(w, "--- %s: %s\n", word, r.Name)
		if r.Detail != "" {
			fmt.Fprintf(w, "    %s\n", r.Detail)
		}
	}
}

// printCoverage lists each measure's decision branches, marking those
// no test reached. Without a --run filter, measures with no tests at
// all are listed too.
func printCoverage(w io.Writer, cov []measuretest.Coverage, all bool) {
	fmt.Fprintln(w, "branches:")
	for _, c := range cov {
		if len(c.Reached) == 0 && !all {
			continue
		}
		var parts []string
		for _, b := range c.Possible {
			mark := "-"
			if c.Reached[b] {
				mark = "+"
			}
			parts = append(parts, mark+string(b))
		}
		line := fmt.Sprintf("  %-10s %d/%d  %s", c.Measure, len(c.Possible)-len(c.Missing()), len(c.Possible), strings.Join(parts, " "))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

func testSummary(w io.Writer, format string, results []measuretest.Result, rego []measuretest.RegoResult, d time.Duration) error {
	passed, failed := 0, 0
	for _, r := range results {
		if r.Passed {
			passed++
		} else {
			failed++
		}
	}
	for _, r := range rego {
		if r.Passed {
			passed++
		} else {
			failed++
		}
	}
	if format == "text" {
		word := "ok"
		if failed > 0 {
			word = "FAIL"
		}
		fmt.Fprintf(w, "%s\t%d passed, %d failed\t%.3fs\n", word, passed, failed, d.Seconds())
	}
	if failed > 0 {
		return &exitError{code: exitGate}
	}
	return nil
}

// goTestStyle lets `assay test` take go test's single-dash -run, which
// the flag parser would read as the shorthands -r -u -n.
func goTestStyle(args []string) []string {
	if len(args) == 0 || args[0] != "test" {
		return args
	}
	out := append([]string(nil), args...)
	for i, a := range out {
		if a == "--" {
			break
		}
		if a == "-run" || strings.HasPrefix(a, "-run=") {
			out[i] = "-" + a
		}
	}
	return out
}
