package main

import (
	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine/verdict"
)

func newSchema() *cobra.Command {
	return &cobra.Command{
		Use:       "schema verdict",
		Short:     "Print the JSON Schema of Assay's output",
		Long:      "Schema prints the JSON Schema (draft 2020-12) of the verdict document that eval writes.",
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"verdict"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "verdict" {
				return fail(exitUsage, "unknown schema %q; known: verdict", args[0])
			}
			_, err := cmd.OutOrStdout().Write(verdict.Schema)
			return err
		},
	}
}
