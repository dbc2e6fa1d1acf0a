// Command assay-plugin-csvdir is an example external Assay plugin: it
// collects every CSV file in a folder, such as the exports an HR or
// asset system drops there each night. Build it into Assay's plugin
// folder and use it from a source block:
//
//	source "joiners" {
//	  plugin = "csvdir"
//	  config {
//	    folder    = "evidence/hr"
//	    recursive = true
//	    timeout   = "30s"
//	  }
//	}
//
// A relative folder is resolved against the measure file's folder.
// Files are returned in lexical order of their paths; a folder holding
// no CSV file yields no files, and so no records.
package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/assay-dev/assay/plugins/sdk"
)

func main() {
	sdk.Serve(sdk.Plugin{
		Name:    "csvdir",
		Version: "1.0.0",
		Schema: []sdk.Attribute{
			{Name: "folder", Type: sdk.String, Required: true,
				Description: "The folder whose .csv files are collected."},
			{Name: "recursive", Type: sdk.Bool,
				Description: "Whether to descend into sub-folders; false by default."},
		},
		Collect: collect,
	})
}

// collect reads the CSV files of the configured folder.
func collect(ctx context.Context, cfg map[string]any) ([]sdk.File, error) {
	folder := cfg["folder"].(string)
	recursive, _ := cfg["recursive"].(bool)
	if st, err := os.Stat(folder); err != nil {
		return nil, sdk.InputError(fmt.Errorf("folder %s: %w", folder, unwrapPath(err)))
	} else if !st.IsDir() {
		return nil, sdk.InputError(fmt.Errorf("folder %s is a file, not a folder", folder))
	}
	names, err := csvFiles(ctx, folder, recursive)
	if err != nil {
		return nil, err
	}
	return readAll(ctx, names)
}

// csvFiles lists the .csv files under folder, in lexical order.
func csvFiles(ctx context.Context, folder string, recursive bool) ([]string, error) {
	var names []string
	err := filepath.WalkDir(folder, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() && path != folder && !recursive {
			return fs.SkipDir
		}
		if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(path), ".csv") {
			names = append(names, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", folder, err)
	}
	return names, nil
}

// readAll reads each named file as CSV evidence.
func readAll(ctx context.Context, names []string) ([]sdk.File, error) {
	files := make([]sdk.File, 0, len(names))
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		files = append(files, sdk.File{Name: filepath.ToSlash(name), MediaType: sdk.MediaCSV, Data: data})
	}
	return files, nil
}

// unwrapPath drops the path from a *fs.PathError, which the message
// already names.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
