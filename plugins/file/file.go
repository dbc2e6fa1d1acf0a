// Package file is the built-in plugin that reads evidence from local
// files: JSON, NDJSON, YAML, CSV and XLSX spreadsheets, named by paths
// or globs.
package file

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"

	"github.com/assay-dev/assay/plugins"
)

// Plugin reads local files.
type Plugin struct{}

// Name returns "file".
func (Plugin) Name() string { return "file" }

// config is the file plugin's config block.
type config struct {
	Paths  []string `hcl:"paths"`
	Format string   `hcl:"format,optional"`
	Sheet  string   `hcl:"sheet,optional"` // xlsx: the sheet to read; the first when empty
}

var mediaTypes = map[string]string{
	"json":   plugins.MediaJSON,
	"ndjson": plugins.MediaNDJSON,
	"yaml":   plugins.MediaYAML,
	"csv":    plugins.MediaCSV,
	"xlsx":   plugins.MediaXLSX,
}

var extensions = map[string]string{
	".json":   "json",
	".ndjson": "ndjson",
	".jsonl":  "ndjson",
	".yaml":   "yaml",
	".yml":    "yaml",
	".csv":    "csv",
	".xlsx":   "xlsx",
}

// Configure checks the config block: paths is required, and format,
// when given, must be one Assay decodes.
func (Plugin) Configure(cfg plugins.Config) (plugins.Collector, hcl.Diagnostics) {
	var c config
	diags := gohcl.DecodeBody(cfg.Body, cfg.EvalCtx, &c)
	if diags.HasErrors() {
		return nil, diags
	}
	rng := cfg.Body.MissingItemRange()
	if attrs, _ := cfg.Body.JustAttributes(); attrs != nil {
		if a, ok := attrs["format"]; ok {
			rng = a.Expr.Range()
		}
	}
	if c.Format != "" && mediaTypes[c.Format] == "" {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Unknown evidence format",
			Detail: fmt.Sprintf("Format %q is not one of json, ndjson, yaml, csv or xlsx.", c.Format), Subject: rng.Ptr()}}
	}
	if len(c.Paths) == 0 {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "No evidence paths",
			Detail: "The file plugin needs at least one path in paths.", Subject: cfg.Body.MissingItemRange().Ptr()}}
	}
	return &collector{source: cfg.Source, dir: cfg.Dir, cfg: c}, nil
}

type collector struct {
	source string
	dir    string
	cfg    config
}

// Collect reads every file the paths name, each once, in name order.
// A path that names no file is an InputError.
func (c *collector) Collect(ctx context.Context) ([]plugins.File, error) {
	names, err := c.resolve()
	if err != nil {
		return nil, &plugins.InputError{Err: err}
	}
	files := make([]plugins.File, 0, len(names))
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		media, err := c.mediaType(name)
		if err != nil {
			return nil, &plugins.InputError{Err: err}
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, &plugins.InputError{Err: err}
		}
		files = append(files, plugins.File{Name: name, MediaType: media, Data: data})
	}
	return files, nil
}

func (c *collector) resolve() ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, p := range c.cfg.Paths {
		full := p
		if !filepath.IsAbs(p) {
			full = filepath.Join(c.dir, p)
		}
		matches, err := expand(full)
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func expand(pattern string) ([]string, error) {
	if !strings.ContainsAny(pattern, "*?[") {
		st, err := os.Stat(pattern)
		if err != nil {
			return nil, fmt.Errorf("evidence file %s: %w", pattern, unwrapPathError(err))
		}
		if st.IsDir() {
			return nil, fmt.Errorf("evidence path %s is a folder; name files or a glob such as %s", pattern, filepath.Join(pattern, "*.json"))
		}
		return []string{pattern}, nil
	}
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return nil, fmt.Errorf("evidence glob %s: %w", pattern, err)
	}
	var files []string
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && !st.IsDir() {
			files = append(files, m)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("evidence glob %s matches no file", pattern)
	}
	return files, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (c *collector) mediaType(name string) (string, error) {
	format := c.cfg.Format
	if format == "" {
		format = extensions[strings.ToLower(filepath.Ext(name))]
	}
	if format == "xlsx" {
		return plugins.XLSXMediaType(c.cfg.Sheet), nil
	}
	if format != "" {
		return mediaTypes[format], nil
	}
	return "", fmt.Errorf("cannot tell the format of %s from its extension; set format in the config block", name)
}
