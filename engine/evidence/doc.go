// Package evidence decodes evidence files into records.
//
// A file yields a list of records, whatever its format:
//
//   - JSON: a top-level array yields its elements; any other value,
//     null included, yields itself; an empty or blank file yields none.
//     Anything after the value is an error.
//   - NDJSON: one record a non-blank line.
//   - YAML: one record a document; empty documents (no content, or only
//     comments) are skipped. Scalars follow the YAML 1.2 core schema, so
//     on, off, yes and no are strings and 017 is 17; timestamps stay
//     strings; only true and false (in three spellings) are booleans.
//     Aliases are expanded and merge keys (<<) applied; keys that are not
//     strings are formatted with fmt (null as "null").
//   - CSV: one map a data row, keyed by the header row; every value is a
//     string; quoted fields keep their newlines; the header names must
//     be distinct and not blank, and each row must have as many fields.
//
// A UTF-8 byte-order mark at the start of a file is ignored.
//
// Numbers keep their kind: an integral literal becomes an int64, or a
// uint64 when it is too big for int64, or a float64 when it is too big
// for both; any other number becomes a float64. Objects and mappings
// become map[string]any, arrays and sequences []any.
//
// Each record remembers the file and line it came from (and, for CSV,
// its data row), so that findings can point at it. Errors are
// *DecodeError values that name the file, the line and, when known, the
// column, counted in bytes from 1.
package evidence
