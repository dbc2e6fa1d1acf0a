package external

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/assay-dev/assay/plugins"
)

// binDir holds the plugin programs TestMain builds: the example csvdir
// and the misbehaving ones in testdata.
var binDir string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "assay-plugins-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	build := exec.Command("go", "build", "-o", dir+string(filepath.Separator),
		"../example/assay-plugin-csvdir",
		"./testdata/assay-plugin-crash",
		"./testdata/assay-plugin-hang",
		"./testdata/assay-plugin-leaky",
	)
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build test plugins: %v\n%s", err, out)
		return 1
	}
	binDir = dir
	return m.Run()
}

// mustPlugin discovers the plugin programs and returns the named one.
func mustPlugin(t *testing.T, name string, opts ...Option) *Plugin {
	t.Helper()
	ps, err := Discover(binDir, opts...)
	if err != nil {
		t.Fatalf("Discover(%s) = %v", binDir, err)
	}
	for _, p := range ps {
		if p.Name() == name {
			return p
		}
	}
	t.Fatalf("Discover(%s) found no plugin %s", binDir, name)
	return nil
}

// source is a parsed config block, with the secrets its env() calls
// record.
type source struct {
	cfg     plugins.Config
	secrets *plugins.Secrets
}

// parseConfig parses src, which must be a single config block, as the
// config of a source whose files live in dir; env() reads env.
func parseConfig(t *testing.T, src, dir string, env map[string]string) source {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "measures.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("ParseConfig: %v", diags)
	}
	blocks := f.Body.(*hclsyntax.Body).Blocks
	if len(blocks) != 1 {
		t.Fatalf("source has %d blocks, want one config block", len(blocks))
	}
	secrets := &plugins.Secrets{}
	getenv := func(name string) string { return env[name] }
	return source{secrets: secrets, cfg: plugins.Config{
		Source: "test", Body: blocks[0].Body, Dir: dir,
		EvalCtx: plugins.EvalContext(secrets, getenv), Secrets: secrets,
	}}
}

// mustConfigure configures p with src and fails the test on any
// diagnostic.
func mustConfigure(t *testing.T, p *Plugin, src, dir string, env map[string]string) plugins.Collector {
	t.Helper()
	c, diags := p.Configure(parseConfig(t, src, dir, env).cfg)
	if len(diags) > 0 {
		t.Fatalf("Configure(%s) = %v", p.Name(), diags)
	}
	return c
}

// processDead reports whether the process with the given id has ended,
// though its parent may not have waited for it yet.
func processDead(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return os.IsNotExist(err)
	}
	// The state follows the command name, which is in parentheses.
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && bytes.HasPrefix(stat[i+1:], []byte(" Z"))
}

// processGone reports whether no process with the given id is left,
// not even a zombie.
func processGone(pid int) bool {
	_, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	return os.IsNotExist(err)
}
