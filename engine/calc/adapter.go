package calc

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
)

// sortedAdapter hands evidence to CEL with maps that iterate in key
// order. cel-go iterates a Go map in Go's map order, which changes from
// run to run; a comprehension over a record's fields (r.map(k, k), or a
// sum of its values) would then give different results for the same
// evidence.
type sortedAdapter struct {
	types.Adapter
}

// NativeToValue wraps maps and lists, so that maps nested anywhere in a
// record iterate in order too; everything else is CEL's usual.
func (a sortedAdapter) NativeToValue(v any) ref.Val {
	switch x := v.(type) {
	case map[string]any:
		return sortedMap{Mapper: types.NewStringInterfaceMap(a, x), native: x}
	case []any:
		return types.NewDynamicList(a, x)
	}
	return a.Adapter.NativeToValue(v)
}

// sortedMap is a record whose keys iterate in sorted order.
type sortedMap struct {
	traits.Mapper
	native map[string]any
}

// Iterator visits the keys in sorted order.
func (m sortedMap) Iterator() traits.Iterator {
	keys := make([]string, 0, len(m.native))
	for k := range m.native {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return &keyIterator{keys: keys}
}

// keyIterator walks a sorted list of map keys.
type keyIterator struct {
	keys []string
	next int
}

func (it *keyIterator) HasNext() ref.Val { return types.Bool(it.next < len(it.keys)) }

func (it *keyIterator) Next() ref.Val {
	if it.next >= len(it.keys) {
		return types.NewErr("iterator past its end")
	}
	it.next++
	return types.String(it.keys[it.next-1])
}

func (it *keyIterator) ConvertToNative(t reflect.Type) (any, error) {
	return nil, fmt.Errorf("an iterator cannot be converted to %v", t)
}

func (it *keyIterator) ConvertToType(ref.Type) ref.Val {
	return types.NewErr("an iterator cannot be converted")
}

func (it *keyIterator) Equal(ref.Val) ref.Val { return types.False }
func (it *keyIterator) Type() ref.Type        { return types.IteratorType }
func (it *keyIterator) Value() any            { return nil }
