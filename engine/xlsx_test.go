package engine_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/verdict"
)

// TestSpreadsheetRegister measures training completion over a register
// kept in Excel: the file plugin reads the named sheet, its header row
// gives the keys and every cell is the text it displays.
func TestSpreadsheetRegister(t *testing.T) {
	text := measureHCL("register.xlsx", `
  base_measure "staff" {
    expr = "size(evidence.s)"
  }
  base_measure "done" {
    expr = "evidence.s.filter(r, r.completed != '').size()"
  }
  indicator {
    expr = "100.0 * done / staff"
  }
  decision {
    pass = "value >= 75.0"
  }`)
	text = strings.Replace(text, `paths = ["register.xlsx"]`, "paths = [\"register.xlsx\"]\n    sheet = \"Training\"", 1)
	dir := fixture{"m.hcl": text}.write(t)
	// The measure reads the sheet "Training"; a first sheet of notes must
	// be skipped. 3 of 4 staff completed: 100 * 3 / 4 = 75 → pass.
	f := excelize.NewFile()
	must(t, f.SetSheetName("Sheet1", "Notes"))
	must(t, f.SetCellValue("Notes", "A1", "not a register"))
	if _, err := f.NewSheet("Training"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"employee", "completed"}, {"E1", "2026-03-01"}, {"E2", ""}, {"E3", "2026-04-12"}, {"E4", "2026-05-30"}}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, f.SetSheetRow("Training", cell, &row))
	}
	must(t, f.SaveAs(filepath.Join(dir, "register.xlsx")))

	set, diags := compileDir(t, dir)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ev, err := set.Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := set.Evaluate(t.Context(), ev, engine.EvalOptions{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	v := only(t, rep)
	wantValue(t, v, verdict.Pass, 75)
	if v.Base["staff"].Value == nil || *v.Base["staff"].Value != 4 {
		t.Errorf("staff = %v, want 4", v.Base["staff"].Value)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
