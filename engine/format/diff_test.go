package format

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{
			name: "equal",
			a:    "x\ny\n",
			b:    "x\ny\n",
			want: "",
		},
		{
			name: "one line changed",
			a:    "a\nb\nc\n",
			b:    "a\nB\nc\n",
			want: "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
		},
		{
			name: "single line files",
			a:    "a\n",
			b:    "b\n",
			want: "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
		},
		{
			name: "from empty",
			a:    "",
			b:    "a\nb\n",
			want: "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n",
		},
		{
			name: "to empty",
			a:    "a\n",
			b:    "",
			want: "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n",
		},
		{
			name: "context is three lines",
			a:    "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			b:    "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "pure insertion",
			a:    "1\n2\n3\n4\n5\n6\n",
			b:    "1\n2\n3\nnew\n4\n5\n6\n",
			want: "--- a/f\n+++ b/f\n@@ -1,6 +1,7 @@\n 1\n 2\n 3\n+new\n 4\n 5\n 6\n",
		},
		{
			name: "six unchanged lines join two changes",
			a:    "a\n1\n2\n3\n4\n5\n6\nb\n",
			b:    "A\n1\n2\n3\n4\n5\n6\nB\n",
			want: "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n",
		},
		{
			name: "seven unchanged lines make two hunks",
			a:    "a\n1\n2\n3\n4\n5\n6\n7\nb\n",
			b:    "A\n1\n2\n3\n4\n5\n6\n7\nB\n",
			want: "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n",
		},
		{
			name: "missing final newline added",
			a:    "a\nb",
			b:    "a\nb\n",
			want: "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name: "final newline removed",
			a:    "a\n",
			b:    "a",
			want: "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n",
		},
		{
			name: "deletions before insertions",
			a:    "k\nx\ny\nk\n",
			b:    "k\np\nq\nr\nk\n",
			want: "--- a/f\n+++ b/f\n@@ -1,4 +1,5 @@\n k\n-x\n-y\n+p\n+q\n+r\n k\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Unified("a/f", "b/f", []byte(tc.a), []byte(tc.b)))
			if got != tc.want {
				t.Errorf("Unified(%q, %q) =\n%s\nwant\n%s", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// TestEditScriptShortest checks on random inputs that the script turns a
// into b and is as short as the longest common subsequence allows.
func TestEditScriptShortest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		a, b := randomLines(r), randomLines(r)
		edits := editScript(a, b)
		var gotA, gotB []string
		changes := 0
		for _, e := range edits {
			if e.op != '+' {
				gotA = append(gotA, e.line)
			}
			if e.op != '-' {
				gotB = append(gotB, e.line)
			}
			if e.op != ' ' {
				changes++
			}
		}
		if strings.Join(gotA, "") != strings.Join(a, "") || strings.Join(gotB, "") != strings.Join(b, "") {
			t.Fatalf("editScript(%q, %q) = %v, which does not turn a into b", a, b, edits)
		}
		if want := len(a) + len(b) - 2*lcsLength(a, b); changes != want {
			t.Fatalf("editScript(%q, %q) has %d changes, want %d", a, b, changes, want)
		}
	}
}

// randomLines returns up to 12 lines from a three-letter alphabet, so
// that many lines repeat.
func randomLines(r *rand.Rand) []string {
	lines := make([]string, r.IntN(13))
	for i := range lines {
		lines[i] = string(rune('a'+r.IntN(3))) + "\n"
	}
	return lines
}

// lcsLength is the textbook dynamic program, the reference for
// TestEditScriptShortest.
func lcsLength(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
