//go:build !unix

package command

import (
	"os"
	"os/exec"
)

// setGroup makes cancelling interrupt the program; where interrupts
// cannot be sent, WaitDelay later kills it.
func setGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
}

// killGroup has nothing more to do without process groups.
func killGroup(*exec.Cmd) {}
