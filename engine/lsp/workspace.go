package lsp

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// isMeasureFile reports whether name is a measure file as lang.Load
// sees it: .hcl, but not a *_test.hcl test file.
func isMeasureFile(name string) bool {
	return strings.HasSuffix(name, ".hcl") && !strings.HasSuffix(name, "_test.hcl")
}

// isRegoFile reports whether name is a Rego module.
func isRegoFile(name string) bool { return strings.HasSuffix(name, ".rego") }

// measureRoot is the folder loaded, recursively, together with the
// measure file at path: the file's folder, widened to each parent that
// holds measure files itself, so that a measure in measures/vuln/ sees
// the sources of measures/sources.hcl. It never leaves a workspace
// folder.
func (s *server) measureRoot(path string) string {
	dir := filepath.Dir(path)
	for {
		parent := filepath.Dir(dir)
		if parent == dir || slices.Contains(s.workspaceFolders(), dir) || !s.hasMeasureFiles(parent) {
			return dir
		}
		dir = parent
	}
}

// hasMeasureFiles reports whether dir itself (not a subfolder) holds a
// measure file, on disk or open.
func (s *server) hasMeasureFiles(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && isMeasureFile(e.Name()) {
			return true
		}
	}
	for _, doc := range s.docs.all() {
		if filepath.Dir(doc.path) == dir && isMeasureFile(doc.path) {
			return true
		}
	}
	return false
}

// measureFiles lists the measure files under root, recursively, on
// disk and open, sorted. Hidden folders (.git) are skipped, and so are
// folders that cannot be read.
func (s *server) measureFiles(root string) []string {
	var paths []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && d != nil && d.IsDir():
			return fs.SkipDir
		case err != nil:
			return nil
		case d.IsDir() && path != root && strings.HasPrefix(d.Name(), "."):
			return fs.SkipDir
		case !d.IsDir() && isMeasureFile(path):
			paths = append(paths, path)
		}
		return nil
	})
	for _, doc := range s.docs.all() {
		if isMeasureFile(doc.path) && within(doc.path, root) {
			paths = append(paths, doc.path)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// within reports whether path lies inside the folder dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// regoSiblings lists the other .rego files in the folder of path, on
// disk and open.
func (s *server) regoSiblings(path string) []string {
	dir := filepath.Dir(path)
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && isRegoFile(e.Name()) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	for _, doc := range s.docs.all() {
		if isRegoFile(doc.path) && filepath.Dir(doc.path) == dir {
			out = append(out, doc.path)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(p string) bool { return p == path })
}

// resolveModule finds a policy module file the way lang does: relative
// to the measure file's folder, then to each folder above it.
func resolveModule(rel, measureFile string) (string, bool) {
	if rel == "" {
		return "", false
	}
	if filepath.IsAbs(rel) {
		st, err := os.Stat(rel)
		return rel, err == nil && !st.IsDir()
	}
	for at := filepath.Dir(measureFile); ; at = filepath.Dir(at) {
		cand := filepath.Join(at, rel)
		if st, err := os.Stat(cand); err == nil && !st.IsDir() {
			return cand, true
		}
		if filepath.Dir(at) == at {
			return "", false
		}
	}
}
