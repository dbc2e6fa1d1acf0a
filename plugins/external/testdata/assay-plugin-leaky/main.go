// Command assay-plugin-leaky is a test plugin that leaks its sensitive
// token: it writes it to standard error, then, as how says, panics with
// it ("panic"), returns an error holding it ("error"), or returns a
// file holding it (anything else). With how = "environ" it returns the
// names of its environment variables instead, one a line.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/assay-dev/assay/plugins/sdk"
)

func main() {
	sdk.Serve(sdk.Plugin{
		Name: "leaky",
		Schema: []sdk.Attribute{
			{Name: "token", Type: sdk.String, Required: true, Sensitive: true},
			{Name: "how", Type: sdk.String},
		},
		Collect: collect,
	})
}

func collect(_ context.Context, cfg map[string]any) ([]sdk.File, error) {
	if cfg["how"] == "environ" {
		var names []string
		for _, kv := range os.Environ() {
			name, _, _ := strings.Cut(kv, "=")
			names = append(names, name)
		}
		data := strings.Join(names, "\n")
		return []sdk.File{{Name: "environ", MediaType: "text/plain", Data: []byte(data)}}, nil
	}
	token := cfg["token"].(string)
	fmt.Fprintln(os.Stderr, "logging in with token", token)
	switch cfg["how"] {
	case "panic":
		panic("login refused for token " + token)
	case "error":
		return nil, errors.New("login refused for token " + token)
	}
	data := fmt.Sprintf(`{"session": "s-1", "token": %q}`, token)
	return []sdk.File{{Name: "session-" + token + ".json", MediaType: sdk.MediaJSON, Data: []byte(data)}}, nil
}
