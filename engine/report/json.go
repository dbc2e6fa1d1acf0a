package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/assay-dev/assay/engine/verdict"
)

// writeJSON writes the report as Assay's verdict JSON: indented two
// spaces, HTML characters left as they are, one trailing newline.
func writeJSON(w io.Writer, r *verdict.Report) error {
	return encodeJSON(w, r)
}

// encodeJSON is the one JSON encoding every JSON-based format shares.
// It encodes into memory first, so that a failure writes nothing.
func encodeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: encoding JSON: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
