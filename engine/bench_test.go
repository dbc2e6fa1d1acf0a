package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/verdict"
)

// benchRecords is the size of the generated evidence file.
const benchRecords = 100_000

// writeBenchEvidence writes a JSON array of benchRecords findings, one
// in ten CRITICAL, so both measures below count benchRecords/10.
func writeBenchEvidence(b *testing.B, dir string) {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("[\n")
	for i := range benchRecords {
		sev := "LOW"
		if i%10 == 0 {
			sev = "CRITICAL"
		}
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"id": "F-%d", "severity": %q, "score": %d.5, "fixed": %t}`, i, sev, i%10, i%3 == 0)
	}
	sb.WriteString("\n]\n")
	if err := os.WriteFile(filepath.Join(dir, "e.json"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

const benchCEL = `
  base_measure "critical" {
    expr = "evidence.s.filter(r, r.severity == 'CRITICAL').size()"
  }
  base_measure "total" {
    expr = "size(evidence.s)"
  }
  indicator {
    expr = "100.0 * critical / total"
  }
  decision {
    pass = "value <= 10.0"
  }`

const benchRego = `
  policy "critical" {
    rego = <<-REGO
      package bench
      findings contains {"msg": sprintf("%s is critical", [r.id]), "resource": r.id} if {
        some r in input.evidence.s
        r.severity == "CRITICAL"
      }
    REGO
    query = "data.bench.findings"
  }
  base_measure "critical" {
    expr = "size(policy.critical)"
  }
  indicator {
    expr = "critical"
  }
  decision {
    pass = "value <= 10000.0"
  }`

func BenchmarkCEL100k(b *testing.B)  { benchMeasure(b, benchCEL, 10) }
func BenchmarkRego100k(b *testing.B) { benchMeasure(b, benchRego, benchRecords/10) }

// benchMeasure times Evaluate of one measure over the generated file;
// collecting and decoding it is timed by BenchmarkCollect100k.
func benchMeasure(b *testing.B, body string, want float64) {
	ctx := context.Background()
	dir := b.TempDir()
	writeBenchEvidence(b, dir)
	if err := os.WriteFile(filepath.Join(dir, "m.hcl"), []byte(measureHCL("e.json", body)), 0o644); err != nil {
		b.Fatal(err)
	}
	set, diags := compileDir(b, dir)
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	ev, err := set.Collect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rep, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: asOf})
		if err != nil {
			b.Fatal(err)
		}
		v := rep.Verdicts[0]
		if v.Status != verdict.Pass || *v.Value != want {
			b.Fatalf("verdict = %s %v (%s), want pass %v", v.Status, v.Value, v.Reason, want)
		}
	}
}

// BenchmarkCollect100k reads and decodes the generated file, and
// converts it to Rego's value form for the policy.
func BenchmarkCollect100k(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	writeBenchEvidence(b, dir)
	if err := os.WriteFile(filepath.Join(dir, "m.hcl"), []byte(measureHCL("e.json", benchRego)), 0o644); err != nil {
		b.Fatal(err)
	}
	set, diags := compileDir(b, dir)
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := set.Collect(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
