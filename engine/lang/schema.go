package lang

import "github.com/hashicorp/hcl/v2"

func attrs(required []string, optional ...string) []hcl.AttributeSchema {
	var out []hcl.AttributeSchema
	for _, n := range required {
		out = append(out, hcl.AttributeSchema{Name: n, Required: true})
	}
	for _, n := range optional {
		out = append(out, hcl.AttributeSchema{Name: n})
	}
	return out
}

func named(types ...string) []hcl.BlockHeaderSchema {
	var out []hcl.BlockHeaderSchema
	for _, t := range types {
		out = append(out, hcl.BlockHeaderSchema{Type: t, LabelNames: []string{"name"}})
	}
	return out
}

func single(types ...string) []hcl.BlockHeaderSchema {
	var out []hcl.BlockHeaderSchema
	for _, t := range types {
		out = append(out, hcl.BlockHeaderSchema{Type: t})
	}
	return out
}

var fileSchema = &hcl.BodySchema{
	Blocks: named("source", "measure", "waiver"),
}

var waiverSchema = &hcl.BodySchema{
	Attributes: attrs(
		[]string{"measure", "justification", "approved_by", "expires"},
		"scope", "compensating_measure",
	),
}

var sourceSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"plugin"}, "max_age"),
	Blocks:     single("config"),
}

var measureSchema = &hcl.BodySchema{
	Attributes: attrs(
		[]string{"title", "information_need", "type", "evidence"},
		"description", "version", "controls", "clauses", "interpretation", "allow_empty_evidence",
		"enforcement", "on_no_data", "on_error", "on_stale",
	),
	Blocks: append(
		single("responsible", "frequency", "indicator", "decision"),
		named("param", "policy", "base_measure", "derived_measure")...,
	),
}

var responsibleSchema = &hcl.BodySchema{
	Attributes: attrs(nil, "owner", "collector", "communicator", "reviewer", "client"),
}

var frequencySchema = &hcl.BodySchema{
	Attributes: attrs(nil, "collect", "analyse", "report", "review"),
}

var paramSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"default"}, "description"),
}

var policySchema = &hcl.BodySchema{
	Attributes: attrs([]string{"query"}, "module", "rego"),
}

var baseSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"expr"}, "unit", "description", "method"),
}

var derivedSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"expr"}, "unit", "description"),
}

var indicatorSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"expr"}, "unit", "better", "target"),
}

var decisionSchema = &hcl.BodySchema{
	Attributes: attrs([]string{"pass"}, "warn"),
}
