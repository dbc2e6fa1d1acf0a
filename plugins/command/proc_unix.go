//go:build unix

package command

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// setGroup starts the program in a process group of its own and makes
// cancelling send SIGINT to that whole group, so that the children of a
// program (a shell pipeline, say) are stopped with it.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return signalGroup(cmd, syscall.SIGINT) }
}

// killGroup kills what is left of the program's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = signalGroup(cmd, syscall.SIGKILL)
	}
}

// signalGroup sends sig to the program's process group; a group that is
// gone already counts as done.
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) error {
	err := syscall.Kill(-cmd.Process.Pid, sig)
	if errors.Is(err, syscall.ESRCH) {
		return os.ErrProcessDone
	}
	return err
}
