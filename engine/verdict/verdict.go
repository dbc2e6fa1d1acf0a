// Package verdict holds the result model of an Assay run: one Report
// per run, one Verdict per measure. Every output format is written from
// this model.
package verdict

import (
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/policy"
	"github.com/assay-dev/assay/engine/trend"
)

// SchemaVersion is the version of the verdict JSON format.
const SchemaVersion = "1"

// Status is the outcome of one measure.
type Status string

// The statuses a verdict can have.
const (
	Pass   Status = "pass"
	Warn   Status = "warn"
	Fail   Status = "fail"
	NoData Status = "no_data"
	Stale  Status = "stale"
	Error  Status = "error"
	Waived Status = "waived"
)

// Report is the result of one run.
type Report struct {
	SchemaVersion string    `json:"schema_version"`
	Run           Run       `json:"run"`
	Summary       Summary   `json:"summary"`
	Verdicts      []Verdict `json:"verdicts"`
	Notices       []Notice  `json:"notices"`
	Gate          Gate      `json:"gate"`
}

// Gate is the run's pass/fail decision for a pipeline.
type Gate struct {
	FailOn    string    `json:"fail_on"`
	AllowSoft bool      `json:"allow_soft"`
	Passed    bool      `json:"passed"`
	Blocking  []Blocker `json:"blocking"`
}

// Blocker is a verdict that stops the gate.
type Blocker struct {
	Measure string `json:"measure"`
	Status  Status `json:"status"`
	Reason  string `json:"reason"`
}

// Notice is something about the run a reader should act on that is not
// a verdict, such as a waiver that has expired or soon will.
type Notice struct {
	Severity string `json:"severity"` // warning or info
	Measure  string `json:"measure,omitempty"`
	Message  string `json:"message"`
}

// Run identifies a run and pins its inputs.
type Run struct {
	ID             string `json:"id"`
	AsOf           string `json:"as_of"`
	AssayVersion   string `json:"assay_version"`
	MeasuresDigest string `json:"measures_digest"`
	EvidenceDigest string `json:"evidence_digest"`
}

// Summary counts the verdicts by status.
type Summary struct {
	Total  int `json:"total"`
	Pass   int `json:"pass"`
	Warn   int `json:"warn"`
	Fail   int `json:"fail"`
	NoData int `json:"no_data"`
	Stale  int `json:"stale"`
	Error  int `json:"error"`
	Waived int `json:"waived"`
}

// Add counts one status.
func (s *Summary) Add(st Status) {
	s.Total++
	switch st {
	case Pass:
		s.Pass++
	case Warn:
		s.Warn++
	case Fail:
		s.Fail++
	case NoData:
		s.NoData++
	case Stale:
		s.Stale++
	case Error:
		s.Error++
	case Waived:
		s.Waived++
	}
}

// Verdict is the measurement result of one measure, carrying the whole
// construct so that it can be read without the measure file.
type Verdict struct {
	Measure         string           `json:"measure"`
	Title           string           `json:"title"`
	Description     string           `json:"description,omitempty"`
	InformationNeed string           `json:"information_need"`
	Type            string           `json:"type"`
	Version         string           `json:"version,omitempty"`
	Controls        []string         `json:"controls"`
	Clauses         []string         `json:"clauses"`
	Responsible     lang.Responsible `json:"responsible"`
	Frequency       lang.Frequency   `json:"frequency"`
	Interpretation  string           `json:"interpretation,omitempty"`
	Location        Location         `json:"location"`

	Status      Status   `json:"status"`
	Reason      string   `json:"reason,omitempty"`
	Enforcement string   `json:"enforcement"` // advisory, soft or hard
	CountsAs    Status   `json:"counts_as"`   // pass, warn or fail: how the gate counts this verdict
	Waiver      *Waiver  `json:"waiver,omitempty"`
	Trend       *Trend   `json:"trend,omitempty"`
	Value       *float64 `json:"value"`
	Unit        string   `json:"unit,omitempty"`
	Better      string   `json:"better"`
	Target      *float64 `json:"target,omitempty"`

	Params   map[string]any     `json:"params"`
	Base     map[string]Measure `json:"base"`
	Derived  map[string]Measure `json:"derived"`
	Decision Decision           `json:"decision"`
	Findings []Finding          `json:"findings"`
	Evidence []Evidence         `json:"evidence"`
	Errors   []string           `json:"errors"`
}

// Waiver records the exception that turned a fail or warn into waived.
// OriginalStatus keeps what the measure would have been without it; the
// verdict's value is the raw value either way.
type Waiver struct {
	ID             string   `json:"id"`
	OriginalStatus Status   `json:"original_status"`
	Justification  string   `json:"justification"`
	ApprovedBy     string   `json:"approved_by"`
	Expires        string   `json:"expires"`
	Scope          string   `json:"scope,omitempty"`
	Compensating   string   `json:"compensating_measure,omitempty"`
	Location       Location `json:"location"`
}

// Location is where a measure is declared.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Measure is the value of one base or derived measure. Value is null
// when the measure has no finite value (a zero denominator); Note says
// so. Only an indicator without a value makes a verdict no_data.
type Measure struct {
	Value  *float64 `json:"value"`
	Unit   string   `json:"unit,omitempty"`
	Method string   `json:"method,omitempty"`
	Note   string   `json:"note,omitempty"`
}

// Decision records which decision criterion matched. Matched is pass,
// warn or fail (no criterion held); empty when the measure never
// reached its decision.
type Decision struct {
	Matched string `json:"matched,omitempty"`
	Expr    string `json:"expr,omitempty"`
	Pass    string `json:"pass"`
	Warn    string `json:"warn,omitempty"`
}

// Finding is a per-resource finding of one of the measure's policies.
// File and Line say where in the evidence it was found, when known.
type Finding struct {
	Policy   string `json:"policy"`
	Message  string `json:"message"`
	Resource string `json:"resource,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Waived   bool   `json:"waived,omitempty"`
}

// FromPolicy labels policy findings with the policy's name.
func FromPolicy(name string, fs []policy.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Policy: name, Message: f.Message, Resource: f.Resource, File: f.File, Line: f.Line}
	}
	return out
}

// Evidence is one evidence file a measure read.
type Evidence struct {
	Source        string `json:"source"`
	File          string `json:"file"`
	MediaType     string `json:"media_type"`
	SHA256        string `json:"sha256"`
	Size          int    `json:"size"`
	Records       int    `json:"records"`
	Plugin        string `json:"plugin,omitempty"`
	PluginVersion string `json:"plugin_version,omitempty"`
	CollectedAt   string `json:"collected_at,omitempty"` // RFC 3339; known for bundled evidence
}

// Trend compares a verdict's value with the measure's recorded
// history; see package trend.
type Trend = trend.Trend
