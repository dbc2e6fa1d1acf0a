package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine/atomicfile"
	"github.com/assay-dev/assay/engine/diag"
	"github.com/assay-dev/assay/engine/format"
)

func newFmt() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Format measure files and Rego policies",
		Long: `Fmt lays out the .hcl measure files (tests included) and .rego policies
at PATH in canonical form: HCL through hclwrite, Rego through OPA's
formatter for Rego v1. Only whitespace changes; the text of heredocs and
quoted strings, CEL and inline Rego included, stays as written. A folder
is walked for both kinds of file in name order, skipping hidden folders.
Without PATH, fmt takes ./measures and ./policies, or the current folder
when neither exists.

By default fmt lists the files whose formatting differs, as gofmt -l
does, and changes nothing. -w also rewrites them in place; --diff prints
their unified diffs instead of their names; --check makes fmt exit 1
when there is any such file, for CI.

It exits 0 when done, 1 with --check when a file is not formatted, and 2
when a file cannot be read or does not parse, in which case it writes
nothing.`,
		RunE: runFmt,
	}
	f := cmd.Flags()
	f.BoolP("write", "w", false, "rewrite files that are not formatted (atomically, keeping their mode)")
	f.Bool("check", false, "exit 1 when any file is not formatted")
	f.Bool("diff", false, "print a unified diff for each file that is not formatted, instead of its name")
	return cmd
}

// fmtChange is a file whose formatted text differs from its content.
type fmtChange struct {
	path     string
	src, out []byte
}

func runFmt(cmd *cobra.Command, args []string) error {
	flags := cmd.Flags()
	write, _ := flags.GetBool("write")
	check, _ := flags.GetBool("check")
	diff, _ := flags.GetBool("diff")
	files, err := fmtFiles(fmtPaths(args))
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	changes, err := formatFiles(cmd.ErrOrStderr(), files)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	for _, c := range changes {
		if err := reportChange(out, c, diff); err != nil {
			return fail(exitUsage, "%v", err)
		}
		if write {
			if err := rewrite(c.path, c.out); err != nil {
				return fail(exitUsage, "%v", err)
			}
		}
	}
	if check && len(changes) > 0 {
		return checkFailure(len(changes), write)
	}
	return nil
}

// fmtPaths picks the paths to format: the arguments, else ./measures
// and ./policies where they exist, else the current folder.
func fmtPaths(args []string) []string {
	if len(args) > 0 {
		return args
	}
	var paths []string
	for _, p := range []string{"measures", "policies"} {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

// fmtFiles expands paths into the files to format, each once: a file
// as named, a folder walked in name order for .hcl and .rego files.
func fmtFiles(paths []string) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		if key := filepath.Clean(p); !seen[key] {
			seen[key] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, unwrapPath(err))
		}
		if !fi.IsDir() {
			if !format.Supported(p) {
				return nil, fmt.Errorf("%s is not a .hcl or .rego file", p)
			}
			add(p)
			continue
		}
		if err := walkFormattable(p, add); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// walkFormattable calls add for each regular .hcl and .rego file under
// root, in name order, skipping hidden folders below root.
func walkFormattable(root string, add func(string)) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return fmt.Errorf("cannot read %s: %w", p, unwrapPath(err))
		case d.IsDir() && p != root && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case d.Type().IsRegular() && format.Supported(p):
			add(p)
		}
		return nil
	})
}

// unwrapPath drops the operation and path that *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// formatFiles formats every file and returns those that change. When a
// file does not parse, it prints the problems of all files to stderr and
// returns an exit error, so that nothing gets written.
func formatFiles(stderr io.Writer, files []string) ([]fmtChange, error) {
	var changes []fmtChange
	var diags hcl.Diagnostics
	src := diag.Sources{}
	for _, p := range files {
		text, err := os.ReadFile(p)
		if err != nil {
			return nil, fail(exitUsage, "cannot read %s: %v", p, unwrapPath(err))
		}
		out, err := format.File(p, text)
		var se *format.SyntaxError
		switch {
		case errors.As(err, &se):
			diags = append(diags, se.Diagnostics...)
			src[p] = text
		case err != nil:
			return nil, fail(exitUsage, "%v", err)
		case string(out) != string(text):
			changes = append(changes, fmtChange{path: p, src: text, out: out})
		}
	}
	if diags.HasErrors() {
		_ = diag.WriteText(stderr, diags, src)
		return nil, &exitError{code: exitUsage}
	}
	return changes, nil
}

// reportChange names a changed file on w, or with diff writes its
// unified diff.
func reportChange(w io.Writer, c fmtChange, diff bool) error {
	if !diff {
		_, err := fmt.Fprintln(w, c.path)
		return err
	}
	name := strings.TrimPrefix(filepath.ToSlash(c.path), "/")
	_, err := w.Write(format.Unified("a/"+name, "b/"+name, c.src, c.out))
	return err
}

// rewrite replaces the file at path, or the file a symbolic link at
// path points to, with data, keeping its permission bits.
func rewrite(path string, data []byte) error {
	return atomicfile.Write(path, data)
}

// checkFailure is the exit error of --check when n files were not
// formatted.
func checkFailure(n int, written bool) error {
	files := "1 file"
	if n != 1 {
		files = fmt.Sprintf("%d files", n)
	}
	if written {
		return fail(exitGate, "%s not formatted; rewritten", files)
	}
	return fail(exitGate, "%s not formatted; run \"assay fmt -w\"", files)
}
