package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine/atomicfile"
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

// staged is every output of a run, rendered and written beside its
// destination but not yet in place.
type staged struct {
	stdout io.Writer
	files  []*atomicfile.File
	out    [][]byte // what goes to stdout
}

// stageOutputs renders every output and stages each file; on any error
// nothing is left behind and no destination has changed.
func stageOutputs(stdout io.Writer, outs []output, r *verdict.Report) (*staged, error) {
	st := &staged{stdout: stdout}
	for _, o := range outs {
		var buf bytes.Buffer
		color := o.path == "" && report.ColorFor(stdout)
		if err := report.Write(&buf, o.format, r, report.Options{Color: color}); err != nil {
			st.discard()
			return nil, fmt.Errorf("rendering %s: %w", o.format, err)
		}
		if o.path == "" {
			st.out = append(st.out, buf.Bytes())
			continue
		}
		f, err := atomicfile.Stage(o.path, buf.Bytes())
		if err != nil {
			st.discard()
			return nil, err
		}
		st.files = append(st.files, f)
	}
	return st, nil
}

// commit puts every staged file in place and writes stdout's outputs.
func (st *staged) commit() error {
	for i, f := range st.files {
		if err := f.Commit(); err != nil {
			for _, rest := range st.files[i+1:] {
				rest.Discard()
			}
			return err
		}
	}
	for _, b := range st.out {
		if _, err := st.stdout.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (st *staged) discard() {
	for _, f := range st.files {
		f.Discard()
	}
}
