package calc

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
)

// ErrNoValue reports that an expression gave null or an empty optional:
// the measure has no value to judge.
var ErrNoValue = errors.New("no value")

// Eval runs the program over vars (names to Go or CEL values). It
// honours ctx's deadline and cancellation.
func (p *Program) Eval(ctx context.Context, vars map[string]any) (ref.Val, error) {
	out, _, err := p.prg.ContextEval(ctx, vars)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return nil, err
	}
	return out, nil
}

// Float runs a numeric program and returns its value as a double. A
// null result is ErrNoValue; the caller decides whether null is allowed.
// NaN and infinities are returned as they are.
func (p *Program) Float(ctx context.Context, vars map[string]any) (float64, error) {
	out, err := p.Eval(ctx, vars)
	if err != nil {
		return 0, err
	}
	switch v := out.(type) {
	case types.Null:
		return math.NaN(), ErrNoValue
	case *types.Optional:
		if !v.HasValue() {
			return math.NaN(), ErrNoValue
		}
		return number(v.GetValue())
	}
	return number(out)
}

// number reads an int, uint or double result as a double.
func number(out ref.Val) (float64, error) {
	switch v := out.(type) {
	case types.Int:
		return float64(v), nil
	case types.Uint:
		return float64(v), nil
	case types.Double:
		return float64(v), nil
	}
	return 0, fmt.Errorf("gave %s %v, not a number", out.Type().TypeName(), out)
}

// Explain adds a hint to runtime errors whose cause authors often miss.
// CEL does no arithmetic across int and double, and evidence numbers
// keep their JSON kind, so 'r.score + 1' fails when score is 7.5.
func Explain(err error) error {
	if strings.Contains(err.Error(), "no such overload") {
		return fmt.Errorf("%w (evidence numbers keep their kind: an integral number is an int, any other a double, and CEL does no arithmetic across the two; write double(x) to mix them)", err)
	}
	return err
}

// Bool runs a decision program.
func (p *Program) Bool(ctx context.Context, vars map[string]any) (bool, error) {
	out, err := p.Eval(ctx, vars)
	if err != nil {
		return false, err
	}
	b, ok := out.(types.Bool)
	if !ok {
		return false, fmt.Errorf("gave %s %v, not a bool", out.Type().TypeName(), out)
	}
	return bool(b), nil
}
