package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// Exit codes.
const (
	exitOK    = 0
	exitGate  = 1
	exitUsage = 2
)

// exitError carries a command's exit code; err, when set, is printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func fail(code int, format string, args ...any) error {
	return &exitError{code: code, err: fmt.Errorf(format, args...)}
}

// run executes the command line and returns the exit code. It never
// calls os.Exit, so tests can drive it with buffers.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(goTestStyle(args))
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "assay: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "assay: %v\n", err)
	return exitUsage
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "assay",
		Short:         "Evaluate ISO/IEC 27004 security measures against evidence",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().String("config", "", "config file (default ./assay.yaml when present)")
	root.PersistentFlags().String("plugin-dir", "", "folder of external plugins (assay-plugin-NAME executables)")
	root.PersistentFlags().String("store", "", "run history: a SQLite file or postgres://… (default .assay/history.db)")
	root.AddCommand(newEval(), newCollect(), newValidate(), newTest(), newExplain(), newFmt(), newLSP(), newHistory(), newReport(), newSchema())
	return root
}

// settings reads a command's configuration: flags win over ASSAY_*
// environment variables, which win over the config file.
func settings(cmd *cobra.Command) (*viper.Viper, error) {
	v := viper.New()
	v.SetEnvPrefix("ASSAY")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return nil, err
	}
	path, _ := cmd.Flags().GetString("config")
	if path == "" {
		path = os.Getenv("ASSAY_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat("assay.yaml"); err != nil {
			return v, checkTypes(cmd, v)
		}
		path = "assay.yaml"
	}
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if err := checkConfigKeys(cmd, v, path); err != nil {
		return nil, err
	}
	return v, checkTypes(cmd, v)
}
