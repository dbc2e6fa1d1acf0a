package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// htmlFixture is a run of three measures: one with four recorded values,
// one with none, and one without a value (no_data).
func htmlFixture() (*verdict.Report, map[string][]trend.Sample) {
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	r := &verdict.Report{
		SchemaVersion: verdict.SchemaVersion,
		Run:           verdict.Run{ID: "0b5c0e8e-7c2a-8f1e-9d3b-5a6c7d8e9f01", AsOf: at.Format(time.RFC3339), AssayVersion: "test"},
		Summary:       verdict.Summary{Total: 3, Pass: 1, Warn: 1, NoData: 1},
		Gate:          verdict.Gate{FailOn: "fail", Passed: false, Blocking: []verdict.Blocker{}},
		Verdicts: []verdict.Verdict{
			{Measure: "VUL-01", Title: "Fixable <b>vulnerabilities</b>", Status: verdict.Pass, Value: ptr(96), Target: ptr(95), Unit: "%", Better: "higher"},
			{Measure: "IAM-01", Title: "MFA coverage", Status: verdict.Warn, Value: ptr(88), Target: ptr(100), Unit: "%", Better: "higher"},
			{Measure: "ORG-01", Title: "Training", Status: verdict.NoData, Reason: "source training has no records", Better: "higher"},
		},
	}
	history := map[string][]trend.Sample{"VUL-01": {
		{AsOf: at.AddDate(0, 0, -30), Value: 80},
		{AsOf: at.AddDate(0, 0, -20), Value: 85},
		{AsOf: at.AddDate(0, 0, -10), Value: 91},
		{AsOf: at.AddDate(0, 0, 5), Value: 10}, // after the run: not drawn
	}}
	return r, history
}

func TestWriteHTML(t *testing.T) {
	r, history := htmlFixture()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r, history); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// VUL-01: three past values and the current one; IAM-01: only the
	// current one; ORG-01: none.
	for measure, points := range map[string]string{"VUL-01": "4", "IAM-01": "1", "ORG-01": "0"} {
		if !strings.Contains(page, `data-measure="`+measure+`" data-points="`+points+`"`) {
			t.Errorf("no chart for %s with %s points", measure, points)
		}
	}
	if strings.Contains(page, "<b>vulnerabilities</b>") {
		t.Errorf("a title was not escaped")
	}
	if regexp.MustCompile(`(?i)(src|href)=["']?https?:`).MatchString(page) {
		t.Errorf("the page loads something from the network")
	}
	// The target line of VUL-01: values 80..96 and target 95 span the
	// range, so the target sits 1/16 of the way down from the top of the
	// plot area: 12 + 96 * (96 - 95) / (96 - 80) = 18.
	if !strings.Contains(page, `y1="18" y2="18"`) {
		t.Errorf("VUL-01's target line is not at y=18")
	}
}

// TestHTMLInChromium opens the report in headless Chromium, as a person
// would, and checks that every chart rendered: the page's script marks
// each chart that laid out with shapes, and the screenshot shows the
// charts' blue line.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	r, history := htmlFixture()
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r, history); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, bin, dir, "--dump-dom", "file://"+file)
	rendered := regexp.MustCompile(`data-measure="([^"]+)"[^>]*data-rendered="yes"`).FindAllStringSubmatch(dom, -1)
	if len(rendered) != 3 {
		t.Errorf("charts rendered = %d (%v), want 3", len(rendered), rendered)
	}
	shot := filepath.Join(dir, "shot.png")
	runChromium(t, bin, dir, "--screenshot="+shot, "--window-size=1280,900", "file://"+file)
	if n := bluePixels(t, shot); n < 200 {
		t.Errorf("the screenshot has %d pixels of the chart line's blue, want at least 200", n)
	}
}

// chromium finds Debian's chromium; CI installs it, so there it must be.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium")
	}
	t.Skip("chromium is not installed here (CI installs it): apt-get install chromium")
	return ""
}

func runChromium(t *testing.T, bin, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile")}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.String()
}

// bluePixels counts the pixels close to the chart line's colour, #0969da.
func bluePixels(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return countNear(img, 0x09, 0x69, 0xda, 40)
}

func countNear(img image.Image, r0, g0, b0 int, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if abs(int(r>>8)-r0) <= tol && abs(int(g>>8)-g0) <= tol && abs(int(bl>>8)-b0) <= tol {
				n++
			}
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
