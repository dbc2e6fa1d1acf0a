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
//	<list>.sum() -> double     the sum of a list of numbers (int, uint or double)
//	<list>.mean() -> double    their arithmetic mean; an error for an empty list
//	<list>.stddev() -> double  their sample standard deviation; an error for fewer than two
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
		cel.Function("mean",
			cel.MemberOverload("assay_list_mean", []*cel.Type{cel.ListType(cel.DynType)}, cel.DoubleType,
				cel.UnaryBinding(meanList))),
		cel.Function("stddev",
			cel.MemberOverload("assay_list_stddev", []*cel.Type{cel.ListType(cel.DynType)}, cel.DoubleType,
				cel.UnaryBinding(stddevList))),
		cel.Function("days",
			cel.Overload("assay_days_int", []*cel.Type{cel.IntType}, cel.DurationType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return daysOf(float64(v.(types.Int))) })),
			cel.Overload("assay_days_double", []*cel.Type{cel.DoubleType}, cel.DurationType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return daysOf(float64(v.(types.Double))) }))),
	}
}

func (library) ProgramOptions() []cel.ProgramOption { return nil }

// numbers reads a CEL list of numbers as float64s.
func numbers(fn string, v ref.Val) ([]float64, ref.Val) {
	list, ok := v.(traits.Lister)
	if !ok {
		return nil, types.MaybeNoSuchOverloadErr(v)
	}
	var out []float64
	it := list.Iterator()
	for it.HasNext() == types.True {
		switch x := it.Next().(type) {
		case types.Int:
			out = append(out, float64(x))
		case types.Uint:
			out = append(out, float64(x))
		case types.Double:
			out = append(out, float64(x))
		default:
			return nil, types.NewErr("%s: %s %v is not a number", fn, x.Type().TypeName(), x)
		}
	}
	return out, nil
}

func sumList(v ref.Val) ref.Val {
	xs, errVal := numbers("sum", v)
	if errVal != nil {
		return errVal
	}
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return types.Double(total)
}

func meanList(v ref.Val) ref.Val {
	xs, errVal := numbers("mean", v)
	if errVal != nil {
		return errVal
	}
	if len(xs) == 0 {
		return types.NewErr("mean of an empty list")
	}
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return types.Double(total / float64(len(xs)))
}

func stddevList(v ref.Val) ref.Val {
	xs, errVal := numbers("stddev", v)
	if errVal != nil {
		return errVal
	}
	if len(xs) < 2 {
		return types.NewErr("stddev needs at least two values, got %d", len(xs))
	}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return types.Double(math.Sqrt(ss / float64(len(xs)-1)))
}

// maxDays keeps days() inside the range of a time.Duration.
const maxDays = 100_000

func daysOf(n float64) ref.Val {
	if math.IsNaN(n) || math.Abs(n) > maxDays {
		return types.NewErr("days(%v) is out of range", n)
	}
	return types.Duration{Duration: time.Duration(n * float64(24*time.Hour))}
}
