// Package plugintest helps the built-in plugins' tests configure a
// plugin from HCL text and read what it collects as records.
package plugintest

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/assay-dev/assay/engine/evidence"
	"github.com/assay-dev/assay/plugins"
)

// Configure parses src as the body of a config block and configures p
// with it. env holds the variables env() can read; the secrets it read
// are returned.
func Configure(t testing.TB, p plugins.Plugin, src string, env map[string]string) (plugins.Collector, hcl.Diagnostics, *plugins.Secrets) {
	t.Helper()
	return ConfigureIn(t, p, t.TempDir(), src, env)
}

// ConfigureIn is Configure with dir as the folder relative paths are
// resolved against.
func ConfigureIn(t testing.TB, p plugins.Plugin, dir, src string, env map[string]string) (plugins.Collector, hcl.Diagnostics, *plugins.Secrets) {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "test.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parsing the test config: %v", diags)
	}
	secrets := &plugins.Secrets{}
	getenv := func(name string) string { return env[name] }
	c, diags := p.Configure(plugins.Config{
		Source: "test", Body: f.Body, Dir: dir,
		EvalCtx: plugins.EvalContext(secrets, getenv), Secrets: secrets,
	})
	return c, diags, secrets
}

// MustConfigure is Configure that fails the test on diagnostics.
func MustConfigure(t testing.TB, p plugins.Plugin, src string, env map[string]string) (plugins.Collector, *plugins.Secrets) {
	t.Helper()
	c, diags, secrets := Configure(t, p, src, env)
	if diags.HasErrors() {
		t.Fatalf("Configure: %v", diags)
	}
	return c, secrets
}

// DiagAt fails the test unless diags is one error whose detail holds
// want and whose subject starts on line (1-based) of the test config.
func DiagAt(t testing.TB, diags hcl.Diagnostics, line int, want string) {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity != hcl.DiagError {
		t.Fatalf("diagnostics = %v, want one error saying %q", diags, want)
	}
	d := diags[0]
	if !strings.Contains(d.Summary+": "+d.Detail, want) {
		t.Errorf("diagnostic = %q: %q, want it to say %q", d.Summary, d.Detail, want)
	}
	if d.Subject == nil || d.Subject.Start.Line != line {
		t.Errorf("diagnostic subject = %v, want line %d", d.Subject, line)
	}
}

// Records collects c and decodes each file by its media type.
func Records(t testing.TB, c plugins.Collector) ([]plugins.File, []evidence.Record) {
	t.Helper()
	files, err := c.Collect(context.Background())
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	var recs []evidence.Record
	for _, f := range files {
		recs = append(recs, Decode(t, f)...)
	}
	return files, recs
}

// Decode decodes one collected file by its media type.
func Decode(t testing.TB, f plugins.File) []evidence.Record {
	t.Helper()
	formats := map[string]evidence.Format{
		plugins.MediaJSON: evidence.JSON, plugins.MediaNDJSON: evidence.NDJSON,
		plugins.MediaYAML: evidence.YAML, plugins.MediaCSV: evidence.CSV,
	}
	format, ok := formats[f.MediaType]
	if !ok {
		t.Fatalf("file %s has media type %q, which Assay does not decode", f.Name, f.MediaType)
	}
	recs, err := evidence.Decode(f.Name, f.Data, format)
	if err != nil {
		t.Fatalf("decoding %s: %v", f.Name, err)
	}
	return recs
}

// Field returns record r's value at key, failing when r is not an object.
func Field(t testing.TB, r evidence.Record, key string) any {
	t.Helper()
	m, ok := r.Value.(map[string]any)
	if !ok {
		t.Fatalf("record %s:%d is %T, want an object", r.File, r.Line, r.Value)
	}
	return m[key]
}
