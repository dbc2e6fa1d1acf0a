package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine/report"
	"github.com/assay-dev/assay/engine/verdict"
)

// output is one rendering of the report: a format and a file, or
// stdout when the file is empty.
type output struct {
	format report.Format
	path   string
}

// outputs reads --format with --out, and every --output FORMAT=FILE.
func outputs(v *viper.Viper) ([]output, error) {
	f, err := report.ParseFormat(v.GetString("format"))
	if err != nil {
		return nil, err
	}
	outs := []output{{format: f, path: v.GetString("out")}}
	seen := map[string]bool{outs[0].path: outs[0].path != ""}
	for _, spec := range v.GetStringSlice("output") {
		name, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" {
			return nil, fmt.Errorf("--output %q: write FORMAT=FILE, e.g. sarif=assay.sarif", spec)
		}
		f, err := report.ParseFormat(name)
		if err != nil {
			return nil, fmt.Errorf("--output %q: %w", spec, err)
		}
		if seen[path] {
			return nil, fmt.Errorf("--output %q: %s is written twice", spec, path)
		}
		seen[path] = true
		outs = append(outs, output{format: f, path: path})
	}
	return outs, nil
}

// writeOutputs renders every output in memory first, so a rendering
// error leaves no file behind, then writes each file atomically.
func writeOutputs(stdout io.Writer, outs []output, r *verdict.Report) error {
	rendered := make([][]byte, len(outs))
	for i, o := range outs {
		var buf bytes.Buffer
		color := o.path == "" && report.ColorFor(stdout)
		if err := report.Write(&buf, o.format, r, report.Options{Color: color}); err != nil {
			return fmt.Errorf("rendering %s: %w", o.format, err)
		}
		rendered[i] = buf.Bytes()
	}
	for i, o := range outs {
		var err error
		if o.path == "" {
			_, err = stdout.Write(rendered[i])
		} else {
			err = writeFileAtomic(o.path, rendered[i])
		}
		if err != nil {
			return err
		}
	}
	return nil
}
