package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/assay-dev/assay/engine/verdict"
)

const (
	sarifSchemaURL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion   = "2.1.0"
	assayURI       = "https://github.com/assay-dev/assay"
	// fingerprintKey names Assay's partial fingerprint; bump its version
	// if what goes into the fingerprint ever changes.
	fingerprintKey = "assay/v1"
)

// The SARIF 2.1.0 model, reduced to the parts Assay fills.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool       `json:"tool"`
		Artifacts  []sarifArtifact `json:"artifacts,omitempty"`
		Results    []sarifResult   `json:"results"`
		Properties map[string]any  `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string         `json:"id"`
		Name             string         `json:"name,omitempty"`
		ShortDescription *sarifText     `json:"shortDescription,omitempty"`
		FullDescription  *sarifText     `json:"fullDescription,omitempty"`
		Help             *sarifText     `json:"help,omitempty"`
		Properties       map[string]any `json:"properties,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifArtifact struct {
		Location   sarifArtifactLocation `json:"location"`
		Length     int                   `json:"length"`
		MimeType   string                `json:"mimeType,omitempty"`
		Hashes     map[string]string     `json:"hashes,omitempty"`
		Properties map[string]any        `json:"properties,omitempty"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations,omitempty"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          map[string]any     `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine int `json:"startLine"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification,omitempty"`
	}
)

// writeSARIF writes the report as a SARIF 2.1.0 log with one run: a
// rule per measure, a result per measure that did not pass and a result
// per policy finding.
func writeSARIF(w io.Writer, r *verdict.Report) error {
	return encodeJSON(w, sarifFrom(r))
}

func sarifFrom(r *verdict.Report) *sarifLog {
	rules, index := sarifRules(r.Verdicts)
	results := []sarifResult{}
	for i := range r.Verdicts {
		v := &r.Verdicts[i]
		if v.Status != verdict.Pass {
			results = append(results, measureResult(v, index[v.Measure]))
		}
		for _, f := range v.Findings {
			results = append(results, findingResult(v, f, index[v.Measure]))
		}
	}
	return &sarifLog{
		Schema:  sarifSchemaURL,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "assay",
				Version:        r.Run.AssayVersion,
				InformationURI: assayURI,
				Rules:          rules,
			}},
			Artifacts:  sarifArtifacts(r.Verdicts),
			Results:    results,
			Properties: sarifRunProps(r),
		}},
	}
}

// sarifRules makes one rule per measure ID, in report order, and
// returns the index of each rule by measure ID.
func sarifRules(vs []verdict.Verdict) ([]sarifRule, map[string]int) {
	rules := []sarifRule{}
	index := map[string]int{}
	for i := range vs {
		v := &vs[i]
		if _, dup := index[v.Measure]; dup {
			continue
		}
		index[v.Measure] = len(rules)
		rules = append(rules, sarifRule{
			ID:               v.Measure,
			Name:             ruleName(v),
			ShortDescription: text(orDefault(oneLine(v.Title), v.Measure)),
			FullDescription:  text(v.InformationNeed),
			Help:             text(v.Interpretation),
			Properties:       ruleProps(v),
		})
	}
	return rules, index
}

// text wraps s as a SARIF message string, or nil when s is blank.
func text(s string) *sarifText {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return &sarifText{Text: s}
}

// ruleName is the measure's title in Pascal case, as SARIF suggests
// for rule names ("Critical vulns fixed" → "CriticalVulnsFixed"); the
// measure ID when the title has no letters or digits.
func ruleName(v *verdict.Verdict) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(v.Title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		rs := []rune(word)
		b.WriteRune(unicode.ToUpper(rs[0]))
		b.WriteString(string(rs[1:]))
	}
	if b.Len() == 0 {
		return v.Measure
	}
	return b.String()
}

func ruleProps(v *verdict.Verdict) map[string]any {
	tags := append([]string{"iso27004"}, v.Controls...)
	if v.Type != "" {
		tags = append(tags, v.Type)
	}
	slices.Sort(tags)
	p := map[string]any{
		"tags":        slices.Compact(tags),
		"controls":    nonNil(v.Controls),
		"clauses":     nonNil(v.Clauses),
		"enforcement": v.Enforcement,
	}
	if v.Type != "" {
		p["measureType"] = v.Type
	}
	return p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func measureResult(v *verdict.Verdict, rule int) sarifResult {
	res := sarifResult{
		RuleID:              v.Measure,
		RuleIndex:           rule,
		Level:               sarifLevel(v.Status),
		Message:             sarifText{Text: measureMessage(v)},
		Locations:           sarifLocations(v.Location.File, v.Location.Line),
		PartialFingerprints: fingerprint("measure", v.Measure),
		Properties:          measureProps(v),
	}
	if v.Status == verdict.Waived {
		res.Suppressions = waiverSuppression(v)
	}
	return res
}

// sarifLevel maps a status onto a SARIF level: warn is a warning, a
// waived or passing measure a note, and everything that fails a gate an
// error.
func sarifLevel(s verdict.Status) string {
	switch s {
	case verdict.Warn:
		return "warning"
	case verdict.Pass, verdict.Waived:
		return "note"
	}
	return "error"
}

// measureMessage reads like "VM-01 is warn: value 87.5%, target ≥ 95%;
// matched warn: value >= 80.0", leaving out what the verdict lacks.
func measureMessage(v *verdict.Verdict) string {
	var measured []string
	if v.Value != nil {
		measured = append(measured, "value "+valueText(v))
	}
	if v.Target != nil {
		measured = append(measured, "target "+targetText(v))
	}
	parts := []string{strings.Join(measured, ", "), explain(v)}
	parts = slices.DeleteFunc(parts, func(s string) bool { return s == "" })
	msg := v.Measure + " is " + string(v.Status)
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, "; ")
	}
	return msg
}

func measureProps(v *verdict.Verdict) map[string]any {
	p := map[string]any{"status": v.Status, "value": v.Value}
	if v.Unit != "" {
		p["unit"] = v.Unit
	}
	if v.Target != nil {
		p["target"] = *v.Target
	}
	if v.Reason != "" {
		p["reason"] = v.Reason
	}
	if len(v.Errors) > 0 {
		p["errors"] = v.Errors
	}
	if v.CountsAs != "" {
		p["countsAs"] = v.CountsAs
	}
	if v.Trend != nil {
		p["trend"] = v.Trend
	}
	return p
}

func waiverSuppression(v *verdict.Verdict) []sarifSuppression {
	s := sarifSuppression{Kind: "external", Status: "accepted", Justification: "waived"}
	if v.Waiver != nil {
		s.Justification = waiverText(v.Waiver)
	}
	return []sarifSuppression{s}
}

// findingResult is one policy finding, located in the evidence when the
// finding knows where, else at the measure. Its level follows the
// measure's status; it is suppressed when it or its measure is waived.
func findingResult(v *verdict.Verdict, f verdict.Finding, rule int) sarifResult {
	msg := f.Message
	if strings.TrimSpace(msg) == "" {
		msg = "finding of policy " + f.Policy
	}
	loc := sarifLocations(v.Location.File, v.Location.Line)
	if f.File != "" {
		loc = sarifLocations(f.File, f.Line)
	}
	res := sarifResult{
		RuleID:              v.Measure,
		RuleIndex:           rule,
		Level:               sarifLevel(v.Status),
		Message:             sarifText{Text: msg},
		Locations:           loc,
		PartialFingerprints: fingerprint("finding", v.Measure, f.Policy, f.Resource, f.Message),
		Properties:          findingProps(v, f),
	}
	switch {
	case v.Status == verdict.Waived:
		res.Suppressions = waiverSuppression(v)
	case f.Waived:
		res.Level = "note"
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: "finding waived"}}
	}
	return res
}

func findingProps(v *verdict.Verdict, f verdict.Finding) map[string]any {
	p := map[string]any{"policy": f.Policy, "measureStatus": v.Status}
	if f.Resource != "" {
		p["resource"] = f.Resource
	}
	return p
}

// sarifLocations is the location of a file and line, or none when the
// file is unknown. Lines below 1 are left out: SARIF lines start at 1.
func sarifLocations(file string, line int) []sarifLocation {
	if file == "" {
		return nil
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactLocation{URI: fileURI(file)}}}
	if line >= 1 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
	}
	return []sarifLocation{loc}
}

// fingerprint identifies a result across runs: a SHA-256 over what it
// is about, never the run, so that a result that persists keeps it.
func fingerprint(parts ...string) map[string]string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return map[string]string{fingerprintKey: hex.EncodeToString(sum[:])}
}

var mimeType = regexp.MustCompile(`[^/]+/.+`)

// sarifArtifacts lists each evidence file once, by URI, with its hash.
func sarifArtifacts(vs []verdict.Verdict) []sarifArtifact {
	byURI := map[string]sarifArtifact{}
	for _, v := range vs {
		for _, e := range v.Evidence {
			if e.File == "" {
				continue
			}
			a := sarifArtifact{
				Location:   sarifArtifactLocation{URI: fileURI(e.File)},
				Length:     e.Size,
				Properties: artifactProps(e),
			}
			if mimeType.MatchString(e.MediaType) {
				a.MimeType = e.MediaType
			}
			if e.SHA256 != "" {
				a.Hashes = map[string]string{"sha-256": e.SHA256}
			}
			byURI[a.Location.URI] = a
		}
	}
	uris := make([]string, 0, len(byURI))
	for u := range byURI {
		uris = append(uris, u)
	}
	slices.Sort(uris)
	out := make([]sarifArtifact, len(uris))
	for i, u := range uris {
		out[i] = byURI[u]
	}
	return out
}

func artifactProps(e verdict.Evidence) map[string]any {
	p := map[string]any{"source": e.Source, "records": e.Records}
	if e.CollectedAt != "" {
		p["collectedAt"] = e.CollectedAt
	}
	return p
}

func sarifRunProps(r *verdict.Report) map[string]any {
	p := map[string]any{
		"runId":          r.Run.ID,
		"asOf":           r.Run.AsOf,
		"measuresDigest": r.Run.MeasuresDigest,
		"evidenceDigest": r.Run.EvidenceDigest,
	}
	if gated(r) {
		p["gate"] = r.Gate
	}
	return p
}
