package engine

import (
	"encoding/json"
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"
)

// ParseParam reads a parameter override written as MEASURE.NAME=VALUE.
// The value stays text until Evaluate gives it the default's kind.
func ParseParam(s string) (measure, name, value string, err error) {
	key, value, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", "", fmt.Errorf("parameter %q: write MEASURE.NAME=VALUE", s)
	}
	dot := strings.LastIndex(key, ".")
	if dot <= 0 || dot == len(key)-1 {
		return "", "", "", fmt.Errorf("parameter %q: write MEASURE.NAME=VALUE", s)
	}
	return key[:dot], key[dot+1:], value, nil
}

// resolveParams merges overrides into each measure's defaults.
func (s *Set) resolveParams(overrides map[string]map[string]any) (map[string]map[string]any, error) {
	out := map[string]map[string]any{}
	for _, m := range s.measures {
		out[m.def.ID] = maps.Clone(m.params)
	}
	ids := make([]string, 0, len(overrides))
	for id := range overrides {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		params, ok := out[id]
		if !ok {
			return nil, fmt.Errorf("parameter for unknown measure %q", id)
		}
		names := make([]string, 0, len(overrides[id]))
		for name := range overrides[id] {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			raw := overrides[id][name]
			def, ok := params[name]
			if !ok {
				return nil, fmt.Errorf("measure %s has no parameter %q", id, name)
			}
			v, err := convertParam(def, raw)
			if err != nil {
				return nil, fmt.Errorf("parameter %s.%s: %w", id, name, err)
			}
			params[name] = v
		}
	}
	return out, nil
}

// convertParam gives an override the kind of the default it replaces.
func convertParam(def, raw any) (any, error) {
	text, isText := raw.(string)
	if !isText {
		return raw, nil
	}
	switch def.(type) {
	case int64:
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			return i, nil
		}
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return f, nil
		}
		return nil, fmt.Errorf("%q is not a number", text)
	case float64:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", text)
		}
		return f, nil
	case bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", text)
		}
		return b, nil
	case []any:
		return nil, fmt.Errorf("list parameters cannot be overridden from the command line")
	}
	return text, nil
}

// paramsDigest is a canonical text of every measure's parameter values,
// for the run ID: encoding/json writes map keys in sorted order.
func paramsDigest(params map[string]map[string]any) string {
	b, err := json.Marshal(params)
	if err != nil {
		return fmt.Sprint(params)
	}
	return string(b)
}
