package calc

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
)

// ErrNoValue reports that an indicator gave null: the measure has no
// value to judge.
var ErrNoValue = errors.New("indicator gave null")

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
	case types.Int:
		return float64(v), nil
	case types.Uint:
		return float64(v), nil
	case types.Double:
		return float64(v), nil
	case types.Null:
		return math.NaN(), ErrNoValue
	case *types.Optional:
		if !v.HasValue() {
			return math.NaN(), ErrNoValue
		}
		return 0, fmt.Errorf("gave an optional value; unwrap it with .orValue() or .value()")
	}
	return 0, fmt.Errorf("gave %s %v, not a number", out.Type().TypeName(), out)
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
