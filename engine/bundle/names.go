package bundle

import (
	"path"
	"strings"
)

// safeBase reduces an origin (a path or a URL) to a file name that is
// safe inside the bundle: its last element, with anything but letters,
// digits, '.', '-' and '_' replaced.
func safeBase(origin string) string {
	if i := strings.IndexAny(origin, "?#"); i >= 0 {
		origin = origin[:i]
	}
	base := path.Base(strings.ReplaceAll(origin, "\\", "/"))
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		return "evidence"
	}
	return s
}

// validPath reports whether p may name a file inside a bundle: relative,
// slash-separated, without "." or ".." elements.
func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		return false
	}
	for _, el := range strings.Split(p, "/") {
		if el == "" || el == "." || el == ".." {
			return false
		}
	}
	return true
}
