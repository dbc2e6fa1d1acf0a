package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/assay-dev/assay/plugins"
)

// Options configure Serve.
type Options struct {
	// Plugins are the evidence plugins sources may name, as for
	// `assay validate`.
	Plugins plugins.Registry
	// EvidenceDir, when set, is the folder relative evidence paths
	// resolve against, as `evidence:` or --evidence set it for validate.
	EvidenceDir string
	// Logger receives the server's own log; nil discards it. It must
	// not write to the protocol's output.
	Logger *slog.Logger
	// Version is reported to the client as the server's version.
	Version string
}

// Serve runs a language server for measure files and Rego policies,
// reading requests from in and writing responses and notifications to
// out (Content-Length framed JSON-RPC 2.0, as editors speak over
// stdio). It returns when the client sends exit, when in ends or when
// ctx is done; the error is nil only for an exit after shutdown. Serve
// closes in and out when they are io.Closers.
func Serve(parent context.Context, in io.Reader, out io.Writer, opts Options) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	s := newServer(opts)
	stream := jsonrpc2.NewBufferedStream(stdio{in, out}, codec{})
	s.conn = jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(printfLogger{s.log}))
	s.wg.Add(1)
	go s.work(ctx)
	select {
	case <-s.conn.DisconnectNotify():
	case <-ctx.Done():
		_ = s.conn.Close()
	}
	cancel()
	s.wg.Wait()
	return s.result(parent)
}

// server is the state of one language server session.
type server struct {
	opts    Options
	log     *slog.Logger
	conn    *jsonrpc2.Conn
	docs    *documents
	diags   *diagStore
	queue   *queue
	wg      sync.WaitGroup
	methods map[string]func(context.Context, *jsonrpc2.Request) (any, error)

	mu       sync.Mutex
	state    state
	folders  []string
	snippets bool
	roots    map[string]bool // measure folders checked so far
}

// state is where a session is in the LSP lifecycle.
type state int

const (
	starting state = iota // before initialize
	running
	shutDown // after shutdown, waiting for exit
	exited   // after exit following shutdown
	aborted  // after exit without shutdown
)

// newServer returns a session that has not started yet.
func newServer(opts Options) *server {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &server{opts: opts, log: log, docs: newDocuments(), diags: newDiagStore(), queue: newQueue(), roots: map[string]bool{}}
	s.methods = map[string]func(context.Context, *jsonrpc2.Request) (any, error){
		"initialize":              s.initialize,
		"initialized":             ignore,
		"shutdown":                s.shutdown,
		"textDocument/didOpen":    s.didOpen,
		"textDocument/didChange":  s.didChange,
		"textDocument/didSave":    s.didSave,
		"textDocument/didClose":   s.didClose,
		"textDocument/hover":      s.hover,
		"textDocument/completion": s.completion,
		"textDocument/definition": s.definition,
	}
	return s
}

// result is Serve's error once the connection is closed; parent is
// the context Serve was given.
func (s *server) result(parent context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.state == exited:
		return nil
	case s.state == aborted:
		return errors.New("lsp: exit without shutdown")
	case parent.Err() != nil:
		return fmt.Errorf("lsp: %w", context.Cause(parent))
	}
	return errors.New("lsp: connection closed before exit")
}

// handle answers one request or notification.
func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	if req.Method == invalidMethod {
		s.log.Warn("skipped a message whose body is not JSON-RPC")
		return nil, nil
	}
	if req.Method == "exit" {
		s.exit()
		return nil, conn.Close()
	}
	if err := s.admit(req); err != nil {
		if req.Notif {
			return nil, nil
		}
		return nil, err
	}
	h, ok := s.methods[req.Method]
	if !ok {
		if req.Notif {
			return nil, nil // $/cancelRequest, $/setTrace and others are optional
		}
		return nil, &jsonrpc2.Error{Code: codeMethodNotFound, Message: "method not supported: " + req.Method}
	}
	return h(ctx, req)
}

// admit checks that the lifecycle allows req.
func (s *server) admit(req *jsonrpc2.Request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.state == starting && req.Method != "initialize":
		return &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "server not initialized"}
	case s.state != starting && req.Method == "initialize":
		return &jsonrpc2.Error{Code: codeInvalidRequest, Message: "initialize was already sent"}
	case s.state == shutDown:
		return &jsonrpc2.Error{Code: codeInvalidRequest, Message: "server is shut down"}
	}
	return nil
}

// exit records the exit notification: a clean end only after shutdown.
func (s *server) exit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == shutDown {
		s.state = exited
	} else {
		s.state = aborted
	}
}

// ignore accepts a notification that needs no action.
func ignore(context.Context, *jsonrpc2.Request) (any, error) { return nil, nil }

// decode reads a request's parameters into v.
func decode(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: codeInvalidParams, Message: req.Method + ": missing params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: codeInvalidParams, Message: fmt.Sprintf("%s: %v", req.Method, err)}
	}
	return nil
}

// notify sends a notification to the client.
func (s *server) notify(ctx context.Context, method string, params any) error {
	if err := s.conn.Notify(ctx, method, params); err != nil {
		return fmt.Errorf("sending %s: %w", method, err)
	}
	return nil
}

// initialize answers the client's first request with the server's
// capabilities.
func (s *server) initialize(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p InitializeParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.state = running
	s.folders = workspaceFolders(p)
	s.snippets = p.Capabilities.TextDocument != nil && p.Capabilities.TextDocument.Completion != nil &&
		p.Capabilities.TextDocument.Completion.CompletionItem != nil &&
		p.Capabilities.TextDocument.Completion.CompletionItem.SnippetSupport
	s.mu.Unlock()
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   "utf-16",
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: SyncIncremental, Save: &SaveOptions{}},
			HoverProvider:      true,
			CompletionProvider: &CompletionOptions{TriggerCharacters: []string{".", `"`}},
			DefinitionProvider: true,
		},
		ServerInfo: &ServerInfo{Name: "assay", Version: s.opts.Version},
	}, nil
}

// workspaceFolders returns the paths of the client's workspace folders.
func workspaceFolders(p InitializeParams) []string {
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != nil {
		uris = append(uris, *p.RootURI)
	}
	var out []string
	for _, u := range uris {
		if path, err := uriToPath(u); err == nil {
			out = append(out, path)
		}
	}
	if len(out) == 0 && p.RootPath != nil && *p.RootPath != "" {
		out = append(out, *p.RootPath)
	}
	return out
}

// workspaceFolders returns the folders the client opened.
func (s *server) workspaceFolders() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.folders
}

// snippetSupport reports whether completion may insert snippets.
func (s *server) snippetSupport() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snippets
}

// shutdown answers the shutdown request; only exit may follow.
func (s *server) shutdown(context.Context, *jsonrpc2.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = shutDown
	return nil, nil
}

// didOpen records an opened document and checks it.
func (s *server) didOpen(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p DidOpenTextDocumentParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	doc, err := s.docs.open(p.TextDocument)
	if err != nil {
		return nil, err
	}
	s.schedule(doc.path)
	return nil, nil
}

// didChange applies a document's changes and checks it again.
func (s *server) didChange(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p DidChangeTextDocumentParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	doc, err := s.docs.change(p.TextDocument, p.ContentChanges)
	if err != nil {
		return nil, err
	}
	s.schedule(doc.path)
	return nil, nil
}

// didSave checks the saved file again; a saved policy module can change
// the results of every measure folder.
func (s *server) didSave(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p DidSaveTextDocumentParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.schedule(path)
	if isRegoFile(path) {
		s.scheduleAllMeasures()
	}
	return nil, nil
}

// didClose forgets the document: a measure folder is checked again
// from the disk, and a .rego document's own diagnostics are cleared.
func (s *server) didClose(_ context.Context, req *jsonrpc2.Request) (any, error) {
	var p DidCloseTextDocumentParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	path, err := s.docs.close(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	switch {
	case isMeasureFile(path):
		s.scheduleMeasures(path)
	case isRegoFile(path):
		s.queue.push("rego:"+path, func(context.Context) *analysis { return newAnalysis() })
	}
	return nil, nil
}

// schedule queues the check a changed file needs.
func (s *server) schedule(path string) {
	switch {
	case isMeasureFile(path):
		s.scheduleMeasures(path)
	case isRegoFile(path):
		s.scheduleRego(path)
	}
}

// stdio joins the two halves of the connection.
type stdio struct {
	in  io.Reader
	out io.Writer
}

// Read reads from the input half.
func (s stdio) Read(p []byte) (int, error) { return s.in.Read(p) }

// Write writes to the output half.
func (s stdio) Write(p []byte) (int, error) { return s.out.Write(p) }

// Close closes both halves; closing one twice, when they are the same
// connection, only adds an error nobody reads.
func (s stdio) Close() error {
	var errs []error
	if c, ok := s.in.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	if c, ok := s.out.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// printfLogger passes the JSON-RPC library's messages to the logger.
type printfLogger struct{ log *slog.Logger }

// Printf logs one message of the library as a warning.
func (l printfLogger) Printf(format string, v ...any) {
	l.log.Warn(strings.TrimSpace(fmt.Sprintf(format, v...)))
}
