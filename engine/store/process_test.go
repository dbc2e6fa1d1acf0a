package store

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/verdict"
)

// Environment of the helper processes.
const (
	envHelper = "ASSAY_STORE_HELPER" // writer, loop or hold
	envDSN    = "ASSAY_STORE_DSN"
	envIndex  = "ASSAY_STORE_INDEX" // writer: its number; loop: first run
	envRuns   = "ASSAY_STORE_RUNS"  // writer: runs of its own
	envStart  = "ASSAY_STORE_START" // writer: Unix ns to start at
)

// Shape of the runs the helpers write.
const (
	writerVerdicts = 14  // as many as a catalogue run
	sharedRuns     = 5   // runs every writer records
	bigVerdicts    = 300 // a large run, to be killed in the middle of
)

// helperMain is the body of a helper process; its result is the exit
// code.
func helperMain(role string) int {
	err := runHelper(role)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s helper: %v\n", role, err)
		return 1
	}
	return 0
}

func runHelper(role string) error {
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv(envDSN))
	if err != nil {
		return err
	}
	defer s.Close()
	index, _ := strconv.Atoi(os.Getenv(envIndex))
	switch role {
	case "writer":
		runs, _ := strconv.Atoi(os.Getenv(envRuns))
		return writer(ctx, s, index, runs)
	case "loop":
		return loop(ctx, s, index)
	case "hold":
		return hold(ctx, s)
	}
	return fmt.Errorf("unknown role %q", role)
}

// writerRun is run i of writer w; w < 0 is the run every writer shares.
func writerRun(w, i int) *verdict.Report {
	tag := "shared"
	if w >= 0 {
		tag = fmt.Sprintf("w%d", w)
	}
	vs := make([]mv, writerVerdicts)
	for k := range vs {
		vs[k] = meas(fmt.Sprintf("M-%02d", k), float64(100*w+i))
	}
	return runAt(tag, day(i), vs...)
}

// writer waits for the common start, then records its runs
// interleaved with the shared ones, each as its own transaction.
func writer(ctx context.Context, s Store, w, runs int) error {
	if ns, err := strconv.ParseInt(os.Getenv(envStart), 10, 64); err == nil {
		time.Sleep(time.Until(time.Unix(0, ns)))
	}
	for i := range runs {
		if err := s.Record(ctx, writerRun(w, i)); err != nil {
			return err
		}
		if i < sharedRuns {
			if err := s.Record(ctx, writerRun(-1, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// bigRun is the i-th large run of the SIGKILL tests: bigVerdicts
// verdicts with findings, about 1 MB of JSON.
func bigRun(i int) *verdict.Report {
	vs := make([]mv, bigVerdicts)
	for k := range vs {
		vs[k] = meas(fmt.Sprintf("BIG-%03d", k), float64(i*1000+k))
	}
	rep := runAt("big", day0.Add(time.Duration(i)*time.Hour), vs...)
	for k := range rep.Verdicts {
		for f := range 12 {
			rep.Verdicts[k].Findings = append(rep.Verdicts[k].Findings, verdict.Finding{
				Policy: "overdue", Resource: fmt.Sprintf("pkg:golang/example.com/mod%d@v1.%d.%d", f, i, k),
				Message: "CVE-2026-" + strconv.Itoa(10000+f) + " " + strings.Repeat("is past its fix SLA ", 3),
				File:    "trivy/image.json", Line: 100*f + k,
			})
		}
	}
	return rep
}

// loop records large runs forever from run first on, printing each
// run's ID once it is committed.
func loop(ctx context.Context, s Store, first int) error {
	for i := first; ; i++ {
		rep := bigRun(i)
		if err := s.Record(ctx, rep); err != nil {
			return err
		}
		fmt.Println("committed", rep.Run.ID)
	}
}

// hold records one large run and stops in the middle of writing its
// verdicts, inside the transaction, to wait for its SIGKILL.
func hold(ctx context.Context, s Store) error {
	midRecord = func(written int) {
		if written >= bigVerdicts/2 {
			fmt.Println("mid")
			time.Sleep(time.Hour) // until SIGKILL
		}
	}
	return s.Record(ctx, bigRun(999))
}
