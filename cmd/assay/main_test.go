package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/assay-dev/assay/engine/verdict/verdicttest"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"assay": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script: one
// .txtar file a behaviour, each with its measures and evidence inline.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			schemas, err := filepath.Abs("../../../shared/schemas")
			if err != nil {
				return err
			}
			env.Setenv("SCHEMAS", schemas)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"verdict-schema": checkVerdictSchema,
		},
	})
}

// checkVerdictSchema is the script command "verdict-schema FILE": it
// fails the script when FILE does not match the verdict JSON Schema.
func checkVerdictSchema(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: verdict-schema FILE")
	}
	verdicttest.Check(scriptTB{ts}, []byte(ts.ReadFile(args[0])))
}

// scriptTB adapts a script to verdicttest.TB.
type scriptTB struct {
	*testscript.TestScript
}

func (scriptTB) Helper() {}
