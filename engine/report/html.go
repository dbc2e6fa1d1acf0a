package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

//go:embed html.tmpl
var htmlTemplate string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"number": func(p *float64) string {
		if p == nil {
			return "–"
		}
		return rounded(*p)
	},
	"unit": unitSuffix,
}).Parse(htmlTemplate))

// WriteHTML writes one self-contained HTML page: the run's summary, and
// for every measure its status, its value against its target and an
// SVG chart of its recorded values with the current one. The page loads
// nothing from the network.
func WriteHTML(w io.Writer, r *verdict.Report, history map[string][]trend.Sample) error {
	at, err := asOf(r)
	if err != nil {
		return err
	}
	data := htmlPage{Report: r}
	for _, v := range r.Verdicts {
		data.Measures = append(data.Measures, htmlMeasure{
			Verdict: v,
			Chart:   chartFor(v, trend.Past(history[v.Measure], at), at),
		})
	}
	var b strings.Builder
	if err := page.Execute(&b, data); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

type htmlPage struct {
	Report   *verdict.Report
	Measures []htmlMeasure
}

type htmlMeasure struct {
	Verdict verdict.Verdict
	Chart   chart
}

// chart is a measure's trend drawn in SVG user units.
type chart struct {
	Width, Height float64
	Points        string // the polyline's points
	Dots          []dot
	TargetY       float64
	HasTarget     bool
	Min, Max      string // axis labels
	First, Last   string // time labels
	Count         int
}

type dot struct {
	X, Y    float64
	Title   string
	Current bool
}

const (
	chartW, chartH = 320.0, 120.0
	padX, padY     = 8.0, 12.0
)

// chartFor scales the past samples and the current value into the
// chart's box: time along x, value along y, the target as a line.
func chartFor(v verdict.Verdict, past []trend.Sample, asOf time.Time) chart {
	samples := append([]trend.Sample(nil), past...)
	if v.Value != nil {
		samples = append(samples, trend.Sample{AsOf: asOf, Value: *v.Value})
	}
	c := chart{Width: chartW, Height: chartH, Count: len(samples)}
	if len(samples) == 0 {
		return c
	}
	sort.SliceStable(samples, func(i, j int) bool { return samples[i].AsOf.Before(samples[j].AsOf) })
	lo, hi := valueRange(samples, v.Target)
	t0, t1 := samples[0].AsOf, samples[len(samples)-1].AsOf
	x := func(t time.Time) float64 {
		if !t1.After(t0) {
			return chartW / 2
		}
		return padX + (chartW-2*padX)*float64(t.Sub(t0))/float64(t1.Sub(t0))
	}
	y := func(val float64) float64 { return chartH - padY - (chartH-2*padY)*(val-lo)/(hi-lo) }
	var pts []string
	for i, s := range samples {
		px, py := x(s.AsOf), y(s.Value)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
		current := v.Value != nil && i == len(samples)-1
		c.Dots = append(c.Dots, dot{X: px, Y: py, Current: current, Title: fmt.Sprintf("%s: %s", s.AsOf.UTC().Format("2006-01-02"), rounded(s.Value))})
	}
	c.Points = strings.Join(pts, " ")
	if v.Target != nil {
		c.HasTarget, c.TargetY = true, y(*v.Target)
	}
	c.Min, c.Max = rounded(lo), rounded(hi)
	c.First, c.Last = t0.UTC().Format("2006-01-02"), t1.UTC().Format("2006-01-02")
	return c
}

// valueRange spans the values and the target, never empty.
func valueRange(samples []trend.Sample, target *float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range samples {
		lo, hi = math.Min(lo, s.Value), math.Max(hi, s.Value)
	}
	if target != nil {
		lo, hi = math.Min(lo, *target), math.Max(hi, *target)
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	return lo, hi
}
