package external

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/status"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/external/protocol"
)

// process is one run of a plugin program, from start to stop.
type process struct {
	name    string
	cmd     *exec.Cmd
	client  *plugin.Client
	grace   time.Duration
	secrets *plugins.Secrets

	stderr     tail // the program's own standard error: Go panics land here
	syncStderr tail // os.Stderr as the plugin's code writes it, relayed by go-plugin

	stopOnce sync.Once
	forced   bool // whether stop had to kill the program
	waited   bool // whether stop saw go-plugin wait for the program, so cmd.ProcessState is final
}

// launch starts the plugin program in dir and connects to it, waiting
// at most timeout for it to be ready. The program's environment holds
// PATH and nothing else of Assay's. On error the program is stopped.
func (p *Plugin) launch(dir string, timeout time.Duration, secrets *plugins.Secrets) (*process, protocol.CollectorClient, error) {
	cmd := exec.Command(p.path)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	ownProcessGroup(cmd)
	pr := &process{name: p.name, cmd: cmd, grace: p.opts.stopGrace, secrets: secrets}
	pr.client = plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  protocol.Handshake,
		Plugins:          plugin.PluginSet{protocol.PluginKey: &protocol.Plugin{}},
		Cmd:              cmd,
		SkipHostEnv:      true,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true, // the config may hold secrets: only this program may connect
		StartTimeout:     timeout,
		Logger:           hclog.NewNullLogger(),
		Stderr:           &pr.stderr,
		SyncStdout:       io.Discard,
		SyncStderr:       &pr.syncStderr,
	})
	cc, err := pr.connect()
	if err != nil {
		pr.stop()
		return nil, nil, pr.startFailed(err)
	}
	return pr, cc, nil
}

// startFailed says why the program did not start: go-plugin's reason,
// after the exit status when the program ended by itself.
func (pr *process) startFailed(err error) *Error {
	reason := strings.TrimSuffix(strings.TrimSpace(firstLine(err.Error())), ":")
	st := pr.state()
	if st == nil || !st.Exited() {
		return pr.fail("did not start: "+reason, err)
	}
	e := pr.fail("did not start: "+st.String()+" ("+reason+")", err)
	e.ExitCode = st.ExitCode()
	return e
}

// connect completes go-plugin's handshake and returns the collector.
func (pr *process) connect() (protocol.CollectorClient, error) {
	rpc, err := pr.client.Client()
	if err != nil {
		return nil, err
	}
	raw, err := rpc.Dispense(protocol.PluginKey)
	if err != nil {
		return nil, err
	}
	cc, ok := raw.(protocol.CollectorClient)
	if !ok {
		return nil, fmt.Errorf("dispensed %T, not a collector", raw)
	}
	return cc, nil
}

// stop asks the program to exit, as go-plugin does: by closing the
// connection, then killing it after two seconds. If that has not ended
// it within the grace period, stop kills the program's whole process
// group, which also ends any process it started that still holds its
// standard error open. stop returns once the program has been waited
// for, or after a second grace period if even that fails; calling it
// again does nothing.
func (pr *process) stop() {
	pr.stopOnce.Do(func() {
		done := make(chan struct{})
		go func() {
			pr.client.Kill()
			close(done)
		}()
		select {
		case <-done:
			pr.waited = true
			return
		case <-time.After(pr.grace):
		}
		pr.forced = true
		killProcessGroup(pr.cmd)
		select {
		case <-done:
			pr.waited = true
		case <-time.After(pr.grace):
		}
	})
}

// state returns how the program ended, or nil when that is not known
// or stop killed it.
func (pr *process) state() *os.ProcessState {
	if !pr.waited || pr.forced {
		return nil
	}
	return pr.cmd.ProcessState
}

// callFailed stops the program after a call to it returned err, and
// says why: the deadline passed, the caller gave up, or the program
// crashed or stopped answering.
func (pr *process) callFailed(ctx context.Context, err error, timeout time.Duration) error {
	pr.stop()
	switch ctxErr := ctx.Err(); {
	case errors.Is(ctxErr, context.DeadlineExceeded):
		return pr.fail("did not answer within "+shortDuration(timeout), ctxErr)
	case ctxErr != nil:
		return pr.fail("was cancelled: "+ctxErr.Error(), ctxErr)
	}
	if st := pr.state(); st != nil && !st.Success() {
		e := pr.fail("crashed: "+st.String(), &exec.ExitError{ProcessState: st})
		e.ExitCode = st.ExitCode()
		return e
	}
	return pr.fail("stopped answering: "+status.Convert(err).Message(), err)
}

// fail returns an *Error about the program, after it was stopped.
func (pr *process) fail(problem string, cause error) *Error {
	e := &Error{Plugin: pr.name, Problem: pr.secrets.Redact(problem), ExitCode: -1, Err: cause}
	parts := []string{excerpt(pr.syncStderr.String(), pr.secrets), excerpt(pr.stderr.String(), pr.secrets)}
	e.Stderr = strings.TrimSpace(strings.Join(parts, "\n"))
	return e
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// shortDuration writes d as time.Duration does, without the zero
// units it leaves at the end: "2m" rather than "2m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
