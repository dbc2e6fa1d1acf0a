package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/assay-dev/assay/engine/lang"
)

// measuresDigest hashes the content of every measure file and policy
// module file, in path order, so a verdict pins the definitions it
// came from. Inline policies are part of their measure file.
func measuresDigest(mod *lang.Module) (string, error) {
	var names []string
	for n := range mod.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		writeFramed(h, mod.Files[n].Bytes)
	}
	seen := map[string]bool{}
	var modules []string
	for _, m := range mod.Measures {
		for _, p := range m.Policies {
			if p.ModulePath != "" && !seen[p.ModulePath] {
				seen[p.ModulePath] = true
				modules = append(modules, p.ModulePath)
			}
		}
	}
	sort.Strings(modules)
	for _, path := range modules {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		writeFramed(h, b)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
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
