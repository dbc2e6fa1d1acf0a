package file

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/assay-dev/assay/plugins"
)

func configure(t *testing.T, dir, body string) (plugins.Collector, hcl.Diagnostics) {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(body), "m.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	secrets := &plugins.Secrets{}
	return Plugin{}.Configure(plugins.Config{Source: "s", Body: f.Body, Dir: dir, EvalCtx: plugins.EvalContext(secrets, nil), Secrets: secrets})
}

func write(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, name := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("[]"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.json", "a.json", "c.yaml", "data.txt", "sub/d.csv")
	tests := []struct {
		name  string
		body  string
		files []string // base names, in order
		media []string
	}{
		{"glob, sorted", `paths = ["*.json"]`, []string{"a.json", "b.json"}, []string{plugins.MediaJSON, plugins.MediaJSON}},
		{"each file once", `paths = ["a.json", "*.json"]`, []string{"a.json", "b.json"}, nil},
		{"formats by extension", `paths = ["c.yaml", "sub/d.csv"]`, []string{"c.yaml", "d.csv"}, []string{plugins.MediaYAML, plugins.MediaCSV}},
		{"format override", "paths = [\"data.txt\"]\nformat = \"ndjson\"", []string{"data.txt"}, []string{plugins.MediaNDJSON}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, diags := configure(t, dir, tc.body)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			files, err := c.Collect(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for i, f := range files {
				names = append(names, filepath.Base(f.Name))
				if tc.media != nil && f.MediaType != tc.media[i] {
					t.Errorf("%s media type = %s, want %s", f.Name, f.MediaType, tc.media[i])
				}
			}
			if strings.Join(names, ",") != strings.Join(tc.files, ",") {
				t.Errorf("Collect = %v, want %v", names, tc.files)
			}
		})
	}
}

func TestCollectInputErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "data.txt", "sub/x.json")
	for _, tc := range []struct{ body, want string }{
		{`paths = ["gone.json"]`, "gone.json: no such file or directory"},
		{`paths = ["*.yaml"]`, "matches no file"},
		{`paths = ["sub"]`, "is a folder"},
		{`paths = ["data.txt"]`, "cannot tell the format of"},
	} {
		c, diags := configure(t, dir, tc.body)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		_, err := c.Collect(context.Background())
		if err == nil || !strings.Contains(err.Error(), tc.want) || !plugins.IsInputError(err) {
			t.Errorf("%s: Collect error = %v, want an input error with %q", tc.body, err, tc.want)
		}
	}
}

func TestConfigureDiagnostics(t *testing.T) {
	for _, tc := range []struct{ body, summary string }{
		{`format = "json"`, "Missing required argument"},
		{"paths = [\"a\"]\nformat = \"pdf\"", "Unknown evidence format"},
		{`paths = []`, "No evidence paths"},
		{"paths = [\"a\"]\ncolour = 1", "Unsupported argument"},
	} {
		_, diags := configure(t, t.TempDir(), tc.body)
		if !diags.HasErrors() || diags[0].Summary != tc.summary || diags[0].Subject == nil {
			t.Errorf("%q: Configure = %v, want %q with a position", tc.body, diags, tc.summary)
		}
	}
}
