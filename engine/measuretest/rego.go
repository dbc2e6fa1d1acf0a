package measuretest

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/assay-dev/assay/engine/policy"
)

// onlyRego keeps the loader to .rego files: data files beside the
// policies, such as evidence samples, are not Rego documents.
func onlyRego(_ string, info fs.FileInfo, _ int) bool {
	return !info.IsDir() && !strings.HasSuffix(info.Name(), ".rego")
}

// RegoResult is the outcome of one Rego test rule.
type RegoResult struct {
	Name    string // rego/<package>.<rule>
	Passed  bool
	Skipped bool   // a todo_test_ rule: reported, not run, not a failure
	Detail  string // why it failed or was skipped, with its location
}

// RunRego runs the test_ rules of the _test.rego files under paths
// through OPA's test runner.
func RunRego(ctx context.Context, paths []string, filter *regexp.Regexp) ([]RegoResult, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	modules, store, err := tester.LoadWithRegoVersion(paths, onlyRego, ast.RegoV1)
	if err != nil {
		return nil, fmt.Errorf("rego tests: %w", err)
	}
	// The tests compile with the builtins evaluation allows, so a policy
	// that calls http.send fails its tests as it would fail a run.
	compiler := ast.NewCompiler().WithCapabilities(policy.Capabilities()).WithDefaultRegoVersion(ast.RegoV1)
	ch, err := tester.NewRunner().SetStore(store).SetModules(modules).SetCompiler(compiler).RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("rego tests: %w", err)
	}
	var results []*tester.Result
	for r := range ch {
		results = append(results, r)
	}
	var out []RegoResult
	for _, r := range results {
		name := "rego/" + r.Package + "." + r.Name
		if filter != nil && !filter.MatchString(name) {
			continue
		}
		res := RegoResult{Name: name, Passed: !r.Fail && r.Error == nil, Skipped: r.Skip}
		switch {
		case r.Error != nil:
			res.Detail = fmt.Sprintf("%s: error: %v", r.Location, r.Error)
		case r.Fail:
			res.Detail = fmt.Sprintf("%s: failed", r.Location)
		case r.Skip:
			res.Detail = fmt.Sprintf("%s: skipped (todo_test_)", r.Location)
		}
		out = append(out, res)
	}
	return out, nil
}
