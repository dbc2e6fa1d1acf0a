package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var collectedAt = time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)

func sample() *Collection {
	return &Collection{AssayVersion: "test", Sources: []Source{
		{Name: "trivy", Plugin: "file", PluginVersion: "builtin", CollectedAt: collectedAt, Files: []File{
			{Name: "scans/a.json", MediaType: "application/json", Data: []byte(`[{"id": 1}]`)},
			{Name: "other/a.json", MediaType: "application/json", Data: []byte(`[{"id": 2}]`)},
		}},
		{Name: "github", Plugin: "http", PluginVersion: "1.0", CollectedAt: collectedAt, Err: "source github: 503 Service Unavailable"},
	}}
}

func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"bundle", "bundle.tar.gz"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			written, err := Write(path, sample())
			if err != nil {
				t.Fatal(err)
			}
			c, m, err := Open(path, DefaultLimits)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if m.Digest != written.Digest || len(m.Files) != 2 {
				t.Errorf("manifest digest %s with %d files, want %s with 2", m.Digest, len(m.Files), written.Digest)
			}
			// Sources come back sorted by name: github, then trivy.
			if len(c.Sources) != 2 || c.Sources[0].Name != "github" || c.Sources[0].Err == "" {
				t.Fatalf("sources = %+v, want github (failed) then trivy", c.Sources)
			}
			tr := c.Sources[1]
			if len(tr.Files) != 2 || string(tr.Files[1].Data) != `[{"id": 2}]` || tr.Files[1].Name != "other/a.json" || !tr.CollectedAt.Equal(collectedAt) {
				t.Errorf("trivy = %+v, want both files with their origins and the collection time", tr)
			}
			if m.Files[0].Path != "files/trivy/0001-a.json" || m.Files[1].Path != "files/trivy/0002-a.json" {
				t.Errorf("paths = %s, %s; want numbered files under files/trivy", m.Files[0].Path, m.Files[1].Path)
			}
		})
	}
}

// TestArchiveReproducible writes the same collection twice and compares bytes.
func TestArchiveReproducible(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.tar.gz"), filepath.Join(dir, "b.tar.gz")
	if _, err := Write(a, sample()); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, sample()); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if !bytes.Equal(x, y) {
		t.Errorf("two archives of one collection differ")
	}
}

func TestTamperedFolder(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(dir string) error
		want   string
	}{
		{"changed file", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "files/trivy/0001-a.json"), []byte(`[{"id": 9}]`), 0o644)
		}, "files/trivy/0001-a.json has been changed"},
		{"missing file", func(dir string) error {
			return os.Remove(filepath.Join(dir, "files/trivy/0002-a.json"))
		}, "files/trivy/0002-a.json is missing"},
		{"added file", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "files/trivy/extra.json"), []byte(`[]`), 0o644)
		}, "files/trivy/extra.json is not listed in the manifest"},
		{"edited manifest", func(dir string) error {
			p := filepath.Join(dir, ManifestName)
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, bytes.Replace(b, []byte("scans/a.json"), []byte("scans/b.json"), 1), 0o644)
		}, "manifest.json has been changed"},
		{"link", func(dir string) error {
			return os.Symlink("/etc/passwd", filepath.Join(dir, "files/trivy/link.json"))
		}, "files/trivy/link.json: refused: a link"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "b")
			if _, err := Write(dir, sample()); err != nil {
				t.Fatal(err)
			}
			if err := tc.tamper(dir); err != nil {
				t.Fatal(err)
			}
			_, _, err := Open(dir, DefaultLimits)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// entry is one tar entry of a hand-made archive.
type entry struct {
	name     string
	typeflag byte
	body     string
	link     string
}

func archive(t *testing.T, entries []entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Typeflag: e.typeflag, Mode: 0o644, Size: int64(len(e.body)), Linkname: e.link}
		if e.typeflag != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if e.typeflag == tar.TypeReg {
			tw.Write([]byte(e.body))
		}
	}
	tw.Close()
	zw.Close()
	path := filepath.Join(t.TempDir(), "evil.tar.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestArchiveRefusals feeds archives that try to escape or explode.
// Each is refused before anything is kept, and nothing is written.
func TestArchiveRefusals(t *testing.T) {
	tests := []struct {
		name    string
		entries []entry
		lim     Limits
		want    string
	}{
		{"absolute path", []entry{{name: "/etc/cron.d/x", typeflag: tar.TypeReg, body: "x"}}, DefaultLimits, `"/etc/cron.d/x": refused: absolute or with ..`},
		{"parent element", []entry{{name: "files/../../x", typeflag: tar.TypeReg, body: "x"}}, DefaultLimits, `"files/../../x": refused: absolute or with ..`},
		{"leading parent", []entry{{name: "../x", typeflag: tar.TypeReg, body: "x"}}, DefaultLimits, `"../x": refused`},
		{"symlink", []entry{{name: "files/x", typeflag: tar.TypeSymlink, link: "/etc/passwd"}}, DefaultLimits, `"files/x": refused: a link (to "/etc/passwd")`},
		{"hard link", []entry{{name: "files/x", typeflag: tar.TypeLink, link: "manifest.json"}}, DefaultLimits, `"files/x": refused: a link`},
		{"device", []entry{{name: "files/x", typeflag: tar.TypeChar}}, DefaultLimits, `"files/x": refused: not a regular file`},
		{"directory with parent", []entry{{name: "../d/", typeflag: tar.TypeDir}}, DefaultLimits, `"../d/": refused`},
		{"duplicate", []entry{{name: "a", typeflag: tar.TypeReg, body: "1"}, {name: "./a", typeflag: tar.TypeReg, body: "2"}}, DefaultLimits, `"./a": appears twice`},
		{"file too large", []entry{{name: "a", typeflag: tar.TypeReg, body: strings.Repeat("x", 100)}}, Limits{MaxFileSize: 10, MaxTotalSize: 1000, MaxEntries: 10}, "larger than the 10-byte limit"},
		{"too much in all", []entry{{name: "a", typeflag: tar.TypeReg, body: "xxxxxx"}, {name: "b", typeflag: tar.TypeReg, body: "xxxxxx"}}, Limits{MaxFileSize: 10, MaxTotalSize: 10, MaxEntries: 10}, "exceed the 10-byte limit"},
		{"too many entries", []entry{{name: "a", typeflag: tar.TypeReg}, {name: "b", typeflag: tar.TypeReg}}, Limits{MaxFileSize: 10, MaxTotalSize: 10, MaxEntries: 1}, "more than 1 entries"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Open(archive(t, tc.entries), tc.lim)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// TestBomb checks that a small archive that inflates past the limit is
// refused while reading, not after.
func TestBomb(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	const size = 64 << 20
	tw.WriteHeader(&tar.Header{Name: "files/x", Typeflag: tar.TypeReg, Mode: 0o644, Size: size})
	zero := make([]byte, 1<<20)
	for range size / len(zero) {
		tw.Write(zero)
	}
	tw.Close()
	zw.Close()
	path := filepath.Join(t.TempDir(), "bomb.tar.gz")
	os.WriteFile(path, buf.Bytes(), 0o644)
	_, _, err := Open(path, Limits{MaxFileSize: 1 << 20, MaxTotalSize: 4 << 20, MaxEntries: 10})
	if err == nil || !strings.Contains(err.Error(), "larger than the 1048576-byte limit") {
		t.Errorf("Open(%d-byte archive inflating to 64 MiB) = %v, want a size refusal", buf.Len(), err)
	}
}

func TestIntegrityErrorIs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "b")
	if _, err := Write(dir, sample()); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "files/trivy/0001-a.json"), []byte("x"), 0o644)
	if _, _, err := Open(dir, DefaultLimits); !errors.Is(err, ErrIntegrity) {
		t.Errorf("Open(tampered) = %v, want ErrIntegrity", err)
	}
}

func TestWriteReplacesBundle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "b")
	if _, err := Write(dir, sample()); err != nil {
		t.Fatal(err)
	}
	c := sample()
	c.Sources = c.Sources[:1]
	c.Sources[0].Files = c.Sources[0].Files[:1]
	if _, err := Write(dir, c); err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(dir, DefaultLimits)
	if err != nil || len(got.Sources) != 1 || len(got.Sources[0].Files) != 1 {
		t.Errorf("after rewrite: %v, %+v; want one source with one file", err, got)
	}
	notBundle := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(notBundle, 0o755)
	os.WriteFile(filepath.Join(notBundle, "keep.txt"), []byte("mine"), 0o644)
	if _, err := Write(notBundle, sample()); err == nil || !strings.Contains(err.Error(), "is not a bundle") {
		t.Errorf("Write over a plain folder = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(notBundle, "keep.txt")); string(b) != "mine" {
		t.Errorf("plain folder was changed")
	}
}

func TestWriteRefusesAnotherArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "backup.tar.gz")
	os.WriteFile(path, []byte("precious"), 0o644)
	if _, err := Write(path, sample()); err == nil || !strings.Contains(err.Error(), "is not a bundle") {
		t.Errorf("Write over another file = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Errorf("the file was changed")
	}
	bundlePath := filepath.Join(t.TempDir(), "b.tar.gz")
	for range 2 {
		if _, err := Write(bundlePath, sample()); err != nil {
			t.Errorf("Write over a bundle = %v, want it replaced", err)
		}
	}
}

func TestSafeBase(t *testing.T) {
	for in, want := range map[string]string{
		"testdata/trivy/a.json":                "a.json",
		"https://api.example.com/v1/items?x=1": "items",
		"..":                                   "evidence",
		"C:\\scans\\b c.csv":                   "b_c.csv",
		"https://x/y/.hidden":                  "hidden",
	} {
		if got := safeBase(in); got != want {
			t.Errorf("safeBase(%q) = %q, want %q", in, got, want)
		}
	}
}
