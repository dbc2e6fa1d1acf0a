// Package format lays out measure files and Rego policies in their
// canonical form, so that every file in a repository reads the same way
// and reviews show only real changes.
//
// HCL goes through hclwrite's formatter, with blank lines tidied as
// gofmt does; Rego goes through OPA's formatter for Rego v1. Both change
// whitespace only, and the text inside heredocs and quoted strings (CEL
// expressions, inline Rego) is kept byte for byte. A file that does not
// parse is never formatted: the functions return a *SyntaxError that
// names the file, line and column of each problem instead.
//
// Unified renders the difference between a file and its formatted form
// the way diff -u does, for "assay fmt --diff".
package format
