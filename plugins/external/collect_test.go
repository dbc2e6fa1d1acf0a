package external

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assay-dev/assay/plugins"
)

// writeFiles creates each named file under dir with its content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCollectCSVDir(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"evidence/hr/joiners.csv":       "name,start\nada,2026-01-05\n",
		"evidence/hr/LEAVERS.CSV":       "name,end\nbob,2026-02-01\n",
		"evidence/hr/notes.txt":         "not evidence",
		"evidence/hr/2025/archive.csv":  "name,start\ncy,2025-03-01\n",
		"evidence/other/unrelated.csv":  "x\n1\n",
		"evidence/hr/2025/deep/old.csv": "name\ndee\n",
	})
	tests := []struct {
		name string
		src  string
		want map[string]string
	}{
		{
			name: "top folder only",
			src:  `config { folder = "evidence/hr" }`,
			want: map[string]string{
				"evidence/hr/LEAVERS.CSV": "name,end\nbob,2026-02-01\n",
				"evidence/hr/joiners.csv": "name,start\nada,2026-01-05\n",
			},
		},
		{
			name: "recursive",
			src:  "config {\n  folder    = \"evidence/hr\"\n  recursive = true\n}",
			want: map[string]string{
				"evidence/hr/2025/archive.csv":  "name,start\ncy,2025-03-01\n",
				"evidence/hr/2025/deep/old.csv": "name\ndee\n",
				"evidence/hr/LEAVERS.CSV":       "name,end\nbob,2026-02-01\n",
				"evidence/hr/joiners.csv":       "name,start\nada,2026-01-05\n",
			},
		},
		{
			name: "absolute folder",
			src:  `config { folder = "` + filepath.ToSlash(filepath.Join(dir, "evidence", "other")) + `" }`,
			want: map[string]string{
				filepath.ToSlash(filepath.Join(dir, "evidence", "other", "unrelated.csv")): "x\n1\n",
			},
		},
	}
	p := mustPlugin(t, "csvdir")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files, err := mustConfigure(t, p, tc.src, dir, nil).Collect(context.Background())
			if err != nil {
				t.Fatalf("Collect = %v", err)
			}
			got := map[string]string{}
			var order []string
			for _, f := range files {
				got[f.Name] = string(f.Data)
				order = append(order, f.Name)
				if f.MediaType != plugins.MediaCSV {
					t.Errorf("file %s has media type %s, want %s", f.Name, f.MediaType, plugins.MediaCSV)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Collect files = %v, want %v", got, tc.want)
			}
			if !sortedStrings(order) {
				t.Errorf("Collect order = %v, want lexical", order)
			}
		})
	}
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] > s[i] {
			return false
		}
	}
	return true
}

func TestCollectMissingFolderIsInputError(t *testing.T) {
	c := mustConfigure(t, mustPlugin(t, "csvdir"), `config { folder = "nowhere" }`, t.TempDir(), nil)
	_, err := c.Collect(context.Background())
	if !plugins.IsInputError(err) {
		t.Fatalf("Collect = %v, want an input error", err)
	}
	if want := "plugin csvdir: folder nowhere: no such file or directory"; err.Error() != want {
		t.Errorf("Collect error = %q, want %q", err, want)
	}
}

func TestCollectEmptyFolderYieldsNoFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"empty/readme.txt": "nothing here"})
	files, err := mustConfigure(t, mustPlugin(t, "csvdir"), `config { folder = "empty" }`, dir, nil).Collect(context.Background())
	if err != nil || len(files) != 0 {
		t.Errorf("Collect = %v, %v, want no files and no error", files, err)
	}
}

func TestCollectPluginSeesNoHostEnvironment(t *testing.T) {
	t.Setenv("ASSAY_TEST_HOST_SECRET", "host-only-value")
	c := mustConfigure(t, mustPlugin(t, "leaky"), `config {
  token = "unused"
  how   = "environ"
}`, t.TempDir(), nil)
	files, err := c.Collect(context.Background())
	if err != nil || len(files) != 1 {
		t.Fatalf("Collect = %v, %v, want one file", files, err)
	}
	var names []string
	for _, name := range strings.Split(string(files[0].Data), "\n") {
		if name != "PATH" && name != "ASSAY_PLUGIN" && !strings.HasPrefix(name, "PLUGIN_") {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		t.Errorf("plugin environment has %v, want only PATH and go-plugin's variables", names)
	}
}
