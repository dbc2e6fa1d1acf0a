package verdict

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/verdicts.md from the schema")

const docPath = "../../docs/verdicts.md"

// docIntro is the hand-written part of docs/verdicts.md, above the
// tables generated from the schema.
const docIntro = `# Verdicts, schema version 1

` + "`assay eval`" + ` writes one JSON document a run. Its JSON Schema (draft
2020-12) is embedded in the binary: ` + "`assay schema verdict`" + ` prints it, and
every test of the engine checks its output against it. The tables below
are generated from the schema's own descriptions
(` + "`go test ./engine/verdict -update`" + `), so they say what the schema says.

Numbers are JSON numbers, never NaN or infinities: a value that has none
is null. Lists and maps are empty rather than absent. Verdicts are
sorted by measure ID, and the same measures, evidence and as-of time
give the same bytes.

`

// TestSchemaDoc keeps docs/verdicts.md in step with the schema.
func TestSchemaDoc(t *testing.T) {
	body, err := SchemaMarkdown()
	if err != nil {
		t.Fatal(err)
	}
	want := docIntro + body
	if *update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/verdicts.md is out of date with schema.json; run go test ./engine/verdict -update")
	}
	// Every field of a verdict has a description.
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "| `") && strings.HasSuffix(line, "|  |") {
			t.Errorf("field without a description: %s", line)
		}
	}
}
