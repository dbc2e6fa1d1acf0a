package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"

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
	files   []verdict.Evidence
	records []evidence.Record
	values  []any     // the records' values, as CEL reads them
	rego    ast.Value // the records in Rego's form; nil until a policy needs it
	err     error     // why the source could not be collected
}

var formats = map[string]evidence.Format{
	plugins.MediaJSON:   evidence.JSON,
	plugins.MediaNDJSON: evidence.NDJSON,
	plugins.MediaYAML:   evidence.YAML,
	plugins.MediaCSV:    evidence.CSV,
}

// Collect fetches and decodes the evidence of every source a measure
// uses. An error in the user's input (a named file that is missing, a
// file that does not parse) stops the run and is returned; any other
// failure of a source is kept, and the measures that need the source
// get the error status.
func (s *Set) Collect(ctx context.Context) (*Evidence, error) {
	ev := &Evidence{sources: map[string]*sourceEvidence{}}
	for _, name := range s.sourceNames() {
		files, err := s.collectors[name].Collect(ctx)
		if err != nil {
			err = s.sourceError(name, err)
			if plugins.IsInputError(err) {
				return nil, err
			}
			ev.sources[name] = &sourceEvidence{err: err}
			continue
		}
		se, err := decodeFiles(name, files)
		if err != nil {
			return nil, fmt.Errorf("%w (source %s)", err, name)
		}
		ev.sources[name] = se
	}
	ev.Digest = ev.digest()
	if err := ev.prepareRego(s); err != nil {
		return nil, err
	}
	return ev, nil
}

// sourceError says where the failing source is declared and removes
// any secret from the plugin's message. An input error stays one.
func (s *Set) sourceError(name string, err error) error {
	decl := s.mod.SourceByName(name).DeclRange
	msg := s.secrets.Redact(fmt.Sprintf("%s:%d: source %s: %v", decl.Filename, decl.Start.Line, name, err))
	if plugins.IsInputError(err) {
		return &plugins.InputError{Err: errors.New(msg)}
	}
	return errors.New(msg)
}

func (s *Set) sourceNames() []string {
	var names []string
	for n := range s.collectors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func decodeFiles(source string, files []plugins.File) (*sourceEvidence, error) {
	se := &sourceEvidence{}
	for _, f := range files {
		format, ok := formats[f.MediaType]
		if !ok {
			return nil, fmt.Errorf("%s: media type %s cannot be decoded", f.Name, f.MediaType)
		}
		recs, err := evidence.Decode(f.Name, f.Data, format)
		if err != nil {
			return nil, err
		}
		se.records = append(se.records, recs...)
		se.files = append(se.files, verdict.Evidence{
			Source: source, File: f.Name, MediaType: f.MediaType,
			SHA256: sha256Hex(f.Data), Size: len(f.Data), Records: len(recs),
		})
	}
	se.values = make([]any, len(se.records))
	for i, r := range se.records {
		se.values[i] = r.Value
	}
	return se, nil
}

func (ev *Evidence) digest() string {
	var names []string
	for n := range ev.sources {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "source %s\n", n)
		for _, f := range ev.sources[n].files {
			fmt.Fprintf(h, "%s %s\n", f.SHA256, f.File)
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
		}
	}
	return nil
}
