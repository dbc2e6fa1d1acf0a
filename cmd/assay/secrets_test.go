package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secretToken is what the tests put in the environment: a value no
// output may contain.
const secretToken = "tok_3f9c1d7e2b8a4c6d"

// TestSecretsNeverLeak collects from an HTTP API with a token read
// through env(), while the API misbehaves in the worst ways: it echoes
// the token back in its data, and a second source fails with the token
// in its error body. A command source prints the token to stderr and
// fails. Then it greps every file of the bundle, the verdicts and
// everything printed for the token.
func TestSecretsNeverLeak(t *testing.T) {
	t.Setenv("ASSAY_TEST_TOKEN", secretToken)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+secretToken {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		if r.URL.Path == "/broken" {
			http.Error(w, "internal error for token "+secretToken, http.StatusForbidden)
			return
		}
		fmt.Fprintf(w, `[{"id": 1, "seen_token": %q}]`, secretToken)
	}))
	defer srv.Close()

	dir := t.TempDir()
	writeMeasure(t, dir, srv.URL)
	t.Chdir(dir)

	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"collect", "--out", "bundle", "measures"}, &out, &errs)
	if code != exitGate {
		t.Fatalf("collect exit = %d, want 1 (two sources fail); stderr:\n%s", code, errs.String())
	}
	if !strings.Contains(errs.String(), "[redacted]") {
		t.Errorf("collect stderr shows no redaction; the failing sources' errors should:\n%s", errs.String())
	}
	code = run(context.Background(), []string{"eval", "--bundle", "bundle", "--output", "sarif=v.sarif", "--out", "v.json", "measures"}, &out, &errs)
	if code != exitGate {
		t.Fatalf("eval exit = %d, want 1; stderr:\n%s", code, errs.String())
	}
	code = run(context.Background(), []string{"eval", "--collect", "--format", "markdown", "measures"}, &out, &errs)
	if code != exitGate {
		t.Fatalf("eval --collect exit = %d, want 1; stderr:\n%s", code, errs.String())
	}

	for name, text := range map[string]string{"stdout": out.String(), "stderr": errs.String()} {
		if strings.Contains(text, secretToken) {
			t.Errorf("the token appears in %s:\n%s", name, text)
		}
	}
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(filepath.Dir(path)) == "measures" {
			return err
		}
		files++
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(secretToken)) {
			t.Errorf("the token appears in %s", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// manifest.json, the API's data file, v.json and v.sarif at least.
	if files < 4 {
		t.Errorf("checked %d files, want at least 4", files)
	}
}

func writeMeasure(t *testing.T, dir, url string) {
	t.Helper()
	text := fmt.Sprintf(`source "api" {
  plugin = "http"
  config {
    url          = "%[1]s/items"
    bearer_token = env("ASSAY_TEST_TOKEN")
    retries      = 0
  }
}

source "broken" {
  plugin = "http"
  config {
    url          = "%[1]s/broken"
    bearer_token = env("ASSAY_TEST_TOKEN")
    retries      = 0
  }
}

source "script" {
  plugin = "command"
  config {
    program = "/bin/sh"
    args    = ["-c", "echo token is $TOKEN >&2; exit 3"]
    env     = { TOKEN = env("ASSAY_TEST_TOKEN") }
    format  = "json"
  }
}

measure "API-01" {
  title            = "Items"
  information_need = "n"
  type             = "performance"
  evidence         = [source.api]
  base_measure "n" {
    expr = "size(evidence.api)"
  }
  indicator {
    expr = "n"
  }
  decision {
    pass = "value == 1.0"
  }
}

measure "API-02" {
  title            = "Broken"
  information_need = "n"
  type             = "performance"
  evidence         = [source.broken, source.script]
  base_measure "n" {
    expr = "size(evidence.broken) + size(evidence.script)"
  }
  indicator {
    expr = "n"
  }
  decision {
    pass = "true"
  }
}
`, url)
	if err := os.MkdirAll(filepath.Join(dir, "measures"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "measures", "m.hcl"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
