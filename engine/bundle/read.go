package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Limits bound what reading a bundle may take, so that a crafted
// archive cannot exhaust memory.
type Limits struct {
	MaxFileSize  int64 // one file, after decompression
	MaxTotalSize int64 // all files together, after decompression
	MaxEntries   int   // archive entries or folder files
}

// DefaultLimits are generous for evidence and small for a bomb.
var DefaultLimits = Limits{MaxFileSize: 256 << 20, MaxTotalSize: 2 << 30, MaxEntries: 100_000}

// ErrIntegrity marks a bundle whose content does not match its manifest.
var ErrIntegrity = errors.New("bundle integrity check failed")

// Open reads the bundle at path (a folder or a .tar.gz), checks every
// file against the manifest and returns the collection it holds.
func Open(path string, lim Limits) (*Collection, *Manifest, error) {
	var files map[string][]byte
	var err error
	if IsArchive(path) {
		files, err = readArchive(path, lim)
	} else {
		files, err = readFolder(path, lim)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("bundle %s: %w", path, err)
	}
	m, c, err := verify(files)
	if err != nil {
		return nil, nil, fmt.Errorf("bundle %s: %w", path, err)
	}
	return c, m, nil
}

// budget counts what has been read against the limits.
type budget struct {
	lim     Limits
	total   int64
	entries int
}

func (b *budget) take(name string, size int64) error {
	b.entries++
	b.total += size
	switch {
	case b.entries > b.lim.MaxEntries:
		return fmt.Errorf("more than %d entries", b.lim.MaxEntries)
	case size > b.lim.MaxFileSize:
		return fmt.Errorf("%s is larger than the %d-byte limit for one file", name, b.lim.MaxFileSize)
	case b.total > b.lim.MaxTotalSize:
		return fmt.Errorf("contents exceed the %d-byte limit", b.lim.MaxTotalSize)
	}
	return nil
}

// readArchive reads every entry into memory, refusing, before anything
// is kept, entries that are absolute, contain "..", are links or
// devices, repeat, or break the limits. Nothing is written to disk.
func readArchive(path string, lim Limits) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("not a gzip archive: %w", err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	b := &budget{lim: lim}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading archive: %w", err)
		}
		if err := readEntry(tr, hdr, files, b); err != nil {
			return nil, err
		}
	}
}

func readEntry(tr *tar.Reader, hdr *tar.Header, files map[string][]byte, b *budget) error {
	name := strings.TrimPrefix(hdr.Name, "./")
	if hdr.Typeflag == tar.TypeDir {
		name = strings.TrimSuffix(name, "/")
		if name != "" && name != "." && !validPath(name) {
			return fmt.Errorf("archive entry %q: refused: absolute or with ..", hdr.Name)
		}
		return nil
	}
	switch {
	case strings.HasPrefix(hdr.Name, "/") || !validPath(name):
		return fmt.Errorf("archive entry %q: refused: absolute or with ..", hdr.Name)
	case hdr.Typeflag == tar.TypeSymlink || hdr.Typeflag == tar.TypeLink:
		return fmt.Errorf("archive entry %q: refused: a link (to %q)", hdr.Name, hdr.Linkname)
	case hdr.Typeflag != tar.TypeReg:
		return fmt.Errorf("archive entry %q: refused: not a regular file", hdr.Name)
	case files[name] != nil:
		return fmt.Errorf("archive entry %q: appears twice", hdr.Name)
	}
	if err := b.take(name, hdr.Size); err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(tr, hdr.Size+1))
	if err != nil {
		return fmt.Errorf("archive entry %q: %w", hdr.Name, err)
	}
	if int64(len(data)) != hdr.Size {
		return fmt.Errorf("archive entry %q: size does not match its header", hdr.Name)
	}
	files[name] = data
	return nil
}

// readFolder reads every file of a folder bundle, refusing links.
func readFolder(root string, lim Limits) (map[string][]byte, error) {
	if _, err := os.Stat(filepath.Join(root, ManifestName)); err != nil {
		return nil, fmt.Errorf("no %s: %w", ManifestName, errors.Unwrap(err))
	}
	files := map[string][]byte{}
	b := &budget{lim: lim}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: refused: a link", rel)
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: refused: not a regular file", rel)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := b.take(rel, info.Size()); err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[rel] = data
		return err
	})
	return files, err
}

// verify checks the files against the manifest: each listed file is
// present with its size and digest, nothing unlisted is there, and the
// manifest's own digest holds.
func verify(files map[string][]byte) (*Manifest, *Collection, error) {
	raw, ok := files[ManifestName]
	if !ok {
		return nil, nil, fmt.Errorf("no %s", ManifestName)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	if m.BundleVersion != Version {
		return nil, nil, fmt.Errorf("%s: bundle version %q, want %q", ManifestName, m.BundleVersion, Version)
	}
	if err := checkFiles(&m, files); err != nil {
		return nil, nil, err
	}
	if got := m.digest(); got != m.Digest {
		return nil, nil, fmt.Errorf("%w: %s has been changed: its digest is %s, its content gives %s", ErrIntegrity, ManifestName, m.Digest, got)
	}
	c, err := collection(&m, files)
	return &m, c, err
}

func checkFiles(m *Manifest, files map[string][]byte) error {
	listed := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		if !validPath(f.Path) {
			return fmt.Errorf("%s lists %q: refused: absolute or with ..", ManifestName, f.Path)
		}
		listed[f.Path] = true
		data, ok := files[f.Path]
		switch {
		case !ok:
			return fmt.Errorf("%w: %s is missing", ErrIntegrity, f.Path)
		case int64(len(data)) != f.Size:
			return fmt.Errorf("%w: %s has been changed: %d bytes, the manifest says %d", ErrIntegrity, f.Path, len(data), f.Size)
		case sha256Hex(data) != f.SHA256:
			return fmt.Errorf("%w: %s has been changed: sha256 %s, the manifest says %s", ErrIntegrity, f.Path, sha256Hex(data), f.SHA256)
		}
	}
	var extra []string
	for p := range files {
		if !listed[p] {
			extra = append(extra, p)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		return fmt.Errorf("%w: %s is not listed in the manifest", ErrIntegrity, extra[0])
	}
	return nil
}

func collection(m *Manifest, files map[string][]byte) (*Collection, error) {
	c := &Collection{AssayVersion: m.AssayVersion}
	index := map[string]int{}
	for _, s := range m.Sources {
		at, err := time.Parse(time.RFC3339Nano, s.CollectedAt)
		if err != nil {
			return nil, fmt.Errorf("%s: source %s: collected_at %q: %w", ManifestName, s.Name, s.CollectedAt, err)
		}
		index[s.Name] = len(c.Sources)
		c.Sources = append(c.Sources, Source{Name: s.Name, Plugin: s.Plugin, PluginVersion: s.PluginVersion, CollectedAt: at, Err: s.Error})
	}
	for _, f := range m.Files {
		i, ok := index[f.Source]
		if !ok {
			return nil, fmt.Errorf("%s: file %s names source %q, which is not listed", ManifestName, f.Path, f.Source)
		}
		c.Sources[i].Files = append(c.Sources[i].Files, File{Name: f.Origin, MediaType: f.MediaType, Data: files[f.Path]})
	}
	return c, nil
}
