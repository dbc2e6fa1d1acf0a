// Package plugins defines how Assay collects evidence: a Plugin reads a
// source block's config and gives a Collector, which fetches files.
// Built-in plugins live in sub-packages (file, http, command, github),
// external ones come through plugins/external; the assay command puts
// them in a Registry.
package plugins

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// Media types of the evidence formats Assay decodes.
const (
	MediaJSON   = "application/json"
	MediaNDJSON = "application/x-ndjson"
	MediaYAML   = "application/yaml"
	MediaCSV    = "text/csv"
)

// File is one collected evidence file.
type File struct {
	Name      string // where it came from, as the user will recognise it
	MediaType string
	Data      []byte
}

// Plugin turns a source's config block into a Collector. Configure
// reports a bad config as diagnostics at its position in the measure
// file, before anything is collected.
type Plugin interface {
	Name() string
	Configure(cfg Config) (Collector, hcl.Diagnostics)
}

// Versioner is implemented by plugins that report a version; it is
// recorded with the evidence they collect.
type Versioner interface {
	Version() string
}

// VersionOf returns p's version, or "builtin" for a plugin that does
// not report one.
func VersionOf(p Plugin) string {
	if v, ok := p.(Versioner); ok {
		return v.Version()
	}
	return "builtin"
}

// Config is what a plugin is given to configure one source.
type Config struct {
	Source  string           // the source's name
	Body    hcl.Body         // the source's config block
	Dir     string           // the folder relative paths are resolved against
	EvalCtx *hcl.EvalContext // decode Body in this context: it offers env()
	Secrets *Secrets         // values from env(); redact them from anything the plugin reports
}

// Collector fetches the files of one configured source.
type Collector interface {
	Collect(ctx context.Context) ([]File, error)
}

// InputError is a collection failure caused by the user's input, such
// as a named evidence file that does not exist: the run cannot go on
// until the input is fixed.
type InputError struct {
	Err error
}

// Error returns the underlying error's message.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// IsInputError reports whether err is, or wraps, an InputError.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

// Registry maps plugin names to plugins.
type Registry map[string]Plugin

// Lookup returns the named plugin or an error listing the known ones.
func (r Registry) Lookup(name string) (Plugin, error) {
	if p, ok := r[name]; ok {
		return p, nil
	}
	var names []string
	for n := range r {
		names = append(names, n)
	}
	sort.Strings(names)
	return nil, fmt.Errorf("no plugin named %q; available: %v", name, names)
}
