package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/lang"
)

// staleness says why a measure's evidence is too old at the run's
// as-of time, or "" when it is fresh enough. A source's max_age applies;
// without one, the measure's collection frequency does. Evidence whose
// collection time is unknown (collected by this very run) is fresh.
func (r *run) staleness(m *measure) string {
	var reasons []string
	for _, ref := range m.def.Evidence {
		se := r.ev.sources[ref.Name]
		if se == nil || se.collectedAt.IsZero() {
			continue
		}
		limit, what := maxAge(r.sources[ref.Name], m.def)
		if limit <= 0 {
			continue
		}
		if age := r.asOf.Sub(se.collectedAt); age > limit {
			reasons = append(reasons, fmt.Sprintf("source %s was collected at %s, %s before the as-of time, more than its %s",
				ref.Name, se.collectedAt.UTC().Format(time.RFC3339), roundAge(age), what))
		}
	}
	return strings.Join(reasons, "; ")
}

// maxAge is how old a source's evidence may be for a measure, and how
// to name that limit in a message.
func maxAge(src *lang.Source, def *lang.Measure) (time.Duration, string) {
	if src != nil && src.MaxAge > 0 {
		return src.MaxAge, "max_age of " + src.MaxAgeText
	}
	if def.Frequency.Collect != "" {
		if d, err := lang.ParseDuration(def.Frequency.Collect); err == nil {
			return d, "collection frequency of " + def.Frequency.Collect
		}
	}
	return 0, ""
}

func roundAge(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	return d.Round(time.Minute).String()
}
