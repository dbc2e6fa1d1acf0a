package external

import "strings"

// Error is the failure of a plugin program: it did not start, crashed,
// did not answer in time or broke the protocol. Its text never holds a
// secret of the source's config.
type Error struct {
	Plugin   string // the plugin's name
	Problem  string // what happened, as in "crashed: exit status 2"
	ExitCode int    // the exit code if the program crashed or exited at start, else -1
	Stderr   string // the end of the program's standard error, secrets redacted
	Err      error  // the cause, such as context.DeadlineExceeded or an *exec.ExitError
}

// Error reads "plugin <name> <problem>", followed by the plugin's
// standard error, indented, when it wrote any.
func (e *Error) Error() string {
	msg := "plugin " + e.Plugin + " " + e.Problem
	if e.Stderr == "" {
		return msg
	}
	return msg + "\nstderr:\n\t" + strings.ReplaceAll(e.Stderr, "\n", "\n\t")
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
