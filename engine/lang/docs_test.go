package lang

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// schemaBlocks names each block type's schema as schema.go declares it,
// independently of blockSchemas, so a block added there but forgotten
// here or in the docs fails the test.
var schemaBlocks = []struct {
	block  string
	schema *hcl.BodySchema
}{
	{"", fileSchema},
	{"source", sourceSchema},
	{"measure", measureSchema},
	{"waiver", waiverSchema},
	{"responsible", responsibleSchema},
	{"frequency", frequencySchema},
	{"param", paramSchema},
	{"policy", policySchema},
	{"base_measure", baseSchema},
	{"derived_measure", derivedSchema},
	{"indicator", indicatorSchema},
	{"decision", decisionSchema},
}

// foreignBlocks hold content that belongs to a plugin, not the language.
var foreignBlocks = []string{"config"}

func TestDocsCoverEverySchemaEntry(t *testing.T) {
	known := map[string]bool{}
	for _, sb := range schemaBlocks {
		known[sb.block] = true
	}
	for _, sb := range schemaBlocks {
		for _, b := range sb.schema.Blocks {
			if _, ok := Docs[b.Type]; !ok {
				t.Errorf("no doc for block %q", b.Type)
			}
			if !known[b.Type] && !slices.Contains(foreignBlocks, b.Type) {
				t.Errorf("block %q (in %q) has no schema in schemaBlocks", b.Type, sb.block)
			}
		}
		for _, a := range sb.schema.Attributes {
			key := sb.block + "." + a.Name
			d, ok := Docs[key]
			if !ok {
				t.Errorf("no doc for attribute %q", key)
				continue
			}
			want := "Optional"
			if a.Required {
				want = "Required"
			}
			if !strings.HasPrefix(d.Values, want) {
				t.Errorf("%s: Values = %q, want it to start with %q", key, d.Values, want)
			}
		}
	}
}

func TestDocsNameOnlySchemaEntries(t *testing.T) {
	valid := map[string]bool{}
	for _, sb := range schemaBlocks {
		for _, b := range sb.schema.Blocks {
			valid[b.Type] = true
		}
		for _, a := range sb.schema.Attributes {
			valid[sb.block+"."+a.Name] = true
		}
	}
	for key := range Docs {
		if !valid[key] {
			t.Errorf("doc %q names no block or attribute of the schemas", key)
		}
	}
}

func TestDocsAreComplete(t *testing.T) {
	for key, d := range Docs {
		if d.Summary == "" || d.Values == "" || d.Example == "" {
			t.Errorf("%s: summary, values and example are all needed", key)
		}
		if !strings.Contains(key, ".") && d.ISO == "" {
			t.Errorf("%s: a block needs its ISO/IEC 27004 meaning", key)
		}
		for _, v := range d.Enum {
			if !strings.Contains(d.Values, "`"+v+"`") {
				t.Errorf("%s: Values does not mention allowed value %q", key, v)
			}
		}
		if _, diags := hclsyntax.ParseConfig([]byte(d.Example+"\n"), key, hcl.InitialPos); diags.HasErrors() {
			t.Errorf("%s: example is not valid HCL: %s", key, diags.Error())
		}
	}
	for name, d := range CELDocs {
		if d.Summary == "" || d.Example == "" {
			t.Errorf("CEL name %s: summary and example are needed", name)
		}
	}
}

func TestInformationNeedDocExplainsISO(t *testing.T) {
	md := Docs["measure.information_need"].Markdown("measure.information_need", "hcl")
	for _, want := range []string{"**`measure.information_need`**", "*information need*", "ISO/IEC 15939", "Required.", "```hcl\ninformation_need = "} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestSchemaMatchesSchemaGo(t *testing.T) {
	for _, sb := range schemaBlocks {
		got := Schema(sb.block)
		if got == nil {
			t.Errorf("Schema(%q) = nil", sb.block)
			continue
		}
		if !slices.Equal(got.Attributes, sb.schema.Attributes) || !slices.EqualFunc(got.Blocks, sb.schema.Blocks, sameHeader) {
			t.Errorf("Schema(%q) differs from schema.go", sb.block)
		}
	}
	if Schema("config") != nil {
		t.Error("Schema(config) should be nil: its content is the plugin's")
	}
	Schema("measure").Attributes[0].Name = "changed"
	if measureSchema.Attributes[0].Name == "changed" {
		t.Error("Schema returned the package's own schema, not a copy")
	}
}

func sameHeader(a, b hcl.BlockHeaderSchema) bool {
	return a.Type == b.Type && slices.Equal(a.LabelNames, b.LabelNames)
}
