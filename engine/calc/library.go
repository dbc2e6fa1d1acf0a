package calc

import (
	"math"
	"time"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
)

// assayLibrary adds the functions measure authors reach for most often:
//
//	<list>.sum() -> double   the sum of a list of numbers (int, uint or double)
//	days(int) -> duration    a duration of whole days: now - t > days(params.sla_days)
//	days(double) -> duration
func assayLibrary() cel.EnvOption {
	return cel.Lib(library{})
}

type library struct{}

func (library) LibraryName() string { return "assay" }

func (library) CompileOptions() []cel.EnvOption {
	return []cel.EnvOption{
		cel.Function("sum",
			cel.MemberOverload("assay_list_sum", []*cel.Type{cel.ListType(cel.DynType)}, cel.DoubleType,
				cel.UnaryBinding(sumList))),
		cel.Function("days",
			cel.Overload("assay_days_int", []*cel.Type{cel.IntType}, cel.DurationType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return daysOf(float64(v.(types.Int))) })),
			cel.Overload("assay_days_double", []*cel.Type{cel.DoubleType}, cel.DurationType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return daysOf(float64(v.(types.Double))) }))),
	}
}

func (library) ProgramOptions() []cel.ProgramOption { return nil }

func sumList(v ref.Val) ref.Val {
	list, ok := v.(traits.Lister)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}
	total := 0.0
	it := list.Iterator()
	for it.HasNext() == types.True {
		switch x := it.Next().(type) {
		case types.Int:
			total += float64(x)
		case types.Uint:
			total += float64(x)
		case types.Double:
			total += float64(x)
		default:
			return types.NewErr("sum: %s %v is not a number", x.Type().TypeName(), x)
		}
	}
	return types.Double(total)
}

// maxDays keeps days() inside the range of a time.Duration.
const maxDays = 100_000

func daysOf(n float64) ref.Val {
	if math.IsNaN(n) || math.Abs(n) > maxDays {
		return types.NewErr("days(%v) is out of range", n)
	}
	return types.Duration{Duration: time.Duration(n * float64(24*time.Hour))}
}
