package engine

import (
	"time"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// historyValue is what CEL's history holds: the samples recorded before
// asOf, oldest first, each as {as_of: timestamp, value: double}.
func historyValue(samples []trend.Sample, asOf time.Time) []any {
	past := trend.Past(samples, asOf)
	out := make([]any, len(past))
	for i, s := range past {
		out[i] = map[string]any{"as_of": s.AsOf.UTC(), "value": s.Value}
	}
	return out
}

// addTrends compares each verdict's value with its measure's history,
// over the measure's analysis window (frequency.analyse; the whole
// history when it has none).
func addTrends(measures []*measure, verdicts []verdict.Verdict, history map[string][]trend.Sample, asOf time.Time) {
	for i, m := range measures {
		window := time.Duration(0)
		if m.def.Frequency.Analyse != "" {
			window, _ = lang.ParseDuration(m.def.Frequency.Analyse)
		}
		t := trend.Compute(history[m.def.ID], verdicts[i].Value, m.def.Indicator.Better, window, asOf)
		verdicts[i].Trend = &t
	}
}
