package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/assay-dev/assay/engine/evidence"
	"github.com/assay-dev/assay/engine/verdict"
	"github.com/assay-dev/assay/plugins"
)

// InlineEvidence is evidence given directly rather than collected, as a
// measure's tests give it: records, or files decoded by their extension.
type InlineEvidence struct {
	Records []any
	Files   []string
}

// EvidenceFrom builds a run's evidence from inline records and files,
// one entry a source.
func (s *Set) EvidenceFrom(sources map[string]InlineEvidence) (*Evidence, error) {
	ev := &Evidence{sources: map[string]*sourceEvidence{}}
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		se, err := inlineSource(name, sources[name])
		if err != nil {
			return nil, err
		}
		ev.sources[name] = se
	}
	ev.Digest = ev.digest()
	if err := ev.prepareRego(s); err != nil {
		return nil, err
	}
	return ev, nil
}

func inlineSource(name string, in InlineEvidence) (*sourceEvidence, error) {
	se := &sourceEvidence{values: []any{}}
	if in.Files == nil {
		data, err := json.Marshal(in.Records)
		if err != nil {
			return nil, fmt.Errorf("source %s: records: %w", name, err)
		}
		se.values = append(se.values, normalizeInts(in.Records)...)
		for i, v := range se.values {
			se.records = append(se.records, evidence.Record{Value: v, File: "inline", Line: i + 1})
		}
		se.files = append(se.files, verdict.Evidence{Source: name, File: "inline", MediaType: "application/json",
			SHA256: sha256Hex(data), Size: len(data), Records: len(in.Records)})
		return se, nil
	}
	for _, path := range in.Files {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", name, err)
		}
		format, err := evidence.FormatFor(path)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", name, err)
		}
		recs, err := evidence.Decode(path, data, format)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", name, err)
		}
		for _, r := range recs {
			se.values = append(se.values, r.Value)
		}
		se.records = append(se.records, recs...)
		se.files = append(se.files, verdict.Evidence{Source: name, File: path, MediaType: mediaTypeOf(format),
			SHA256: sha256Hex(data), Size: len(data), Records: len(recs)})
	}
	return se, nil
}

// normalizeInts gives inline records the number kinds decoded evidence
// has: Go int becomes int64.
func normalizeInts(list []any) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = normalizeInt(v)
	}
	return out
}

func normalizeInt(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case []any:
		return normalizeInts(x)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalizeInt(e)
		}
		return m
	}
	return v
}

// mediaTypeOf is the media type of an evidence format.
func mediaTypeOf(f evidence.Format) string {
	for media, format := range formats {
		if format == f {
			return media
		}
	}
	if f == evidence.XLSX {
		return plugins.MediaXLSX
	}
	return "application/octet-stream"
}
