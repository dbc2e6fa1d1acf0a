package verdict

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of the verdict document,
// version SchemaVersion. `assay schema verdict` prints it.
//
//go:embed schema.json
var Schema []byte
