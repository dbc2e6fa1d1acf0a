// Command assay evaluates ISO/IEC 27004 measures written in HCL, CEL
// and Rego against evidence, and writes verdicts.
//
// Exit codes of the commands that gate:
//
//	0  every measure passed the gate
//	1  at least one measure failed the gate (fail, error, no_data, stale; warn with --fail-on warn)
//	2  the run could not be done: invalid measure files, unreadable evidence, bad flags
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
