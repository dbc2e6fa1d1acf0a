package command

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/plugintest"
)

// fakecmd is the path of the test program built from testdata/fakecmd.
var fakecmd string

const token = "s3cr3t-api-token-0042"

var testEnv = map[string]string{"TOKEN": token}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fakecmd")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fakecmd = filepath.Join(dir, "fakecmd")
	build := exec.Command(goTool(), "build", "-o", fakecmd, "./testdata/fakecmd")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building fakecmd: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// goTool is the go command of the toolchain running the tests.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// fakeConfig is a config block that runs fakecmd with args and extra lines.
func fakeConfig(extra string, args ...string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return fmt.Sprintf("program = %q\nargs = [%s]\n%s\n", fakecmd, strings.Join(q, ", "), extra)
}

// run configures and collects, returning the error.
func run(t *testing.T, src string) ([]plugins.File, error) {
	t.Helper()
	c, _ := plugintest.MustConfigure(t, Plugin{}, src, testEnv)
	return c.Collect(context.Background())
}

func TestJSONOutput(t *testing.T) {
	c, _ := plugintest.MustConfigure(t, Plugin{}, fakeConfig(`format = "json"`, "json"), testEnv)
	files, recs := plugintest.Records(t, c)
	if len(files) != 1 || files[0].Name != fakecmd+" json" || files[0].MediaType != plugins.MediaJSON {
		t.Fatalf("files = %+v, want one JSON file named by the command line", files)
	}
	if len(recs) != 2 || plugintest.Field(t, recs[0], "user") != "alice" || plugintest.Field(t, recs[1], "id") != uint64(18446744073709551615) {
		t.Errorf("records = %+v, want alice and bob with a uint64 id", recs)
	}
}

func TestCSVOutput(t *testing.T) {
	c, _ := plugintest.MustConfigure(t, Plugin{}, fakeConfig(`format = "csv"`, "csv"), testEnv)
	_, recs := plugintest.Records(t, c)
	if len(recs) != 2 || recs[1].Row != 2 {
		t.Fatalf("records = %+v, want two rows", recs)
	}
	if got := plugintest.Field(t, recs[1], "password_last_used"); got != "N/A" || plugintest.Field(t, recs[0], "mfa_active") != "true" {
		t.Errorf("row 2 password_last_used = %v, want N/A", got)
	}
}

func TestCleanEnvironmentNoShell(t *testing.T) {
	t.Setenv("ASSAY_LEAK", "should not reach the program")
	base := t.TempDir()
	if err := os.Mkdir(filepath.Join(base, "work"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := fakeConfig(`format = "json"
env = { GREETING = "hello", API_TOKEN = env("TOKEN") }
dir = "work"`, "env", "$HOME", "a b; echo hacked", "*")
	c, diags, _ := plugintest.ConfigureIn(t, Plugin{}, base, src, testEnv)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, recs := plugintest.Records(t, c)
	got := recs[0].Value.(map[string]any)
	wantEnv := []any{"API_TOKEN=" + token, "GREETING=hello", "PATH=/usr/bin:/bin"}
	if !reflect.DeepEqual(got["env"], wantEnv) {
		t.Errorf("child environment = %v, want %v", got["env"], wantEnv)
	}
	if want := []any{"$HOME", "a b; echo hacked", "*"}; !reflect.DeepEqual(got["args"], want) {
		t.Errorf("child args = %v, want them verbatim %v", got["args"], want)
	}
	if got["dir"] != filepath.Join(base, "work") {
		t.Errorf("child dir = %v, want %s", got["dir"], filepath.Join(base, "work"))
	}
}

func TestNonZeroExitCarriesStderr(t *testing.T) {
	_, err := run(t, fakeConfig(`format = "json"`, "fail", "4", "trivy: vulnerability database is missing"))
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 4 || ee.Stderr != "trivy: vulnerability database is missing" {
		t.Fatalf("Collect error = %#v, want an ExitError with code 4 and the stderr", err)
	}
	want := "command " + fakecmd + " fail 4 \"trivy: vulnerability database is missing\" exited with status 4; stderr:\ntrivy: vulnerability database is missing"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestStderrTail(t *testing.T) {
	_, err := run(t, fakeConfig(`format = "json"`, "noisy"))
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 1 {
		t.Fatalf("Collect error = %v, want an ExitError with code 1", err)
	}
	if len(ee.Stderr) > stderrTail || !strings.HasPrefix(ee.Stderr, "progress line ") || !strings.HasSuffix(ee.Stderr, "progress line 499\ngave up at the end") {
		t.Errorf("stderr tail (%d bytes) = %q..., want at most %d bytes of whole lines ending with the last message", len(ee.Stderr), ee.Stderr[:40], stderrTail)
	}
}

func TestSecretInStderrIsRedacted(t *testing.T) {
	_, err := run(t, fakeConfig("format = \"json\"\nenv = { API_TOKEN = env(\"TOKEN\") }", "echo-env", "API_TOKEN", token))
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 3 {
		t.Fatalf("Collect error = %v, want an ExitError with code 3", err)
	}
	want := "command " + fakecmd + " echo-env API_TOKEN [redacted] exited with status 3; stderr:\nconnecting with token [redacted]\nauthentication failed"
	if err.Error() != want || strings.Contains(fmt.Sprintf("%v %#v", err, ee), token) {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestTimeout(t *testing.T) {
	start := time.Now()
	_, err := run(t, fakeConfig("format = \"json\"\ntimeout = \"200ms\"", "sleep", "30s"))
	want := "command " + fakecmd + " sleep 30s: timed out after 200ms: context deadline exceeded"
	if err == nil || err.Error() != want || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Collect error = %v, want %q", err, want)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %s, want the program stopped soon after the timeout", took)
	}
}

func TestProgramIgnoringInterruptIsKilled(t *testing.T) {
	start := time.Now()
	_, err := run(t, fakeConfig("format = \"json\"\ntimeout = \"100ms\"\nkill_after = \"300ms\"", "stubborn", "30s"))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out after 100ms") {
		t.Fatalf("Collect error = %v, want a timeout", err)
	}
	if took := time.Since(start); took < 400*time.Millisecond || took > 5*time.Second {
		t.Errorf("took %s, want the timeout plus kill_after (400ms), and not the 30s sleep", took)
	}
}

func TestCancelledRun(t *testing.T) {
	c, _ := plugintest.MustConfigure(t, Plugin{}, fakeConfig(`format = "json"`, "sleep", "30s"), testEnv)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := c.Collect(ctx)
	if !errors.Is(err, context.Canceled) || err.Error() != "command "+fakecmd+" sleep 30s: context canceled" {
		t.Errorf("Collect error = %v, want context canceled", err)
	}
}

func TestMaxBytes(t *testing.T) {
	_, err := run(t, fakeConfig("format = \"json\"\nmax_bytes = 1000", "flood", "1000000"))
	want := "command " + fakecmd + " flood 1000000: standard output is larger than max_bytes (1000)"
	if err == nil || err.Error() != want {
		t.Errorf("Collect error = %v, want %q", err, want)
	}
}

func TestProgramNotFound(t *testing.T) {
	_, err := run(t, "program = \"assay-no-such-program\"\nformat = \"json\"\n")
	if err == nil || err.Error() != "command assay-no-such-program: executable file not found in $PATH" {
		t.Errorf("Collect error = %v, want not found", err)
	}
}

func TestConfigDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		want      string
	}{
		{"unknown format", "program = \"x\"\nformat = \"xml\"\n", 2, `format "xml" is not one of json, ndjson, yaml or csv.`},
		{"missing format", "program = \"x\"\n", 1, `The argument "format" is required`},
		{"empty program", "program = \"\"\nformat = \"json\"\n", 1, "program names the program to run"},
		{"bad env name", "program = \"x\"\nformat = \"csv\"\nenv = { \"A=B\" = \"1\" }\n", 3, `"A=B" cannot be set`},
		{"bad timeout", "program = \"x\"\nformat = \"csv\"\ntimeout = \"-1s\"\n", 3, `timeout must be a positive duration`},
		{"zero max_bytes", "program = \"x\"\nformat = \"csv\"\nmax_bytes = 0\n", 3, "max_bytes must be at least 1; got 0."},
		{"shell string", "program = \"x\"\nformat = \"csv\"\nargs = \"-a -b\"\n", 3, "list of string required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags, _ := plugintest.Configure(t, Plugin{}, tc.src, testEnv)
			plugintest.DiagAt(t, diags, tc.line, tc.want)
		})
	}
}
