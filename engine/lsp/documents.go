package lsp

import (
	"fmt"
	"os"
	"sync"
)

// document is a file the client has open; its text overrides the disk.
type document struct {
	uri     string // as the client spelt it
	path    string
	version int32
	text    []byte
}

// documents holds the open documents by path. It is safe for
// concurrent use.
type documents struct {
	mu     sync.Mutex
	byPath map[string]*document
}

// newDocuments returns an empty store.
func newDocuments() *documents {
	return &documents{byPath: map[string]*document{}}
}

// open records a document the client opened.
func (d *documents) open(item TextDocumentItem) (*document, error) {
	path, err := uriToPath(item.URI)
	if err != nil {
		return nil, err
	}
	doc := &document{uri: item.URI, path: path, version: item.Version, text: []byte(item.Text)}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.byPath[path] = doc
	return doc, nil
}

// change applies the client's changes to an open document.
func (d *documents) change(id VersionedTextDocumentIdentifier, changes []TextDocumentContentChangeEvent) (*document, error) {
	path, err := uriToPath(id.URI)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	old := d.byPath[path]
	if old == nil {
		return nil, fmt.Errorf("change of %s, which is not open", id.URI)
	}
	buf := old.text
	for _, c := range changes {
		buf = applyChange(buf, c)
	}
	doc := &document{uri: old.uri, path: path, version: id.Version, text: buf}
	d.byPath[path] = doc
	return doc, nil
}

// applyChange returns text with one change applied, leaving text as it is.
func applyChange(text []byte, c TextDocumentContentChangeEvent) []byte {
	if c.Range == nil {
		return []byte(c.Text)
	}
	t := newText(text)
	start, end := t.offset(c.Range.Start), t.offset(c.Range.End)
	end = max(end, start)
	out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
	out = append(out, text[:start]...)
	out = append(out, c.Text...)
	return append(out, text[end:]...)
}

// close forgets a document.
func (d *documents) close(uri string) (string, error) {
	path, err := uriToPath(uri)
	if err != nil {
		return "", err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.byPath, path)
	return path, nil
}

// get returns the open document at path, or nil.
func (d *documents) get(path string) *document {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.byPath[path]
}

// all returns every open document.
func (d *documents) all() []*document {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]*document, 0, len(d.byPath))
	for _, doc := range d.byPath {
		out = append(out, doc)
	}
	return out
}

// read returns the text of path: the open document's, else the disk's.
func (d *documents) read(path string) ([]byte, error) {
	if doc := d.get(path); doc != nil {
		return doc.text, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return b, nil
}

// uri returns the URI of path as the client spells it when the
// document is open, else a file URI.
func (d *documents) uri(path string) string {
	if doc := d.get(path); doc != nil {
		return doc.uri
	}
	return pathToURI(path)
}
