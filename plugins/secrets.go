package plugins

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Secrets holds every value a config read from the environment. Such
// values are secrets: whatever Assay prints, stores or returns passes
// through Redact first.
type Secrets struct {
	mu     sync.Mutex
	values []string
}

// minSecretLen is the shortest value that is redacted; shorter values
// ("1", "on") would blank out unrelated text and guard nothing.
const minSecretLen = 4

// Add records a secret value, with the forms it takes when escaped in
// a URL or in JSON, so that it is found however a service echoes it.
func (s *Secrets) Add(v string) {
	if len(v) < minSecretLen {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, form := range secretForms(v) {
		if !slices.Contains(s.values, form) {
			s.values = append(s.values, form)
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
}

// secretForms is v as written, percent-encoded for a URL path and
// query, and escaped inside a JSON string (Go's encoder and the common
// `\/` form).
func secretForms(v string) []string {
	forms := []string{v, url.PathEscape(v), url.QueryEscape(v)}
	if b, err := json.Marshal(v); err == nil {
		inner := string(b[1 : len(b)-1])
		forms = append(forms, inner, strings.ReplaceAll(inner, "/", `\/`))
	}
	return forms
}

// Redact replaces every secret in text with "[redacted]".
func (s *Secrets) Redact(text string) string {
	if s == nil {
		return text
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		text = strings.ReplaceAll(text, v, "[redacted]")
	}
	return text
}

// RedactBytes replaces every secret in b; b itself is not changed.
func (s *Secrets) RedactBytes(b []byte) []byte {
	if s == nil {
		return b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		if bytes.Contains(b, []byte(v)) {
			b = bytes.ReplaceAll(b, []byte(v), []byte("[redacted]"))
		}
	}
	return b
}

// EvalContext is the context plugin configs are decoded in. It offers
// env("NAME"), which reads an environment variable through getenv
// (os.Getenv when nil) and records its value as a secret.
func EvalContext(secrets *Secrets, getenv func(string) string) *hcl.EvalContext {
	if getenv == nil {
		getenv = os.Getenv
	}
	env := function.New(&function.Spec{
		Description: "Reads an environment variable; its value is treated as a secret.",
		Params:      []function.Parameter{{Name: "name", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := getenv(args[0].AsString())
			secrets.Add(v)
			return cty.StringVal(v), nil
		},
	})
	return &hcl.EvalContext{Functions: map[string]function.Function{"env": env}}
}
