package measures_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/bundle"
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

// BenchmarkCollectBundle collects the shipped evidence with the file
// plugin and writes it as a .tar.gz bundle, as `assay collect` does.
func BenchmarkCollectBundle(b *testing.B) {
	ctx := context.Background()
	set := compiledCatalogue(b)
	path := filepath.Join(b.TempDir(), "evidence.tar.gz")
	for b.Loop() {
		c, err := set.Gather(ctx, engine.GatherOptions{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bundle.Write(path, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyBundle opens that bundle, checking every digest, and
// decodes it for evaluation, as `assay eval --bundle` does first.
func BenchmarkVerifyBundle(b *testing.B) {
	ctx := context.Background()
	set := compiledCatalogue(b)
	path := filepath.Join(b.TempDir(), "evidence.tar.gz")
	c, err := set.Gather(ctx, engine.GatherOptions{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bundle.Write(path, c); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		opened, _, err := bundle.Open(path, bundle.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := set.Load(opened, engine.LoadOptions{CheckFreshness: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func compiledCatalogue(b *testing.B) *engine.Set {
	b.Helper()
	mod, diags := lang.Load([]string{"."})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	set, diags := engine.Compile(context.Background(), mod, catalogueOptions())
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	return set
}
