package evidence

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// decodeCSV decodes a CSV file whose first row is the header: each data
// row becomes a map from header name to field.
func decodeCSV(name string, data []byte) ([]Record, error) {
	body, cut := cutBOM(data)
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	// Real tools write bare quotes inside unquoted fields (Prowler v2:
	// The "root" account ...); keep them as text rather than refuse the file.
	r.LazyQuotes = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, csvError(name, err, cut)
	}
	if err := checkHeader(name, r, header, cut); err != nil {
		return nil, err
	}
	return csvRows(name, r, header, cut)
}

// csvRows reads the data rows that follow the header.
func csvRows(name string, r *csv.Reader, header []string, cut int) ([]Record, error) {
	var recs []Record
	for row := 1; ; row++ {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, csvError(name, err, cut)
		}
		line, _ := r.FieldPos(0)
		if len(fields) != len(header) {
			msg := fmt.Sprintf("wrong number of fields in row %d: got %d, want %d as in the header", row, len(fields), len(header))
			return nil, &DecodeError{File: name, Line: line, Msg: msg}
		}
		m := make(map[string]any, len(header))
		for i, h := range header {
			m[h] = fields[i]
		}
		recs = append(recs, Record{Value: m, File: name, Line: line, Row: row})
	}
}

// checkHeader rejects empty and duplicate header names.
func checkHeader(name string, r *csv.Reader, header []string, cut int) error {
	seen := make(map[string]bool, len(header))
	for i, h := range header {
		var msg string
		switch {
		case strings.TrimSpace(h) == "":
			msg = fmt.Sprintf("empty header name in column %d", i+1)
		case seen[h]:
			msg = fmt.Sprintf("duplicate header name %q", h)
		default:
			seen[h] = true
			continue
		}
		line, col := r.FieldPos(i)
		return &DecodeError{File: name, Line: line, Col: bomColumn(line, col, cut), Msg: msg}
	}
	return nil
}

// csvError turns an error of encoding/csv into a *DecodeError.
func csvError(name string, err error, cut int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &DecodeError{File: name, Msg: err.Error()}
	}
	return &DecodeError{File: name, Line: pe.Line, Col: bomColumn(pe.Line, pe.Column, cut), Msg: pe.Err.Error()}
}

// bomColumn adds back to columns of line 1 the bytes of a byte-order mark
// that was cut off, so that columns count from the start of the file.
func bomColumn(line, col, cut int) int {
	if line == 1 && col > 0 {
		return col + cut
	}
	return col
}
