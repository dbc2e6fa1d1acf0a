package plugins

import "testing"

func TestXLSXMediaType(t *testing.T) {
	for _, tc := range []struct {
		sheet, want string
	}{
		{"", MediaXLSX},
		{"Training", MediaXLSX + "; sheet=Training"},
		{"Q1 2024", MediaXLSX + `; sheet="Q1 2024"`},
	} {
		got := XLSXMediaType(tc.sheet)
		if got != tc.want {
			t.Errorf("XLSXMediaType(%q) = %q, want %q", tc.sheet, got, tc.want)
		}
		sheet, ok := ParseXLSXMediaType(got)
		if !ok || sheet != tc.sheet {
			t.Errorf("ParseXLSXMediaType(%q) = %q, %v, want %q, true", got, sheet, ok, tc.sheet)
		}
	}
	for _, mt := range []string{MediaJSON, MediaCSV, "", "application/vnd.ms-excel"} {
		if _, ok := ParseXLSXMediaType(mt); ok {
			t.Errorf("ParseXLSXMediaType(%q) = ok, want not xlsx", mt)
		}
	}
}
