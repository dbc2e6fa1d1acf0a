package evidence

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetData is one sheet of a test workbook: its name and its cells by
// reference (A1, B2, ...).
type sheetData struct {
	name  string
	cells map[string]any
}

// workbook builds an .xlsx file with the given sheets, in order.
func workbook(t testing.TB, sheets ...sheetData) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for ref, v := range s.cells {
			if err := f.SetCellValue(s.name, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// trainingRegister builds a register of security awareness training: a
// header, three people, a blank row 4, dates shown as yyyy-mm-dd, whole
// and fractional numbers and a percentage.
func trainingRegister(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const s = "Training"
	must(t, f.SetSheetName("Sheet1", s))
	rows := [][]any{
		{"employee", "course", "completed_on", "score", "hours", "passed"},
		{"alice", "Phishing 101", date(2024, 3, 1), 92, 1.5, true},
		{"bob", "Phishing 101", date(2024, 3, 15), 67, 2, false},
		nil,
		{"carol", "Secure coding", nil, nil, 0.25},
	}
	for i, r := range rows {
		if r != nil {
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			must(t, f.SetSheetRow(s, ref, &r))
		}
	}
	iso := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &iso})
	must(t, err)
	must(t, f.SetCellStyle(s, "C2", "C5", dateStyle))
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
	must(t, err)
	must(t, f.SetCellValue(s, "G1", "share"))
	must(t, f.SetCellValue(s, "G2", 0.5))
	must(t, f.SetCellStyle(s, "G2", "G2", pct))
	_, err = f.NewSheet("Notes")
	must(t, err)
	must(t, f.SetCellValue("Notes", "A1", "note"))
	must(t, f.SetCellValue("Notes", "A2", "reviewed by the ISMS manager"))
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDecodeXLSXTrainingRegister(t *testing.T) {
	data := trainingRegister(t)
	got, err := DecodeXLSX("register.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	x := func(line, row int, v obj) Record {
		return Record{Value: v, File: "register.xlsx", Line: line, Row: row}
	}
	want := []Record{
		x(2, 1, obj{"employee": "alice", "course": "Phishing 101", "completed_on": "2024-03-01", "score": "92", "hours": "1.5", "passed": "TRUE", "share": "50%"}),
		x(3, 2, obj{"employee": "bob", "course": "Phishing 101", "completed_on": "2024-03-15", "score": "67", "hours": "2", "passed": "FALSE", "share": ""}),
		x(5, 3, obj{"employee": "carol", "course": "Secure coding", "completed_on": "", "score": "", "hours": "0.25", "passed": "", "share": ""}),
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeXLSX = %s\nwant %s", show(got), show(want))
	}
}

func TestDecodeXLSXNamedSheet(t *testing.T) {
	got, err := DecodeXLSX("register.xlsx", trainingRegister(t), "Notes")
	want := []Record{{Value: obj{"note": "reviewed by the ISMS manager"}, File: "register.xlsx", Line: 2, Row: 1}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeXLSX(Notes) = %s, want %s", result(got, err), show(want))
	}
}

func TestDecodeXLSXEmpty(t *testing.T) {
	for name, data := range map[string][]byte{
		"no cells":    workbook(t, sheetData{name: "S", cells: nil}),
		"header only": workbook(t, sheetData{name: "S", cells: map[string]any{"A1": "id", "B1": "name"}}),
		"zero bytes":  {},
	} {
		got, err := DecodeXLSX("e.xlsx", data, "")
		if err != nil || got == nil || len(got) != 0 {
			t.Errorf("%s: DecodeXLSX = %s, want no records", name, result(got, err))
		}
	}
}

func TestDecodeXLSXErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  []byte
		sheet string
		want  string
	}{
		{"missing sheet", workbook(t, sheetData{"A", nil}, sheetData{"B", nil}), "C",
			`e.xlsx: no sheet named "C"; the workbook has "A", "B"`},
		{"empty header", workbook(t, sheetData{"S", map[string]any{"A1": "id", "C1": "name"}}), "",
			"e.xlsx: sheet S row 1: empty header name in column B"},
		{"blank first row", workbook(t, sheetData{"S", map[string]any{"A2": "x"}}), "",
			"e.xlsx: sheet S row 1: empty header row; the first row must name the columns"},
		{"duplicate header", workbook(t, sheetData{"S", map[string]any{"A1": "id", "B1": "name", "C1": "id"}}), "",
			`e.xlsx: sheet S row 1: duplicate header name "id" in column C`},
		{"value without header", workbook(t, sheetData{"S", map[string]any{"A1": "id", "A2": "1", "A3": "2", "C3": "x"}}), "",
			"e.xlsx: sheet S row 3: value in column C, which has no header"},
		{"not a workbook", []byte("id,name\n1,a\n"), "",
			"e.xlsx: not an xlsx workbook: zip: not a valid zip file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := DecodeXLSX("e.xlsx", tc.data, tc.sheet)
			var de *DecodeError
			if !errors.As(err, &de) || err.Error() != tc.want || recs != nil {
				t.Fatalf("DecodeXLSX = %s, want error %q", result(recs, err), tc.want)
			}
		})
	}
}

func FuzzDecodeXLSX(f *testing.F) {
	f.Add(workbook(f, sheetData{"S", map[string]any{"A1": "id", "A2": 1, "B1": "n", "B3": "x"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := DecodeXLSX("fuzz", data, "")
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.File != "fuzz" || recs != nil {
				t.Fatalf("DecodeXLSX = %v, want a *DecodeError and no records", err)
			}
			return
		}
		for i, r := range recs {
			if r.File != "fuzz" || r.Row != i+1 || r.Line < 2 || !plainValue(r.Value) {
				t.Fatalf("record %d = %s, want a plain value from line >= 2 and row %d", i, show([]Record{r}), i+1)
			}
		}
	})
}
