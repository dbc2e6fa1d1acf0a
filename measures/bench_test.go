package measures_test

import (
	"context"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/file"
)

// BenchmarkCatalogueCompile loads and compiles the shipped catalogue:
// HCL, every CEL expression and every Rego module.
func BenchmarkCatalogueCompile(b *testing.B) {
	for b.Loop() {
		mod, diags := lang.Load([]string{"."})
		if diags.HasErrors() {
			b.Fatal(diags.Error())
		}
		if _, diags := engine.Compile(context.Background(), mod, catalogueOptions()); diags.HasErrors() {
			b.Fatal(diags.Error())
		}
	}
}

// BenchmarkCatalogueEval collects the shipped evidence and evaluates
// every shipped measure, as one `assay eval` does after compiling.
func BenchmarkCatalogueEval(b *testing.B) {
	ctx := context.Background()
	mod, diags := lang.Load([]string{"."})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	set, diags := engine.Compile(ctx, mod, catalogueOptions())
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	asOf := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		ev, err := set.Collect(ctx)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: asOf})
		if err != nil || rep.Summary.Error > 0 {
			b.Fatalf("Evaluate: %v, %d errors", err, rep.Summary.Error)
		}
	}
}

func catalogueOptions() engine.Options {
	return engine.Options{Plugins: plugins.Registry{"file": file.Plugin{}}, EvidenceDir: evidenceDir}
}
