package plugins

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestRedact(t *testing.T) {
	s := &Secrets{}
	s.Add("a/b c<d>")
	s.Add("xy") // too short to redact
	for _, text := range []string{
		"token a/b c<d> in an error",
		"path /api/a%2Fb%20c%3Cd%3E/items",
		"query ?t=a%2Fb+c%3Cd%3E",
		`json {"t": "a/b c\u003cd\u003e"}`,
		`json {"t": "a\/b c\u003cd\u003e"}`,
	} {
		got := s.Redact(text)
		if strings.Contains(got, "b c") || strings.Contains(got, "%20c") || strings.Contains(got, "+c") || !strings.Contains(got, "[redacted]") {
			t.Errorf("Redact(%q) = %q, want the secret gone in every form", text, got)
		}
		if b := string(s.RedactBytes([]byte(text))); b != got {
			t.Errorf("RedactBytes(%q) = %q, want %q", text, b, got)
		}
	}
	if got := s.Redact("xy stays"); got != "xy stays" {
		t.Errorf("Redact of a short value = %q, want it untouched", got)
	}
}

func TestEnvFunctionRecordsSecrets(t *testing.T) {
	s := &Secrets{}
	ctx := EvalContext(s, func(name string) string { return map[string]string{"TOKEN": "s3cr3t-value"}[name] })
	expr, diags := hclsyntax.ParseExpression([]byte(`env("TOKEN")`), "m.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v.AsString() != "s3cr3t-value" {
		t.Fatalf("env(TOKEN) = %v, %v", v, diags)
	}
	if got := s.Redact("sent s3cr3t-value"); got != "sent [redacted]" {
		t.Errorf("Redact = %q, want the env value redacted", got)
	}
}
