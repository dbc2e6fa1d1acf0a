// Package lang loads Assay measure files: HCL documents holding source
// and measure blocks. It decodes them into a typed model whose every
// part remembers its source range, so later stages (CEL compilation,
// Rego preparation, evaluation) can point diagnostics at the exact
// place in the file.
//
// Load reports every problem it finds, not only the first: unknown
// blocks and attributes, wrong types, missing fields, duplicate IDs and
// references to undeclared sources all come back as hcl.Diagnostics.
package lang
