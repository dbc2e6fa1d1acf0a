package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteNewAndReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	if err := Write(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if read(t, p) != "two" || info.Mode().Perm() != 0o600 {
		t.Errorf("after replace: %q mode %v, want two 0600", read(t, p), info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want 1 (no temporary file left)", len(entries))
	}
}

// TestLinkKeepsLink writes through a symbolic link: the link stays, its
// target gets the content.
func TestLinkKeepsLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if read(t, target) != "new" {
		t.Errorf("target = %q, want new", read(t, target))
	}
}

// TestDeviceIsWrittenInto writes to a FIFO, as to /dev/null or
// /dev/stdout: the FIFO must stay a FIFO and receive the data.
func TestDeviceIsWrittenInto(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(p)
		got <- string(b)
	}()
	if err := Write(p, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("read %q from the FIFO", s)
	}
	if fi, _ := os.Lstat(p); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced by a %v", fi.Mode())
	}
	if err := Write(os.DevNull, []byte("x")); err != nil {
		t.Errorf("Write(/dev/null) = %v", err)
	}
	if fi, _ := os.Stat(os.DevNull); fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device")
	}
}

func TestStageDiscardLeavesOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	os.WriteFile(p, []byte("old"), 0o644)
	f, err := Stage(p, []byte("new"))
	if err != nil {
		t.Fatal(err)
	}
	f.Discard()
	entries, _ := os.ReadDir(dir)
	if read(t, p) != "old" || len(entries) != 1 {
		t.Errorf("after discard: %q and %d entries, want old and 1", read(t, p), len(entries))
	}
}

func TestErrorsNameThePath(t *testing.T) {
	for path, want := range map[string]string{
		"/nonexistent/dir/out.json": "cannot write /nonexistent/dir/out.json: folder /nonexistent/dir: no such file or directory",
		t.TempDir():                 "it is a folder",
	} {
		err := Write(path, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("Write(%s) = %v, want %q and no temporary name", path, err, want)
		}
	}
}
