package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/policy"
)

// analysis is what one run of a checker found: diagnostics by file
// path (an empty list for a checked file without problems), and the
// versions of the open documents it read.
type analysis struct {
	diags    map[string][]Diagnostic
	versions map[string]int32
	texts    map[string]*text
}

// newAnalysis returns an empty analysis.
func newAnalysis() *analysis {
	return &analysis{diags: map[string][]Diagnostic{}, versions: map[string]int32{}, texts: map[string]*text{}}
}

// read returns the text of path, open buffer first, and notes the
// version of an open document. It returns nil when the file cannot
// be read.
func (a *analysis) read(docs *documents, path string) *text {
	if t, ok := a.texts[path]; ok {
		return t
	}
	var t *text
	if doc := docs.get(path); doc != nil {
		t = newText(doc.text)
		a.versions[path] = doc.version
	} else if b, err := docs.read(path); err == nil {
		t = newText(b)
	}
	a.texts[path] = t
	return t
}

// add records an HCL diagnostic; one without a subject is put at the
// start of fallback.
func (a *analysis) add(docs *documents, d *hcl.Diagnostic, fallback string) {
	path, rng := fallback, hcl.Range{}
	if d.Subject != nil && d.Subject.Filename != "" {
		path, rng = d.Subject.Filename, *d.Subject
		if abs, err := filepath.Abs(path); err == nil {
			path = abs // lang shortens paths relative to the working folder
		}
	}
	var r Range
	if t := a.read(docs, path); t != nil && d.Subject != nil {
		r = t.lspRange(rng, !isRegoFile(path))
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	sev := SeverityError
	if d.Severity == hcl.DiagWarning {
		sev = SeverityWarning
	}
	a.diags[path] = append(a.diags[path], Diagnostic{Range: r, Severity: sev, Source: "assay", Message: msg})
}

// checkMeasures loads every measure file under root, open buffers over
// the disk, and compiles them as `assay validate` does. A diagnostic
// that names no file goes to trigger, or to the first file.
func (s *server) checkMeasures(ctx context.Context, root, trigger string) *analysis {
	a := newAnalysis()
	var files []lang.File
	for _, p := range s.measureFiles(root) {
		t := a.read(s.docs, p)
		if t == nil {
			continue
		}
		files = append(files, lang.File{Name: p, Bytes: t.src})
		a.diags[p] = []Diagnostic{}
	}
	if len(files) == 0 {
		return a
	}
	if trigger == "" {
		trigger = files[0].Name
	}
	for _, d := range s.compile(ctx, files) {
		a.add(s.docs, d, trigger)
	}
	return a
}

// compile loads and compiles files, turning a panic into a diagnostic
// so that one bad input does not stop the server.
func (s *server) compile(ctx context.Context, files []lang.File) (diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("compile panicked", "panic", r)
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error", Detail: fmt.Sprint(r)})
		}
	}()
	mod, diags := lang.LoadFiles(files)
	if mod == nil {
		return diags
	}
	_, cdiags := engine.Compile(ctx, mod, engine.Options{Plugins: s.opts.Plugins, EvidenceDir: s.opts.EvidenceDir})
	return append(diags, cdiags...)
}

// checkRego parses and compiles the Rego module at path together with
// the modules beside it (those that parse), so that rules and functions
// of sibling files resolve, and reports the problems of path alone.
func (s *server) checkRego(path string) *analysis {
	a := newAnalysis()
	t := a.read(s.docs, path)
	if t == nil {
		return a
	}
	a.diags[path] = []Diagnostic{}
	mods := []policy.Module{{Name: path, Text: string(t.src)}}
	for _, sib := range s.regoSiblings(path) {
		b, err := s.docs.read(sib)
		if err != nil {
			continue
		}
		if _, err := ast.ParseModuleWithOpts(sib, string(b), ast.ParserOptions{RegoVersion: ast.RegoV1}); err == nil {
			mods = append(mods, policy.Module{Name: sib, Text: string(b)})
		}
	}
	_, diags := policy.Compile(mods)
	for _, d := range diags {
		if d.Subject == nil || d.Subject.Filename == path {
			a.add(s.docs, d, path)
		}
	}
	return a
}

// diagStore keeps the diagnostics of every producer (a measure folder
// or a .rego document) by file, so that publishing one producer's
// results keeps the others'. It is safe for concurrent use.
type diagStore struct {
	mu     sync.Mutex
	byPath map[string]map[string][]Diagnostic // path → producer → diagnostics
}

// newDiagStore returns an empty store.
func newDiagStore() *diagStore {
	return &diagStore{byPath: map[string]map[string][]Diagnostic{}}
}

// set replaces producer's diagnostics with results and returns every
// path whose diagnostics it touched, sorted.
func (d *diagStore) set(producer string, results map[string][]Diagnostic) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var touched []string
	for path, byProducer := range d.byPath {
		if _, ok := byProducer[producer]; ok {
			delete(byProducer, producer)
			touched = append(touched, path)
		}
	}
	for path, diags := range results {
		if d.byPath[path] == nil {
			d.byPath[path] = map[string][]Diagnostic{}
		}
		d.byPath[path][producer] = diags
		touched = append(touched, path)
	}
	slices.Sort(touched)
	return slices.Compact(touched)
}

// get returns the diagnostics of path from every producer, without
// duplicates; never nil.
func (d *diagStore) get(path string) []Diagnostic {
	d.mu.Lock()
	defer d.mu.Unlock()
	producers := make([]string, 0, len(d.byPath[path]))
	for p := range d.byPath[path] {
		producers = append(producers, p)
	}
	slices.Sort(producers)
	out := []Diagnostic{}
	for _, p := range producers {
		for _, diag := range d.byPath[path][p] {
			if !slices.Contains(out, diag) {
				out = append(out, diag)
			}
		}
	}
	return out
}

// publish records producer's results and sends the diagnostics of every
// file they touch.
func (s *server) publish(ctx context.Context, producer string, a *analysis) {
	for _, path := range s.diags.set(producer, a.diags) {
		params := PublishDiagnosticsParams{URI: s.docs.uri(path), Diagnostics: s.diags.get(path)}
		if v, ok := a.versions[path]; ok {
			params.Version = &v
		}
		if err := s.notify(ctx, "textDocument/publishDiagnostics", params); err != nil {
			s.log.Warn("publishing diagnostics", "uri", params.URI, "err", err)
			return
		}
	}
}

// queue holds the checks still to run, each once however often it was
// asked for: a burst of changes costs one compile. It is safe for
// concurrent use.
type queue struct {
	mu    sync.Mutex
	order []string
	jobs  map[string]func(context.Context) *analysis
	wake  chan struct{}
}

// newQueue returns an empty queue.
func newQueue() *queue {
	return &queue{jobs: map[string]func(context.Context) *analysis{}, wake: make(chan struct{}, 1)}
}

// push asks for the check named key; a pending check of that key is
// replaced.
func (q *queue) push(key string, run func(context.Context) *analysis) {
	q.mu.Lock()
	if _, pending := q.jobs[key]; !pending {
		q.order = append(q.order, key)
	}
	q.jobs[key] = run
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// pop takes the oldest pending check.
func (q *queue) pop() (string, func(context.Context) *analysis, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.order) == 0 {
		return "", nil, false
	}
	key := q.order[0]
	q.order = q.order[1:]
	run := q.jobs[key]
	delete(q.jobs, key)
	return key, run, true
}

// work runs queued checks one at a time and publishes their results,
// until ctx ends.
func (s *server) work(ctx context.Context) {
	defer s.wg.Done()
	for {
		key, run, ok := s.queue.pop()
		if !ok {
			select {
			case <-ctx.Done():
				return
			case <-s.queue.wake:
				continue
			}
		}
		began := time.Now()
		a := run(ctx)
		if ctx.Err() != nil {
			return
		}
		s.log.Debug("checked", "what", key, "files", len(a.diags), "took", time.Since(began))
		s.publish(ctx, key, a)
	}
}

// scheduleMeasures queues the check of the measure folder of path.
func (s *server) scheduleMeasures(path string) {
	root := s.measureRoot(path)
	s.mu.Lock()
	s.roots[root] = true
	s.mu.Unlock()
	s.queue.push("hcl:"+root, func(ctx context.Context) *analysis {
		return s.checkMeasures(ctx, root, path)
	})
}

// scheduleRego queues the check of the .rego document at path.
func (s *server) scheduleRego(path string) {
	s.queue.push("rego:"+path, func(context.Context) *analysis { return s.checkRego(path) })
}

// scheduleAllMeasures queues every measure folder checked so far, as a
// saved policy module can change their results.
func (s *server) scheduleAllMeasures() {
	s.mu.Lock()
	roots := make([]string, 0, len(s.roots))
	for r := range s.roots {
		roots = append(roots, r)
	}
	s.mu.Unlock()
	slices.Sort(roots)
	for _, root := range roots {
		s.queue.push("hcl:"+root, func(ctx context.Context) *analysis {
			return s.checkMeasures(ctx, root, "")
		})
	}
}
