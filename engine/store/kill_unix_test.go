//go:build unix

package store

import (
	"bufio"
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helper starts this test binary as a helper process of role.
func helper(t *testing.T, role string, env ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{envHelper + "=" + role}, env...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// TestConcurrentProcesses runs several OS processes that open one new
// SQLite file at the same moment (racing to create the schema) and
// record runs into it, some of them the same runs. Every process must
// succeed and every run be stored exactly once, whole.
func TestConcurrentProcesses(t *testing.T) {
	const procs, runs = 4, 20
	path := filepath.Join(t.TempDir(), "shared.db")
	start := time.Now().Add(1500 * time.Millisecond).UnixNano()
	cmds := make([]*exec.Cmd, procs)
	errs := make([]*bytes.Buffer, procs)
	for w := range procs {
		cmds[w], errs[w] = helper(t, "writer", envDSN+"="+path, envIndex+"="+strconv.Itoa(w),
			envRuns+"="+strconv.Itoa(runs), envStart+"="+strconv.FormatInt(start, 10))
		if err := cmds[w].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for w, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer %d: %v\n%s", w, err, errs[w])
		}
	}
	want := map[string]bool{}
	for i := range sharedRuns {
		want[writerRun(-1, i).Run.ID] = true
	}
	for w := range procs {
		for i := range runs {
			want[writerRun(w, i).Run.ID] = true
		}
	}
	assertRuns(t, path, want, writerVerdicts)
	s := openT(t, path)
	if ps := history(t, s, "M-00", Query{}); len(ps) != len(want) {
		t.Errorf("M-00 has %d points, want %d", len(ps), len(want))
	}
}

// assertRuns checks that the store at path holds exactly the runs in
// want, each with its verdicts, and passes integrity checks.
func assertRuns(t *testing.T, path string, want map[string]bool, verdicts int) {
	t.Helper()
	integrityCheck(t, path)
	s := openT(t, path)
	assertComplete(t, s)
	runs, err := s.Runs(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range runs {
		seen[r.ID]++
		if r.Verdicts != verdicts {
			t.Errorf("run %s: %d verdicts, want %d", r.ID, r.Verdicts, verdicts)
		}
	}
	for id, n := range seen {
		if n != 1 || !want[id] {
			t.Errorf("run %s stored %d times, expected: %v", id, n, want[id])
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d runs stored, want %d", len(seen), len(want))
	}
}

// TestSIGKILLWhileRecording kills, for real, a process that records
// large runs in a loop, at a random moment, three times over on one
// file. After each kill the file must pass integrity_check, every run
// the process reported committed must be there and intact, and no run
// may be partial.
func TestSIGKILLWhileRecording(t *testing.T) {
	path := filepath.Join(t.TempDir(), "killed.db")
	committed := map[string]bool{}
	for round := range 3 {
		first := round * 1000
		ids := killLoop(t, path, first)
		for _, id := range ids {
			committed[id] = true
		}
		// The run after the last one reported may have committed
		// before the kill without being reported; it must be whole.
		unseen := bigRun(first + len(ids)).Run.ID
		if assertKilledStore(t, path, committed, unseen) {
			committed[unseen] = true
		}
	}
	s := openT(t, path)
	record(t, s, bigRun(5000)) // the store still takes runs
	assertComplete(t, s)
}

// killLoop runs the loop helper from run first, kills it with SIGKILL
// a random moment after its third commit, and returns the runs it
// reported committed.
func killLoop(t *testing.T, path string, first int) []string {
	t.Helper()
	cmd, stderr := helper(t, "loop", envDSN+"="+path, envIndex+"="+strconv.Itoa(first))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	sc := bufio.NewScanner(out)
	for len(ids) < 3 && sc.Scan() {
		ids = append(ids, strings.TrimPrefix(sc.Text(), "committed "))
	}
	if len(ids) < 3 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("loop helper stopped early: %s", stderr)
	}
	time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() { // lines written before the kill
		ids = append(ids, strings.TrimPrefix(sc.Text(), "committed "))
	}
	assertKilled(t, cmd)
	t.Logf("run %d: killed after %d commits", first, len(ids))
	return ids
}

func assertKilled(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	err := cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("helper was not killed by SIGKILL: %v", err)
	}
}

// assertKilledStore checks the store after a kill: every committed run
// intact and byte for byte as written, nothing else stored but perhaps
// the unseen run, whole. It reports whether the unseen run is stored.
func assertKilledStore(t *testing.T, path string, committed map[string]bool, unseen string) bool {
	t.Helper()
	integrityCheck(t, path)
	s := openT(t, path)
	assertComplete(t, s)
	runs, err := s.Runs(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, r := range runs {
		stored[r.ID] = true
		if !committed[r.ID] && r.ID != unseen {
			t.Errorf("run %s was never committed", r.ID)
		}
	}
	for id := range committed {
		if !stored[id] {
			t.Errorf("committed run %s is missing", id)
		}
	}
	assertBigRunsIntact(t, s, runs)
	return stored[unseen]
}

// assertBigRunsIntact compares each stored run with the big run its ID
// names.
func assertBigRunsIntact(t *testing.T, s Store, runs []Run) {
	t.Helper()
	for _, r := range runs {
		i := int(r.AsOf.Sub(day0) / time.Hour)
		if want := bigRun(i); want.Run.ID != r.ID {
			t.Errorf("unknown run %s", r.ID)
			continue
		}
		got, err := s.Report(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if mustJSON(t, got) != mustJSON(t, bigRun(i)) {
			t.Errorf("run %s differs from what was written", r.ID)
		}
	}
}

// TestSIGKILLMidTransaction kills a process for real while it holds a
// write transaction with half a large run written, after two whole
// runs were committed. The half run must vanish, the others stay whole,
// and the next writer must not wait for a lock the dead process held.
func TestSIGKILLMidTransaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	s := openT(t, path)
	record(t, s, bigRun(0), bigRun(1))
	cmd, stderr := helper(t, "hold", envDSN+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "mid" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("hold helper did not reach the middle of its run: %s", stderr)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	assertKilled(t, cmd)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Record(ctx, bigRun(2)); err != nil { // the lock died with the process
		t.Fatalf("record after the kill: %v", err)
	}
	want := map[string]bool{}
	for i := range 3 {
		want[bigRun(i).Run.ID] = true
	}
	assertRuns(t, path, want, bigVerdicts)
	if _, err := s.Report(ctx, bigRun(999).Run.ID); err == nil {
		t.Error("the killed half run is stored")
	}
}
