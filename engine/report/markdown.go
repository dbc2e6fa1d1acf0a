package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/assay-dev/assay/engine/verdict"
)

// statusIcons mark statuses in Markdown; the status word always follows,
// for readers that do not show emoji.
var statusIcons = map[verdict.Status]string{
	verdict.Pass:   "✅",
	verdict.Warn:   "⚠️",
	verdict.Fail:   "❌",
	verdict.NoData: "❔",
	verdict.Stale:  "⏳",
	verdict.Error:  "🛑",
	verdict.Waived: "🔕",
}

// writeMarkdown writes the report for a pipeline's job summary: the
// counts, a table of measures, the findings (at most maxListed per
// measure) and the notices.
func writeMarkdown(w io.Writer, r *verdict.Report) error {
	var b bytes.Buffer
	b.WriteString("## Assay verdicts\n\n")
	fmt.Fprintf(&b, "**%s**\n\n", md(summaryText(r.Summary, " · ")))
	if gated(r) {
		fmt.Fprintf(&b, "%s\n\n", mdGate(r.Gate))
	}
	fmt.Fprintf(&b, "Run %s as of %s, assay %s.\n\n", md(r.Run.ID), md(r.Run.AsOf), md(r.Run.AssayVersion))
	if len(r.Verdicts) > 0 {
		mdTable(&b, r.Verdicts)
	}
	mdFindings(&b, r.Verdicts)
	mdNotices(&b, r.Notices)
	_, err := w.Write(bytes.TrimRight(b.Bytes(), "\n"))
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

// summaryText is "7 measures: 1 pass, 1 warn, …" with sep between the
// counts.
func summaryText(s verdict.Summary, sep string) string {
	return fmt.Sprintf("%s: %s", plural(s.Total, "measure"), strings.Join([]string{
		fmt.Sprintf("%d pass", s.Pass), fmt.Sprintf("%d warn", s.Warn), fmt.Sprintf("%d fail", s.Fail),
		fmt.Sprintf("%d no_data", s.NoData), fmt.Sprintf("%d stale", s.Stale),
		fmt.Sprintf("%d error", s.Error), fmt.Sprintf("%d waived", s.Waived),
	}, sep))
}

func mdTable(b *bytes.Buffer, vs []verdict.Verdict) {
	b.WriteString("| Status | Measure | Title | Value | Target | Reason |\n")
	b.WriteString("| --- | --- | --- | ---: | ---: | --- |\n")
	for i := range vs {
		v := &vs[i]
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n",
			mdStatus(v.Status), md(v.Measure), md(v.Title), md(valueWithTrend(v)), md(targetText(v)), md(explain(v)))
	}
	b.WriteString("\n")
}

// mdGate is "Gate ✅ passed (--fail-on fail)", or "Gate ❌ failed
// (--fail-on fail): " and what blocks it.
func mdGate(g verdict.Gate) string {
	icon := statusIcons[verdict.Pass]
	if !g.Passed {
		icon = statusIcons[verdict.Fail]
	}
	line := "**Gate** " + icon + " " + gateWord(g) + " (--fail-on " + md(g.FailOn) + ")"
	if why := gateReasons(g); why != "" {
		line += ": " + md(why)
	}
	return line
}

func mdStatus(s verdict.Status) string {
	if icon, ok := statusIcons[s]; ok {
		return icon + " " + md(string(s))
	}
	return md(string(s))
}

func mdFindings(b *bytes.Buffer, vs []verdict.Verdict) {
	heading := false
	for i := range vs {
		v := &vs[i]
		if len(v.Findings) == 0 {
			continue
		}
		if !heading {
			b.WriteString("### Findings\n\n")
			heading = true
		}
		fmt.Fprintf(b, "#### %s (%s)\n\n", md(label(v)), plural(len(v.Findings), "finding"))
		for j, f := range v.Findings {
			if j == maxListed {
				fmt.Fprintf(b, "- … and %d more\n", len(v.Findings)-maxListed)
				break
			}
			b.WriteString("- " + mdFinding(f) + "\n")
		}
		b.WriteString("\n")
	}
}

// mdFinding is "**policy**: message — resource, file:line".
func mdFinding(f verdict.Finding) string {
	line := "**" + md(f.Policy) + "**: " + md(f.Message)
	var where []string
	if f.Resource != "" {
		where = append(where, md(f.Resource))
	}
	if f.File != "" {
		where = append(where, md(fileLine(f.File, f.Line)))
	}
	if len(where) > 0 {
		line += " — " + strings.Join(where, ", ")
	}
	if f.Waived {
		line += " (waived)"
	}
	return line
}

func mdNotices(b *bytes.Buffer, ns []verdict.Notice) {
	if len(ns) == 0 {
		return
	}
	b.WriteString("### Notices\n\n")
	for _, n := range ns {
		b.WriteString("- " + md(noticeText(n)) + "\n")
	}
	b.WriteString("\n")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// mdEscaper backslash-escapes the ASCII punctuation that Markdown (and
// a table cell) would otherwise read as syntax or HTML.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`,
)

// md makes untrusted text safe for one line of Markdown: folded onto one
// line, control characters dropped, syntax escaped.
func md(s string) string {
	return mdEscaper.Replace(oneLine(s))
}
