package external

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// collectErr configures p with src and collects, returning the error
// and how long collecting took.
func collectErr(t *testing.T, ctx context.Context, p *Plugin, src string, env map[string]string) (error, time.Duration) {
	t.Helper()
	c := mustConfigure(t, p, src, t.TempDir(), env)
	start := time.Now()
	files, err := c.Collect(ctx)
	took := time.Since(start)
	if err == nil {
		t.Fatalf("Collect = %v, want an error", files)
	}
	t.Logf("Collect error after %s:\n%v", took.Round(time.Millisecond), err)
	return err, took
}

// asError returns err as an *Error, failing the test if it is not one.
func asError(t *testing.T, err error) *Error {
	t.Helper()
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("Collect error %v (%T) is not an *Error", err, err)
	}
	return pe
}

func TestCrashFailsQuicklyAndAssayGoesOn(t *testing.T) {
	crash := mustPlugin(t, "crash", WithTimeout(time.Minute))
	err, took := collectErr(t, context.Background(), crash, `config { message = "the disk is gone" }`, nil)
	if took > 10*time.Second {
		t.Errorf("Collect took %s for a plugin that crashes at once", took)
	}
	if want := "plugin crash crashed: exit status 2\nstderr:\n\tpanic: crash test: the disk is gone\n"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Collect error = %q, want it to start %q", err, want)
	}
	pe := asError(t, err)
	if pe.Plugin != "crash" || pe.ExitCode != 2 {
		t.Errorf("Error = {Plugin: %q, ExitCode: %d}, want {crash, 2}", pe.Plugin, pe.ExitCode)
	}
	if !strings.Contains(pe.Stderr, "goroutine ") {
		t.Errorf("Error.Stderr = %q, want the panic's stack", pe.Stderr)
	}

	// The next source, and the same plugin again, are collected as usual.
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"e/a.csv": "a\n1\n"})
	files, err := mustConfigure(t, mustPlugin(t, "csvdir"), `config { folder = "e" }`, dir, nil).Collect(context.Background())
	if err != nil || len(files) != 1 || string(files[0].Data) != "a\n1\n" {
		t.Errorf("Collect after a crash = %v, %v, want e/a.csv", files, err)
	}
	if err2, _ := collectErr(t, context.Background(), crash, `config {}`, nil); !strings.HasPrefix(err2.Error(), "plugin crash crashed: exit status 2") {
		t.Errorf("second crash = %v", err2)
	}
}

func TestHangStopsAtTimeout(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		attr    string
		timeout time.Duration
	}{
		{name: "option", opts: []Option{WithTimeout(time.Second)}, timeout: time.Second},
		{name: "attribute", attr: `timeout = "1500ms"`, timeout: 1500 * time.Millisecond},
		{name: "frozen", opts: []Option{WithTimeout(time.Second), WithStopGrace(300 * time.Millisecond)},
			attr: "freeze = true", timeout: time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "pid")
			src := fmt.Sprintf("config {\n  pid_file = %q\n  %s\n}\n", pidFile, tc.attr)
			err, took := collectErr(t, context.Background(), mustPlugin(t, "hang", tc.opts...), src, nil)
			if took < tc.timeout || took > tc.timeout+4*time.Second {
				t.Errorf("Collect took %s, want a little over %s", took, tc.timeout)
			}
			want := fmt.Sprintf("plugin hang did not answer within %s", shortDuration(tc.timeout))
			if err.Error() != want {
				t.Errorf("Collect error = %q, want %q", err, want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Collect error %v does not wrap context.DeadlineExceeded", err)
			}
			if pe := asError(t, err); pe.ExitCode != -1 {
				t.Errorf("Error.ExitCode = %d, want -1 for a plugin that was stopped", pe.ExitCode)
			}
			assertGone(t, pidFile)
		})
	}
}

func TestCancelStopsThePlugin(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pidFile := filepath.Join(t.TempDir(), "pid")
	go cancelOnceWritten(ctx, cancel, pidFile)
	src := fmt.Sprintf("config { pid_file = %q }", pidFile)
	err, took := collectErr(t, ctx, mustPlugin(t, "hang", WithTimeout(time.Minute)), src, nil)
	if took > 10*time.Second {
		t.Errorf("Collect took %s for a plugin cancelled once it hangs", took)
	}
	if want := "plugin hang was cancelled: context canceled"; err.Error() != want || !errors.Is(err, context.Canceled) {
		t.Errorf("Collect error = %q, want %q wrapping context.Canceled", err, want)
	}
	assertGone(t, pidFile)
}

// cancelOnceWritten calls cancel as soon as the file at path exists,
// that is once the hang plugin is inside Collect.
func cancelOnceWritten(ctx context.Context, cancel context.CancelFunc, path string) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if _, err := os.Stat(path); err == nil {
			cancel()
			return
		}
	}
}

// assertGone checks that the process whose id is in pidFile has ended
// and been waited for.
func assertGone(t *testing.T, pidFile string) {
	t.Helper()
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("plugin wrote no pid: %v", err)
	}
	pid, err := strconv.Atoi(string(data))
	if err != nil {
		t.Fatalf("pid file holds %q", data)
	}
	if !processGone(pid) {
		t.Errorf("plugin process %d is still there after Collect returned", pid)
	}
}

func TestSecretsNeverInErrorsOrFiles(t *testing.T) {
	const token = "tok-9f8e7d6c5b4a"
	env := map[string]string{"LEAKY_TOKEN": token}
	tests := []struct {
		name string
		how  string
		want string // the start of the error
	}{
		{name: "panic", how: "panic", want: "plugin leaky crashed: exit status 2\nstderr:\n"},
		{name: "error", how: "error", want: "plugin leaky: login refused for token [redacted]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := fmt.Sprintf("config {\n  token = env(\"LEAKY_TOKEN\")\n  how   = %q\n}\n", tc.how)
			err, _ := collectErr(t, context.Background(), mustPlugin(t, "leaky"), src, env)
			msg := err.Error()
			if strings.Contains(msg, token) {
				t.Errorf("Collect error holds the token: %q", msg)
			}
			if !strings.HasPrefix(msg, tc.want) {
				t.Errorf("Collect error = %q, want it to start %q", msg, tc.want)
			}
			if tc.how == "panic" && !strings.Contains(msg, "panic: login refused for token [redacted]") {
				t.Errorf("Collect error = %q, want the redacted panic", msg)
			}
		})
	}
}

func TestSecretsRedactedFromFiles(t *testing.T) {
	const token = "tok-0a1b2c3d4e5f"
	src := "config { token = env(\"LEAKY_TOKEN\") }"
	c := mustConfigure(t, mustPlugin(t, "leaky"), src, t.TempDir(), map[string]string{"LEAKY_TOKEN": token})
	files, err := c.Collect(context.Background())
	if err != nil || len(files) != 1 {
		t.Fatalf("Collect = %v, %v, want one file", files, err)
	}
	f := files[0]
	if f.Name != "session-[redacted].json" {
		t.Errorf("file name = %q, want the token redacted", f.Name)
	}
	if want := `{"session": "s-1", "token": "[redacted]"}`; string(f.Data) != want {
		t.Errorf("file data = %s, want %s", f.Data, want)
	}
}
