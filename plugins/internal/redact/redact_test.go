package redact

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/assay-dev/assay/plugins"
)

func TestError(t *testing.T) {
	s := &plugins.Secrets{}
	s.Add("hunter2-token")
	err := Error(s, fmt.Errorf("calling api with hunter2-token: %w", context.DeadlineExceeded))
	if got, want := err.Error(), "calling api with [redacted]: context deadline exceeded"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(%v, DeadlineExceeded) = false, want true", err)
	}
	var pe *os.PathError
	if errors.As(Error(s, &os.PathError{Op: "open", Path: "hunter2-token", Err: os.ErrNotExist}), &pe) {
		t.Errorf("errors.As reached the original error, want it hidden")
	}
	in := Error(s, &plugins.InputError{Err: errors.New("bad hunter2-token")})
	if !plugins.IsInputError(in) || in.Error() != "bad [redacted]" {
		t.Errorf("Error(InputError) = %v (input error %v), want an InputError saying %q", in, plugins.IsInputError(in), "bad [redacted]")
	}
	if Error(s, nil) != nil {
		t.Errorf("Error(nil) != nil")
	}
}
