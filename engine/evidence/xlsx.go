package evidence

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSX is the format of Office Open XML spreadsheets (.xlsx).
const XLSX Format = "xlsx"

// xlsxUnzipLimit bounds how much a workbook may inflate to when opened,
// so that a small zip bomb cannot exhaust memory.
const xlsxUnzipLimit = 1 << 30

// DecodeXLSX decodes one sheet of an .xlsx workbook: the sheet named
// sheet, or the first sheet of the workbook when sheet is empty. The
// sheet's first row is the header, as in CSV: its names must be distinct
// and not blank. Every later row that is not blank becomes a map from
// header name to the cell's value formatted as the spreadsheet displays
// it (numbers and dates included), so every value is a string. A record's
// Line is its spreadsheet row number and Row counts the records from 1.
// Any failure is a *DecodeError whose message names the sheet and row
// where it can. DecodeXLSX never panics on any input.
func DecodeXLSX(name string, data []byte, sheet string) (recs []Record, err error) {
	defer func() {
		// excelize parses untrusted bytes; a panic inside it must not
		// take the run down.
		if p := recover(); p != nil {
			recs, err = nil, &DecodeError{File: name, Msg: fmt.Sprintf("unreadable workbook: %v", p)}
		}
	}()
	if len(data) == 0 {
		return []Record{}, nil // an empty file, as for the other formats
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit})
	if err != nil {
		return nil, &DecodeError{File: name, Msg: fmt.Sprintf("not an xlsx workbook: %v", err)}
	}
	defer f.Close()
	sheet, err = pickSheet(name, f, sheet)
	if err != nil {
		return nil, err
	}
	recs, err = sheetRecords(name, f, sheet)
	if err != nil {
		return nil, err
	}
	if recs == nil {
		recs = []Record{}
	}
	return recs, nil
}

// pickSheet returns the sheet to read: want when the workbook has it,
// the first sheet when want is empty.
func pickSheet(name string, f *excelize.File, want string) (string, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return "", &DecodeError{File: name, Msg: "workbook has no sheets"}
	}
	if want == "" {
		return list[0], nil
	}
	for _, s := range list {
		if s == want {
			return s, nil
		}
	}
	return "", &DecodeError{File: name, Msg: fmt.Sprintf("no sheet named %q; the workbook has %s", want, quoteAll(list))}
}

// sheetRecords reads the header row and the data rows of a sheet.
func sheetRecords(name string, f *excelize.File, sheet string) ([]Record, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, sheetError(name, sheet, 0, err.Error())
	}
	defer rows.Close()
	var header []string
	var recs []Record
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, sheetError(name, sheet, line, err.Error())
		}
		if line == 1 {
			if header, err = xlsxHeader(name, sheet, cells); err != nil {
				return nil, err
			}
			continue
		}
		r, ok, err := xlsxRow(name, sheet, line, header, cells)
		if err != nil {
			return nil, err
		}
		if ok {
			r.Row = len(recs) + 1
			recs = append(recs, r)
		}
	}
	if err := rows.Error(); err != nil {
		return nil, sheetError(name, sheet, 0, err.Error())
	}
	return recs, nil
}

// xlsxHeader checks the header row: no blank and no repeated names.
func xlsxHeader(name, sheet string, cells []string) ([]string, error) {
	seen := make(map[string]bool, len(cells))
	for i, h := range cells {
		switch {
		case strings.TrimSpace(h) == "":
			return nil, sheetError(name, sheet, 1, fmt.Sprintf("empty header name in column %s", columnName(i)))
		case seen[h]:
			return nil, sheetError(name, sheet, 1, fmt.Sprintf("duplicate header name %q in column %s", h, columnName(i)))
		}
		seen[h] = true
	}
	return cells, nil
}

// xlsxRow turns one data row into a record; ok is false for a blank row.
// Cells missing at the end of a row are empty strings; a value in a
// column that has no header is an error.
func xlsxRow(name, sheet string, line int, header, cells []string) (Record, bool, error) {
	blank := true
	for i, c := range cells {
		if c == "" {
			continue
		}
		if len(header) == 0 {
			return Record{}, false, sheetError(name, sheet, 1, "empty header row; the first row must name the columns")
		}
		if i >= len(header) {
			return Record{}, false, sheetError(name, sheet, line, fmt.Sprintf("value in column %s, which has no header", columnName(i)))
		}
		blank = false
	}
	if blank {
		return Record{}, false, nil
	}
	m := make(map[string]any, len(header))
	for i, h := range header {
		m[h] = ""
		if i < len(cells) {
			m[h] = cells[i]
		}
	}
	return Record{Value: m, File: name, Line: line}, true, nil
}

// sheetError is a *DecodeError that names the sheet and, when row is
// positive, the spreadsheet row.
func sheetError(name, sheet string, row int, msg string) error {
	where := fmt.Sprintf("sheet %s", sheet)
	if row > 0 {
		where += fmt.Sprintf(" row %d", row)
	}
	return &DecodeError{File: name, Msg: where + ": " + msg}
}

// columnName returns the spreadsheet letters of the 0-based column i.
func columnName(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return s
}

// quoteAll formats names as a comma-separated list of quoted strings.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
