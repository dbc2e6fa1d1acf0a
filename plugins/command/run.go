package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/redact"
)

// stderrTail is how much of the end of stderr an ExitError carries.
const stderrTail = 2048

// ExitError is a program that ended with a non-zero status, or was
// killed by a signal (Code -1). Stderr is the end of what it wrote to
// standard error, with secrets redacted.
type ExitError struct {
	Command string
	Code    int
	Stderr  string
}

// Error says how the program ended, with its stderr's tail.
func (e *ExitError) Error() string {
	status := fmt.Sprintf("exited with status %d", e.Code)
	if e.Code < 0 {
		status = "was killed by a signal"
	}
	if e.Stderr == "" {
		return fmt.Sprintf("command %s %s and wrote nothing to stderr", e.Command, status)
	}
	return fmt.Sprintf("command %s %s; stderr:\n%s", e.Command, status, e.Stderr)
}

// collector runs the configured program.
type collector struct {
	s *settings
}

// Collect runs the program once and returns its standard output as one
// file of the configured format, named by the command line.
func (c *collector) Collect(ctx context.Context) ([]plugins.File, error) {
	out, err := c.run(ctx)
	var ee *ExitError
	if errors.As(err, &ee) {
		return nil, ee // built from redacted parts, and reachable with errors.As
	}
	if err != nil {
		return nil, redact.Error(c.s.secrets, err)
	}
	return []plugins.File{{Name: c.s.commandLine(), MediaType: c.s.media, Data: out}}, nil
}

// run starts the program without a shell, in a clean environment, and
// waits for it within the timeout.
func (c *collector) run(parent context.Context) ([]byte, error) {
	path, err := c.lookPath()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(parent, c.s.timeout)
	defer cancel()
	stdout := &limitWriter{limit: c.s.maxBytes, overflow: cancel}
	stderr := &tailWriter{keep: 4 * stderrTail}
	cmd := exec.CommandContext(ctx, path, c.s.args...)
	cmd.Env = c.s.env
	cmd.Dir = c.s.dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = c.s.killAfter
	setGroup(cmd)
	err = cmd.Run()
	// Whatever the program left running in its group goes with it, on
	// success too: a collection leaves no process behind.
	killGroup(cmd)
	return stdout.buf.Bytes(), c.runError(parent, ctx, err, stdout, stderr)
}

// lookPath finds the program: a name without a slash in the PATH Assay
// runs with, a relative path against the folder of the measure files.
func (c *collector) lookPath() (string, error) {
	p := c.s.program
	if strings.ContainsRune(p, filepath.Separator) || strings.ContainsRune(p, '/') {
		p = resolve(c.s.baseDir, p)
	}
	path, err := exec.LookPath(p)
	if err != nil {
		return "", fmt.Errorf("command %s: %w", c.s.commandLine(), errors.Unwrap(err))
	}
	return path, nil
}

// runError explains why the run failed, or returns nil.
func (c *collector) runError(parent, ctx context.Context, err error, stdout *limitWriter, stderr *tailWriter) error {
	line := c.s.commandLine()
	var ee *exec.ExitError
	switch {
	case stdout.exceeded:
		return fmt.Errorf("command %s: standard output is larger than max_bytes (%d)", line, c.s.maxBytes)
	case parent.Err() != nil:
		return fmt.Errorf("command %s: %w", line, parent.Err())
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("command %s: timed out after %s: %w", line, c.s.timeout, context.DeadlineExceeded)
	case errors.As(err, &ee):
		return &ExitError{Command: line, Code: ee.ExitCode(), Stderr: stderr.tail(c.s.secrets)}
	case err != nil:
		return fmt.Errorf("command %s: %w", line, err)
	}
	return nil
}

// limitWriter keeps up to limit bytes; past that it fails, calling
// overflow to stop the program.
type limitWriter struct {
	buf      bytes.Buffer
	limit    int64
	exceeded bool
	overflow func()
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if int64(w.buf.Len()+len(p)) > w.limit {
		w.exceeded = true
		w.overflow()
		return 0, errors.New("standard output is larger than max_bytes")
	}
	return w.buf.Write(p)
}

// tailWriter keeps the last keep bytes written to it.
type tailWriter struct {
	buf  []byte
	keep int
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	if over := len(w.buf) - w.keep; over > 0 {
		w.buf = append(w.buf[:0], w.buf[over:]...)
	}
	return len(p), nil
}

// tail returns the end of what was written, at most stderrTail bytes,
// secrets redacted first so that none is cut in half and kept, starting
// at a line when the text was cut.
func (w *tailWriter) tail(secrets *plugins.Secrets) string {
	s := secrets.Redact(string(w.buf))
	if len(s) > stderrTail {
		s = s[len(s)-stderrTail:]
		if i := strings.IndexByte(s, '\n'); i >= 0 && i < len(s)-1 {
			s = s[i+1:]
		}
	}
	return strings.TrimRight(s, "\n")
}
