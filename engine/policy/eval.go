package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// ErrUndefined reports a query with no result: the rule it names
// produced nothing for this input and has no default.
var ErrUndefined = errors.New("the query is undefined for this input; give the rule a default value")

// Eval runs the query over input and returns its result in the form
// CEL reads: sets and arrays as []any, objects as map[string]any,
// integral numbers as int64 and others as float64.
func (q *Query) Eval(ctx context.Context, input ast.Value) (any, error) {
	rs, err := q.pq.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return nil, err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, ErrUndefined
	}
	return normalize(rs[0].Expressions[0].Value)
}

func normalize(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		return number(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			n, err := normalize(e)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			n, err := normalize(e)
			if err != nil {
				return nil, err
			}
			out[k] = n
		}
		return out, nil
	}
	return v, nil
}

func number(n json.Number) (any, error) {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if i, err := n.Int64(); err == nil {
			return i, nil
		}
	}
	f, err := n.Float64()
	if err != nil {
		return nil, fmt.Errorf("policy result: number %s: %w", s, err)
	}
	return f, nil
}

// Finding is one per-resource result of a policy. File and Line come
// from the finding's location, when the policy gives one.
type Finding struct {
	Message  string `json:"message"`
	Resource string `json:"resource,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
}

// Findings picks the findings out of a query result: the elements of a
// set or array that are objects with a string msg, an optional resource
// and an optional location ({"file", "line"}, as input.locations gives
// it). Other results (a number, a bool) have none.
func Findings(result any) []Finding {
	list, ok := result.([]any)
	if !ok {
		return nil
	}
	var out []Finding
	for _, e := range list {
		obj, ok := e.(map[string]any)
		if !ok {
			continue
		}
		msg, ok := obj["msg"].(string)
		if !ok {
			continue
		}
		f := Finding{Message: msg}
		if r, ok := obj["resource"]; ok {
			f.Resource = fmt.Sprint(r)
		}
		if loc, ok := obj["location"].(map[string]any); ok {
			f.File, _ = loc["file"].(string)
			if line, ok := loc["line"].(int64); ok && line > 0 {
				f.Line = int(line)
			}
		}
		out = append(out, f)
	}
	return out
}
