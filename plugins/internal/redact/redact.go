// Package redact removes secrets from the errors that built-in plugins
// return.
package redact

import (
	"errors"

	"github.com/assay-dev/assay/plugins"
)

// Error returns err with every secret removed from its message, or nil
// when err is nil. The result hides err's chain, so no secret can be
// reached through errors.As, yet errors.Is still matches what err
// matched (context.DeadlineExceeded, for one); an InputError stays one.
func Error(secrets *plugins.Secrets, err error) error {
	if err == nil {
		return nil
	}
	r := &redacted{msg: secrets.Redact(err.Error()), cause: err}
	if plugins.IsInputError(err) {
		return &plugins.InputError{Err: r}
	}
	return r
}

// redacted is an error whose message has been cleaned of secrets.
type redacted struct {
	msg   string
	cause error
}

func (r *redacted) Error() string { return r.msg }

// Is reports whether the original error matches target.
func (r *redacted) Is(target error) bool { return errors.Is(r.cause, target) }
