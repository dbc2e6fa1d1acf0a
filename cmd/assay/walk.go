package main

import (
	"io/fs"
	"path/filepath"
)

// walkFiles calls fn for every file under root (or root itself when it
// is a file).
func walkFiles(root string, fn func(path string)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			fn(path)
		}
		return nil
	})
}
