// Package lsp is Assay's language server: it speaks the Language
// Server Protocol over stdio to editors, checking measure files and
// Rego policies as they are typed (diagnostics), explaining every
// block and attribute in ISO/IEC 27004 terms (hover), proposing names
// (completion) and following source references and policy module paths
// (definition).
//
// Diagnostics come from the same loader and compiler as
// `assay validate`; the other features read a token outline of the
// document, so they keep working while it does not parse.
package lsp
