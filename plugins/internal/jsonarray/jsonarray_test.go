package jsonarray

import (
	"encoding/json"
	"testing"
)

func TestEncode(t *testing.T) {
	for _, tc := range []struct {
		items []json.RawMessage
		want  string
	}{
		{nil, "[]\n"},
		{[]json.RawMessage{json.RawMessage(`{ "a" : [1, 2] ,"n": 18446744073709551615 }`)}, "[\n{\"a\":[1,2],\"n\":18446744073709551615}\n]\n"},
		{[]json.RawMessage{json.RawMessage(`1`), json.RawMessage(` "x" `), json.RawMessage(`null`)}, "[\n1,\n\"x\",\nnull\n]\n"},
	} {
		if got := string(Encode(tc.items)); got != tc.want {
			t.Errorf("Encode(%s) = %q, want %q", tc.items, got, tc.want)
		}
	}
}
