package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// offsetError is a JSON decoding failure at a byte offset of the input.
type offsetError struct {
	off int
	msg string
}

func (e *offsetError) Error() string { return e.msg }

// decodeJSON decodes a JSON file: a top-level array yields its elements,
// any other value yields itself, and a blank file yields nothing.
func decodeJSON(name string, data []byte) ([]Record, error) {
	body, base := cutBOM(data)
	start := skipSpace(body, 0)
	if start == len(body) {
		return nil, nil
	}
	v, err := parseJSON(body)
	if err != nil {
		return nil, offsetToDecodeError(name, data, base, err)
	}
	if v == nil {
		// null, as a Go tool writes an empty list: no records.
		return nil, nil
	}
	line, _ := position(data, base+start)
	elems, ok := v.([]any)
	if !ok {
		return oneJSONRecord(name, v, line)
	}
	lines := elementLines(body, start, line, len(elems))
	recs := make([]Record, len(elems))
	for i, e := range elems {
		if recs[i], err = jsonRecord(name, e, lines[i]); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// oneJSONRecord returns the records of a file holding a single value.
func oneJSONRecord(name string, v any, line int) ([]Record, error) {
	r, err := jsonRecord(name, v, line)
	if err != nil {
		return nil, err
	}
	return []Record{r}, nil
}

// jsonRecord converts the numbers of v and wraps it into a record.
func jsonRecord(name string, v any, line int) (Record, error) {
	v, err := fixNumbers(v)
	if err != nil {
		return Record{}, &DecodeError{File: name, Line: line, Msg: err.Error()}
	}
	return Record{Value: v, File: name, Line: line}, nil
}

// decodeNDJSON decodes newline-delimited JSON: one record a non-blank
// line.
func decodeNDJSON(name string, data []byte) ([]Record, error) {
	body, base := cutBOM(data)
	var recs []Record
	for lineNo, off := 1, 0; off < len(body); lineNo++ {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		text := body[off : off+end]
		if skipSpace(text, 0) < len(text) {
			v, err := parseJSON(text)
			if err != nil {
				return nil, offsetToDecodeError(name, data, base+off, err)
			}
			r, err := jsonRecord(name, v, lineNo)
			if err != nil {
				return nil, err
			}
			recs = append(recs, r)
		}
		off += end + 1
	}
	return recs, nil
}

// parseJSON decodes the single JSON value that data holds, leaving its
// numbers as json.Number. Failures are *offsetError values.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonOffsetError(data, err)
	}
	if off := skipSpace(data, int(dec.InputOffset())); off < len(data) {
		r, _ := utf8.DecodeRune(data[off:])
		return nil, &offsetError{off, fmt.Sprintf("invalid character %q after top-level value", r)}
	}
	return v, nil
}

// jsonOffsetError locates an error of encoding/json in data.
func jsonOffsetError(data []byte, err error) error {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return &offsetError{int(syn.Offset) - 1, syn.Error()}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &offsetError{lastContent(data), "unexpected end of JSON input"}
	}
	return &offsetError{-1, err.Error()}
}

// offsetToDecodeError turns an error of parseJSON on data[base:] into a
// *DecodeError that names the line and column in data.
func offsetToDecodeError(name string, data []byte, base int, err error) error {
	var oe *offsetError
	if !errors.As(err, &oe) || oe.off < 0 {
		line, _ := position(data, base)
		return &DecodeError{File: name, Line: line, Msg: err.Error()}
	}
	line, col := position(data, base+oe.off)
	return &DecodeError{File: name, Line: line, Col: col, Msg: oe.msg}
}

// fixNumbers replaces, in place, every json.Number in v by an int64,
// uint64 or float64, and returns the result.
func fixNumbers(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		return jsonNumber(string(x))
	case []any:
		for i, e := range x {
			if !isScalar(e) {
				if err := fixAt(&x[i], e); err != nil {
					return nil, err
				}
			}
		}
	case map[string]any:
		for k, e := range x {
			if !isScalar(e) {
				n, err := fixNumbers(e)
				if err != nil {
					return nil, err
				}
				x[k] = n
			}
		}
	}
	return v, nil
}

// fixAt stores the result of fixNumbers(e) in *dst.
func fixAt(dst *any, e any) error {
	n, err := fixNumbers(e)
	*dst = n
	return err
}

// isScalar reports whether v is a JSON string, bool or null, which
// fixNumbers leaves alone.
func isScalar(v any) bool {
	switch v.(type) {
	case string, bool, nil:
		return true
	}
	return false
}

// jsonNumber converts a JSON number literal: integral literals (without
// '.', 'e' or 'E') become int64, uint64 or float64 by size; others
// float64. Numbers beyond the float64 range are an error.
func jsonNumber(lit string) (any, error) {
	var v any
	if strings.ContainsAny(lit, ".eE") {
		f, err := strconv.ParseFloat(lit, 64)
		if err != nil && !math.IsInf(f, 0) {
			return nil, fmt.Errorf("invalid number %s", lit)
		}
		v = f
	} else {
		v = integer(lit, 10)
	}
	if f, ok := v.(float64); ok && math.IsInf(f, 0) {
		return nil, fmt.Errorf("number %s is out of range", lit)
	}
	return v, nil
}

// elementLines returns the line on which each element of the valid JSON
// array opening at data[open] starts; line is the line of data[open] and
// n the number of elements. It relies on JSON strings holding no raw
// newline.
func elementLines(data []byte, open, line, n int) []int {
	lines := make([]int, 0, n)
	depth, expect, inString, escaped := 0, true, false, false
	for _, c := range data[open+1:] {
		switch {
		case inString:
			inString, escaped = stringStep(c, escaped)
			continue
		case c == '\n':
			line++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case depth == 0 && c == ']':
			return padLines(lines, n, line)
		case depth == 0 && c == ',':
			expect = true
			continue
		case depth == 0 && expect:
			lines, expect = append(lines, line), false
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
	}
	return padLines(lines, n, line)
}

// stringStep advances the scan of a JSON string by the byte c; escaped
// says whether c follows a backslash. It reports whether the string goes
// on after c and whether the next byte is escaped.
func stringStep(c byte, escaped bool) (inString, nextEscaped bool) {
	switch {
	case escaped:
		return true, false
	case c == '\\':
		return true, true
	}
	return c != '"', false
}

// padLines makes lines n long, filling with line; it only matters should
// elementLines and encoding/json ever disagree.
func padLines(lines []int, n, line int) []int {
	for len(lines) < n {
		lines = append(lines, line)
	}
	return lines[:n]
}

// skipSpace returns the offset of the first byte at or after off that is
// not JSON white space.
func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// lastContent returns the offset just past the last byte of data that is
// not JSON white space.
func lastContent(data []byte) int {
	end := len(data)
	for end > 0 && strings.IndexByte(" \t\r\n", data[end-1]) >= 0 {
		end--
	}
	return end
}
