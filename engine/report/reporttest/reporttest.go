// Package reporttest checks report output against the official
// interchange schemas in tests: OSCAL and SARIF as JSON Schema, JUnit
// with xmllint against its XSD.
package reporttest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema files in ../shared/schemas.
const (
	OSCAL = "oscal_assessment-results_schema.json"
	SARIF = "sarif-schema-2.1.0.json"
	JUnit = "junit-10.xsd"
)

// SchemaDir finds ../shared/schemas beside the module, walking up from
// the test's folder to the go.mod.
func SchemaDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
	schemas := filepath.Join(dir, "..", "shared", "schemas")
	if _, err := os.Stat(schemas); err != nil {
		tb.Fatalf("the official schemas are missing: %v (they live in ../shared/schemas beside the module)", err)
	}
	return schemas
}

// ValidateJSON checks doc against the JSON schema file (OSCAL or SARIF),
// with patterns and formats asserted as the schema's draft says, and
// returns the document decoded for further checks.
func ValidateJSON(tb testing.TB, file string, doc []byte) map[string]any {
	tb.Helper()
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join(SchemaDir(tb), file))
	if err != nil {
		tb.Fatalf("compiling %s: %v", file, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		tb.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		tb.Fatalf("output is not valid against %s:\n%v", file, err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// ValidateJUnit checks doc against junit-10.xsd with xmllint, which CI
// installs (Debian: libxml2-utils).
func ValidateJUnit(tb testing.TB, doc []byte) {
	tb.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		tb.Fatal("xmllint is not installed: apt-get install -y libxml2-utils (CI installs it)")
	}
	file := filepath.Join(tb.TempDir(), "junit.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(bin, "--noout", "--schema", filepath.Join(SchemaDir(tb), JUnit), file)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("xmllint rejects the JUnit output: %v\n%s", err, out)
	}
}
