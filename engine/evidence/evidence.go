package evidence

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// Record is one item of evidence and where it came from.
type Record struct {
	Value any    // map[string]any, []any, string, int64, uint64, float64, bool or nil
	File  string // the file name as given to Decode
	Line  int    // 1-based line where the record starts
	Row   int    // CSV: 1-based data row (header not counted); 0 for other formats
}

// Format names an evidence file format.
type Format string

// The formats Decode understands.
const (
	JSON   Format = "json"
	NDJSON Format = "ndjson"
	YAML   Format = "yaml"
	CSV    Format = "csv"
)

// Formats lists the formats Decode understands, in a fixed order.
var Formats = []Format{JSON, NDJSON, YAML, CSV, XLSX}

// formatWords maps the words and extensions users write to formats.
var formatWords = map[string]Format{
	"json":   JSON,
	"ndjson": NDJSON,
	"jsonl":  NDJSON,
	"yaml":   YAML,
	"yml":    YAML,
	"csv":    CSV,
	"xlsx":   XLSX,
}

// FormatFor picks the format from the file extension: .json, .ndjson or
// .jsonl, .yaml or .yml, .csv, .xlsx (in any letter case). Other
// extensions are an error.
func FormatFor(name string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if f, ok := formatWords[strings.TrimPrefix(ext, ".")]; ok {
		return f, nil
	}
	return "", fmt.Errorf("evidence: cannot tell the format of %q from its extension (want .json, .ndjson, .jsonl, .yaml, .yml or .csv)", name)
}

// ParseFormat checks a user-given format word: json, ndjson (or jsonl),
// yaml (or yml) or csv, in any letter case.
func ParseFormat(s string) (Format, error) {
	if f, ok := formatWords[strings.ToLower(s)]; ok {
		return f, nil
	}
	return "", fmt.Errorf("evidence: unknown format %q (want json, ndjson, yaml or csv)", s)
}

// Decode turns one file's bytes into records. name is only used to label
// the records and errors. On success the slice is never nil; it is empty
// when the file holds no records. Any failure is a *DecodeError. Decode
// never panics on any input.
func Decode(name string, data []byte, f Format) ([]Record, error) {
	var recs []Record
	var err error
	switch f {
	case JSON:
		recs, err = decodeJSON(name, data)
	case NDJSON:
		recs, err = decodeNDJSON(name, data)
	case YAML:
		recs, err = decodeYAML(name, data)
	case CSV:
		recs, err = decodeCSV(name, data)
	case XLSX:
		recs, err = DecodeXLSX(name, data, "")
	default:
		return nil, &DecodeError{File: name, Msg: fmt.Sprintf("unknown format %q", string(f))}
	}
	if err != nil {
		return nil, err
	}
	if recs == nil {
		recs = []Record{}
	}
	return recs, nil
}

// DecodeError says where a file could not be decoded. Line and Col are
// 1-based; 0 means unknown. Col counts bytes.
type DecodeError struct {
	File      string
	Line, Col int
	Msg       string
}

// Error returns "file:line:col: message", leaving out the column, or
// both line and column, when they are unknown.
func (e *DecodeError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
}

// bom is the UTF-8 encoding of the byte-order mark U+FEFF.
const bom = "\ufeff"

// cutBOM returns data without a leading byte-order mark and the number of
// bytes removed.
func cutBOM(data []byte) ([]byte, int) {
	if bytes.HasPrefix(data, []byte(bom)) {
		return data[len(bom):], len(bom)
	}
	return data, 0
}

// position returns the 1-based line and byte column of data[off].
func position(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line, start := 1, 0
	for i, c := range data[:off] {
		if c == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}
