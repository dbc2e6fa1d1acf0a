// Package jsonarray writes the JSON files that built-in plugins return:
// an array whose elements are the records.
package jsonarray

import (
	"bytes"
	"encoding/json"
)

// Encode writes items as a JSON array with one compact item a line, so
// that the record decoded from item i is on line i+2. Each item must be
// valid JSON; an item that is not is written as it is.
func Encode(items []json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i, it := range items {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
		if err := json.Compact(&b, it); err != nil {
			b.Write(it)
		}
	}
	if len(items) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes()
}
