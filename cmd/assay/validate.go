package main

import (
	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine/diag"
)

func newValidate() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check measure files without evaluating them",
		Long: `Validate loads and compiles the measures at PATH (default ./measures):
HCL structure, CEL types, Rego policies and plugin configs. It prints every
problem as file:line:col and exits 2 when there is an error, 0 otherwise.`,
		RunE: runValidate,
	}
	cmd.Flags().String("format", "text", "output format: text or json")
	cmd.Flags().String("evidence", "", "folder that relative evidence paths are resolved against")
	return cmd
}

func runValidate(cmd *cobra.Command, args []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	format := v.GetString("format")
	if format != "text" && format != "json" {
		return fail(exitUsage, "--format must be text or json, not %q", format)
	}
	_, mod, diags := compile(cmd.Context(), v, measurePaths(args, v.GetStringSlice("measures")))
	out := cmd.OutOrStdout()
	if format == "json" {
		if err := diag.WriteJSON(out, diags); err != nil {
			return fail(exitUsage, "%v", err)
		}
	} else {
		printDiags(cmd.ErrOrStderr(), diags, mod)
	}
	if diags.HasErrors() {
		return &exitError{code: exitUsage}
	}
	if format == "text" {
		cmd.Printf("%d measures valid\n", len(mod.Measures))
	}
	return nil
}
