package external

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

func TestConfigureDiagnostics(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		summary string
		line    int
		col     int
	}{
		{
			name:    "unknown attribute",
			src:     "config {\n  folder = \"evidence\"\n  recurse = true\n}\n",
			summary: "Unsupported argument", line: 3, col: 3,
		},
		{
			name:    "missing required attribute",
			src:     "config {\n  recursive = true\n}\n",
			summary: "Missing required argument", line: 1, col: 8,
		},
		{
			name:    "wrong type",
			src:     "config {\n  folder    = \"evidence\"\n  recursive = \"sometimes\"\n}\n",
			summary: "Incorrect attribute value type", line: 3, col: 15,
		},
		{
			name:    "list for a string",
			src:     "config {\n  folder = [\"a\", \"b\"]\n}\n",
			summary: "Incorrect attribute value type", line: 2, col: 12,
		},
		{
			name:    "bad timeout",
			src:     "config {\n  folder  = \"evidence\"\n  timeout = \"soon\"\n}\n",
			summary: "Invalid timeout", line: 3, col: 13,
		},
		{
			name:    "zero timeout",
			src:     "config {\n  folder  = \"evidence\"\n  timeout = \"0s\"\n}\n",
			summary: "Invalid timeout", line: 3, col: 13,
		},
	}
	p := mustPlugin(t, "csvdir")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, diags := p.Configure(parseConfig(t, tc.src, t.TempDir(), nil).cfg)
			if c != nil || len(diags) != 1 {
				t.Fatalf("Configure = %v, %v, want one diagnostic", c, diags)
			}
			d := diags[0]
			if d.Severity != hcl.DiagError || d.Summary != tc.summary || d.Subject == nil {
				t.Fatalf("Configure diagnostic = %v, want error %q with a subject", d, tc.summary)
			}
			got := d.Subject.Start
			if d.Subject.Filename != "measures.hcl" || got.Line != tc.line || got.Column != tc.col {
				t.Errorf("Configure diagnostic at %s:%d:%d, want measures.hcl:%d:%d",
					d.Subject.Filename, got.Line, got.Column, tc.line, tc.col)
			}
		})
	}
}

func TestConfigureTimeout(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts []Option
		want time.Duration
	}{
		{name: "default", src: `config { folder = "e" }`, want: DefaultTimeout},
		{name: "option", src: `config { folder = "e" }`, opts: []Option{WithTimeout(3 * time.Second)}, want: 3 * time.Second},
		{name: "attribute wins", src: "config {\n  folder  = \"e\"\n  timeout = \"45s\"\n}", opts: []Option{WithTimeout(time.Second)}, want: 45 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := mustConfigure(t, mustPlugin(t, "csvdir", tc.opts...), tc.src, t.TempDir(), nil)
			if got := c.(*collector).timeout; got != tc.want {
				t.Errorf("timeout = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestConfigureSendsDecodedValues(t *testing.T) {
	src := "config {\n  token = env(\"LEAKY_TOKEN\")\n  how   = 42\n}\n"
	c := mustConfigure(t, mustPlugin(t, "leaky"), src, t.TempDir(), map[string]string{"LEAKY_TOKEN": "tok-123456"})
	if got, want := string(c.(*collector).config), `{"how":"42","token":"tok-123456"}`; got != want {
		t.Errorf("config JSON = %s, want %s", got, want)
	}
}

func TestConfigureSensitiveLiteralIsSecret(t *testing.T) {
	s := parseConfig(t, `config { token = "written-in-the-file" }`, t.TempDir(), nil)
	if _, diags := mustPlugin(t, "leaky").Configure(s.cfg); len(diags) > 0 {
		t.Fatalf("Configure = %v", diags)
	}
	if got := s.secrets.Redact("x written-in-the-file y"); got != "x [redacted] y" {
		t.Errorf("Redact after Configure = %q, want the sensitive value redacted", got)
	}
}

func TestConfigureDiagnosticsHideSecrets(t *testing.T) {
	env := map[string]string{"WAIT": "wait-for-ever"}
	s := parseConfig(t, "config {\n  folder  = \"e\"\n  timeout = env(\"WAIT\")\n}\n", t.TempDir(), env)
	_, diags := mustPlugin(t, "csvdir").Configure(s.cfg)
	if len(diags) != 1 || diags[0].Summary != "Invalid timeout" {
		t.Fatalf("Configure = %v, want an invalid timeout", diags)
	}
	if want := `The timeout "[redacted]" is not a positive duration; write one such as "30s" or "2m".`; diags[0].Detail != want {
		t.Errorf("diagnostic detail = %q, want %q", diags[0].Detail, want)
	}
}

func TestConfigureNamesAMisnamedPlugin(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(binDir, "assay-plugin-csvdir"), filepath.Join(dir, "assay-plugin-tables")); err != nil {
		t.Fatal(err)
	}
	p := onlyPlugin(t, dir)
	_, diags := p.Configure(parseConfig(t, `config { folder = "e" }`, dir, nil).cfg)
	if len(diags) != 1 || diags[0].Summary != "Plugin did not describe its config" ||
		!strings.Contains(diags[0].Detail, `plugin tables describes itself as "csvdir"`) {
		t.Errorf("Configure = %v, want a diagnostic about the name", diags)
	}
}

func TestConfigureReportsANonPlugin(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho 'I am not a plugin' >&2\nexit 3\n"
	if err := os.WriteFile(filepath.Join(dir, "assay-plugin-script"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	p := onlyPlugin(t, dir)
	start := time.Now()
	_, diags := p.Configure(parseConfig(t, `config { folder = "e" }`, dir, nil).cfg)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Configure took %s for a program that exits at once", took)
	}
	if len(diags) != 1 {
		t.Fatalf("Configure = %v, want one diagnostic", diags)
	}
	for _, want := range []string{"plugin script did not start: exit status 3 (", "stderr:\n\tI am not a plugin"} {
		if !strings.Contains(diags[0].Detail, want) {
			t.Errorf("Configure detail = %q, want it to contain %q", diags[0].Detail, want)
		}
	}
}

// onlyPlugin discovers the single plugin in dir.
func onlyPlugin(t *testing.T, dir string) *Plugin {
	t.Helper()
	ps, err := Discover(dir, WithDescribeTimeout(5*time.Second))
	if err != nil || len(ps) != 1 {
		t.Fatalf("Discover(%s) = %v, %v, want one plugin", dir, ps, err)
	}
	return ps[0]
}

func TestConfigureStopsAPluginThatNeverStarts(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "sleep.pid")
	// The shell's child keeps the plugin's stdout and stderr open after
	// the shell is killed: only killing the process group ends it.
	script := fmt.Sprintf("#!/bin/sh\nsleep 60 &\necho $! > %s\nwait\n", pidFile)
	if err := os.WriteFile(filepath.Join(dir, "assay-plugin-slow"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	ps, err := Discover(dir, WithDescribeTimeout(500*time.Millisecond), WithStopGrace(300*time.Millisecond))
	if err != nil || len(ps) != 1 {
		t.Fatalf("Discover = %v, %v, want one plugin", ps, err)
	}
	start := time.Now()
	_, diags := ps[0].Configure(parseConfig(t, `config {}`, dir, nil).cfg)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Configure took %s, want about 0.8s", took)
	}
	if len(diags) != 1 || diags[0].Detail != "plugin slow did not start: timeout while waiting for plugin to start" {
		t.Errorf("Configure = %v, want a diagnostic saying the plugin did not start", diags)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	// The child was killed, not waited for: give the kernel a moment.
	for wait := time.Now(); !processDead(pid); time.Sleep(20 * time.Millisecond) {
		if time.Since(wait) > 2*time.Second {
			t.Fatalf("the plugin's child %d still runs", pid)
		}
	}
}
