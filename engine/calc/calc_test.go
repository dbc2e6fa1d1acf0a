package calc

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine/lang"
)

func compileText(t *testing.T, text string, spec Spec) (*Program, error) {
	t.Helper()
	envs, err := NewEnvs(spec.Quantities)
	if err != nil {
		t.Fatal(err)
	}
	if spec.What == "" {
		spec.What = "test"
	}
	p, diags := Compile(envs, &lang.Expr{Text: text}, spec)
	if diags.HasErrors() {
		return nil, diags
	}
	return p, nil
}

func TestLibrary(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	vars := map[string]any{
		VarEvidence: map[string]any{"s": []any{
			map[string]any{"n": int64(2), "x": 1.5, "t": "2026-11-20T00:00:00Z"},
			map[string]any{"n": int64(3), "x": 0.25, "t": "2026-10-01T00:00:00Z"},
		}},
		VarNow: now,
	}
	tests := []struct {
		expr string
		want float64
	}{
		{"evidence.s.map(r, r.n).sum()", 5},
		{"evidence.s.map(r, r.x).sum()", 1.75},
		{"evidence.s.map(r, r.n + 0).sum() + evidence.s.map(r, r.x).sum()", 6.75},
		{"[].sum()", 0},
		{"evidence.s.filter(r, now - timestamp(r.t) > days(30)).size()", 1},
		{"evidence.s.filter(r, now - timestamp(r.t) > days(10.5)).size()", 2},
		{"double(days(2).getHours())", 48},
	}
	for _, tc := range tests {
		p, err := compileText(t, tc.expr, Spec{Sources: []string{"s"}, Result: Number})
		if err != nil {
			t.Fatalf("Compile(%q): %v", tc.expr, err)
		}
		got, err := p.Float(context.Background(), vars)
		if err != nil || got != tc.want {
			t.Errorf("Eval(%q) = %v, %v; want %v", tc.expr, got, err, tc.want)
		}
	}
}

func TestLibraryErrors(t *testing.T) {
	vars := map[string]any{VarEvidence: map[string]any{"s": []any{"a"}}}
	for _, tc := range []struct{ expr, want string }{
		{"evidence.s.sum()", "sum: string a is not a number"},
		{"double(days(1000000).getHours())", "out of range"},
	} {
		p, err := compileText(t, tc.expr, Spec{Sources: []string{"s"}, Result: Number})
		if err != nil {
			t.Fatalf("Compile(%q): %v", tc.expr, err)
		}
		_, err = p.Float(context.Background(), vars)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Eval(%q) error = %v, want %q", tc.expr, err, tc.want)
		}
	}
}

// TestTimeout checks that a deadline stops a long comprehension.
func TestTimeout(t *testing.T) {
	p, err := compileText(t, "lists.range(3000).map(i, lists.range(3000).filter(j, j == i).size()).size()", Spec{Result: Number})
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = p.Float(ctx, map[string]any{})
	if err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Errorf("Eval with a 10ms deadline = %v, want a deadline error", err)
	}
}

func TestCostBound(t *testing.T) {
	_, err := compileText(t, "evidence.s.filter(a, evidence.s.exists(b, b.id == a.parent)).size()", Spec{Sources: []string{"s"}, Result: Number})
	if err == nil || !strings.Contains(err.Error(), "Expression too costly") {
		t.Errorf("Compile(quadratic) = %v, want a cost error", err)
	}
	_, err = compileText(t, "evidence.s.map(r, r.Results).flatten().map(x, x.V).flatten().filter(v, v.s == 'HIGH').size()", Spec{Sources: []string{"s"}, Result: Number})
	if err != nil {
		t.Errorf("Compile(linear chain) = %v, want no error", err)
	}
}

// TestMapOrder iterates a record's keys many times: the order must be
// the sorted one every time, or a comprehension over fields would give
// different results from run to run.
func TestMapOrder(t *testing.T) {
	rec := map[string]any{}
	for _, k := range []string{"q", "b", "x", "a", "m", "z", "c", "k", "e", "p"} {
		rec[k] = map[string]any{"n": int64(len(k)), "y": 1.5, "a": "first"}
	}
	vars := map[string]any{VarEvidence: map[string]any{"s": []any{rec}}}
	keys, err := compileText(t, "evidence.s[0].map(k, k).join(',') == 'a,b,c,e,k,m,p,q,x,z' ? 1 : 0", Spec{Sources: []string{"s"}, Result: Number})
	if err != nil {
		t.Fatal(err)
	}
	nested, err := compileText(t, "evidence.s[0].a.map(k, k).join(',') == 'a,n,y' && evidence.s[0].transformList(k, v, k).join('') == 'abcekmpqxz' ? 1 : 0", Spec{Sources: []string{"s"}, Result: Number})
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		for _, p := range []*Program{keys, nested} {
			got, err := p.Float(context.Background(), vars)
			if err != nil || got != 1 {
				t.Fatalf("Eval(%q) = %v, %v; want the keys in sorted order", p.Expr.Text, got, err)
			}
		}
	}
}
