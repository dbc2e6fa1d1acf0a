package lsp

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func timeAfter() <-chan time.Time { return time.After(wait) }

func at(uri string, p Position) TextDocumentPositionParams {
	return TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: p}
}

func rng(l1, c1, l2, c2 uint32) Range {
	return Range{Start: Position{Line: l1, Character: c1}, End: Position{Line: l2, Character: c2}}
}

func testDiagnostics(t *testing.T, c *client, vm string) {
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{
		URI: vm, LanguageID: "hcl", Version: 1, Text: measureHCL,
	}})
	got := c.diagnostics(vm, 1)
	if len(got.Diagnostics) != 1 {
		t.Fatalf("diagnostics of the open measure = %+v, want the one CEL type error", got.Diagnostics)
	}
	d := got.Diagnostics[0]
	// The "+" of `'é😀' + 1` on line 19: 8 spaces, `.filter(v, v.note == ` (21),
	// the quote, é (1 unit), 😀 (2 units), the quote and a space: 35.
	if want := rng(19, 35, 19, 36); d.Range != want {
		t.Errorf("range = %+v, want %+v", d.Range, want)
	}
	if want := posOf(t, measureHCL, "+ 1)", 0, 0); d.Range.Start != want {
		t.Errorf("start = %+v, but the '+' is at %+v", d.Range.Start, want)
	}
	if d.Severity != SeverityError || d.Source != "assay" || !strings.Contains(d.Message, "CEL type error") || !strings.Contains(d.Message, "no matching overload") {
		t.Errorf("diagnostic = %+v", d)
	}
	sources := pathToURI(filepath.Join(filepath.Dir(mustPath(t, vm)), "sources.hcl"))
	if other := c.diagnostics(sources, -1); len(other.Diagnostics) != 0 || other.Version != nil {
		t.Errorf("sources.hcl, not open and without problems: %+v", other)
	}

	// Remove " + 1" with an incremental change.
	start := posOf(t, measureHCL, " + 1)", 0, 0)
	end := start
	end.Character += 4
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: vm, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: start, End: end}, Text: ""}},
	})
	if fixed := c.diagnostics(vm, 2); len(fixed.Diagnostics) != 0 {
		t.Errorf("diagnostics after the fix = %+v, want none", fixed.Diagnostics)
	}
}

func mustPath(t *testing.T, uri string) string {
	t.Helper()
	p, err := uriToPath(uri)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func hover(c *client, uri string, p Position) *Hover {
	var h *Hover
	c.call("textDocument/hover", at(uri, p), &h)
	return h
}

func testHover(t *testing.T, c *client, vm string) {
	h := hover(c, vm, Position{Line: 2, Character: 5})
	if h == nil || h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "information need") || !strings.Contains(h.Contents.Value, "ISO/IEC 27004") {
		t.Fatalf("hover on information_need = %+v", h)
	}
	if want := rng(2, 2, 2, 18); h.Range == nil || *h.Range != want {
		t.Errorf("hover range = %+v, want %+v", h.Range, want)
	}

	cases := []struct {
		name   string
		pos    Position
		want   []string
		wantAt Range
	}{
		{"source reference", posOf(t, measureHCL, "source.trivy", 0, 9),
			[]string{"**source `trivy`**: plugin `file`, max_age `24h`", "sources.hcl", `paths = ["trivy/*.json"]`},
			rng(4, 22, 4, 34)},
		{"measure in CEL", posOf(t, measureHCL, "critical_open)", 0, 3),
			[]string{"**base_measure `critical_open`**", "unit `vulnerabilities`", "a `double`"},
			rng(30, 48, 30, 61)},
		{"block type", Position{Line: 29, Character: 4},
			[]string{"**`indicator`**", "analytical model"},
			rng(29, 2, 29, 11)},
		{"enumerated value", posOf(t, measureHCL, `"higher"`, 0, 2),
			[]string{"**`indicator.better`**", "`higher` (the default) or `lower`"},
			rng(32, 14, 32, 20)},
		{"policy in CEL", posOf(t, measureHCL, "policy.overdue) <", 0, 8),
			[]string{"**policy `overdue`**", "module `policies/overdue.rego`"},
			rng(38, 41, 38, 48)},
		{"CEL variable", posOf(t, measureHCL, "value >= target", 0, 1),
			[]string{"**`value`**", "decision criteria"},
			rng(37, 12, 37, 17)},
	}
	for _, tc := range cases {
		h := hover(c, vm, tc.pos)
		if h == nil {
			t.Errorf("%s: no hover at %+v", tc.name, tc.pos)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(h.Contents.Value, w) {
				t.Errorf("%s: hover lacks %q:\n%s", tc.name, w, h.Contents.Value)
			}
		}
		if h.Range == nil || *h.Range != tc.wantAt {
			t.Errorf("%s: hover range = %+v, want %+v", tc.name, h.Range, tc.wantAt)
		}
	}
	if h := hover(c, vm, Position{Line: 5, Character: 0}); h != nil {
		t.Errorf("hover on a blank line = %+v, want null", h)
	}
}

func complete(c *client, uri string, p Position) CompletionList {
	var l CompletionList
	c.call("textDocument/completion", CompletionParams{TextDocumentPositionParams: at(uri, p)}, &l)
	return l
}

func testCompletion(t *testing.T, c *client, vm string) {
	afterSource := posOf(t, measureHCL, "source.trivy", 0, len("source."))
	l := complete(c, vm, afterSource)
	if got := labels(l.Items); !slices.Equal(got, []string{"cmdb", "github", "trivy"}) {
		t.Errorf("after source.: %q, want the declared sources", got)
	}
	for _, it := range l.Items {
		if want := rng(4, 29, 4, 34); it.TextEdit == nil || it.TextEdit.Range != want {
			t.Errorf("after source.: item %s edits %+v, want the name after the dot %+v", it.Label, it.TextEdit, want)
		}
	}

	afterEvidence := posOf(t, measureHCL, "evidence.trivy\n", 0, len("evidence."))
	if afterEvidence != (Position{Line: 18, Character: 15}) {
		t.Fatalf("fixture moved: evidence. ends at %+v", afterEvidence)
	}
	if got := labels(complete(c, vm, afterEvidence).Items); !slices.Equal(got, []string{"cmdb", "trivy"}) {
		t.Errorf("after evidence. in the heredoc: %q, want the measure's evidence sources", got)
	}
	afterPolicy := posOf(t, measureHCL, "policy.overdue) <", 0, len("policy."))
	if got := labels(complete(c, vm, afterPolicy).Items); !slices.Equal(got, []string{"overdue"}) {
		t.Errorf("after policy.: %q", got)
	}
	afterParams := posOf(t, measureHCL, "params.sla_days", 0, len("params."))
	if got := labels(complete(c, vm, afterParams).Items); !slices.Equal(got, []string{"sla_days"}) {
		t.Errorf("after params.: %q", got)
	}

	inDecision := labels(complete(c, vm, posOf(t, measureHCL, "value >= target", 0, 0)).Items)
	hasAll(t, "decision", inDecision, "value", "target", "critical_open", "critical_overdue", "now", "evidence", "params", "size")
	inBase := labels(complete(c, vm, posOf(t, measureHCL, "size(policy.overdue)\"", 0, 0)).Items)
	hasAll(t, "base measure", inBase, "evidence", "policy", "params", "now")
	if slices.Contains(inBase, "critical_open") || slices.Contains(inBase, "value") {
		t.Errorf("base measure offers measures or value: %q", inBase)
	}

	names := complete(c, vm, Position{Line: 5, Character: 0}).Items
	hasAll(t, "measure body", labels(names), "description", "controls", "responsible", "frequency", "base_measure")
	for _, it := range names {
		switch it.Label {
		case "title", "indicator", "decision":
			t.Errorf("measure body offers %s, which it already has", it.Label)
		case "description":
			if it.TextEdit == nil || it.TextEdit.NewText != `description = "$1"` || it.InsertTextFormat != Snippet || it.Documentation == nil {
				t.Errorf("description item = %+v", it)
			}
		case "param":
			if it.TextEdit == nil || it.TextEdit.NewText != "param \"${1:name}\" {\n\t$0\n}" {
				t.Errorf("param item = %+v", it)
			}
		}
	}

	inType := complete(c, vm, posOf(t, measureHCL, `"effectiveness"`, 0, 1))
	if got := labels(inType.Items); !slices.Equal(got, []string{"effectiveness", "performance"}) {
		t.Errorf("in type: %q", got)
	}
}

func definition(c *client, uri string, p Position) *Location {
	var loc *Location
	c.call("textDocument/definition", at(uri, p), &loc)
	return loc
}

func testDefinition(t *testing.T, c *client, dir, vm string) {
	loc := definition(c, vm, posOf(t, measureHCL, "source.cmdb", 0, 8))
	want := Location{URI: pathToURI(filepath.Join(dir, "measures", "sources.hcl")), Range: rng(8, 0, 8, 13)}
	if loc == nil || *loc != want {
		t.Errorf("definition of source.cmdb = %+v, want %+v", loc, want)
	}
	loc = definition(c, vm, posOf(t, measureHCL, "policies/overdue.rego", 0, 3))
	want = Location{URI: pathToURI(filepath.Join(dir, "policies", "overdue.rego"))}
	if loc == nil || *loc != want {
		t.Errorf("definition of the module path = %+v, want %+v", loc, want)
	}
	loc = definition(c, vm, posOf(t, measureHCL, "critical_overdue /", 0, 2))
	want = Location{URI: vm, Range: rng(24, 2, 24, 33)}
	if loc == nil || *loc != want {
		t.Errorf("definition of critical_overdue = %+v, want %+v", loc, want)
	}
	if loc := definition(c, vm, Position{Line: 1, Character: 4}); loc != nil {
		t.Errorf("definition of an attribute name = %+v, want null", loc)
	}
}

func testRego(t *testing.T, c *client, dir string) {
	uri := pathToURI(filepath.Join(dir, "policies", "broken.rego"))
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{
		URI: uri, LanguageID: "rego", Version: 1, Text: brokenRego,
	}})
	got := c.diagnostics(uri, 1)
	if len(got.Diagnostics) == 0 {
		t.Fatal("no diagnostics for a .rego file with a syntax error")
	}
	d := got.Diagnostics[0]
	// The second "+": a tab, `msg := "`, é, `" +`: 13 characters before it.
	if want := rng(3, 13, 3, 14); d.Range != want || !strings.Contains(d.Message, "Rego parse error") {
		t.Errorf("syntax error = %+v, want a parse error at %+v", d, want)
	}

	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: unsafeRego}},
	})
	got = c.diagnostics(uri, 2)
	if len(got.Diagnostics) != 1 {
		t.Fatalf("compile errors = %+v, want one", got.Diagnostics)
	}
	d = got.Diagnostics[0]
	// OPA puts the error on the expression `msg := y`, after the tab.
	if want := rng(3, 1, 3, 2); d.Range != want || !strings.Contains(d.Message, "var y is unsafe") {
		t.Errorf("compile error = %+v, want var y is unsafe at %+v", d, want)
	}

	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 3},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: strings.Replace(unsafeRego, "msg := y", `msg := "ok"`, 1)}},
	})
	if got := c.diagnostics(uri, 3); len(got.Diagnostics) != 0 {
		t.Errorf("diagnostics of the fixed module = %+v", got.Diagnostics)
	}

	// Closing a broken module clears the diagnostics only it produced.
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 4},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: unsafeRego}},
	})
	if got := c.diagnostics(uri, 4); len(got.Diagnostics) != 1 {
		t.Fatalf("diagnostics of version 4 = %+v", got.Diagnostics)
	}
	c.notify("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	if got := c.diagnostics(uri, -1); len(got.Diagnostics) != 0 || got.Version != nil {
		t.Errorf("diagnostics after close = %+v", got)
	}
}
