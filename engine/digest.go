package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/policy"
)

// measuresDigest hashes the content of every measure file and every
// policy module file, each in path order, so a verdict pins the
// definitions it came from. Inline policies are part of their measure
// file.
func measuresDigest(mod *lang.Module, modules []policy.Module) string {
	var names []string
	for n := range mod.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		writeFramed(h, mod.Files[n].Bytes)
	}
	files := map[string]string{}
	for _, m := range modules {
		if m.Inline == nil {
			files[m.Name] = m.Text
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		writeFramed(h, []byte(files[p]))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// writeFramed writes b with its length first, so that moving bytes
// from one file to the next changes the digest.
func writeFramed(w io.Writer, b []byte) {
	fmt.Fprintf(w, "%d\n", len(b))
	w.Write(b)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
