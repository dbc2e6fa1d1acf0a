package external

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/plugins"
)

func TestDiscoverFindsBuiltPlugins(t *testing.T) {
	ps, err := Discover(binDir)
	if err != nil {
		t.Fatalf("Discover = %v", err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name())
		if want := filepath.Join(binDir, Prefix+p.Name()); p.Path() != want {
			t.Errorf("Path() = %s, want %s", p.Path(), want)
		}
	}
	want := []string{"crash", "csvdir", "hang", "leaky"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Discover names = %v, want %v", names, want)
	}
}

func TestDiscoverSkipsWhatIsNotAPlugin(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, mode os.FileMode) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	write("assay-plugin-notes", 0o644) // not executable
	write("assay-plugin-", 0o755)      // no name
	write("other-tool", 0o755)         // no prefix
	write("assay-plugin-script", 0o755)
	if err := os.Mkdir(filepath.Join(dir, "assay-plugin-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(binDir, "assay-plugin-csvdir"), filepath.Join(dir, "assay-plugin-linked")); err != nil {
		t.Fatal(err)
	}
	ps, err := Discover(dir)
	if err != nil {
		t.Fatalf("Discover = %v", err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name())
	}
	if want := []string{"linked", "script"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Discover names = %v, want %v", names, want)
	}
}

func TestDiscoverErrors(t *testing.T) {
	tests := []struct {
		name string
		dir  string
		opts []Option
		want string
	}{
		{name: "missing folder", dir: filepath.Join(t.TempDir(), "nope"), want: "discover plugins: open "},
		{name: "zero timeout", dir: binDir, opts: []Option{WithTimeout(0)}, want: "plugin timeout 0s is not positive"},
		{name: "negative grace", dir: binDir, opts: []Option{WithStopGrace(-time.Second)}, want: "plugin stop grace -1s is not positive"},
		{name: "zero describe timeout", dir: binDir, opts: []Option{WithDescribeTimeout(0)}, want: "plugin describe timeout 0s is not positive"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Discover(tc.dir, tc.opts...)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Discover(%s) = %v, want an error starting %q", tc.dir, err, tc.want)
			}
		})
	}
}

func TestRegisterRefusesToShadow(t *testing.T) {
	csvdir := mustPlugin(t, "csvdir")
	reg := plugins.Registry{"csvdir": csvdir}
	err := Register(reg, []*Plugin{mustPlugin(t, "crash"), csvdir})
	if err == nil || !strings.Contains(err.Error(), "register plugin csvdir from ") {
		t.Fatalf("Register = %v, want an error about csvdir", err)
	}
	if _, ok := reg["crash"]; ok {
		t.Errorf("Register added crash although it failed")
	}
	reg = plugins.Registry{}
	if err := Register(reg, []*Plugin{csvdir}); err != nil {
		t.Fatalf("Register = %v", err)
	}
	if p, err := reg.Lookup("csvdir"); err != nil || p != csvdir {
		t.Errorf("Lookup(csvdir) = %v, %v, want the registered plugin", p, err)
	}
}
