package lang

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// Load reads every measure file named by paths. A path is a .hcl file
// or a folder, searched recursively for .hcl files; test files
// (*_test.hcl) and hidden folders are left out. Files are read in name order, so the
// module's order does not depend on the file system.
//
// Load returns a module even when there are errors, holding what could
// be decoded; callers must check diags.HasErrors before using it.
func Load(paths []string) (*Module, hcl.Diagnostics) {
	names, err := measureFiles(paths)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read measures", Detail: err.Error()}}
	}
	files := make([]File, 0, len(names))
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read measures", Detail: err.Error()}}
		}
		files = append(files, File{Name: name, Bytes: b})
	}
	return LoadFiles(files)
}

// File is a measure file's name and content, for loading from memory,
// as an editor does with unsaved buffers.
type File struct {
	Name  string
	Bytes []byte
}

// LoadFiles decodes measure files already in memory, in name order.
// Relative policy module paths resolve against each file's folder on
// disk, as Load's do.
func LoadFiles(files []File) (*Module, hcl.Diagnostics) {
	sorted := append([]File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	parser := hclparse.NewParser()
	mod := &Module{}
	var diags hcl.Diagnostics
	broken := false
	for _, file := range sorted {
		f, pdiags := parser.ParseHCL(file.Bytes, file.Name)
		diags = append(diags, pdiags...)
		// A file with syntax errors is not decoded: its partial body
		// would only add follow-on errors to the one that matters.
		if f == nil || pdiags.HasErrors() {
			broken = true
			continue
		}
		diags = append(diags, decodeFile(mod, f, file.Name)...)
	}
	mod.Files = parser.Files()
	if !broken {
		diags = append(diags, mod.check()...)
	}
	return mod, diags
}

func measureFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no measure files or folders given")
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("measures: %w", err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := walkHCL(p)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("measures: no .hcl files in %s", p)
		}
		files = append(files, found...)
	}
	sort.Strings(files)
	return dedupe(files), nil
}

func walkHCL(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .git, .assay and the like
		}
		if !d.IsDir() && strings.HasSuffix(path, ".hcl") && !strings.HasSuffix(path, "_test.hcl") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("measures: %w", err)
	}
	return out, nil
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func decodeFile(mod *Module, f *hcl.File, name string) hcl.Diagnostics {
	d := &decoder{src: f.Bytes}
	content, diags := f.Body.Content(fileSchema)
	d.diags = append(d.diags, diags...)
	for _, b := range content.Blocks {
		switch b.Type {
		case "source":
			mod.Sources = append(mod.Sources, d.source(b, filepath.Dir(name)))
		case "measure":
			mod.Measures = append(mod.Measures, d.measure(b, name))
		case "waiver":
			mod.Waivers = append(mod.Waivers, d.waiver(b, name))
		}
	}
	return d.diags
}

// check finds the mistakes that span files: duplicate names and
// evidence that names no declared source.
func (mod *Module) check() hcl.Diagnostics {
	var diags hcl.Diagnostics
	sources := map[string]*Source{}
	for _, s := range mod.Sources {
		if prev, dup := sources[s.Name]; dup {
			diags = append(diags, duplicate("source", s.Name, s.DeclRange, prev.DeclRange))
			continue
		}
		sources[s.Name] = s
	}
	measures := map[string]*Measure{}
	for _, m := range mod.Measures {
		if prev, dup := measures[m.ID]; dup {
			diags = append(diags, duplicate("measure", m.ID, m.DeclRange, prev.DeclRange))
			continue
		}
		measures[m.ID] = m
		diags = append(diags, checkEvidence(m, sources)...)
	}
	return append(diags, mod.checkWaivers(measures)...)
}

func checkEvidence(m *Measure, sources map[string]*Source) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	for _, ref := range m.Evidence {
		switch {
		case sources[ref.Name] == nil:
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Reference to undeclared source",
				Detail:   fmt.Sprintf("Measure %q uses source.%s, but no source %q is declared.%s", m.ID, ref.Name, ref.Name, Suggest(ref.Name, sourceNames(sources))),
				Subject:  ref.Range.Ptr(),
			})
		case seen[ref.Name]:
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate evidence source",
				Detail:   fmt.Sprintf("Measure %q lists source.%s twice.", m.ID, ref.Name),
				Subject:  ref.Range.Ptr(),
			})
		}
		seen[ref.Name] = true
	}
	return diags
}

func sourceNames(sources map[string]*Source) []string {
	var names []string
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func duplicate(kind, name string, at, prev hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + kind,
		Detail:   fmt.Sprintf("A %s named %q is already declared at %s.", kind, name, prev),
		Subject:  at.Ptr(),
	}
}

// SourceByName returns the declared source with that name, or nil.
func (mod *Module) SourceByName(name string) *Source {
	for _, s := range mod.Sources {
		if s.Name == name {
			return s
		}
	}
	return nil
}
