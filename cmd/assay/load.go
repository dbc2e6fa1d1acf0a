package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/diag"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/command"
	"github.com/assay-dev/assay/plugins/external"
	"github.com/assay-dev/assay/plugins/file"
	"github.com/assay-dev/assay/plugins/github"
	"github.com/assay-dev/assay/plugins/http"
)

// builtins are the plugins every run has.
func builtins() plugins.Registry {
	return plugins.Registry{
		"file":    file.Plugin{},
		"http":    http.Plugin{},
		"command": command.Plugin{},
		"github":  github.Plugin{},
	}
}

// registry is the built-in plugins plus the external ones found in the
// configured plugin folder.
func registry(v *viper.Viper) (plugins.Registry, error) {
	reg := builtins()
	dir := v.GetString("plugin-dir")
	if dir == "" {
		return reg, nil
	}
	found, err := external.Discover(dir)
	if err != nil {
		return nil, err
	}
	return reg, external.Register(reg, found)
}

// compile loads and compiles the measures at paths, with the evidence
// folder and plugins the settings name. On errors it returns every
// diagnostic, sorted, and a nil set.
func compile(ctx context.Context, v *viper.Viper, paths []string) (*engine.Set, *lang.Module, hcl.Diagnostics) {
	reg, err := registry(v)
	if err != nil {
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot load plugins", Detail: err.Error()}}
	}
	mod, diags := lang.Load(paths)
	if mod == nil {
		return nil, nil, diags
	}
	// Compile even a module with errors, so that CEL and Rego mistakes
	// are reported in the same run as the structural ones.
	set, cdiags := engine.Compile(ctx, mod, engine.Options{Plugins: reg, EvidenceDir: v.GetString("evidence")})
	diags = diag.Sort(append(diags, cdiags...))
	if !diags.HasErrors() && len(mod.Measures) == 0 {
		// A run over no measures would pass any gate.
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "No measures",
			Detail: fmt.Sprintf("No measure block in %s.", strings.Join(paths, ", "))})
	}
	if diags.HasErrors() {
		set = nil
	}
	return set, mod, diags
}

// sources gives the diagnostics renderer the measure files' text.
func sources(mod *lang.Module) diag.Sources {
	src := diag.Sources{}
	if mod == nil {
		return src
	}
	for name, f := range mod.Files {
		src[name] = f.Bytes
	}
	return src
}

// printDiags writes diagnostics as text.
func printDiags(w io.Writer, diags hcl.Diagnostics, mod *lang.Module) {
	_ = diag.WriteText(w, diags, sources(mod))
}

// measurePaths picks the measure paths: arguments, else configuration,
// else ./measures.
func measurePaths(args, configured []string) []string {
	switch {
	case len(args) > 0:
		return args
	case len(configured) > 0:
		return configured
	}
	return []string{"measures"}
}
