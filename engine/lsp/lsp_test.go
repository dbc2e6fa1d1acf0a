package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const sourcesHCL = `source "trivy" {
  plugin  = "file"
  max_age = "24h"
  config {
    paths = ["trivy/*.json"]
  }
}

source "cmdb" {
  plugin = "file"
  config {
    paths = ["cmdb.json"]
  }
}

source "github" {
  plugin = "file"
  config {
    paths = ["github.json"]
  }
}
`

// measureHCL has a CEL type error inside a heredoc, on a line where
// non-ASCII characters (é: two bytes, one UTF-16 unit; 😀: four bytes,
// two UTF-16 units) come before it.
const measureHCL = `measure "VM-01" {
  title            = "Critical vulnerabilities fixed within SLA"
  information_need = "Is technical vulnerability management keeping exposure within appetite?"
  type             = "effectiveness"
  evidence         = [source.trivy, source.cmdb]

  param "sla_days" {
    default = 30
  }

  policy "overdue" {
    module = "policies/overdue.rego"
    query  = "data.assay.vulnerability.overdue"
  }

  base_measure "critical_open" {
    unit = "vulnerabilities"
    expr = <<-CEL
      evidence.trivy
        .filter(v, v.note == 'é😀' + 1)
        .size()
    CEL
  }

  base_measure "critical_overdue" {
    unit = "vulnerabilities"
    expr = "size(policy.overdue)"
  }

  indicator {
    expr   = "100.0 * (1.0 - critical_overdue / critical_open)"
    unit   = "%"
    better = "higher"
    target = 95
  }

  decision {
    pass = "value >= target"
    warn = "value >= 80.0 && size(policy.overdue) < params.sla_days"
  }
}
`

const overdueRego = `package assay.vulnerability

overdue contains v if {
	some v in input.evidence.trivy
	v.days > input.params.sla_days
}
`

// brokenRego has a syntax error after a non-ASCII character: OPA
// counts its column in characters.
const brokenRego = `package assay.broken

deny contains msg if {
	msg := "é" ++ "y"
}
`

// unsafeRego parses but does not compile: y is never bound.
const unsafeRego = `package assay.broken

deny contains msg if {
	msg := y
}
`

// workspace writes the fixture and returns its folder.
func workspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"measures/sources.hcl":  sourcesHCL,
		"measures/vm.hcl":       measureHCL,
		"policies/overdue.rego": overdueRego,
		"policies/broken.rego":  brokenRego,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// posOf returns the LSP position of the n-th (0-based) occurrence of
// marker in text, plus offset bytes, computed independently of the
// server's conversion: lines split at \n, characters in UTF-16 units.
func posOf(t *testing.T, text, marker string, n, offset int) Position {
	t.Helper()
	at := -1
	for i := 0; i <= n; i++ {
		next := strings.Index(text[at+1:], marker)
		if next < 0 {
			t.Fatalf("marker %q #%d not found", marker, n)
		}
		at += 1 + next
	}
	at += offset
	line := strings.Count(text[:at], "\n")
	col := 0
	for _, r := range text[strings.LastIndex(text[:at], "\n")+1 : at] {
		col++
		if r > 0xFFFF {
			col++
		}
	}
	return Position{Line: uint32(line), Character: uint32(col)}
}

func labels(items []CompletionItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	slices.Sort(out)
	return out
}

func hasAll(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: %q missing from %q", what, w, got)
		}
	}
}

func TestSession(t *testing.T) {
	dir := workspace(t)
	c := startServer(t)
	var init InitializeResult
	c.call("initialize", map[string]any{
		"processId": nil,
		"rootUri":   pathToURI(dir),
		"capabilities": map[string]any{
			"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}}},
		},
	}, &init)
	caps := init.Capabilities
	if !caps.HoverProvider || !caps.DefinitionProvider || caps.CompletionProvider == nil || caps.TextDocumentSync.Change != SyncIncremental || caps.PositionEncoding != "utf-16" {
		t.Fatalf("capabilities = %+v", caps)
	}
	c.notify("initialized", map[string]any{})

	vmPath := filepath.Join(dir, "measures", "vm.hcl")
	vm := pathToURI(vmPath)
	t.Run("diagnostics", func(t *testing.T) { c.t = t; testDiagnostics(t, c, vm) })
	t.Run("hover", func(t *testing.T) { c.t = t; testHover(t, c, vm) })
	t.Run("completion", func(t *testing.T) { c.t = t; testCompletion(t, c, vm) })
	t.Run("definition", func(t *testing.T) { c.t = t; testDefinition(t, c, dir, vm) })
	t.Run("rego", func(t *testing.T) { c.t = t; testRego(t, c, dir) })

	c.t = t
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Fatalf("Serve after shutdown and exit: %v", err)
		}
	case <-timeAfter():
		t.Fatal("Serve did not return after exit")
	}
}
