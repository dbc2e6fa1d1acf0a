package policy

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Value converts evidence (map[string]any, []any, string, int64,
// uint64, float64, bool, nil) to Rego's value form. A run converts each
// source once and shares the result with every policy that reads it.
func Value(v any) (ast.Value, error) {
	switch x := v.(type) {
	case nil:
		return ast.Null{}, nil
	case bool:
		return ast.Boolean(x), nil
	case string:
		return ast.String(x), nil
	case int64:
		return ast.Number(strconv.FormatInt(x, 10)), nil
	case int:
		return ast.Number(strconv.Itoa(x)), nil
	case uint64:
		return ast.Number(strconv.FormatUint(x, 10)), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ast.Null{}, nil // YAML's .nan and .inf: Rego has no such numbers
		}
		return ast.Number(strconv.FormatFloat(x, 'g', -1, 64)), nil
	case []any:
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			ev, err := Value(e)
			if err != nil {
				return nil, err
			}
			terms[i] = ast.NewTerm(ev)
		}
		return ast.NewArray(terms...), nil
	case map[string]any:
		return objectValue(x)
	}
	return nil, fmt.Errorf("policy input: unsupported value of type %T", v)
}

func objectValue(m map[string]any) (ast.Value, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([][2]*ast.Term, len(keys))
	for i, k := range keys {
		v, err := Value(m[k])
		if err != nil {
			return nil, err
		}
		pairs[i] = [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(v)}
	}
	return ast.NewObject(pairs...), nil
}

// Locations converts where each record of a source came from into
// Rego's form: an array parallel to the records, each {"file", "line"}.
func Locations(files []string, lines []int) ast.Value {
	terms := make([]*ast.Term, len(files))
	for i := range files {
		terms[i] = ast.ObjectTerm(
			[2]*ast.Term{ast.StringTerm("file"), ast.StringTerm(files[i])},
			[2]*ast.Term{ast.StringTerm("line"), ast.IntNumberTerm(lines[i])},
		)
	}
	return ast.NewArray(terms...)
}

// Input builds one measure's policy input from values already
// converted: input.evidence.<source>, input.locations.<source> (where
// each record came from), input.params and input.now.
func Input(evidence, locations map[string]ast.Value, params ast.Value, now string) ast.Value {
	ev := byName(evidence)
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("evidence"), ast.NewTerm(ev)},
		[2]*ast.Term{ast.StringTerm("locations"), ast.NewTerm(byName(locations))},
		[2]*ast.Term{ast.StringTerm("params"), ast.NewTerm(params)},
		[2]*ast.Term{ast.StringTerm("now"), ast.StringTerm(now)},
	)
}

// byName makes an object of named values, keys in order.
func byName(values map[string]ast.Value) ast.Value {
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	pairs := make([][2]*ast.Term, len(names))
	for i, n := range names {
		pairs[i] = [2]*ast.Term{ast.StringTerm(n), ast.NewTerm(values[n])}
	}
	return ast.NewObject(pairs...)
}
