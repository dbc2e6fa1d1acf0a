package attr

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func body(t *testing.T, src string) hcl.Body {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "t.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return f.Body
}

func TestRange(t *testing.T) {
	b := body(t, "a = 1\n\ntimeout = \"x\"\n")
	if r := Range(b, "timeout"); r.Start.Line != 3 || r.Start.Column != 11 {
		t.Errorf("Range(timeout) = %v, want line 3 column 11", r)
	}
	if r := Range(b, "missing"); r != b.MissingItemRange() {
		t.Errorf("Range(missing) = %v, want the body's missing-item range", r)
	}
}

func TestDuration(t *testing.T) {
	b := body(t, "timeout = \"soon\"\n")
	if d, diags := Duration(b, "timeout", "", 5*time.Second); d != 5*time.Second || diags.HasErrors() {
		t.Errorf("Duration(\"\") = %v, %v, want the default", d, diags)
	}
	if d, diags := Duration(b, "timeout", "1m30s", 0); d != 90*time.Second || diags.HasErrors() {
		t.Errorf("Duration(1m30s) = %v, %v, want 1m30s", d, diags)
	}
	for _, v := range []string{"soon", "0s", "-1s"} {
		_, diags := Duration(b, "timeout", v, 0)
		if len(diags) != 1 || diags[0].Detail != `timeout must be a positive duration such as "30s" or "2m"; got "`+v+`".` || diags[0].Subject.Start.Line != 1 {
			t.Errorf("Duration(%q) diagnostics = %v, want one at line 1", v, diags)
		}
	}
}

func TestAtLeast(t *testing.T) {
	b := body(t, "n = 0\n")
	zero, five := 0, 5
	if v, diags := AtLeast(b, "n", nil, 7, 1); v != 7 || diags.HasErrors() {
		t.Errorf("AtLeast(nil) = %v, %v, want the default 7", v, diags)
	}
	if v, diags := AtLeast(b, "n", &five, 7, 1); v != 5 || diags.HasErrors() {
		t.Errorf("AtLeast(5) = %v, %v, want 5", v, diags)
	}
	if _, diags := AtLeast(b, "n", &zero, 7, 1); len(diags) != 1 || diags[0].Detail != "n must be at least 1; got 0." {
		t.Errorf("AtLeast(0) diagnostics = %v, want one saying n must be at least 1", diags)
	}
}
