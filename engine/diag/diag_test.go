package diag

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestWriteText(t *testing.T) {
	src := Sources{"m.hcl": []byte("measure \"M\" {\n\ttitle = \"a\x1b[31mb\"\n}\n")}
	rng := hcl.Range{Filename: "m.hcl", Start: hcl.Pos{Line: 2, Column: 2, Byte: 15}, End: hcl.Pos{Line: 2, Column: 7, Byte: 20}}
	var b bytes.Buffer
	if err := WriteText(&b, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Bad title", Detail: "Why it is bad.", Subject: &rng}}, src); err != nil {
		t.Fatal(err)
	}
	want := "m.hcl:2:2: error: Bad title\n" +
		"    Why it is bad.\n" +
		"    2 |  title = \"a?[31mb\"\n" +
		"      |  ^^^^^\n"
	if b.String() != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	rng := hcl.Range{Filename: "m.hcl", Start: hcl.Pos{Line: 3, Column: 5, Byte: 30}, End: hcl.Pos{Line: 3, Column: 9, Byte: 34}}
	var b bytes.Buffer
	if err := WriteJSON(&b, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "S", Subject: &rng}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"valid": false`, `"summary": "S"`, `"line": 3`, `"column": 5`, `"byte": 30`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("WriteJSON = %s, want it to contain %s", b.String(), want)
		}
	}
}

func TestSort(t *testing.T) {
	at := func(file string, line, col int) *hcl.Range {
		return &hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: col}}
	}
	diags := hcl.Diagnostics{
		{Summary: "b2", Subject: at("b.hcl", 2, 1)},
		{Summary: "a9", Subject: at("a.hcl", 9, 1)},
		{Summary: "none"},
		{Summary: "a1c5", Subject: at("a.hcl", 1, 5)},
		{Summary: "a1c2", Subject: at("a.hcl", 1, 2)},
	}
	var got []string
	for _, d := range Sort(diags) {
		got = append(got, d.Summary)
	}
	if strings.Join(got, " ") != "none a1c2 a1c5 a9 b2" {
		t.Errorf("Sort = %v", got)
	}
}
