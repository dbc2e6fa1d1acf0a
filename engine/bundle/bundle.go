// Package bundle reads and writes evidence bundles: the files that
// plugins collected, with a manifest that pins each one by SHA-256 and
// says where and when it was collected. A bundle is a folder, or the
// same folder as a .tar.gz archive. Reading a bundle checks every
// digest and refuses archive entries that could escape or explode.
package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"time"
)

// Version is the manifest format version.
const Version = "1"

// ManifestName is the manifest's file name inside a bundle.
const ManifestName = "manifest.json"

// Collection is the evidence of one collection run, in memory: what a
// bundle holds.
type Collection struct {
	AssayVersion string
	Sources      []Source // sorted by name
}

// Source is what one source yielded: files, or the reason it failed.
type Source struct {
	Name          string
	Plugin        string
	PluginVersion string
	CollectedAt   time.Time
	Files         []File
	Err           string // non-empty when the source could not be collected
}

// File is one collected file.
type File struct {
	Name      string // where it came from (a path or a URL without secrets)
	MediaType string
	Data      []byte
}

// Manifest is the manifest.json of a bundle.
type Manifest struct {
	BundleVersion string           `json:"bundle_version"`
	AssayVersion  string           `json:"assay_version"`
	Digest        string           `json:"digest"`
	Sources       []ManifestSource `json:"sources"`
	Files         []ManifestFile   `json:"files"`
}

// ManifestSource records one source's collection.
type ManifestSource struct {
	Name          string `json:"name"`
	Plugin        string `json:"plugin"`
	PluginVersion string `json:"plugin_version"`
	CollectedAt   string `json:"collected_at"`
	Error         string `json:"error,omitempty"`
}

// ManifestFile pins one file of the bundle.
type ManifestFile struct {
	Path          string `json:"path"` // inside the bundle, slash-separated
	Source        string `json:"source"`
	Origin        string `json:"origin"`
	Plugin        string `json:"plugin"`
	PluginVersion string `json:"plugin_version"`
	CollectedAt   string `json:"collected_at"`
	MediaType     string `json:"media_type"`
	Size          int64  `json:"size"`
	SHA256        string `json:"sha256"`
}

// digest hashes the manifest's sources and files, in order, so that the
// bundle as a whole has one fingerprint.
func (m *Manifest) digest() string {
	h := sha256.New()
	for _, s := range m.Sources {
		fmt.Fprintf(h, "source\x00%s\x00%s\x00%s\x00%s\x00%s\n", s.Name, s.Plugin, s.PluginVersion, s.CollectedAt, s.Error)
	}
	for _, f := range m.Files {
		fmt.Fprintf(h, "file\x00%s\x00%s\x00%s\x00%s\x00%d\x00%s\n", f.Path, f.Source, f.Origin, f.MediaType, f.Size, f.SHA256)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// manifestFor lays out a collection: each file goes to
// files/<source>/<n>-<base name>, numbered so that two files with the
// same base name stay apart.
func manifestFor(c *Collection) (*Manifest, map[string][]byte) {
	m := &Manifest{BundleVersion: Version, AssayVersion: c.AssayVersion, Sources: []ManifestSource{}, Files: []ManifestFile{}}
	data := map[string][]byte{}
	sources := append([]Source(nil), c.Sources...)
	sort.Slice(sources, func(i, j int) bool { return sources[i].Name < sources[j].Name })
	for _, s := range sources {
		at := s.CollectedAt.UTC().Format(time.RFC3339Nano)
		m.Sources = append(m.Sources, ManifestSource{Name: s.Name, Plugin: s.Plugin, PluginVersion: s.PluginVersion, CollectedAt: at, Error: s.Err})
		for i, f := range s.Files {
			path := fmt.Sprintf("files/%s/%04d-%s", s.Name, i+1, safeBase(f.Name))
			m.Files = append(m.Files, ManifestFile{
				Path: path, Source: s.Name, Origin: f.Name, Plugin: s.Plugin, PluginVersion: s.PluginVersion,
				CollectedAt: at, MediaType: f.MediaType, Size: int64(len(f.Data)), SHA256: sha256Hex(f.Data),
			})
			data[path] = f.Data
		}
	}
	m.Digest = m.digest()
	return m, data
}
