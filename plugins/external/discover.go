package external

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/external/protocol"
)

// Prefix starts the file name of every external plugin.
const Prefix = "assay-plugin-"

// Plugin is an external plugin program. It is safe for concurrent use.
type Plugin struct {
	name string
	path string
	opts options

	mu   sync.Mutex
	desc *protocol.DescribeResponse // the plugin's answer to Describe, once it gave a valid one
}

// Name returns the plugin's name, the part of its file name after
// assay-plugin-.
func (p *Plugin) Name() string { return p.name }

// Path returns the plugin program's path.
func (p *Plugin) Path() string { return p.path }

// Discover returns the plugins in dir, in name order: every executable
// regular file (or link to one) whose name is assay-plugin-<name>, with
// .exe after it on Windows. Other files and folders are ignored. The
// options apply to every plugin returned.
func Discover(dir string, opts ...Option) ([]*Plugin, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("discover plugins: %w", err)
	}
	var found []*Plugin
	for _, e := range entries {
		name, ok := pluginName(e.Name())
		if !ok {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if !executable(path) {
			continue
		}
		found = append(found, &Plugin{name: name, path: path, opts: o})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].name < found[j].name })
	return found, nil
}

// pluginName returns the <name> of a file named assay-plugin-<name>.
func pluginName(file string) (string, bool) {
	if runtime.GOOS == "windows" {
		var ok bool
		if file, ok = strings.CutSuffix(file, ".exe"); !ok {
			return "", false
		}
	}
	name, ok := strings.CutPrefix(file, Prefix)
	return name, ok && name != ""
}

// executable reports whether path is a regular file that may be run.
func executable(path string) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	return runtime.GOOS == "windows" || st.Mode().Perm()&0o111 != 0
}

// Register adds ps to reg under their names. It refuses a plugin whose
// name is taken, so that an external plugin never silently replaces a
// built-in one; reg is then unchanged.
func Register(reg plugins.Registry, ps []*Plugin) error {
	for _, p := range ps {
		if _, taken := reg[p.name]; taken {
			return fmt.Errorf("register plugin %s from %s: a plugin of that name exists", p.name, p.path)
		}
	}
	for _, p := range ps {
		reg[p.name] = p
	}
	return nil
}
