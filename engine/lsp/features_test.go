package lsp

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/file"
)

// newTestServer is a server without a connection, for calling its
// features directly.
func newTestServer(t *testing.T) *server {
	t.Helper()
	return newServer(Options{Plugins: plugins.Registry{"file": file.Plugin{}}})
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
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

// openAt opens text as the document at path and returns a cursor at
// the first occurrence of marker, plus offset bytes.
func openAt(t *testing.T, s *server, path, text, marker string, offset int) *cursor {
	t.Helper()
	if _, err := s.docs.open(TextDocumentItem{URI: pathToURI(path), Version: 1, Text: text}); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("marker %q not found", marker)
	}
	c, err := s.cursorAt(at(pathToURI(path), newText([]byte(text)).position(i+offset)))
	if err != nil || c == nil {
		t.Fatalf("cursorAt: %v", err)
	}
	return c
}

func TestMeasureRootWidensToParentsWithMeasures(t *testing.T) {
	measure := strings.Replace(measureHCL, "'é😀' + 1", "'x'", 1)
	dir := writeTree(t, map[string]string{
		"measures/sources.hcl":      sourcesHCL,
		"measures/vuln/vm.hcl":      measure,
		"measures/vuln/vm_test.hcl": "this is not HCL",
		"policies/overdue.rego":     overdueRego,
	})
	s := newTestServer(t)
	vm := filepath.Join(dir, "measures", "vuln", "vm.hcl")
	root := s.measureRoot(vm)
	if want := filepath.Join(dir, "measures"); root != want {
		t.Fatalf("measureRoot = %s, want %s", root, want)
	}
	a := s.checkMeasures(context.Background(), root, vm)
	if got := slices.Sorted(maps.Keys(a.diags)); !slices.Equal(got, []string{filepath.Join(dir, "measures", "sources.hcl"), vm}) {
		t.Errorf("checked files = %q", got)
	}
	for path, d := range a.diags {
		if len(d) > 0 {
			t.Errorf("%s: %+v", path, d)
		}
	}

	s.folders = []string{filepath.Join(dir, "measures", "vuln")}
	if root := s.measureRoot(vm); root != filepath.Join(dir, "measures", "vuln") {
		t.Errorf("measureRoot left the workspace folder: %s", root)
	}
}

// typing is a measure file in the middle of being written: a list and
// a string left open, an identifier alone on its line.
const typing = `source "trivy" {
  plugin = "file"
  config {
    paths = ["t.json"]
  }
}

measure "M-1" {
  title    = "Unclosed
  evidence = [source.trivy, source.
  descr
  param "limit" {
    default = 3
  }
  base_measure "open" {
    expr = "size(evidence.) + params."
  }
  derived_measure "share" {
    expr = <<-CEL
      open * 
    CEL
  }
  decision {
    pass = ""
  }
}
`

func TestCompletionWhileTyping(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.hcl")
	s := newTestServer(t)
	cases := []struct {
		name, marker string
		offset       int
		want         []string
		not          []string
	}{
		{"source. in an open list", "source.\n", len("source."), []string{"trivy"}, nil},
		{"attribute being typed", "descr\n", 2, []string{"description", "controls", "responsible"}, []string{"title", "evidence"}},
		{"evidence. in an unclosed call", "evidence.)", len("evidence."), []string{"trivy"}, nil},
		{"params. at a string's end", `params."`, len("params."), []string{"limit"}, nil},
		{"bare name in a derived heredoc", "open * \n", len("open * "), []string{"open", "evidence", "size"}, []string{"share", "value"}},
		{"empty decision", `pass = ""`, len(`pass = "`), []string{"value", "open", "share", "now"}, []string{"target"}},
		{"top level", "measure \"M-1\"", 0, []string{"source", "measure", "waiver"}, nil},
	}
	for _, tc := range cases {
		c := openAt(t, s, path, typing, tc.marker, tc.offset)
		got := labels(s.complete(c))
		hasAll(t, tc.name, got, tc.want...)
		for _, n := range tc.not {
			if slices.Contains(got, n) {
				t.Errorf("%s: offers %q: %q", tc.name, n, got)
			}
		}
	}
}

func TestOutlineRecoversAfterUnclosedString(t *testing.T) {
	o := parseOutline("m.hcl", []byte(typing))
	m := o.root.child("measure", "M-1")
	if m == nil {
		t.Fatal("measure M-1 not in the outline")
	}
	for _, typ := range []string{"param", "base_measure", "derived_measure", "decision"} {
		if len(m.children(typ)) != 1 {
			t.Errorf("measure has %d %s blocks, want 1", len(m.children(typ)), typ)
		}
	}
	if got := evidenceNames(m); !slices.Equal(got, []string{"trivy"}) {
		t.Errorf("evidence names = %q", got)
	}
	if title, _ := m.attr("title").str(); title != "" {
		t.Errorf("the unclosed title reads as %q", title)
	}
}

func TestStringCompletions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.hcl")
	s := newTestServer(t)
	text := sourcesHCL + "\n" + strings.Replace(measureHCL, `type             = "effectiveness"`, `type             = ""`, 1) +
		"\nwaiver \"W-1\" {\n  measure = \"V\"\n}\n"
	cases := []struct {
		name, marker string
		offset       int
		want         []string
	}{
		{"plugin", `"file"`, 1, []string{"file"}},
		{"measure type", `type             = ""`, len(`type             = "`), []string{"effectiveness", "performance"}},
		{"waiver measure", `measure = "V"`, len(`measure = "V`), []string{"VM-01"}},
		{"better", `"higher"`, 1, []string{"higher", "lower"}},
	}
	for _, tc := range cases {
		c := openAt(t, s, path, text, tc.marker, tc.offset)
		if got := labels(s.complete(c)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	c := openAt(t, s, path, text, `measure = "V"`, len(`measure = "`))
	if r := s.resolve(c); r == nil || r.target != nil || !strings.Contains(r.markdown, "**`waiver.measure`**") {
		t.Errorf("waiver naming an unknown measure resolves to %+v, want only the attribute's doc", r)
	}
}

func TestRegoSiblingsResolve(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"p/lib.rego":    "package assay.lib\n\nbig(x) if x > 10\n",
		"p/use.rego":    "package assay.use\n\nimport data.assay.lib\n\nflag contains x if {\n\tsome x in input.xs\n\tlib.big(x)\n}\n",
		"p/broken.rego": "package assay.broken\n\nnot rego at all {{\n",
	})
	s := newTestServer(t)
	use := filepath.Join(dir, "p", "use.rego")
	a := s.checkRego(use)
	if d := a.diags[use]; d == nil || len(d) != 0 {
		t.Errorf("a module calling a sibling's function: %+v", a.diags)
	}
	alone := "package assay.use\n\nflag contains x if {\n\tsome x in input.xs\n\tdata.assay.nolib.big(x)\n}\n"
	if _, err := s.docs.open(TextDocumentItem{URI: pathToURI(use), Version: 7, Text: alone}); err != nil {
		t.Fatal(err)
	}
	a = s.checkRego(use)
	if d := a.diags[use]; len(d) != 1 || !strings.Contains(d[0].Message, "undefined function data.assay.nolib.big") || a.versions[use] != 7 {
		t.Errorf("open buffer calling an unknown function: %+v, versions %v", a.diags, a.versions)
	}
}

func TestHoverOnPluginSetting(t *testing.T) {
	s := newTestServer(t)
	c := openAt(t, s, filepath.Join(t.TempDir(), "s.hcl"), sourcesHCL, "paths", 1)
	r := s.resolve(c)
	if r == nil || !strings.Contains(r.markdown, "**`config`**") || !strings.Contains(r.markdown, "`paths`") {
		t.Errorf("hover on a plugin setting = %+v, want the config block's doc", r)
	}
}
