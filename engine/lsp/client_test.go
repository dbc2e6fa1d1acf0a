package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"testing"
	"time"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/file"
)

// client is a minimal LSP client written against the wire format, not
// against the server's JSON-RPC library: Content-Length framed JSON
// over a pipe, as an editor speaks it.
type client struct {
	t      *testing.T
	w      io.WriteCloser
	in     chan message
	notes  []message // notifications read while waiting for something else
	nextID int
	done   chan error // Serve's result
}

// message is any JSON-RPC message the server sends.
type message struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// wait bounds every wait for the server.
const wait = 60 * time.Second

// startServer runs Serve on a pair of pipes and returns a client for it.
func startServer(t *testing.T) *client {
	t.Helper()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &client{t: t, w: clientOut, in: make(chan message, 64), done: make(chan error, 1)}
	opts := Options{Plugins: plugins.Registry{"file": file.Plugin{}}, Version: "test"}
	go func() { c.done <- Serve(context.Background(), serverIn, serverOut, opts) }()
	go c.read(clientIn)
	t.Cleanup(func() {
		_ = clientOut.Close()
		_ = clientIn.Close()
	})
	return c
}

// invalid is the method of the message read passes on in place of
// one that breaks the protocol; next fails the test on it.
const invalid = "!invalid"

// read decodes framed messages until the stream ends. It runs on its
// own goroutine, so it reports problems as messages, not to c.t.
func (c *client) read(r io.Reader) {
	defer close(c.in)
	br := bufio.NewReader(r)
	tp := textproto.NewReader(br)
	for {
		header, err := tp.ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(header.Get("Content-Length"))
		if err != nil {
			c.in <- message{Method: invalid, Params: json.RawMessage(strconv.Quote("Content-Length: " + header.Get("Content-Length")))}
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.in <- message{Method: invalid, Params: json.RawMessage(strconv.Quote(string(body)))}
			return
		}
		c.in <- m
	}
}

// send writes one framed message.
func (c *client) send(v any) {
	c.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

// next returns the next message from the server.
func (c *client) next(what string) message {
	c.t.Helper()
	select {
	case m, ok := <-c.in:
		if !ok {
			c.t.Fatalf("server closed the connection while waiting for %s", what)
		}
		if m.Method == invalid {
			c.t.Fatalf("server broke the protocol: %s", m.Params)
		}
		return m
	case <-time.After(wait):
		c.t.Fatalf("timed out waiting for %s", what)
	}
	return message{}
}

// call sends a request and decodes its result into result.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	m := c.request(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %d: %s", method, m.Error.Code, m.Error.Message)
	}
	if string(m.Result) == "" {
		c.t.Fatalf("%s: response without a result: %+v", method, m)
	}
	if result != nil {
		if err := json.Unmarshal(m.Result, result); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

// request sends a request and returns its response.
func (c *client) request(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	for {
		m := c.next(method)
		if m.ID != nil && *m.ID == id && m.Method == "" {
			return m
		}
		c.notes = append(c.notes, m)
	}
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// diagnostics waits for the diagnostics of uri at version (any version
// when version is negative).
func (c *client) diagnostics(uri string, version int32) PublishDiagnosticsParams {
	c.t.Helper()
	match := func(m message) (PublishDiagnosticsParams, bool) {
		var p PublishDiagnosticsParams
		if m.Method != "textDocument/publishDiagnostics" {
			return p, false
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatalf("publishDiagnostics params %s: %v", m.Params, err)
		}
		ok := p.URI == uri && (version < 0 || p.Version != nil && *p.Version == version)
		return p, ok
	}
	for i, m := range c.notes {
		if p, ok := match(m); ok {
			c.notes = append(c.notes[:i], c.notes[i+1:]...)
			return p
		}
	}
	for {
		m := c.next("diagnostics of " + uri)
		if p, ok := match(m); ok {
			return p
		}
		c.notes = append(c.notes, m)
	}
}
