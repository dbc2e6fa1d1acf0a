package evidence

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

type (
	obj = map[string]any
	arr = []any
)

// decodeCase is one row of a Decode table test: either want or err is
// set; want is empty (not nil) for a file that holds no records.
type decodeCase struct {
	name string
	in   string
	want []Record
	err  *DecodeError
}

// fileFor is the file name the table tests use for format f.
func fileFor(f Format) string { return "e." + string(f) }

// rec is a record of the test file of format f.
func rec(f Format, line int, v any) Record {
	return Record{Value: v, File: fileFor(f), Line: line}
}

// row is a CSV record of the test file.
func row(line, n int, v obj) Record {
	return Record{Value: v, File: fileFor(CSV), Line: line, Row: n}
}

// derr is a decoding error in the test file of format f.
func derr(f Format, line, col int, msg string) *DecodeError {
	return &DecodeError{File: fileFor(f), Line: line, Col: col, Msg: msg}
}

// show formats records with the Go types of their values.
func show(recs []Record) string {
	if recs == nil {
		return "nil"
	}
	parts := make([]string, len(recs))
	for i, r := range recs {
		parts[i] = fmt.Sprintf("{%s:%d row %d: %s}", r.File, r.Line, r.Row, showValue(r.Value))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// result formats what Decode returned: the records or the error.
func result(recs []Record, err error) string {
	if err != nil {
		return "error " + err.Error()
	}
	return show(recs)
}

// showValue formats v with the Go type of each scalar, so that int64(1)
// and float64(1) differ.
func showValue(v any) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = showValue(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case map[string]any:
		parts := make([]string, 0, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			parts = append(parts, fmt.Sprintf("%q:%s", k, showValue(v[k])))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case string:
		return strconv.Quote(v)
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// runDecodeCases checks Decode against each case for the format f.
func runDecodeCases(t *testing.T, f Format, cases []decodeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(fileFor(f), []byte(tc.in), f)
			if tc.err != nil {
				var de *DecodeError
				if !errors.As(err, &de) || *de != *tc.err {
					t.Fatalf("Decode(%q) = %v, want %v", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Decode(%q) = %v, want %v", tc.in, result(got, err), show(tc.want))
			}
		})
	}
}

func TestDecodeJSON(t *testing.T) {
	j := func(line int, v any) Record { return rec(JSON, line, v) }
	e := func(line, col int, msg string) *DecodeError { return derr(JSON, line, col, msg) }
	runDecodeCases(t, JSON, []decodeCase{
		{name: "top-level null is no records", in: " null\n", want: []Record{}},
		{name: "array elements with lines", in: "[\n  {\"id\": 1},\n  {\"id\": 2}, \"x\",\n\n  null\n]\n",
			want: []Record{j(2, obj{"id": int64(1)}), j(3, obj{"id": int64(2)}), j(3, "x"), j(5, nil)}},
		{name: "top-level object", in: "\n{\"a\": \"b\", \"n\": 1}\n", want: []Record{j(2, obj{"a": "b", "n": int64(1)})}},
		{name: "top-level string", in: `"s"`, want: []Record{j(1, "s")}},
		{name: "empty file", in: "", want: []Record{}},
		{name: "whitespace only", in: " \r\n\t\n", want: []Record{}},
		{name: "empty array", in: "[ ]", want: []Record{}},
		{name: "nested arrays are elements", in: "[[1],\n[2]]", want: []Record{j(1, arr{int64(1)}), j(2, arr{int64(2)})}},
		{name: "strings with brackets and escapes", in: "[\"a,]\\\"{\",\n\"\\\\\", \n{\"k\": \"[\"}]",
			want: []Record{j(1, "a,]\"{"), j(2, `\`), j(3, obj{"k": "["})}},
		{name: "byte-order mark", in: "\ufeff[1,\n2]", want: []Record{j(1, int64(1)), j(2, int64(2))}},
		{name: "int beyond float precision stays exact", in: "[9007199254740993]", want: []Record{j(1, int64(9007199254740993))}},
		{name: "negative ints", in: "[-1, -0, -9223372036854775808]", want: []Record{j(1, int64(-1)), j(1, int64(0)), j(1, int64(math.MinInt64))}},
		{name: "1.0 is float", in: "1.0", want: []Record{j(1, 1.0)}},
		{name: "exponents are float", in: "[1e3, 2E2, 1e-2]", want: []Record{j(1, 1000.0), j(1, 200.0), j(1, 0.01)}},
		{name: "big uint", in: "18446744073709551615", want: []Record{j(1, uint64(math.MaxUint64))}},
		{name: "beyond uint64 is float", in: "[18446744073709551616, -9223372036854775809]",
			want: []Record{j(1, 18446744073709551616.0), j(1, -9223372036854775809.0)}},
		{name: "nested numbers keep kinds", in: `{"a": [1, 2.5, {"b": 9223372036854775807, "c": [18446744073709551615, -3]}], "t": true}`,
			want: []Record{j(1, obj{"a": arr{int64(1), 2.5, obj{"b": int64(math.MaxInt64), "c": arr{uint64(math.MaxUint64), int64(-3)}}}, "t": true})}},
		{name: "number out of range", in: "[1,\n{\"a\": 1e999}]", err: e(2, 0, "number 1e999 is out of range")},
		{name: "syntax error", in: "[\n  {\"a\": 1},\n  {\"b\" 2}\n]", err: e(3, 8, "invalid character '2' after object key")},
		{name: "bad value", in: "{\"a\":\n  x}", err: e(2, 3, "invalid character 'x' looking for beginning of value")},
		{name: "missing comma", in: "[1 2]", err: e(1, 4, "invalid character '2' after array element")},
		{name: "unexpected end", in: "[1,\n2,\n\n", err: e(2, 3, "unexpected end of JSON input")},
		{name: "trailing garbage", in: "{\"a\": 1}\n\n  x", err: e(3, 3, "invalid character 'x' after top-level value")},
		{name: "two values", in: "[1]\n[2]", err: e(2, 1, "invalid character '[' after top-level value")},
		{name: "column after byte-order mark", in: "\ufeff[}", err: e(1, 5, "invalid character '}' looking for beginning of value")},
	})
}

func TestDecodeNDJSON(t *testing.T) {
	n := func(line int, v any) Record { return rec(NDJSON, line, v) }
	e := func(line, col int, msg string) *DecodeError { return derr(NDJSON, line, col, msg) }
	runDecodeCases(t, NDJSON, []decodeCase{
		{name: "blank lines skipped", in: "{\"a\": 1}\n\n   \n[1, 2.0]\r\n\"s\"\n\n",
			want: []Record{n(1, obj{"a": int64(1)}), n(4, arr{int64(1), 2.0}), n(5, "s")}},
		{name: "no final newline", in: "1\n-2", want: []Record{n(1, int64(1)), n(2, int64(-2))}},
		{name: "numbers keep kinds", in: "9007199254740993\n18446744073709551615\n1e3\n",
			want: []Record{n(1, int64(9007199254740993)), n(2, uint64(math.MaxUint64)), n(3, 1000.0)}},
		{name: "empty file", in: "", want: []Record{}},
		{name: "blank file", in: "\n \n", want: []Record{}},
		{name: "bad line", in: "{\"a\": 1}\n\n{bad}\n", err: e(3, 2, "invalid character 'b' looking for beginning of object key string")},
		{name: "two values on a line", in: "1\n2 3\n", err: e(2, 3, "invalid character '3' after top-level value")},
		{name: "value split over lines", in: "{\"a\":\n1}\n", err: e(1, 6, "unexpected end of JSON input")},
		{name: "out of range", in: "1\n1e400\n", err: e(2, 0, "number 1e400 is out of range")},
	})
}

func TestDecodeYAML(t *testing.T) {
	y := func(line int, v any) Record { return rec(YAML, line, v) }
	e := func(line, col int, msg string) *DecodeError { return derr(YAML, line, col, msg) }
	runDecodeCases(t, YAML, []decodeCase{
		{name: "single mapping", in: "id: 1\nname: x\n", want: []Record{y(1, obj{"id": int64(1), "name": "x"})}},
		{name: "yaml 1.2 booleans", in: "a: on\nb: off\nc: yes\nd: no\ne: y\nf: true\ng: False\nh: TRUE\n",
			want: []Record{y(1, obj{"a": "on", "b": "off", "c": "yes", "d": "no", "e": "y", "f": true, "g": false, "h": true})}},
		{name: "documents with lines", in: "# head\n\n---\na: 1\n---\n# only a comment\n---\n- 2\n- 3\n---\n",
			want: []Record{y(4, obj{"a": int64(1)}), y(8, arr{int64(2), int64(3)})}},
		{name: "explicit null document kept", in: "--- ~\n---\nx\n", want: []Record{y(1, nil), y(3, "x")}},
		{name: "empty file", in: "", want: []Record{}},
		{name: "comments only", in: "# a\n# b\n", want: []Record{}},
		{name: "empty documents only", in: "---\n---\n", want: []Record{}},
		{name: "numbers", in: "i: -42\nbig: 18446744073709551615\nhuge: 123456789012345678901234567890\nexact: 9007199254740993\nf: 1.0\ne: 1e3\ninf: -.inf\n",
			want: []Record{y(1, obj{"i": int64(-42), "big": uint64(math.MaxUint64), "huge": 1.2345678901234568e29,
				"exact": int64(9007199254740993), "f": 1.0, "e": 1000.0, "inf": math.Inf(-1)})}},
		{name: "core schema ints", in: "[017, 0o17, 0x1F, +5, 1_000, 0b11, 08]",
			want: []Record{y(1, arr{int64(17), int64(15), int64(31), int64(5), "1_000", "0b11", int64(8)})}},
		{name: "nulls", in: "[null, ~, Null, NULL, nil]", want: []Record{y(1, arr{nil, nil, nil, nil, "nil"})}},
		{name: "quoted and tagged scalars", in: "a: \"1\"\nb: '2'\nc: !!str 3\nd: !!float 4\ne: !!int \"5\"\nf: !custom 6\ng: |\n  7\n",
			want: []Record{y(1, obj{"a": "1", "b": "2", "c": "3", "d": 4.0, "e": int64(5), "f": int64(6), "g": "7\n"})}},
		{name: "timestamps stay strings", in: "d: 2024-01-01\nt: 2001-12-14t21:59:43.10-05:00\ns: !!timestamp 2024-02-02\n",
			want: []Record{y(1, obj{"d": "2024-01-01", "t": "2001-12-14t21:59:43.10-05:00", "s": "2024-02-02"})}},
		{name: "non-string keys", in: "1: a\ntrue: b\n~: c\n1.5: d\n2024-01-01: e\n? [x, 1]\n: f\n",
			want: []Record{y(1, obj{"1": "a", "true": "b", "null": "c", "1.5": "d", "2024-01-01": "e", "[x 1]": "f"})}},
		{name: "anchors and aliases", in: "base: &b {x: 1, l: [1, 2]}\ncopy: *b\nitems: [&i 7, *i]\n",
			want: []Record{y(1, obj{"base": obj{"x": int64(1), "l": arr{int64(1), int64(2)}},
				"copy": obj{"x": int64(1), "l": arr{int64(1), int64(2)}}, "items": arr{int64(7), int64(7)}})}},
		{name: "merge keys", in: "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  y: 3\n  <<: *a\nd:\n  <<: [*b, *a]\n",
			want: []Record{y(1, obj{"a": obj{"x": int64(1), "y": int64(1)}, "b": obj{"y": int64(2), "z": int64(2)},
				"c": obj{"x": int64(1), "y": int64(3)}, "d": obj{"x": int64(1), "y": int64(2), "z": int64(2)}})}},
		{name: "quoted << is a key", in: "'<<': 1\n", want: []Record{y(1, obj{"<<": int64(1)})}},
		{name: "bad merge", in: "a:\n  <<: 5\n", err: e(2, 7, "merge key needs a mapping or a sequence of mappings")},
		{name: "mapping values not allowed", in: "a: b: c\n", err: e(1, 0, "mapping values are not allowed in this context")},
		{name: "bad indentation", in: "a:\n  - 1\n - 2\n", err: e(3, 0, "did not find expected key")},
		{name: "unclosed flow sequence", in: "\n\n# c\nk: [1, 2\n", err: e(4, 0, "did not find expected ',' or ']'")},
		{name: "unclosed quote", in: "x: \"abc\n", err: e(2, 0, "found unexpected end of stream")},
		{name: "tab indentation", in: "\ta: 1\n", err: e(1, 0, "found character that cannot start any token")},
		{name: "error in second document", in: "a: 1\n---\nb: 1\n  c: 2\n", err: e(4, 0, "mapping values are not allowed in this context")},
		{name: "control character", in: "x: 1\ny: \x01\n", err: e(2, 0, "control characters are not allowed")},
		{name: "unknown anchor", in: "a: 1\nb: *nope\n", err: e(2, 0, "unknown anchor 'nope' referenced")},
		{name: "duplicate key", in: "a: 1\na: 2\n", err: e(2, 1, `duplicate mapping key "a"`)},
		{name: "duplicate key after conversion", in: "1: a\n\"1\": b\n", err: e(2, 1, `duplicate mapping key "1"`)},
		{name: "anchor cycle", in: "- &a [*a]\n", err: e(1, 7, `anchor "a" refers to itself`)},
		{name: "bad tagged value", in: "a: !!int abc\n", err: e(1, 4, `cannot read "abc" as !!int`)},
		{name: "excessive aliasing", in: billionLaughs(), err: e(5, 8, "document expands too many aliases")},
	})
}

// billionLaughs returns a small YAML document whose aliases expand to
// 9^9 nodes.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x]\n")
	for prev, n := 'a', 'b'; n <= 'i'; prev, n = n, n+1 {
		fmt.Fprintf(&b, "%c: &%c [%s*%c]\n", n, n, strings.Repeat(fmt.Sprintf("*%c, ", prev), 8), prev)
	}
	return b.String()
}

func TestDecodeCSV(t *testing.T) {
	e := func(line, col int, msg string) *DecodeError { return derr(CSV, line, col, msg) }
	runDecodeCases(t, CSV, []decodeCase{
		{name: "rows keyed by header", in: "id,name\n1,a\n2,b\n",
			want: []Record{row(2, 1, obj{"id": "1", "name": "a"}), row(3, 2, obj{"id": "2", "name": "b"})}},
		{name: "values stay strings", in: "n,b\n1.5,true\n", want: []Record{row(2, 1, obj{"n": "1.5", "b": "true"})}},
		{name: "byte-order mark", in: "\ufeffid,name\n1,a\n", want: []Record{row(2, 1, obj{"id": "1", "name": "a"})}},
		{name: "quoted newline", in: "id,note\n1,\"two\nlines\"\n2,x\n",
			want: []Record{row(2, 1, obj{"id": "1", "note": "two\nlines"}), row(4, 2, obj{"id": "2", "note": "x"})}},
		{name: "CRLF", in: "id,name\r\n1,a\r\n2,\"b\r\nc\"\r\n3,d\r",
			want: []Record{row(2, 1, obj{"id": "1", "name": "a"}), row(3, 2, obj{"id": "2", "name": "b\nc"}), row(5, 3, obj{"id": "3", "name": "d"})}},
		{name: "header only", in: "id,name\n", want: []Record{}},
		{name: "empty file", in: "", want: []Record{}},
		{name: "wrong field count", in: "a,b\n1,2\n3\n", err: e(3, 0, "wrong number of fields in row 2: got 1, want 2 as in the header")},
		{name: "duplicate header", in: "id,name,id\n1,2,3\n", err: e(1, 9, `duplicate header name "id"`)},
		{name: "empty header", in: "id,,name\n", err: e(1, 4, "empty header name in column 2")},
		{name: "empty header after byte-order mark", in: "\ufeff,a\n", err: e(1, 4, "empty header name in column 1")},
		{name: "bare quote is kept", in: "a,b\n1,The \"root\" account\n", want: []Record{row(2, 1, obj{"a": "1", "b": `The "root" account`})}},
		{name: "unterminated quote runs to the end", in: "a,b\n1,\"open\n", want: []Record{row(2, 1, obj{"a": "1", "b": "open\n"})}},
	})
}

func TestDecodeUnknownFormat(t *testing.T) {
	_, err := Decode("x.txt", []byte("1"), "xml")
	want := &DecodeError{File: "x.txt", Msg: `unknown format "xml"`}
	var de *DecodeError
	if !errors.As(err, &de) || *de != *want {
		t.Errorf("Decode(%q) = %v, want %v", "1", err, want)
	}
}

func TestDecodeErrorString(t *testing.T) {
	for _, tc := range []struct {
		err  DecodeError
		want string
	}{
		{DecodeError{File: "a.json", Line: 3, Col: 7, Msg: "bad"}, "a.json:3:7: bad"},
		{DecodeError{File: "a.yaml", Line: 3, Msg: "bad"}, "a.yaml:3: bad"},
		{DecodeError{File: "a.csv", Msg: "bad"}, "a.csv: bad"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("(%#v).Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestFormatFor(t *testing.T) {
	for _, tc := range []struct {
		name string
		want Format
		ok   bool
	}{
		{"a.json", JSON, true}, {"dir.v2/a.JSON", JSON, true}, {"a.ndjson", NDJSON, true}, {"a.jsonl", NDJSON, true},
		{"a.yaml", YAML, true}, {"a.yml", YAML, true}, {"a.csv", CSV, true},
		{"a.txt", "", false}, {"json", "", false}, {"a.json.gz", "", false}, {"", "", false},
	} {
		got, err := FormatFor(tc.name)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("FormatFor(%q) = %q, %v, want %q (ok %v)", tc.name, got, err, tc.want, tc.ok)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		word string
		want Format
		ok   bool
	}{
		{"json", JSON, true}, {"NDJSON", NDJSON, true}, {"jsonl", NDJSON, true}, {"yaml", YAML, true},
		{"yml", YAML, true}, {"csv", CSV, true}, {"xml", "", false}, {"", "", false}, {".json", "", false},
	} {
		got, err := ParseFormat(tc.word)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseFormat(%q) = %q, %v, want %q (ok %v)", tc.word, got, err, tc.want, tc.ok)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"", "[]", "[1, 2.5, \"x\", null, true]", "{\"a\": {\"b\": [18446744073709551616]}}", "1\n\n{\"a\":1}\n",
		"a: 1\n---\n- &x {b: 2}\n- *x\n- <<: *x\n", "id,name\n1,\"a\nb\"\n", "\ufeffa,b\r\n1,2\r\n", "[1 2", "a: b: c",
	} {
		for i := range Formats {
			f.Add([]byte(seed), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		format := Formats[int(which)%len(Formats)]
		recs, err := Decode("fuzz", data, format)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.File != "fuzz" || recs != nil {
				t.Fatalf("Decode(%q) = %v (records %s), want a *DecodeError for %s and no records", data, err, show(recs), format)
			}
			return
		}
		for i, r := range recs {
			checkRecord(t, data, format, i, r)
		}
	})
}

// checkRecord fails t unless r, the i-th record Decode returned for data,
// is well-formed.
func checkRecord(t *testing.T, data []byte, f Format, i int, r Record) {
	t.Helper()
	wantRow := 0
	if f == CSV || f == XLSX {
		wantRow = i + 1
	}
	if r.File != "fuzz" || r.Line < 1 || r.Row != wantRow || !plainValue(r.Value) {
		t.Fatalf("Decode(%q, %s) record %d = %s, want a plain value from line >= 1 and row %d", data, f, i, show([]Record{r}), wantRow)
	}
}

// plainValue reports whether v is made only of the types Record.Value
// allows.
func plainValue(v any) bool {
	switch v := v.(type) {
	case nil, string, int64, uint64, float64, bool:
		return true
	case []any:
		for _, e := range v {
			if !plainValue(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range v {
			if !plainValue(e) {
				return false
			}
		}
		return true
	}
	return false
}

// jsonArray100k returns a JSON array of 100 000 small objects, one a line.
func jsonArray100k() []byte {
	buf := []byte("[\n")
	for i := range 100000 {
		if i > 0 {
			buf = append(buf, ",\n"...)
		}
		buf = append(buf, `{"id":`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `,"severity":"HIGH","fixed":true,"score":7.5}`...)
	}
	return append(buf, "\n]\n"...)
}

func BenchmarkDecodeJSON100k(b *testing.B) {
	data := jsonArray100k()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		recs, err := Decode("bench.json", data, JSON)
		if err != nil || len(recs) != 100000 || recs[99999].Line != 100001 {
			b.Fatalf("Decode = %d records, %v", len(recs), err)
		}
	}
}
