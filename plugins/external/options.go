package external

import (
	"fmt"
	"time"
)

// Default durations; see the options that change them.
const (
	DefaultTimeout         = 2 * time.Minute
	DefaultDescribeTimeout = 10 * time.Second
	DefaultStopGrace       = 5 * time.Second
)

// options are the settings Discover hands to every plugin it finds.
type options struct {
	timeout         time.Duration
	describeTimeout time.Duration
	stopGrace       time.Duration
}

// Option changes a setting of the plugins Discover returns.
type Option func(*options) error

// WithTimeout sets how long a plugin may take to collect a source whose
// config has no timeout attribute. It must be positive.
func WithTimeout(d time.Duration) Option {
	return func(o *options) error {
		o.timeout = d
		return checkPositive("timeout", d)
	}
}

// WithDescribeTimeout sets how long a plugin may take to start and
// describe its config schema when a source is configured. It must be
// positive.
func WithDescribeTimeout(d time.Duration) Option {
	return func(o *options) error {
		o.describeTimeout = d
		return checkPositive("describe timeout", d)
	}
}

// WithStopGrace sets how long a plugin is given to exit once asked to,
// after collecting or after its timeout, before it and every process it
// started are killed. It must be positive.
func WithStopGrace(d time.Duration) Option {
	return func(o *options) error {
		o.stopGrace = d
		return checkPositive("stop grace", d)
	}
}

func newOptions(opts []Option) (options, error) {
	o := options{timeout: DefaultTimeout, describeTimeout: DefaultDescribeTimeout, stopGrace: DefaultStopGrace}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return options{}, err
		}
	}
	return o, nil
}

func checkPositive(what string, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("plugin %s %s is not positive", what, d)
	}
	return nil
}
