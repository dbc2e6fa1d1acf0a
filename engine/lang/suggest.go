package lang

import (
	"fmt"

	"github.com/agext/levenshtein"
)

// Suggest returns " Did you mean "x"?" when one of names is close to
// got, and "" otherwise.
func Suggest(got string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if d := levenshtein.Distance(got, n, nil); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}
