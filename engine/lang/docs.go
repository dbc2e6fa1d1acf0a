package lang

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Doc documents one block or attribute of the measure language, in the
// words of ISO/IEC 27004 and of the ISO/IEC 15939 measurement model it
// builds on. Editors show it on hover; other tools may print it.
type Doc struct {
	Summary string   // what it is, in one sentence
	ISO     string   // what it is in ISO/IEC 27004 / 15939 terms
	Values  string   // what it takes; starts with "Required." or "Optional."
	Enum    []string // the allowed values of an enumerated attribute
	Example string   // an example in HCL (CEL for CELDocs)
}

// Markdown renders the documentation of key (such as
// "measure.information_need") for an editor's hover; fence names the
// language of the example's code fence.
func (d Doc) Markdown(key, fence string) string {
	var b strings.Builder
	b.WriteString("**`" + key + "`**: " + d.Summary + "\n\n")
	if d.ISO != "" {
		b.WriteString("*ISO/IEC 27004*: " + d.ISO + "\n\n")
	}
	if d.Values != "" {
		b.WriteString(d.Values + "\n\n")
	}
	if d.Example != "" {
		b.WriteString("```" + fence + "\n" + strings.TrimSpace(d.Example) + "\n```\n")
	}
	return strings.TrimSpace(b.String())
}

// Schema returns the attributes and nested blocks a block of type
// block may hold, or those of a file's top level for "". It returns
// nil for blocks whose content is not the language's own (config).
func Schema(block string) *hcl.BodySchema {
	s := blockSchemas[block]
	if s == nil {
		return nil
	}
	return &hcl.BodySchema{Attributes: slices.Clone(s.Attributes), Blocks: slices.Clone(s.Blocks)}
}

// blockSchemas maps each block type to the schema of its body.
var blockSchemas = map[string]*hcl.BodySchema{
	"":                fileSchema,
	"source":          sourceSchema,
	"measure":         measureSchema,
	"waiver":          waiverSchema,
	"responsible":     responsibleSchema,
	"frequency":       frequencySchema,
	"param":           paramSchema,
	"policy":          policySchema,
	"base_measure":    baseSchema,
	"derived_measure": derivedSchema,
	"indicator":       indicatorSchema,
	"decision":        decisionSchema,
}

var (
	escalation = []string{"fail", "warn", "pass"}
	durationV  = "Optional. A duration: Go syntax (`36h`, `90m`), days or weeks (`7d`, `2w`) or ISO 8601 without years or months (`P30D`, `PT12H`)."
)

// Docs documents every block ("measure") and every attribute
// ("measure.information_need") of the measure language.
var Docs = map[string]Doc{
	"source": {
		Summary: "Declares where one kind of evidence comes from: a plugin and its settings.",
		ISO:     "The *data source* of the ISO/IEC 27004:2016 Annex B template and the *object of measurement* of ISO/IEC 15939: the system whose records are the entity and attributes that base measures quantify.",
		Values:  "Labelled with a name that measures use as `source.NAME` in `evidence`. Any file of the run may declare it.",
		Example: "source \"trivy\" {\n  plugin  = \"file\"\n  max_age = \"24h\"\n  config {\n    paths = [\"evidence/trivy/*.json\"]\n  }\n}",
	},
	"source.plugin": {
		Summary: "The plugin that collects this source's evidence.",
		ISO:     "How the *data source* is read: the collection step that turns an information system into implementation evidence.",
		Values:  "Required. The name of a registered plugin; `file` reads JSON, NDJSON, YAML, CSV and XLSX files.",
		Example: "plugin = \"file\"",
	},
	"source.max_age": {
		Summary: "How old this source's evidence may be at the run's as-of time before the measures that use it are `stale`.",
		ISO:     "Keeps results *valid* (ISO/IEC 27001 §9.1 b): evidence older than the collection frequency does not describe the current state.",
		Values:  durationV + " Without it, each measure's `frequency.collect` applies.",
		Example: "max_age = \"24h\"",
	},
	"config": {
		Summary: "The plugin's own settings for this source.",
		ISO:     "Where the *data source* is, for example which exports hold the implementation evidence.",
		Values:  "Optional block; its attributes belong to the plugin. For `file`: `paths` (required list of paths or globs, relative to `--evidence` or to the file's folder) and `format` (`json`, `ndjson`, `yaml`, `csv` or `xlsx`; else by extension). `env(\"NAME\")` reads a secret that never reaches a verdict.",
		Example: "config {\n  paths  = [\"trivy/*.json\"]\n  format = \"json\"\n}",
	},
	"measure": {
		Summary: "One ISO/IEC 27004 measurement construct: what is measured, how, against which criteria and by whom.",
		ISO:     "A *measure* of ISO/IEC 27004:2016 clause 7 and Annex B, holding the ISO/IEC 15939 chain: base measures, derived measures, an indicator and decision criteria that answer an information need.",
		Values:  "Labelled with the measure ID, unique in the run (Annex B *measure ID*). Needs `title`, `information_need`, `type`, `evidence`, at least one `base_measure`, an `indicator` and a `decision`.",
		Example: "measure \"VM-01\" {\n  title            = \"Critical vulnerabilities fixed within SLA\"\n  information_need = \"Is technical vulnerability management keeping exposure within appetite?\"\n  type             = \"effectiveness\"\n  evidence         = [source.trivy]\n  # base_measure, indicator, decision …\n}",
	},
	"measure.title": {
		Summary: "A short, human-readable name of the measure.",
		ISO:     "The *measure* line of the Annex B template, as reports and management reviews show it.",
		Values:  "Required. A string.",
		Example: "title = \"Critical vulnerabilities fixed within SLA\"",
	},
	"measure.description": {
		Summary: "A longer statement of what the measure quantifies.",
		ISO:     "The *measure* statement of Annex B, worded as a number (\"Percentage of …\", \"Number of …\").",
		Values:  "Optional. A string.",
		Example: "description = \"Percentage of critical vulnerabilities fixed within the SLA\"",
	},
	"measure.information_need": {
		Summary: "The question the measure answers.",
		ISO:     "The *information need* (ISO/IEC 27004 clause 6, ISO/IEC 15939): the insight a stakeholder needs to manage an ISMS objective, risk or control. Every other field serves it; the indicator and its interpretation are the answer.",
		Values:  "Required. A string, best phrased as a question.",
		Example: "information_need = \"Is technical vulnerability management keeping exposure within appetite?\"",
	},
	"measure.type": {
		Summary: "Whether the measure shows how well a process is carried out or whether controls achieve their aim.",
		ISO:     "The two kinds of ISO/IEC 27004:2016 clause 7: *performance* measures express how processes and activities are implemented; *effectiveness* measures express how far ISMS processes and controls achieve their intended outcomes.",
		Values:  "Required. `performance` or `effectiveness`.",
		Enum:    []string{"performance", "effectiveness"},
		Example: "type = \"effectiveness\"",
	},
	"measure.version": {
		Summary: "The version of this measure's definition, recorded in every verdict.",
		ISO:     "Keeps results *comparable and reproducible* (ISO/IEC 27001 §9.1): raise the major part when a change breaks comparison with earlier results.",
		Values:  "Optional. A string, usually a semantic version.",
		Example: "version = \"1.2.0\"",
	},
	"measure.controls": {
		Summary: "The controls whose implementation or effectiveness the measure shows.",
		ISO:     "The *relationship to ISO/IEC 27001* of the Annex B template: the Annex A controls (or other catalogues') the measure monitors.",
		Values:  "Optional. A list of strings, written `FRAMEWORK:VERSION/ID`.",
		Example: "controls = [\"ISO27001:2022/A.8.8\"]",
	},
	"measure.clauses": {
		Summary: "The clauses of the ISO/IEC 27001 main body the measure supports.",
		ISO:     "The *relationship to ISO/IEC 27001* of the Annex B template, for requirements rather than controls (for example 9.1, monitoring and measurement).",
		Values:  "Optional. A list of strings.",
		Example: "clauses = [\"9.1\", \"6.2\"]",
	},
	"measure.evidence": {
		Summary: "The sources whose records the measure reads, in CEL as `evidence.NAME` and in Rego as `input.evidence.NAME`.",
		ISO:     "The *implementation evidence* and *data source* of the Annex B template: the object of measurement whose attributes the base measures quantify.",
		Values:  "Required. A list of at least one `source.NAME` reference to a declared source.",
		Example: "evidence = [source.trivy, source.cmdb]",
	},
	"measure.interpretation": {
		Summary: "How to read the indicator and what typical values mean.",
		ISO:     "The *indicator interpretation* of ISO/IEC 15939 and ISO/IEC 27004:2009: with the indicator value it makes the information product.",
		Values:  "Optional. A string.",
		Example: "interpretation = \"Below 80 % means fixes are missing their SLA for whole teams.\"",
	},
	"measure.allow_empty_evidence": {
		Summary: "Whether a source with no records is a valid observation rather than missing data.",
		ISO:     "A rule of the *measurement method*: by default a source without records makes the verdict `no_data`, never a silent 100 %.",
		Values:  "Optional. `true` or `false` (the default).",
		Example: "allow_empty_evidence = true",
	},
	"measure.enforcement": {
		Summary: "Whether a failing verdict of this measure blocks a release gate.",
		ISO:     "Part of the *decision criteria*: what action a result calls for (ISO/IEC 27001 §9.1, §10.2).",
		Values:  "Optional. `advisory` never blocks, `soft` blocks unless the run allows soft failures, `hard` (the default) always blocks.",
		Enum:    []string{"advisory", "soft", "hard"},
		Example: "enforcement = \"soft\"",
	},
	"measure.on_no_data": {
		Summary: "How a `no_data` verdict counts at the gate.",
		ISO:     "Part of the *decision criteria*: whether a measurement without data (no records, a zero denominator) is acceptable. Gates fail closed by default.",
		Values:  "Optional. `fail` (the default), `warn` or `pass`.",
		Enum:    escalation,
		Example: "on_no_data = \"warn\"",
	},
	"measure.on_error": {
		Summary: "How an `error` verdict counts at the gate.",
		ISO:     "Part of the *decision criteria*: whether a measurement that could not be carried out is acceptable. Gates fail closed by default.",
		Values:  "Optional. `fail` (the default), `warn` or `pass`.",
		Enum:    escalation,
		Example: "on_error = \"fail\"",
	},
	"measure.on_stale": {
		Summary: "How a `stale` verdict counts at the gate.",
		ISO:     "Part of the *decision criteria*: whether a result from evidence older than the collection frequency (or `max_age`) is acceptable.",
		Values:  "Optional. `fail` (the default), `warn` or `pass`.",
		Enum:    escalation,
		Example: "on_stale = \"warn\"",
	},
	"responsible": {
		Summary: "The stakeholders of the measure.",
		ISO:     "The *responsible parties* of the Annex B template and the stakeholders of ISO/IEC 27004:2009: who owns, collects, communicates, reviews and needs the measurement (ISO/IEC 27001 §9.1 e–f: who monitors, measures, analyses and evaluates).",
		Values:  "Optional block; every attribute is an optional string.",
		Example: "responsible {\n  owner        = \"Head of IT operations\"\n  collector    = \"CI pipeline\"\n  communicator = \"ISMS manager\"\n  reviewer     = \"Internal audit\"\n  client       = \"CISO\"\n}",
	},
	"responsible.owner": {
		Summary: "Who owns the process or data being measured and answers for the result.",
		ISO:     "The *information owner* of the Annex B template.",
		Values:  "Optional. A string: a role rather than a person.",
		Example: "owner = \"Head of IT operations\"",
	},
	"responsible.collector": {
		Summary: "Who or what gathers and records the data.",
		ISO:     "The *information collector* of the Annex B template.",
		Values:  "Optional. A string.",
		Example: "collector = \"CI pipeline\"",
	},
	"responsible.communicator": {
		Summary: "Who distributes the results to their audience.",
		ISO:     "The *information communicator* of ISO/IEC 27004:2009.",
		Values:  "Optional. A string.",
		Example: "communicator = \"ISMS manager\"",
	},
	"responsible.reviewer": {
		Summary: "Who checks that the measure is valid and its results plausible.",
		ISO:     "The *reviewer for measurement* of ISO/IEC 27004:2009; the evaluation of results asked by ISO/IEC 27001 §9.1 f.",
		Values:  "Optional. A string.",
		Example: "reviewer = \"Internal audit\"",
	},
	"responsible.client": {
		Summary: "Who requested the measure and uses its results to decide.",
		ISO:     "The *client for measurement* (ISO/IEC 27004:2009) or *information customer* (Annex B): the stakeholder whose information need this is.",
		Values:  "Optional. A string.",
		Example: "client = \"CISO\"",
	},
	"frequency": {
		Summary: "How often the measure is collected, analysed, reported and reviewed.",
		ISO:     "The *frequency* of the Annex B template and the collection, analysis and reporting frequencies of ISO/IEC 27004:2009 (ISO/IEC 27001 §9.1 c–e: when monitoring and measuring is done, when results are analysed and evaluated).",
		Values:  "Optional block; every attribute is an optional duration.",
		Example: "frequency {\n  collect = \"24h\"\n  analyse = \"7d\"\n  report  = \"30d\"\n  review  = \"365d\"\n}",
	},
	"frequency.collect": {
		Summary: "How often evidence is collected. Without a source `max_age`, older evidence makes the verdict `stale`.",
		ISO:     "The *frequency of data collection*.",
		Values:  durationV,
		Example: "collect = \"24h\"",
	},
	"frequency.analyse": {
		Summary: "How often results are analysed.",
		ISO:     "The *frequency of data analysis* (ISO/IEC 27001 §9.1 e).",
		Values:  durationV,
		Example: "analyse = \"7d\"",
	},
	"frequency.report": {
		Summary: "How often results are reported to their audience.",
		ISO:     "The *frequency of reporting* of the Annex B template.",
		Values:  durationV,
		Example: "report = \"30d\"",
	},
	"frequency.review": {
		Summary: "How often the measure itself is reviewed for continued usefulness.",
		ISO:     "The *measurement revision* of ISO/IEC 27004:2009 and the review of measures in ISO/IEC 27004:2016 clause 8.",
		Values:  durationV,
		Example: "review = \"365d\"",
	},
	"param": {
		Summary: "A named value the measure's expressions and policies read, in CEL as `params.NAME` and in Rego as `input.params.NAME`.",
		ISO:     "A constant of the *measurement method* or *decision criteria*, such as an SLA in days, kept out of the formulas so it can be reviewed on its own.",
		Values:  "Labelled with a name that is a CEL identifier. Needs `default`.",
		Example: "param \"sla_days\" {\n  default     = 30\n  description = \"Days allowed to fix a critical vulnerability\"\n}",
	},
	"param.default": {
		Summary: "The parameter's value.",
		ISO:     "The value of a constant of the measurement method or decision criteria.",
		Values:  "Required. A number, string, bool or list of them; an integral number is an `int` in CEL.",
		Example: "default = 30",
	},
	"param.description": {
		Summary: "What the parameter means.",
		Values:  "Optional. A string.",
		Example: "description = \"Days allowed to fix a critical vulnerability\"",
	},
	"policy": {
		Summary: "A Rego query whose result the measure reads in CEL as `policy.NAME`.",
		ISO:     "A rule-based *measurement method*: it selects or judges records of the evidence (for example the vulnerabilities overdue) so a base measure can count them. Objects with a `msg` in its result are findings.",
		Values:  "Labelled with a name that is a CEL identifier. Needs `query`, and either `module` or `rego`.",
		Example: "policy \"overdue\" {\n  module = \"policies/vulnerability/overdue.rego\"\n  query  = \"data.assay.vulnerability.overdue\"\n}",
	},
	"policy.query": {
		Summary: "The Rego rule whose value is the policy's result.",
		ISO:     "The step of the *measurement method* the measure uses.",
		Values:  "Required. A reference into `data` that names a rule of a loaded module.",
		Example: "query = \"data.assay.vulnerability.overdue\"",
	},
	"policy.module": {
		Summary: "The Rego file that defines the query's rule.",
		ISO:     "Where the rule-based *measurement method* is written down, versioned with the measure.",
		Values:  "Optional (or `rego`). A path looked up from the measure file's folder, then from each folder above it. Rego v1 syntax.",
		Example: "module = \"policies/vulnerability/overdue.rego\"",
	},
	"policy.rego": {
		Summary: "A Rego module written inline, instead of a `module` file.",
		ISO:     "The rule-based *measurement method*, kept next to the measure.",
		Values:  "Optional (or `module`). A string or heredoc holding a Rego v1 module.",
		Example: "rego = <<-REGO\n  package assay.inline\n  overdue contains v if { some v in input.evidence.trivy; v.days > input.params.sla_days }\nREGO",
	},
	"base_measure": {
		Summary: "A number taken directly from evidence, policy results and parameters.",
		ISO:     "A *base measure* of ISO/IEC 15939: a measure of one attribute of the entity, produced by one measurement method and independent of other measures.",
		Values:  "Labelled with a name that later expressions read as a `double`. Needs `expr`; a measure needs at least one.",
		Example: "base_measure \"critical_open\" {\n  unit = \"vulnerabilities\"\n  expr = \"evidence.trivy.filter(v, v.Severity == 'CRITICAL').size()\"\n}",
	},
	"base_measure.expr": {
		Summary: "The CEL expression that computes the base measure.",
		ISO:     "The *measurement method*: the operations that map the attribute onto a scale, for example a counting rule. It sees `evidence`, `policy`, `params` and `now`, not other measures.",
		Values:  "Required. A CEL string or heredoc that gives a number.",
		Example: "expr = \"size(policy.overdue)\"",
	},
	"base_measure.unit": {
		Summary: "The unit of the base measure's value.",
		ISO:     "The *unit of measurement* of ISO/IEC 15939.",
		Values:  "Optional. A string.",
		Example: "unit = \"vulnerabilities\"",
	},
	"base_measure.description": {
		Summary: "What is counted or observed.",
		ISO:     "The *attribute* of the entity that the base measure quantifies.",
		Values:  "Optional. A string.",
		Example: "description = \"Critical vulnerabilities open on production images\"",
	},
	"base_measure.method": {
		Summary: "Whether the value comes from a rule or from human judgement.",
		ISO:     "The *type of measurement method* of ISO/IEC 15939: *objective* (a rule or count that can be automated) or *subjective* (judgement by a person, for example a survey or an assessment).",
		Values:  "Optional. `objective` (the default) or `subjective`.",
		Enum:    []string{"objective", "subjective"},
		Example: "method = \"objective\"",
	},
	"derived_measure": {
		Summary: "A number computed from base and other derived measures.",
		ISO:     "A *derived measure* of ISO/IEC 15939: a function of two or more measure values.",
		Values:  "Labelled with a name that later expressions read as a `double`. Needs `expr`.",
		Example: "derived_measure \"overdue_share\" {\n  unit = \"%\"\n  expr = \"critical_open == 0.0 ? 0.0 : 100.0 * critical_overdue / critical_open\"\n}",
	},
	"derived_measure.expr": {
		Summary: "The CEL expression that computes the derived measure.",
		ISO:     "The *measurement function* (the *formula* of the Annex B template): it combines base and derived measures, which it reads by name as doubles.",
		Values:  "Required. A CEL string or heredoc that gives a number.",
		Example: "expr = \"100.0 * critical_overdue / critical_open\"",
	},
	"derived_measure.unit": {
		Summary: "The unit of the derived measure's value.",
		ISO:     "The *unit of measurement* of ISO/IEC 15939.",
		Values:  "Optional. A string.",
		Example: "unit = \"%\"",
	},
	"derived_measure.description": {
		Summary: "What the derived measure expresses.",
		Values:  "Optional. A string.",
		Example: "description = \"Share of critical vulnerabilities past their SLA\"",
	},
	"indicator": {
		Summary: "The value the measure is judged by.",
		ISO:     "The *indicator* of ISO/IEC 15939: a measure that gives an estimate or evaluation relative to the information need, computed by the *analytical model*.",
		Values:  "Required block, one per measure. Needs `expr`.",
		Example: "indicator {\n  expr   = \"100.0 * (1.0 - critical_overdue / critical_open)\"\n  unit   = \"%\"\n  better = \"higher\"\n  target = 95\n}",
	},
	"indicator.expr": {
		Summary: "The CEL expression that computes the indicator.",
		ISO:     "The *analytical model* (the *formula/scoring* of the Annex B template): it combines base and derived measures, read by name as doubles. A NaN, infinite or `null` value, or `optional.none()`, means there is no value to judge: the verdict is `no_data`.",
		Values:  "Required. A CEL string or heredoc that gives a number.",
		Example: "expr = \"100.0 * (1.0 - critical_overdue / critical_open)\"",
	},
	"indicator.unit": {
		Summary: "The unit of the indicator's value.",
		ISO:     "The *unit of measurement* in which the information product is reported.",
		Values:  "Optional. A string.",
		Example: "unit = \"%\"",
	},
	"indicator.better": {
		Summary: "Which direction of the indicator is an improvement.",
		ISO:     "The polarity of the indicator, needed to read trends in the analysis and evaluation of results (ISO/IEC 27004 clause 8).",
		Values:  "Optional. `higher` (the default) or `lower`.",
		Enum:    []string{"higher", "lower"},
		Example: "better = \"higher\"",
	},
	"indicator.target": {
		Summary: "The desired value of the indicator, which decision criteria read as `target`.",
		ISO:     "The *target* of the Annex B template: the result that counts as satisfactory.",
		Values:  "Optional. A number.",
		Example: "target = 95",
	},
	"decision": {
		Summary: "When the indicator passes, warns or fails; anything that is neither pass nor warn fails.",
		ISO:     "The *decision criteria* of ISO/IEC 15939: thresholds that show whether action or further investigation is needed.",
		Values:  "Required block, one per measure. Needs `pass`.",
		Example: "decision {\n  pass = \"value >= target\"\n  warn = \"value >= 80.0\"\n}",
	},
	"decision.pass": {
		Summary: "The CEL condition under which the measure passes.",
		ISO:     "The *decision criteria* for a satisfactory result. It sees `value` (the indicator), `target`, the measures by name, `evidence`, `policy`, `params` and `now`.",
		Values:  "Required. A CEL string or heredoc that gives a bool.",
		Example: "pass = \"value >= target\"",
	},
	"decision.warn": {
		Summary: "The CEL condition under which a measure that does not pass warns rather than fails.",
		ISO:     "The *decision criteria* for a result that needs attention but not yet action.",
		Values:  "Optional. A CEL string or heredoc that gives a bool.",
		Example: "warn = \"value >= 80.0\"",
	},
	"waiver": {
		Summary: "An approved, time-limited exception that turns a failing verdict into `waived`.",
		ISO:     "A documented risk acceptance: the nonconformity stays visible in the results while its treatment is deferred (ISO/IEC 27001 §6.1.3, §10.2).",
		Values:  "Labelled with a waiver ID, unique in the run. Needs `measure`, `justification`, `approved_by` and `expires`.",
		Example: "waiver \"W-2025-07\" {\n  measure       = \"VM-01\"\n  justification = \"Vendor patch due in the next release\"\n  approved_by   = \"CISO\"\n  expires       = \"2025-12-31\"\n}",
	},
	"waiver.measure": {
		Summary: "The ID of the measure the waiver covers.",
		ISO:     "The measure whose nonconformity is accepted.",
		Values:  "Required. The ID of a measure of the run.",
		Example: "measure = \"VM-01\"",
	},
	"waiver.scope": {
		Summary: "The one resource the waiver covers; without it, the whole measure.",
		ISO:     "Limits the risk acceptance to the findings whose `resource` equals the scope; the measure is waived only when all its findings are covered.",
		Values:  "Optional. A string compared with each finding's resource.",
		Example: "scope = \"registry.example.com/payments:1.4\"",
	},
	"waiver.justification": {
		Summary: "Why the exception is acceptable.",
		ISO:     "The documented rationale of the risk acceptance.",
		Values:  "Required. A non-empty string.",
		Example: "justification = \"Vendor patch due in the next release\"",
	},
	"waiver.approved_by": {
		Summary: "Who approved the exception.",
		ISO:     "The risk owner or management approval behind the acceptance (ISO/IEC 27001 §6.1.3 f).",
		Values:  "Required. A non-empty string.",
		Example: "approved_by = \"CISO\"",
	},
	"waiver.expires": {
		Summary: "When the exception stops applying; it is reported 30 days before.",
		ISO:     "Keeps the risk acceptance time-limited, so the nonconformity comes back for review.",
		Values:  "Required. A date (`2025-12-31`, covering that whole day in UTC) or an RFC 3339 time.",
		Example: "expires = \"2025-12-31\"",
	},
	"waiver.compensating_measure": {
		Summary: "A measure that must pass for the waiver to apply.",
		ISO:     "A *compensating control*, shown effective by its own measure while the waived one fails.",
		Values:  "Optional. The ID of another measure of the run.",
		Example: "compensating_measure = \"VM-02\"",
	},
}

// CELDocs documents the names every CEL expression of a measure can
// see, keyed by name.
var CELDocs = map[string]Doc{
	"evidence": {
		Summary: "The records of the measure's evidence sources: `evidence.NAME` is a `list(dyn)`, one element a record.",
		ISO:     "The *implementation evidence*: the object of measurement.",
		Values:  "Available in every expression, for the sources in the measure's `evidence` list.",
		Example: "evidence.trivy.filter(v, v.Severity == 'CRITICAL').size()",
	},
	"policy": {
		Summary: "The results of the measure's Rego policies: `policy.NAME` is the value of its query (`dyn`).",
		ISO:     "The output of a rule-based *measurement method*.",
		Values:  "Available in every expression, for the measure's `policy` blocks.",
		Example: "size(policy.overdue)",
	},
	"params": {
		Summary: "The measure's parameters: `params.NAME` is its `default` value.",
		Values:  "Available in every expression, for the measure's `param` blocks.",
		Example: "days(params.sla_days)",
	},
	"now": {
		Summary: "The run's as-of time, a `timestamp`. Evaluation never reads the clock, so results are reproducible.",
		Values:  "Available in every expression.",
		Example: "now - timestamp(r.created_at) > days(30)",
	},
	"value": {
		Summary: "The indicator's value, a `double`.",
		ISO:     "The indicator that the *decision criteria* judge.",
		Values:  "Available in decision criteria only.",
		Example: "value >= 95.0",
	},
	"target": {
		Summary: "The indicator's `target`, a `double`.",
		ISO:     "The *target* of the Annex B template.",
		Values:  "Available in decision criteria only, when the indicator declares a target.",
		Example: "value >= target",
	},
}
