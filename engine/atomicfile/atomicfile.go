// Package atomicfile writes output files whole or not at all: a reader
// sees the old content or the new, never a part, and a failure leaves
// the old file as it was.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// File is a new file's content staged beside its destination, not yet
// visible there. Commit moves it into place; Discard removes it.
type File struct {
	dest string // the file to replace: the destination, or what a link at it points to
	tmp  *os.File
	dev  bool // the destination is not a regular file: write into it at commit
	data []byte
}

// Stage writes data to a temporary file beside path. When path is a
// symbolic link, the file it points to is the one replaced, so the link
// stays; when it is a device or a pipe (/dev/null, /dev/stdout), data
// is written into it at commit rather than replacing it. An existing
// file's permissions are kept; a new file gets 0644.
func Stage(path string, data []byte) (*File, error) {
	dest, info, err := destination(path)
	if err != nil {
		return nil, err
	}
	if info != nil && !info.Mode().IsRegular() {
		return &File{dest: dest, dev: true, data: data}, nil
	}
	mode := os.FileMode(0o644)
	if info != nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: folder %s: %w", path, filepath.Dir(dest), cause(err))
	}
	f := &File{dest: dest, tmp: tmp}
	if err := f.fill(data, mode); err != nil {
		f.Discard()
		return nil, fmt.Errorf("cannot write %s: %w", path, cause(err))
	}
	return f, nil
}

// destination resolves a link at path to the file it names, and stats
// that file; info is nil when it does not exist yet.
func destination(path string) (string, os.FileInfo, error) {
	dest := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		dest = resolved
	}
	info, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return dest, nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("cannot write %s: %w", path, cause(err))
	}
	if info.IsDir() {
		return "", nil, fmt.Errorf("cannot write %s: it is a folder", path)
	}
	return dest, info, nil
}

func (f *File) fill(data []byte, mode os.FileMode) error {
	if _, err := f.tmp.Write(data); err != nil {
		return err
	}
	if err := f.tmp.Sync(); err != nil {
		return err
	}
	if err := f.tmp.Close(); err != nil {
		return err
	}
	return os.Chmod(f.tmp.Name(), mode)
}

// Commit makes the staged content the destination's.
func (f *File) Commit() error {
	if f.dev {
		out, err := os.OpenFile(f.dest, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", f.dest, cause(err))
		}
		_, err = out.Write(f.data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if err := os.Rename(f.tmp.Name(), f.dest); err != nil {
		f.Discard()
		return fmt.Errorf("cannot write %s: %w", f.dest, cause(err))
	}
	return nil
}

// Discard removes the staged content; the destination is untouched.
func (f *File) Discard() {
	if f.tmp != nil {
		f.tmp.Close()
		os.Remove(f.tmp.Name())
	}
}

// Write stages data for path and commits it at once.
func Write(path string, data []byte) error {
	f, err := Stage(path, data)
	if err != nil {
		return err
	}
	return f.Commit()
}

// cause strips an *os.PathError down to its reason, so that messages
// name the user's path rather than a temporary one.
func cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
