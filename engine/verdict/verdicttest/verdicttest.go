// Package verdicttest checks documents against the verdict JSON Schema
// in tests, so that every report a test produces is also a schema test.
package verdicttest

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/assay-dev/assay/engine/verdict"
)

var (
	once     sync.Once
	compiled *jsonschema.Schema
	compErr  error
)

func schema() (*jsonschema.Schema, error) {
	once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(verdict.Schema))
		if err != nil {
			compErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err := c.AddResource("verdict.json", doc); err != nil {
			compErr = err
			return
		}
		compiled, compErr = c.Compile("verdict.json")
	})
	return compiled, compErr
}

// TB is the part of testing.TB that Check needs; a testscript script
// can supply it too.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Check fails the test when doc, a verdict JSON document, does not
// match the schema.
func Check(tb TB, doc []byte) {
	tb.Helper()
	sch, err := schema()
	if err != nil {
		tb.Fatalf("compiling the verdict schema: %v", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		tb.Fatalf("verdict document is not JSON: %v", err)
	}
	if err := sch.Validate(v); err != nil {
		tb.Fatalf("verdict document does not match the schema: %v", err)
	}
}

// CheckReport marshals r and checks it.
func CheckReport(tb TB, r *verdict.Report) {
	tb.Helper()
	doc, err := json.Marshal(r)
	if err != nil {
		tb.Fatalf("marshal report: %v", err)
	}
	Check(tb, doc)
}
