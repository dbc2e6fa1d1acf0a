package policies_test

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/tester"
)

// TestRego runs every test_ rule of the _test.rego files under this
// folder through OPA's test runner, each as a subtest.
func TestRego(t *testing.T) {
	results, err := tester.Run(context.Background(), ".")
	if err != nil {
		t.Fatalf("loading the policies: %v", err)
	}
	// Each of the nine shipped policies has tests; fewer results means
	// a test file was lost or no longer loads.
	if len(results) < 9 {
		t.Fatalf("found %d Rego tests, want at least 9", len(results))
	}
	for _, r := range results {
		t.Run(r.Package+"."+r.Name, func(t *testing.T) {
			switch {
			case r.Error != nil:
				t.Errorf("%s: error: %v", r.Location, r.Error)
			case r.Fail:
				t.Errorf("%s: failed", r.Location)
			case r.Skip:
				t.Errorf("%s: skipped (todo_test_): a shipped policy must not carry skipped tests", r.Location)
			}
		})
	}
}
