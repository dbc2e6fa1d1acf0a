package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/atomicfile"
)

// IsArchive reports whether path names a .tar.gz (or .tgz) bundle
// rather than a folder.
func IsArchive(path string) bool {
	return strings.HasSuffix(path, ".tar.gz") || strings.HasSuffix(path, ".tgz")
}

// Write stores c as a bundle at path: an archive when the path ends in
// .tar.gz or .tgz, a folder otherwise. The bundle appears whole or not
// at all; an existing bundle at path is replaced. It returns the
// manifest written.
func Write(path string, c *Collection) (*Manifest, error) {
	m, data := manifestFor(c)
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", path, err)
	}
	data[ManifestName] = append(manifest, '\n')
	if IsArchive(path) {
		if exists(path) && !isArchiveBundle(path) {
			return nil, fmt.Errorf("bundle %s: the file exists and is not a bundle; it is left as it is", path)
		}
		err = writeArchive(path, data)
	} else {
		err = writeFolder(path, data)
	}
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", path, err)
	}
	return m, nil
}

func sortedPaths(data map[string][]byte) []string {
	paths := make([]string, 0, len(data))
	for p := range data {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// writeArchive writes a reproducible .tar.gz: sorted entries, fixed
// times and modes, no owner names.
func writeArchive(path string, data map[string][]byte) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	epoch := time.Unix(0, 0).UTC()
	for _, p := range sortedPaths(data) {
		hdr := &tar.Header{Name: p, Mode: 0o644, Size: int64(len(data[p])), ModTime: epoch, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(data[p]); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return atomicfile.Write(path, buf.Bytes())
}

// writeFolder builds the bundle in a temporary folder beside path and
// moves it into place; an older bundle there is removed only after.
func writeFolder(path string, data map[string][]byte) (err error) {
	parent := filepath.Dir(filepath.Clean(path))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, p := range sortedPaths(data) {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if err = os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err = os.WriteFile(full, data[p], 0o644); err != nil {
			return err
		}
	}
	return swapFolder(tmp, path)
}

func swapFolder(tmp, path string) error {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return os.Rename(tmp, path)
	}
	if _, err := os.Stat(filepath.Join(path, ManifestName)); err != nil {
		return fmt.Errorf("%s exists and is not a bundle; it is left as it is", path)
	}
	old := tmp + ".old"
	if err := os.Rename(path, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Rename(old, path)
		return err
	}
	return os.RemoveAll(old)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// isArchiveBundle reports whether the archive at path holds a manifest:
// only then may Write replace it.
func isArchiveBundle(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return false
	}
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if err != nil {
			return false
		}
		if strings.TrimPrefix(hdr.Name, "./") == ManifestName {
			return true
		}
	}
}
