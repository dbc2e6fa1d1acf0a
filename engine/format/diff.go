package format

import (
	"bytes"
	"fmt"
)

// contextLines is how many unchanged lines a hunk shows around a change.
const contextLines = 3

// Unified returns the line-based difference from a to b in the unified
// format of diff -u: a "---" header naming aName, a "+++" header naming
// bName, then @@ hunks with three lines of context. A last line without
// a newline is followed by "\ No newline at end of file". Unified
// returns nil when a and b are equal.
func Unified(aName, bName string, a, b []byte) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	edits := editScript(splitLines(a), splitLines(b))
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	for _, h := range hunks(edits) {
		writeHunk(&out, edits[h[0]:h[1]])
	}
	return out.Bytes()
}

// splitLines cuts text into lines, each with its newline; the last line
// lacks one when the text does not end with a newline.
func splitLines(text []byte) []string {
	var lines []string
	for len(text) > 0 {
		end := len(text)
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			end = i + 1
		}
		lines = append(lines, string(text[:end]))
		text = text[end:]
	}
	return lines
}

// edit is one line of an edit script: kept (' '), deleted from a ('-')
// or inserted from b ('+'). ai and bi are the numbers of lines of a and
// of b that come before it.
type edit struct {
	op     byte
	line   string
	ai, bi int
}

// editScript returns a shortest edit script that turns a into b, with
// the deletions of each change before its insertions.
func editScript(a, b []string) []edit {
	d := &differ{a: a, b: b, del: make([]bool, len(a)), ins: make([]bool, len(b))}
	d.compare(0, len(a), 0, len(b))
	var edits []edit
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && d.del[i]:
			edits = append(edits, edit{'-', a[i], i, j})
			i++
		case j < len(b) && d.ins[j]:
			edits = append(edits, edit{'+', b[j], i, j})
			j++
		default:
			edits = append(edits, edit{' ', a[i], i, j})
			i++
			j++
		}
	}
	return edits
}

// hunks groups the changes of edits into hunks, each the half-open
// range of edits it prints: the changes with their context, merged when
// the context of two changes would touch or overlap.
func hunks(edits []edit) [][2]int {
	var out [][2]int
	for i, e := range edits {
		if e.op == ' ' {
			continue
		}
		start, end := max(i-contextLines, 0), min(i+1+contextLines, len(edits))
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = end
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// writeHunk writes one hunk: its @@ header and its lines.
func writeHunk(out *bytes.Buffer, edits []edit) {
	var na, nb int
	for _, e := range edits {
		if e.op != '+' {
			na++
		}
		if e.op != '-' {
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(edits[0].ai, na), hunkRange(edits[0].bi, nb))
	for _, e := range edits {
		out.WriteByte(e.op)
		out.WriteString(e.line)
		if e.line == "" || e.line[len(e.line)-1] != '\n' {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats the lines a hunk covers in one file, as diff -u
// does: "start,count", "start" alone for one line, and for no lines the
// number of the line before them.
func hunkRange(before, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, count)
}
