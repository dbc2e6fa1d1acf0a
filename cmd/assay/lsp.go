package main

import (
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lsp"
)

func newLSP() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for editors, over stdio",
		Long: `Lsp runs a Language Server Protocol server on stdin and stdout: errors
as you type (everything validate reports, CEL errors at their place inside
strings and heredocs, Rego errors in .rego files), hover text that
explains every block and attribute in ISO/IEC 27004 terms, completion,
and go to definition. See the README for VS Code and Neovim.`,
		Args: cobra.NoArgs,
		RunE: runLSP,
	}
	cmd.Flags().String("evidence", "", "folder that relative evidence paths are resolved against")
	cmd.Flags().Bool("log", false, "log the server's work to stderr")
	return cmd
}

func runLSP(cmd *cobra.Command, _ []string) error {
	v, err := settings(cmd)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	reg, err := registry(v)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	logOut := io.Discard
	if v.GetBool("log") {
		logOut = cmd.ErrOrStderr()
	}
	err = lsp.Serve(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), lsp.Options{
		Plugins:     reg,
		EvidenceDir: v.GetString("evidence"),
		Logger:      slog.New(slog.NewTextHandler(logOut, nil)),
		Version:     engine.Version,
	})
	if err != nil {
		return fail(exitGate, "lsp: %v", err)
	}
	return nil
}
