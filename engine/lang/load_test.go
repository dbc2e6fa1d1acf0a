package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// validMeasure is a complete measure that loads without diagnostics;
// the table below breaks it one way at a time.
const validMeasure = `source "scan" {
  plugin = "file"
  config {
    paths = ["scan.json"]
  }
}

measure "VM-01" {
  title            = "Fixable vulnerabilities"
  information_need = "Are fixes applied?"
  type             = "effectiveness"
  evidence         = [source.scan]

  base_measure "open" {
    expr = "double(size(evidence.scan))"
  }
  indicator {
    expr = "open"
  }
  decision {
    pass = "value == 0.0"
  }
}
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadValid(t *testing.T) {
	dir := writeFiles(t, map[string]string{"m.hcl": validMeasure})
	mod, diags := Load([]string{dir})
	if diags.HasErrors() {
		t.Fatalf("Load: %s", diags.Error())
	}
	if len(mod.Measures) != 1 || len(mod.Sources) != 1 {
		t.Fatalf("Load = %d measures, %d sources, want 1, 1", len(mod.Measures), len(mod.Sources))
	}
	m := mod.Measures[0]
	if m.ID != "VM-01" || m.Type != "effectiveness" || m.Indicator.Better != "higher" {
		t.Errorf("measure = %q %q better %q, want VM-01 effectiveness higher", m.ID, m.Type, m.Indicator.Better)
	}
	if len(m.Evidence) != 1 || m.Evidence[0].Name != "scan" {
		t.Errorf("evidence = %v, want [scan]", m.Evidence)
	}
	if m.Base[0].Method != "objective" {
		t.Errorf("method = %q, want the default objective", m.Base[0].Method)
	}
}

// TestLoadDiagnostics breaks the valid measure in one place per case
// and checks the summary and the position of the first error.
func TestLoadDiagnostics(t *testing.T) {
	tests := []struct {
		name    string
		old     string // text of validMeasure to replace
		new     string
		summary string
		line    int
		col     int
		detail  string // a part of the detail, when it matters
	}{
		{"syntax error", `title            = "Fixable vulnerabilities"`, `title = "Fixable`, "Invalid multi-line string", 9, 19, "heredoc"},
		{"unknown attribute", `type             = "effectiveness"`, `type = "effectiveness"
  colour = "red"`, "Unsupported argument", 12, 3, `"colour"`},
		{"unknown block", `  indicator {`, `  widget {}
  indicator {`, "Unsupported block type", 17, 3, `"widget"`},
		{"wrong type", `title            = "Fixable vulnerabilities"`, `title = ["a", "b"]`, "Incorrect attribute value type", 9, 11, "must be a string"},
		{"wrong list type", `evidence         = [source.scan]`, `evidence = [source.scan]
  controls = "A.8.8"`, "Incorrect attribute value type", 13, 14, "list of strings"},
		{"missing required attribute", `  information_need = "Are fixes applied?"
`, ``, "Missing required argument", 8, 17, `"information_need"`},
		{"missing indicator", `  indicator {
    expr = "open"
  }
`, ``, "Missing indicator block", 8, 1, ""},
		{"bad enum", `type             = "effectiveness"`, `type = "effective"`, "Invalid value", 11, 10, `"performance" or "effectiveness"`},
		{"undeclared source", `evidence         = [source.scan]`, `evidence = [source.scna]`, "Reference to undeclared source", 12, 15, `Did you mean "scan"?`},
		{"evidence not a reference", `evidence         = [source.scan]`, `evidence = ["scan"]`, "Invalid evidence reference", 12, 15, ""},
		{"duplicate evidence", `evidence         = [source.scan]`, `evidence = [source.scan, source.scan]`, "Duplicate evidence source", 12, 28, ""},
		{"duplicate quantity name", `  indicator {`, `  derived_measure "open" {
    expr = "1.0"
  }
  indicator {`, "Duplicate name", 17, 3, `base_measure named "open"`},
		{"invalid name", `base_measure "open"`, `base_measure "open-count"`, "Invalid name", 14, 16, "letters, digits and underscores"},
		{"reserved name", `base_measure "open"`, `base_measure "value"`, "Reserved name", 14, 16, ""},
		{"template in CEL", `expr = "double(size(evidence.scan))"`, `expr = "${var.x}"`, "Template in expression", 15, 12, "$${"},
		{"CEL not a string", `expr = "double(size(evidence.scan))"`, `expr = 42`, "Expression must be a string", 15, 12, ""},
		{"bad duration", `  type             = "effectiveness"`, `  type = "effectiveness"
  frequency {
    collect = "daily"
  }`, "Invalid duration", 13, 15, "7d"},
		{"policy module missing", `  indicator {`, `  policy "p" {
    module = "policies/nope.rego"
    query  = "data.x.y"
  }
  indicator {`, "Policy module not found", 18, 14, "policies/nope.rego"},
		{"policy with two sources", `  indicator {`, `  policy "p" {
    module = "a.rego"
    rego   = "package a"
    query  = "data.a"
  }
  indicator {`, "Conflicting policy source", 19, 5, ""},
		{"two indicators", `  decision {`, `  indicator {
    expr = "open"
  }
  decision {`, "Duplicate indicator block", 20, 3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(validMeasure, tc.old) {
				t.Fatalf("test case replaces %q, which validMeasure lacks", tc.old)
			}
			text := strings.Replace(validMeasure, tc.old, tc.new, 1)
			dir := writeFiles(t, map[string]string{"m.hcl": text})
			_, diags := Load([]string{dir})
			d := firstError(diags)
			if d == nil {
				t.Fatalf("Load gave no error, want %q", tc.summary)
			}
			if d.Summary != tc.summary {
				t.Fatalf("Load error = %q (%s), want %q", d.Summary, d.Detail, tc.summary)
			}
			if d.Subject == nil || d.Subject.Start.Line != tc.line || d.Subject.Start.Column != tc.col {
				t.Errorf("%s at %v, want line %d col %d", tc.summary, d.Subject, tc.line, tc.col)
			}
			if !strings.Contains(d.Detail, tc.detail) {
				t.Errorf("detail = %q, want it to contain %q", d.Detail, tc.detail)
			}
		})
	}
}

func firstError(diags hcl.Diagnostics) *hcl.Diagnostic {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return d
		}
	}
	return nil
}

// TestLoadReportsAll checks that one run reports every mistake, across
// files, not only the first.
func TestLoadReportsAll(t *testing.T) {
	broken := strings.Replace(validMeasure, `type             = "effectiveness"`, `type = "x"
  colour = 1`, 1)
	dup := strings.Replace(validMeasure, `source "scan"`, `source "other"`, 1)
	dir := writeFiles(t, map[string]string{"a.hcl": broken, "b.hcl": dup})
	_, diags := Load([]string{dir})
	var got []string
	for _, d := range diags {
		got = append(got, d.Summary)
	}
	want := []string{"Unsupported argument", "Invalid value", "Duplicate measure"}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "|"), w) {
			t.Errorf("Load diagnostics = %q, want one %q", got, w)
		}
	}
}

func TestLoadSkipsTestFilesAndSortsByName(t *testing.T) {
	second := strings.NewReplacer(`"VM-01"`, `"AA-01"`, `source "scan"`, `source "scan2"`, `source.scan`, `source.scan2`).Replace(validMeasure)
	dir := writeFiles(t, map[string]string{
		"z.hcl":      validMeasure,
		"sub/a.hcl":  second,
		"z_test.hcl": "this is not HCL {",
		"notes.txt":  "ignored",
	})
	mod, diags := Load([]string{dir})
	if diags.HasErrors() {
		t.Fatalf("Load: %s", diags.Error())
	}
	if len(mod.Measures) != 2 || mod.Measures[0].ID != "AA-01" {
		t.Errorf("Load measures = %d, first %q; want 2, first AA-01 (sub/a.hcl sorts first)", len(mod.Measures), mod.Measures[0].ID)
	}
}

func TestLoadMissingPath(t *testing.T) {
	_, diags := Load([]string{filepath.Join(t.TempDir(), "nope")})
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "no such file") {
		t.Errorf("Load(missing) = %v, want a no-such-file error", diags)
	}
}

func TestParamDefaults(t *testing.T) {
	text := strings.Replace(validMeasure, `  indicator {`, `  param "days" {
    default = 30
  }
  param "ratio" {
    default = 0.5
  }
  param "names" {
    default = ["a", 2]
  }
  indicator {`, 1)
	dir := writeFiles(t, map[string]string{"m.hcl": text})
	mod, diags := Load([]string{dir})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ps := mod.Measures[0].Params
	if ps[0].Default != int64(30) || ps[1].Default != 0.5 {
		t.Errorf("defaults = %#v, %#v, want int64 30 and float64 0.5", ps[0].Default, ps[1].Default)
	}
	list, ok := ps[2].Default.([]any)
	if !ok || len(list) != 2 || list[0] != "a" || list[1] != int64(2) {
		t.Errorf("list default = %#v, want [a 2]", ps[2].Default)
	}
}
