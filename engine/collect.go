package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/assay-dev/assay/engine/bundle"
	"github.com/assay-dev/assay/plugins"
)

// GatherOptions configure a collection.
type GatherOptions struct {
	Now         time.Time     // recorded as each source's collection time; zero: unknown
	Sources     []string      // collect only these sources; all used ones when empty
	Concurrency int           // sources collected at once; 0 means 4
	Timeout     time.Duration // per source; 0 means DefaultCollectTimeout
	Progress    func(Progress)

	// StopOnInputError makes a source that fails because of the user's
	// input (a named file that is missing) stop the whole collection,
	// as `assay eval` without a bundle wants. Otherwise the failure is
	// recorded in the collection and only that source's measures fail.
	StopOnInputError bool
}

// DefaultCollectTimeout bounds the collection of one source.
const DefaultCollectTimeout = 5 * time.Minute

// Progress reports a source that finished collecting.
type Progress struct {
	Source   string
	Done     int // sources finished so far
	Total    int
	Files    int
	Bytes    int
	Err      error
	Duration time.Duration
}

// Gather runs the plugins of every source a measure uses, concurrently,
// and returns what they collected. Failures stay with their source;
// secrets never reach the recorded errors.
func (s *Set) Gather(ctx context.Context, opts GatherOptions) (*bundle.Collection, error) {
	names, err := s.gatherNames(opts.Sources)
	if err != nil {
		return nil, err
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultCollectTimeout
	}
	results := make([]bundle.Source, len(names))
	errs := make([]error, len(names))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	sem := make(chan struct{}, opts.Concurrency)
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			start := time.Now()
			results[i], errs[i] = s.gatherOne(ctx, name, opts)
			if opts.Progress != nil {
				mu.Lock()
				done++
				opts.Progress(progressOf(results[i], errs[i], done, len(names), time.Since(start)))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if opts.StopOnInputError {
		for _, err := range errs {
			if plugins.IsInputError(err) {
				return nil, err
			}
		}
	}
	return &bundle.Collection{AssayVersion: Version, Sources: results}, nil
}

func progressOf(src bundle.Source, err error, done, total int, d time.Duration) Progress {
	p := Progress{Source: src.Name, Done: done, Total: total, Files: len(src.Files), Err: err, Duration: d}
	for _, f := range src.Files {
		p.Bytes += len(f.Data)
	}
	return p
}

// gatherNames picks the sources to collect, checking a requested list.
func (s *Set) gatherNames(only []string) ([]string, error) {
	all := s.sourceNames()
	if len(only) == 0 {
		return all, nil
	}
	known := map[string]bool{}
	for _, n := range all {
		known[n] = true
	}
	for _, n := range only {
		if !known[n] {
			return nil, fmt.Errorf("no measure uses a source named %q; sources: %v", n, all)
		}
	}
	out := append([]string(nil), only...)
	sort.Strings(out)
	return slices.Compact(out), nil
}

// gatherOne collects one source. The error is returned as well as kept
// in the source, so the caller can tell input errors apart.
func (s *Set) gatherOne(ctx context.Context, name string, opts GatherOptions) (bundle.Source, error) {
	src := bundle.Source{Name: name, Plugin: s.mod.SourceByName(name).Plugin, PluginVersion: s.pluginVersions[name], CollectedAt: opts.Now.UTC()}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	files, err := s.collectors[name].Collect(ctx)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		err = s.sourceError(name, err)
		src.Err = err.Error()
		return src, err
	}
	// A service that echoes a token back must not put it in a bundle.
	for _, f := range files {
		src.Files = append(src.Files, bundle.File{Name: s.secrets.Redact(f.Name), MediaType: f.MediaType, Data: s.secrets.RedactBytes(f.Data)})
	}
	return src, nil
}

// sourceError says where the failing source is declared and removes
// any secret from the plugin's message. An input error stays one.
func (s *Set) sourceError(name string, err error) error {
	decl := s.mod.SourceByName(name).DeclRange
	msg := s.secrets.Redact(fmt.Sprintf("%s:%d: source %s: %v", decl.Filename, decl.Start.Line, name, err))
	if plugins.IsInputError(err) {
		return &plugins.InputError{Err: errors.New(msg)}
	}
	return errors.New(msg)
}

func (s *Set) sourceNames() []string {
	var names []string
	for n := range s.collectors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Collect gathers the evidence now and decodes it, for a run that
// evaluates what it has just collected without a bundle: a missing or
// unparsable evidence file stops it, and freshness is not checked,
// since the evidence is as new as the run.
func (s *Set) Collect(ctx context.Context) (*Evidence, error) {
	c, err := s.Gather(ctx, GatherOptions{StopOnInputError: true})
	if err != nil {
		return nil, err
	}
	return s.Load(c, LoadOptions{StopOnDecodeError: true})
}
