// Package attr holds helpers the built-in plugins share to check the
// attributes of a config block and report problems at their position.
package attr

import (
	"fmt"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Range returns the range of the named attribute's value in body, or
// the body's missing-item range when the attribute is not set.
func Range(body hcl.Body, name string) hcl.Range {
	attrs, _ := body.JustAttributes()
	if a, ok := attrs[name]; ok {
		return a.Expr.Range()
	}
	return body.MissingItemRange()
}

// Error is a one-error diagnostic at the named attribute of body.
func Error(body hcl.Body, name, summary, detail string) hcl.Diagnostics {
	rng := Range(body, name)
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &rng}}
}

// Duration parses the named attribute's value as a positive Go duration
// ("30s", "2m"); an empty value gives def.
func Duration(body hcl.Body, name, value string, def time.Duration) (time.Duration, hcl.Diagnostics) {
	if value == "" {
		return def, nil
	}
	d, err := time.ParseDuration(value)
	if err != nil || d <= 0 {
		return 0, Error(body, name, "Invalid duration",
			fmt.Sprintf("%s must be a positive duration such as \"30s\" or \"2m\"; got %q.", name, value))
	}
	return d, nil
}

// AtLeast returns *v, def when v is nil, or an error diagnostic at the
// named attribute when *v is less than min.
func AtLeast[T int | int64](body hcl.Body, name string, v *T, def, min T) (T, hcl.Diagnostics) {
	if v == nil {
		return def, nil
	}
	if *v < min {
		return 0, Error(body, name, "Value out of range", fmt.Sprintf("%s must be at least %d; got %d.", name, min, *v))
	}
	return *v, nil
}
