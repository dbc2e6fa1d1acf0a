package lang

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// decoder collects diagnostics while reading the attributes of one file.
type decoder struct {
	src   []byte
	diags hcl.Diagnostics
}

func (d *decoder) errorf(rng hcl.Range, summary, format string, args ...any) {
	d.diags = append(d.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  rng.Ptr(),
	})
}

// content reads a body against its schema, keeping the diagnostics
// (unknown or missing attributes and blocks) with the others.
func (d *decoder) content(body hcl.Body, schema *hcl.BodySchema) *hcl.BodyContent {
	content, diags := body.Content(schema)
	d.diags = append(d.diags, diags...)
	return content
}

// value evaluates an attribute that may not refer to anything and
// converts it to want; ok is false when it is absent or wrong.
func (d *decoder) value(attrs hcl.Attributes, name string, want cty.Type) (cty.Value, bool) {
	attr, ok := attrs[name]
	if !ok {
		return cty.NilVal, false
	}
	val, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		d.diags = append(d.diags, diags...)
		return cty.NilVal, false
	}
	conv, err := convert.Convert(val, want)
	if err != nil || conv.IsNull() {
		d.errorf(attr.Expr.Range(), "Incorrect attribute value type",
			"The %s attribute must be %s.", name, typeWord(want))
		return cty.NilVal, false
	}
	return conv, true
}

func typeWord(t cty.Type) string {
	switch {
	case t == cty.String:
		return "a string"
	case t == cty.Number:
		return "a number"
	case t == cty.Bool:
		return "true or false"
	case t.IsListType():
		return "a list of strings"
	}
	return t.FriendlyName()
}

func (d *decoder) str(attrs hcl.Attributes, name string) string {
	v, ok := d.value(attrs, name, cty.String)
	if !ok {
		return ""
	}
	return v.AsString()
}

func (d *decoder) strList(attrs hcl.Attributes, name string) []string {
	v, ok := d.value(attrs, name, cty.List(cty.String))
	if !ok {
		return nil
	}
	var out []string
	for _, e := range v.AsValueSlice() {
		if e.IsNull() {
			d.errorf(attrs[name].Expr.Range(), "Incorrect attribute value type", "The %s list must not contain null.", name)
			return nil
		}
		out = append(out, e.AsString())
	}
	return out
}

func (d *decoder) boolean(attrs hcl.Attributes, name string) bool {
	v, ok := d.value(attrs, name, cty.Bool)
	return ok && v.True()
}

func (d *decoder) number(attrs hcl.Attributes, name string) *float64 {
	v, ok := d.value(attrs, name, cty.Number)
	if !ok {
		return nil
	}
	f, _ := v.AsBigFloat().Float64()
	return &f
}

// enum reads a string attribute that must be one of allowed; def is
// returned when the attribute is absent.
func (d *decoder) enum(attrs hcl.Attributes, name, def string, allowed ...string) string {
	if _, ok := attrs[name]; !ok {
		return def
	}
	s := d.str(attrs, name)
	if s != "" && !slices.Contains(allowed, s) {
		d.errorf(attrs[name].Expr.Range(), "Invalid value",
			"The %s attribute must be one of %s, not %q.", name, quoteList(allowed), s)
	}
	return s
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 2 {
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// duration reads an attribute holding a duration and checks it parses;
// it returns the text as written.
func (d *decoder) duration(attrs hcl.Attributes, name string) string {
	s := d.str(attrs, name)
	if s == "" {
		return ""
	}
	if _, err := ParseDuration(s); err != nil {
		d.errorf(attrs[name].Expr.Range(), "Invalid duration", "The %s attribute: %s.", name, err)
	}
	return s
}

func (d *decoder) expr(attrs hcl.Attributes, name string) *Expr {
	attr, ok := attrs[name]
	if !ok {
		return nil
	}
	e, diags := decodeExpr(attr, d.src)
	d.diags = append(d.diags, diags...)
	return e
}

// goValue turns a parameter default into the Go value CEL and Rego see.
func goValue(v cty.Value) (any, error) {
	if v.IsNull() {
		return nil, nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString(), nil
	case t == cty.Bool:
		return v.True(), nil
	case t == cty.Number:
		return goNumber(v.AsBigFloat()), nil
	case t.IsObjectType() || t.IsMapType():
		out := map[string]any{}
		for k, e := range v.AsValueMap() {
			g, err := goValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = g
		}
		return out, nil
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		var out []any
		for _, e := range v.AsValueSlice() {
			g, err := goValue(e)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %s is not allowed; use a number, string, bool or list", t.FriendlyName())
}

func goNumber(f *big.Float) any {
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			return i
		}
	}
	x, _ := f.Float64()
	return x
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reservedNames are names a measure may not give a parameter, policy or
// measure, because CEL or Assay already uses them.
var reservedNames = []string{
	"evidence", "policy", "params", "value", "target", "now", "history",
	"in", "as", "break", "const", "continue", "else", "for", "function", "if",
	"import", "let", "loop", "package", "namespace", "return", "var", "void",
	"while", "true", "false", "null", "cel", "math", "strings", "sets", "lists",
	"base64", "optional", "int", "uint", "double", "string", "bytes", "bool",
	"list", "map", "type", "dyn", "timestamp", "duration",
}

// checkName reports a label that cannot be used as a CEL identifier.
func (d *decoder) checkName(kind, name string, rng hcl.Range) {
	switch {
	case !identRE.MatchString(name):
		d.errorf(rng, "Invalid name",
			"The %s name %q must start with a letter or underscore and hold only letters, digits and underscores, because CEL expressions refer to it.", kind, name)
	case slices.Contains(reservedNames, name):
		d.errorf(rng, "Reserved name", "The %s name %q is reserved by CEL or Assay; choose another.", kind, name)
	}
}
