package report

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/assay-dev/assay/engine/verdict"
)

// OSCALVersion is the OSCAL release the assessment results follow.
const OSCALVersion = "1.1.3"

// OSCALNamespace qualifies the names of the props Assay adds to OSCAL
// objects.
const OSCALNamespace = "https://assay.dev/ns/oscal"

const oscalSchemaURL = "https://github.com/usnistgov/OSCAL/releases/download/v1.1.3/oscal_assessment-results_schema.json"

// The OSCAL assessment-results model, reduced to the parts Assay fills.
// Field order is output order.
type (
	oscalDocument struct {
		Schema  string       `json:"$schema"`
		Results oscalResults `json:"assessment-results"`
	}
	oscalResults struct {
		UUID     string        `json:"uuid"`
		Metadata oscalMetadata `json:"metadata"`
		ImportAP oscalImportAP `json:"import-ap"`
		Results  []oscalResult `json:"results"`
	}
	oscalMetadata struct {
		Title        string      `json:"title"`
		LastModified string      `json:"last-modified"`
		Version      string      `json:"version"`
		OSCALVersion string      `json:"oscal-version"`
		Props        []oscalProp `json:"props,omitempty"`
	}
	oscalImportAP struct {
		Href    string `json:"href"`
		Remarks string `json:"remarks,omitempty"`
	}
	oscalResult struct {
		UUID             string             `json:"uuid"`
		Title            string             `json:"title"`
		Description      string             `json:"description"`
		Start            string             `json:"start"`
		End              string             `json:"end"`
		Props            []oscalProp        `json:"props,omitempty"`
		ReviewedControls oscalReviewed      `json:"reviewed-controls"`
		Observations     []oscalObservation `json:"observations,omitempty"`
		Findings         []oscalFinding     `json:"findings,omitempty"`
		Remarks          string             `json:"remarks,omitempty"`
	}
	oscalReviewed struct {
		ControlSelections []oscalSelection `json:"control-selections"`
	}
	oscalSelection struct {
		Description     string            `json:"description,omitempty"`
		IncludeControls []oscalControlRef `json:"include-controls,omitempty"`
	}
	oscalControlRef struct {
		ControlID string `json:"control-id"`
	}
	oscalObservation struct {
		UUID             string          `json:"uuid"`
		Title            string          `json:"title"`
		Description      string          `json:"description"`
		Props            []oscalProp     `json:"props,omitempty"`
		Methods          []string        `json:"methods"`
		RelevantEvidence []oscalEvidence `json:"relevant-evidence,omitempty"`
		Collected        string          `json:"collected"`
		Remarks          string          `json:"remarks,omitempty"`
	}
	oscalEvidence struct {
		Href        string      `json:"href,omitempty"`
		Description string      `json:"description"`
		Props       []oscalProp `json:"props,omitempty"`
	}
	oscalFinding struct {
		UUID                string         `json:"uuid"`
		Title               string         `json:"title"`
		Description         string         `json:"description"`
		Props               []oscalProp    `json:"props,omitempty"`
		Target              oscalTarget    `json:"target"`
		RelatedObservations []oscalRelated `json:"related-observations"`
	}
	oscalTarget struct {
		Type     string      `json:"type"`
		TargetID string      `json:"target-id"`
		Title    string      `json:"title"`
		Status   oscalStatus `json:"status"`
	}
	oscalStatus struct {
		State   string `json:"state"`
		Reason  string `json:"reason"`
		Remarks string `json:"remarks,omitempty"`
	}
	oscalRelated struct {
		ObservationUUID string `json:"observation-uuid"`
	}
	oscalProp struct {
		Name  string `json:"name"`
		NS    string `json:"ns"`
		Value string `json:"value"`
		Class string `json:"class,omitempty"`
	}
)

// writeOSCAL writes the report as one OSCAL assessment-results document
// holding one result: an observation and a finding per measure.
func writeOSCAL(w io.Writer, r *verdict.Report) error {
	doc, err := oscalFrom(r)
	if err != nil {
		return err
	}
	return encodeJSON(w, doc)
}

func oscalFrom(r *verdict.Report) (*oscalDocument, error) {
	t, err := asOf(r)
	if err != nil {
		return nil, err
	}
	ids := newUUIDs(r.Run)
	stamp := t.Format(time.RFC3339Nano)
	res := oscalResult{
		UUID:             ids.of("result"),
		Title:            "Assay run " + r.Run.ID,
		Description:      oscalRunText(r, stamp),
		Start:            stamp,
		End:              stamp,
		Props:            oscalRunProps(r),
		ReviewedControls: reviewedControls(r.Verdicts),
		Remarks:          noticesText(r.Notices),
	}
	for i := range r.Verdicts {
		v := &r.Verdicts[i]
		obs := observation(v, ids.of("observation/"+v.Measure), stamp)
		res.Observations = append(res.Observations, obs)
		res.Findings = append(res.Findings, finding(v, ids.of("finding/"+v.Measure), obs.UUID))
	}
	return &oscalDocument{
		Schema: oscalSchemaURL,
		Results: oscalResults{
			UUID: ids.of("assessment-results"),
			Metadata: oscalMetadata{
				Title:        "Assay assessment results",
				LastModified: stamp,
				Version:      stamp,
				OSCALVersion: OSCALVersion,
				Props:        props(prop("assay-version", r.Run.AssayVersion)),
			},
			ImportAP: oscalImportAP{
				Href:    "#",
				Remarks: "Assay evaluates its measure files directly; there is no separate assessment plan.",
			},
			Results: []oscalResult{res},
		},
	}, nil
}

func oscalRunText(r *verdict.Report, stamp string) string {
	s := r.Summary
	return fmt.Sprintf("Evaluation of %d ISO/IEC 27004 measures as of %s: %d pass, %d warn, %d fail, %d no_data, %d stale, %d error, %d waived.",
		s.Total, stamp, s.Pass, s.Warn, s.Fail, s.NoData, s.Stale, s.Error, s.Waived)
}

func oscalRunProps(r *verdict.Report) []oscalProp {
	s := r.Summary
	counts := []struct {
		status verdict.Status
		n      int
	}{
		{verdict.Pass, s.Pass}, {verdict.Warn, s.Warn}, {verdict.Fail, s.Fail}, {verdict.NoData, s.NoData},
		{verdict.Stale, s.Stale}, {verdict.Error, s.Error}, {verdict.Waived, s.Waived},
	}
	out := props(
		prop("run-id", r.Run.ID),
		prop("measures-digest", r.Run.MeasuresDigest),
		prop("evidence-digest", r.Run.EvidenceDigest),
	)
	if gated(r) {
		out = append(out, props(prop("gate", gateWord(r.Gate)), prop("fail-on", r.Gate.FailOn))...)
	}
	for _, c := range counts {
		p := prop("verdict-count", strconv.Itoa(c.n))
		p.Class = string(c.status)
		out = append(out, *p)
	}
	return out
}

// reviewedControls lists every control the measures name, as sorted,
// distinct control tokens. A run whose measures name no control still
// needs one selection, so it gets one that says so.
func reviewedControls(vs []verdict.Verdict) oscalReviewed {
	var ids []string
	for _, v := range vs {
		for _, c := range v.Controls {
			ids = append(ids, ControlID(c))
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	sel := oscalSelection{Description: "Controls named by the measures of this run."}
	if len(ids) == 0 {
		sel.Description = "The measures of this run name no controls."
	}
	for _, id := range ids {
		sel.IncludeControls = append(sel.IncludeControls, oscalControlRef{ControlID: id})
	}
	return oscalReviewed{ControlSelections: []oscalSelection{sel}}
}

func observation(v *verdict.Verdict, uuid, stamp string) oscalObservation {
	o := oscalObservation{
		UUID:        uuid,
		Title:       label(v),
		Description: observationText(v),
		Props:       observationProps(v),
		Methods:     []string{"TEST"},
		Collected:   stamp,
		Remarks:     strings.Join(v.Errors, "\n"),
	}
	for _, e := range v.Evidence {
		o.RelevantEvidence = append(o.RelevantEvidence, oscalEvidence{
			Href:        fileURI(e.File),
			Description: evidenceText(e),
			Props:       props(prop("source", e.Source), prop("sha256", e.SHA256), prop("collected-at", e.CollectedAt)),
		})
	}
	return o
}

func observationText(v *verdict.Verdict) string {
	var text string
	if v.Value == nil {
		text = "The indicator has no value"
	} else {
		text = "The indicator measured " + valueText(v)
	}
	if v.Target != nil {
		text += " against a target of " + targetText(v)
	}
	text += "."
	if need := oneLine(v.InformationNeed); need != "" {
		text += " Information need: " + need
	}
	return text
}

func observationProps(v *verdict.Verdict) []oscalProp {
	ps := []*oscalProp{
		prop("measure-id", v.Measure),
		prop("measure-type", v.Type),
		prop("status", string(v.Status)),
		prop("counts-as", string(v.CountsAs)),
		prop("unit", v.Unit),
		prop("better", v.Better),
	}
	if v.Value != nil {
		ps = append(ps, prop("value", number(*v.Value)))
	}
	if v.Target != nil {
		ps = append(ps, prop("target", number(*v.Target)))
	}
	if t := v.Trend; t != nil {
		ps = append(ps, prop("trend", t.Direction))
		if t.Previous != nil {
			ps = append(ps, prop("previous-value", number(*t.Previous)))
		}
	}
	ps = append(ps, quantityProps("base", v.Base)...)
	ps = append(ps, quantityProps("derived", v.Derived)...)
	for _, e := range v.Evidence {
		ps = append(ps, prop("evidence-sha256", e.SHA256))
	}
	return props(ps...)
}

// quantityProps turns base or derived measures into props named
// "base.NAME" or "derived.NAME", in name order.
func quantityProps(kind string, ms map[string]verdict.Measure) []*oscalProp {
	names := make([]string, 0, len(ms))
	for n := range ms {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]*oscalProp, 0, len(names))
	for _, n := range names {
		if v := ms[n].Value; v != nil {
			out = append(out, prop(kind+"."+token(n), number(*v)))
		}
	}
	return out
}

func evidenceText(e verdict.Evidence) string {
	text := "Evidence file " + slashPath(e.File)
	if e.Source != "" {
		text += " from source " + e.Source
	}
	return fmt.Sprintf("%s (%s, %d records, %d bytes).", text, orDefault(e.MediaType, "-"), e.Records, e.Size)
}

func finding(v *verdict.Verdict, uuid, obsUUID string) oscalFinding {
	ps := []*oscalProp{prop("status", string(v.Status)), prop("enforcement", v.Enforcement)}
	for _, c := range v.Controls {
		ps = append(ps, prop("control-id", ControlID(c)))
	}
	for _, c := range v.Clauses {
		ps = append(ps, prop("clause", c))
	}
	why := explain(v)
	return oscalFinding{
		UUID:        uuid,
		Title:       label(v),
		Description: "Measure " + v.Measure + " is " + string(v.Status) + sentence(why),
		Props:       props(ps...),
		Target: oscalTarget{
			Type:     "objective-id",
			TargetID: token(v.Measure),
			Title:    label(v),
			Status: oscalStatus{
				State:   findingState(v.Status),
				Reason:  token(string(v.Status)),
				Remarks: why,
			},
		},
		RelatedObservations: []oscalRelated{{ObservationUUID: obsUUID}},
	}
}

// findingState maps a status onto OSCAL's two objective states: a
// passing or waived measure satisfies its objective, any other does not.
func findingState(s verdict.Status) string {
	if s == verdict.Pass || s == verdict.Waived {
		return "satisfied"
	}
	return "not-satisfied"
}

func sentence(why string) string {
	if why == "" {
		return "."
	}
	return ": " + why + "."
}

func noticesText(ns []verdict.Notice) string {
	lines := make([]string, 0, len(ns))
	for _, n := range ns {
		lines = append(lines, noticeText(n))
	}
	return strings.Join(lines, "\n")
}

func noticeText(n verdict.Notice) string {
	text := orDefault(n.Severity, "-") + ": "
	if n.Measure != "" {
		text += n.Measure + ": "
	}
	return text + oneLine(n.Message)
}

// prop makes an Assay prop, or nil when the value is empty once folded
// onto one line: OSCAL prop values are non-empty single-line strings.
func prop(name, value string) *oscalProp {
	value = oneLine(value)
	if value == "" {
		return nil
	}
	return &oscalProp{Name: name, NS: OSCALNamespace, Value: value}
}

// props drops the nil props and returns nil for none, so that an empty
// list is left out (OSCAL lists hold at least one item).
func props(ps ...*oscalProp) []oscalProp {
	var out []oscalProp
	for _, p := range ps {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

// ControlID maps a control reference as measures write it, such as
// "ISO27001:2022/A.8.8", to an OSCAL control-id token, such as
// "iso27001-2022-a.8.8": lower case; letters, digits, '.', '-' and '_'
// kept; every run of other characters (':', '/', spaces, …) becomes one
// '-'; and a leading '_' is added when the result would not start with
// a letter or '_', as an OSCAL token must.
func ControlID(control string) string {
	return token(strings.ToLower(control))
}

// token makes s a valid OSCAL token (an XML NCName) the way ControlID
// describes, keeping its case.
func token(s string) string {
	var b strings.Builder
	other := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '-' || r == '_' {
			b.WriteRune(r)
			other = false
			continue
		}
		if !other {
			b.WriteByte('-')
		}
		other = true
	}
	out := b.String()
	if first := []rune(out + "-")[0]; !unicode.IsLetter(first) && first != '_' {
		out = "_" + out
	}
	return out
}

// uuids derives the UUIDs of one run's OSCAL objects. Each is a name-
// based version 5 UUID (RFC 9562, SHA-1): the run's namespace is the
// UUID of the run key within Assay's namespace, and each object is the
// UUID of its name ("result", "observation/VM-01", …) within the run's
// namespace. The run key is the run ID, itself derived from the measures
// digest, the evidence digest and the as-of time; so the same inputs
// always give the same UUIDs, and different runs different ones.
type uuids struct {
	run  [16]byte
	seen map[string]int
}

// assayNamespace is the UUID of Assay's OSCAL namespace URL within the
// RFC 9562 URL namespace.
var assayNamespace = uuid5([16]byte{
	0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
}, OSCALNamespace)

func newUUIDs(run verdict.Run) *uuids {
	key := run.ID
	if key == "" {
		key = run.MeasuresDigest + "\n" + run.EvidenceDigest + "\n" + run.AsOf
	}
	return &uuids{run: uuid5(assayNamespace, key), seen: map[string]int{}}
}

// of returns the UUID for name; a name asked for again (two verdicts
// with one measure ID) gets a distinct UUID each time.
func (u *uuids) of(name string) string {
	n := u.seen[name]
	u.seen[name]++
	if n > 0 {
		name += "#" + strconv.Itoa(n)
	}
	return uuidString(uuid5(u.run, name))
}

func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var id [16]byte
	copy(id[:], h.Sum(nil))
	id[6] = id[6]&0x0f | 0x50 // version 5
	id[8] = id[8]&0x3f | 0x80 // RFC 9562 variant
	return id
}

func uuidString(id [16]byte) string {
	h := hex.EncodeToString(id[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

var drivePath = regexp.MustCompile(`^[A-Za-z]:/`)

// fileURI turns a file path into a URI reference: a relative path stays
// relative (escaped where a URI needs it), an absolute one becomes a
// file:// URI.
func fileURI(p string) string {
	p = slashPath(p)
	switch {
	case drivePath.MatchString(p):
		return (&url.URL{Scheme: "file", Path: "/" + p}).String()
	case strings.HasPrefix(p, "/"):
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}
