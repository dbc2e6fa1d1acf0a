package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/assay-dev/assay/engine/bundle"
	"github.com/assay-dev/assay/engine/evidence"
	"github.com/assay-dev/assay/engine/policy"
	"github.com/assay-dev/assay/engine/verdict"
	"github.com/assay-dev/assay/plugins"
)

// Evidence is the collected, decoded evidence of one run.
type Evidence struct {
	Digest  string // sha256 over every source's name and file digests
	sources map[string]*sourceEvidence
}

type sourceEvidence struct {
	files       []verdict.Evidence
	records     []evidence.Record
	values      []any     // the records' values, as CEL reads them
	rego        ast.Value // the records in Rego's form; nil until a policy needs it
	regoLocs    ast.Value // where each record came from, in Rego's form
	err         error     // why the source could not be collected or decoded
	collectedAt time.Time // zero when freshness does not apply
}

var formats = map[string]evidence.Format{
	plugins.MediaJSON:   evidence.JSON,
	plugins.MediaNDJSON: evidence.NDJSON,
	plugins.MediaYAML:   evidence.YAML,
	plugins.MediaCSV:    evidence.CSV,
}

// LoadOptions configure Load.
type LoadOptions struct {
	// CheckFreshness records each source's collection time so that
	// evidence older than its max_age makes its measures stale.
	CheckFreshness bool
	// StopOnDecodeError makes a file that does not parse stop the run
	// rather than fail only the measures of its source.
	StopOnDecodeError bool
}

// Load decodes a collection into the evidence measures read.
func (s *Set) Load(c *bundle.Collection, opts LoadOptions) (*Evidence, error) {
	ev := &Evidence{sources: map[string]*sourceEvidence{}}
	for _, src := range c.Sources {
		se, err := loadSource(src)
		if err != nil && opts.StopOnDecodeError {
			return nil, err
		}
		if err != nil {
			se = &sourceEvidence{err: err}
		}
		if opts.CheckFreshness {
			se.collectedAt = src.CollectedAt
		}
		ev.sources[src.Name] = se
	}
	ev.Digest = ev.digest()
	if err := ev.prepareRego(s); err != nil {
		return nil, err
	}
	return ev, nil
}

func loadSource(src bundle.Source) (*sourceEvidence, error) {
	if src.Err != "" {
		return &sourceEvidence{err: fmt.Errorf("%s", src.Err)}, nil
	}
	se := &sourceEvidence{}
	at := ""
	if !src.CollectedAt.IsZero() {
		at = src.CollectedAt.UTC().Format(time.RFC3339Nano)
	}
	for _, f := range src.Files {
		recs, err := decodeFile(f)
		if err != nil {
			return nil, fmt.Errorf("%w (source %s)", err, src.Name)
		}
		se.records = append(se.records, recs...)
		se.files = append(se.files, verdict.Evidence{
			Source: src.Name, File: f.Name, MediaType: f.MediaType,
			SHA256: sha256Hex(f.Data), Size: len(f.Data), Records: len(recs),
			Plugin: src.Plugin, PluginVersion: src.PluginVersion, CollectedAt: at,
		})
	}
	se.values = make([]any, len(se.records))
	for i, r := range se.records {
		se.values[i] = r.Value
	}
	return se, nil
}

// decodeFile decodes one collected file by its media type; a
// spreadsheet's media type may name the sheet to read.
func decodeFile(f bundle.File) ([]evidence.Record, error) {
	if sheet, ok := plugins.ParseXLSXMediaType(f.MediaType); ok {
		return evidence.DecodeXLSX(f.Name, f.Data, sheet)
	}
	format, ok := formats[f.MediaType]
	if !ok {
		return nil, fmt.Errorf("%s: media type %s cannot be decoded", f.Name, f.MediaType)
	}
	return evidence.Decode(f.Name, f.Data, format)
}

// digest hashes every source's name and the digests of its files in
// order. File names are left out: the same evidence reached by another
// path, or from another folder, gives the same digest and run ID.
func (ev *Evidence) digest() string {
	var names []string
	for n := range ev.sources {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "source %s\n", n)
		if err := ev.sources[n].err; err != nil {
			fmt.Fprintf(h, "error %s\n", err)
		}
		for _, f := range ev.sources[n].files {
			fmt.Fprintf(h, "%s\n", f.SHA256)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// prepareRego converts, once, each source that some policy reads.
func (ev *Evidence) prepareRego(s *Set) error {
	for _, m := range s.measures {
		if len(m.policies) == 0 {
			continue
		}
		for _, ref := range m.def.Evidence {
			se := ev.sources[ref.Name]
			if se == nil || se.err != nil || se.rego != nil {
				continue
			}
			v, err := policy.Value(se.values)
			if err != nil {
				return fmt.Errorf("source %s: %w", ref.Name, err)
			}
			se.rego = v
			if s.readsLocations {
				se.regoLocs = se.locations()
			}
		}
	}
	return nil
}

// locations lists where each record came from, for policies.
func (se *sourceEvidence) locations() ast.Value {
	files := make([]string, len(se.values))
	lines := make([]int, len(se.values))
	for i, r := range se.records {
		files[i], lines[i] = r.File, r.Line
	}
	return policy.Locations(files, lines)
}
