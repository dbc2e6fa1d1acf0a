// Command assay-plugin-hang is a test plugin whose Collect never
// returns. It first writes its process id to pid_file; with freeze set
// it then stops itself with SIGSTOP, so that it cannot even be asked to
// exit.
package main

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/assay-dev/assay/plugins/sdk"
)

func main() {
	sdk.Serve(sdk.Plugin{
		Name: "hang",
		Schema: []sdk.Attribute{
			{Name: "pid_file", Type: sdk.String, Required: true},
			{Name: "freeze", Type: sdk.Bool},
		},
		Collect: func(_ context.Context, cfg map[string]any) ([]sdk.File, error) {
			pid := os.Getpid()
			if err := writePid(cfg["pid_file"].(string), pid); err != nil {
				return nil, err
			}
			if freeze, _ := cfg["freeze"].(bool); freeze {
				_ = syscall.Kill(pid, syscall.SIGSTOP)
			}
			for {
				time.Sleep(time.Hour)
			}
		},
	})
}

// writePid writes pid to path whole: readers see no file or all of it.
func writePid(path string, pid int) error {
	if err := os.WriteFile(path+".tmp", []byte(strconv.Itoa(pid)), 0o600); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}
