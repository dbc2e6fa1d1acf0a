package external

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/external/protocol"
)

// ctyTypes maps the protocol's attribute types to HCL's.
var ctyTypes = map[string]cty.Type{
	protocol.TypeString:     cty.String,
	protocol.TypeNumber:     cty.Number,
	protocol.TypeBool:       cty.Bool,
	protocol.TypeListString: cty.List(cty.String),
	protocol.TypeMapString:  cty.Map(cty.String),
}

// Configure asks the program for its config schema, once per Plugin,
// and decodes cfg.Body against it. Unknown attributes, missing required
// ones and values of the wrong type are diagnostics at their positions.
// The body may also set timeout, a duration such as "30s", which bounds
// each collection of the source instead of the default. Values of
// sensitive attributes are added to cfg.Secrets.
func (p *Plugin) Configure(cfg plugins.Config) (plugins.Collector, hcl.Diagnostics) {
	body := cfg.Body
	if body == nil {
		body = hcl.EmptyBody()
	}
	desc, err := p.describe(cfg.Secrets)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Plugin did not describe its config",
			Detail: cfg.Secrets.Redact(err.Error()), Subject: body.MissingItemRange().Ptr()}}
	}
	val, diags := hcldec.Decode(body, spec(desc.GetSchema()), cfg.EvalCtx)
	redactDiags(diags, cfg.Secrets)
	if diags.HasErrors() {
		return nil, diags
	}
	timeout, tdiags := p.sourceTimeout(body, val)
	redactDiags(tdiags, cfg.Secrets)
	diags = append(diags, tdiags...)
	if diags.HasErrors() {
		return nil, diags
	}
	addSecrets(cfg.Secrets, desc.GetSchema(), val)
	data, err := configJSON(desc.GetSchema(), val)
	if err != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Config cannot be sent to the plugin",
			Detail: cfg.Secrets.Redact(err.Error()), Subject: body.MissingItemRange().Ptr()})
	}
	return &collector{plugin: p, dir: cfg.Dir, config: data, timeout: timeout, secrets: cfg.Secrets}, diags
}

// redactDiags removes secrets from the text of diags, in place: a value
// read with env() must not reach a message even when it is wrong.
func redactDiags(diags hcl.Diagnostics, secrets *plugins.Secrets) {
	for _, d := range diags {
		d.Summary = secrets.Redact(d.Summary)
		d.Detail = secrets.Redact(d.Detail)
	}
}

// spec is the hcldec spec of a schema, plus the host's timeout.
func spec(schema []*protocol.Attribute) hcldec.ObjectSpec {
	s := hcldec.ObjectSpec{
		protocol.ReservedAttribute: &hcldec.AttrSpec{Name: protocol.ReservedAttribute, Type: cty.String},
	}
	for _, a := range schema {
		s[a.GetName()] = &hcldec.AttrSpec{Name: a.GetName(), Type: ctyTypes[a.GetType()], Required: a.GetRequired()}
	}
	return s
}

// sourceTimeout returns the timeout attribute's duration, or the
// plugin's default when it is not set.
func (p *Plugin) sourceTimeout(body hcl.Body, val cty.Value) (time.Duration, hcl.Diagnostics) {
	v := val.GetAttr(protocol.ReservedAttribute)
	if v.IsNull() {
		return p.opts.timeout, nil
	}
	d, err := time.ParseDuration(v.AsString())
	if err == nil && d > 0 {
		return d, nil
	}
	content, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: protocol.ReservedAttribute}}})
	rng := content.Attributes[protocol.ReservedAttribute].Expr.Range()
	return 0, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid timeout",
		Detail:  fmt.Sprintf("The timeout %q is not a positive duration; write one such as \"30s\" or \"2m\".", v.AsString()),
		Subject: &rng}}
}

// addSecrets records the values of sensitive attributes as secrets,
// so that they are redacted even when written in the file itself.
func addSecrets(secrets *plugins.Secrets, schema []*protocol.Attribute, val cty.Value) {
	if secrets == nil {
		return
	}
	for _, a := range schema {
		if !a.GetSensitive() {
			continue
		}
		v := val.GetAttr(a.GetName())
		if v.IsNull() || !v.IsWhollyKnown() {
			continue
		}
		if v.Type() == cty.String {
			secrets.Add(v.AsString())
			continue
		}
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); !e.IsNull() {
				secrets.Add(e.AsString())
			}
		}
	}
}

// configJSON encodes the attributes the user set as a JSON object.
func configJSON(schema []*protocol.Attribute, val cty.Value) ([]byte, error) {
	obj := map[string]json.RawMessage{}
	for _, a := range schema {
		v := val.GetAttr(a.GetName())
		if v.IsNull() {
			continue
		}
		data, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", a.GetName(), err)
		}
		obj[a.GetName()] = data
	}
	return json.Marshal(obj)
}
