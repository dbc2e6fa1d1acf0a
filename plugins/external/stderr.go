package external

import (
	"strings"
	"sync"

	"github.com/assay-dev/assay/plugins"
)

// Sizes of what is kept of a plugin's standard error, and of what of
// it an error shows.
const (
	keepBytes = 64 << 10
	showBytes = 2 << 10
	showLines = 10
)

// tail keeps the end of a stream a plugin writes. It is safe for
// concurrent use.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

// Write appends p. Once more than keepBytes are held, it drops the
// oldest lines, whole, so that no fragment of a secret survives the cut
// where redaction would no longer recognise it.
func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - keepBytes; over > 0 {
		cut := over
		if i := strings.IndexByte(string(t.buf[over:]), '\n'); i >= 0 {
			cut += i + 1
		} else {
			cut = len(t.buf)
		}
		t.buf = append(t.buf[:0], t.buf[cut:]...)
	}
	return len(p), nil
}

// String returns what is held, as text.
func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// excerpt redacts text and keeps the part worth showing: from a Go
// panic's first line when there is one, else the last lines; at most
// showLines lines and showBytes bytes.
func excerpt(text string, secrets *plugins.Secrets) string {
	text = strings.TrimRight(secrets.Redact(text), "\n")
	if text == "" {
		return ""
	}
	lines := strings.Split(text, "\n")
	start := max(0, len(lines)-showLines)
	for i, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			start = i
			break
		}
	}
	lines = lines[start:min(len(lines), start+showLines)]
	out := strings.Join(lines, "\n")
	if len(out) > showBytes {
		out = strings.ToValidUTF8(out[:showBytes], "") + " …"
	}
	return out
}
