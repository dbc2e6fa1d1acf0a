package report

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/assay-dev/assay/engine/verdict"
)

// ANSI colours for the status column. Only the status is coloured.
const ansiReset = "\x1b[0m"

var statusColors = map[verdict.Status]string{
	verdict.Pass:   "\x1b[32m", // green
	verdict.Warn:   "\x1b[33m", // yellow
	verdict.Fail:   "\x1b[31m", // red
	verdict.NoData: "\x1b[35m", // magenta
	verdict.Stale:  "\x1b[35m", // magenta
	verdict.Error:  "\x1b[31m", // red
	verdict.Waived: "\x1b[90m", // grey
}

// Cells longer than these are cut with "…", to keep rows on a line.
const (
	maxTitle  = 48
	maxReason = 72
)

// writeTable writes the report as aligned columns for a terminal,
// followed by the summary line. With opts.Color the status words are
// coloured.
func writeTable(w io.Writer, r *verdict.Report, opts Options) error {
	var plain bytes.Buffer
	tw := tabwriter.NewWriter(&plain, 0, 0, 2, ' ', 0)
	io.WriteString(tw, "STATUS\tMEASURE\tVALUE\tTARGET\tFINDINGS\tTITLE\tREASON\n")
	for i := range r.Verdicts {
		v := &r.Verdicts[i]
		cells := []string{
			string(v.Status), v.Measure, valueWithTrend(v), targetText(v),
			strconv.Itoa(len(v.Findings)), cut(oneLine(v.Title), maxTitle), cut(explain(v), maxReason),
		}
		for i, c := range cells {
			cells[i] = oneLine(c) // a tab or newline would break the columns
		}
		io.WriteString(tw, strings.Join(cells, "\t")+"\n")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	out := trimLines(plain.String())
	if opts.Color {
		out = colorStatuses(out, r.Verdicts)
	}
	out += "\n" + summaryText(r.Summary, ", ") + "\n"
	if gated(r) {
		out += "gate " + gateText(r.Gate) + "\n"
	}
	_, err := io.WriteString(w, out)
	return err
}

// colorStatuses colours the status word that starts each row. It works
// on the aligned text, so escape codes never upset the alignment.
func colorStatuses(table string, vs []verdict.Verdict) string {
	lines := strings.SplitAfter(table, "\n")
	for i := range vs {
		line, status := lines[i+1], string(vs[i].Status)
		color, ok := statusColors[vs[i].Status]
		if ok && strings.HasPrefix(line, status) {
			lines[i+1] = color + status + ansiReset + line[len(status):]
		}
	}
	return strings.Join(lines, "")
}

// trimLines drops the padding tabwriter leaves after an empty last
// cell.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// cut shortens s to at most n runes, marking the cut with "…".
func cut(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return strings.TrimRight(string(rs[:n-1]), " ") + "…"
}
