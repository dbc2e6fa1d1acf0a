package plugins

import (
	"os"
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

// Add records a secret value.
func (s *Secrets) Add(v string) {
	if len(v) < minSecretLen {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values = append(s.values, v)
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
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
