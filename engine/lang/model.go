package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Module is everything declared by one set of measure files.
type Module struct {
	Sources  []*Source  // in file order, files sorted by name
	Measures []*Measure // in file order, files sorted by name
	Waivers  []*Waiver  // in file order, files sorted by name
	Files    map[string]*hcl.File
}

// Source declares where a kind of evidence comes from.
type Source struct {
	Name       string
	Plugin     string
	MaxAge     time.Duration // zero when not set
	MaxAgeText string        // as written
	Config     hcl.Body      // the plugin's own settings; an empty body when absent
	Dir        string        // folder of the file that declares the source

	DeclRange   hcl.Range
	PluginRange hcl.Range
}

// Measure is one ISO/IEC 27004 measurement construct.
type Measure struct {
	ID                 string
	Title              string
	Description        string
	InformationNeed    string
	Type               string // performance or effectiveness
	Version            string
	Controls           []string
	Clauses            []string
	Interpretation     string
	Evidence           []SourceRef
	AllowEmptyEvidence bool
	Enforcement        string // advisory, soft or hard (the default)
	OnNoData           string // how a no_data verdict counts at the gate: fail (default), warn or pass
	OnError            string // the same for error
	OnStale            string // the same for stale
	Responsible        Responsible
	Frequency          Frequency

	Params    []*Param
	Policies  []*Policy
	Base      []*Quantity
	Derived   []*Quantity
	Indicator *Indicator
	Decision  *Decision

	File      string
	DeclRange hcl.Range
}

// SourceRef is a `source.NAME` reference in a measure's evidence list.
type SourceRef struct {
	Name  string
	Range hcl.Range
}

// Responsible names the stakeholders of a measure.
type Responsible struct {
	Owner        string `json:"owner,omitempty"`
	Collector    string `json:"collector,omitempty"`
	Communicator string `json:"communicator,omitempty"`
	Reviewer     string `json:"reviewer,omitempty"`
	Client       string `json:"client,omitempty"`
}

// Frequency says how often a measure is collected, analysed, reported
// and reviewed. Each field keeps the text the author wrote.
type Frequency struct {
	Collect string `json:"collect,omitempty"`
	Analyse string `json:"analyse,omitempty"`
	Report  string `json:"report,omitempty"`
	Review  string `json:"review,omitempty"`
}

// Param is a measure parameter with its default value.
type Param struct {
	Name        string
	Default     any // int64, float64, string, bool or []any
	Description string
	DeclRange   hcl.Range
}

// Policy is a Rego query whose result a measure uses.
type Policy struct {
	Name       string
	ModulePath string // resolved path of the module file; empty for inline modules
	Inline     *Expr  // the inline module text; nil for module files
	Query      string

	ModuleRange hcl.Range // the module or rego attribute's value
	QueryRange  hcl.Range
	DeclRange   hcl.Range
}

// Quantity is a base or a derived measure: a named number computed by
// a CEL expression.
type Quantity struct {
	Name        string
	Unit        string
	Description string
	Method      string // objective or subjective; base measures only
	Expr        *Expr
	DeclRange   hcl.Range
}

// Indicator is the measure's analytical model.
type Indicator struct {
	Expr      *Expr
	Unit      string
	Better    string   // higher or lower
	Target    *float64 // nil when not set
	DeclRange hcl.Range
}

// Decision holds the decision criteria; anything that is neither pass
// nor warn fails.
type Decision struct {
	Pass      *Expr
	Warn      *Expr // nil when not set
	DeclRange hcl.Range
}

// Waiver is an approved, time-limited exception for a measure. Without
// a scope it covers the whole measure; with one it covers the findings
// whose resource equals the scope.
type Waiver struct {
	ID            string
	Measure       string
	Scope         string
	Justification string
	ApprovedBy    string
	Expires       time.Time // the first instant the waiver no longer applies
	ExpiresText   string    // as written
	Compensating  string    // a measure that must pass for the waiver to apply

	File         string
	DeclRange    hcl.Range
	MeasureRange hcl.Range
	CompRange    hcl.Range
}
