// Command assay-plugin-crash is a test plugin that panics in Collect.
package main

import (
	"context"

	"github.com/assay-dev/assay/plugins/sdk"
)

func main() {
	sdk.Serve(sdk.Plugin{
		Name:   "crash",
		Schema: []sdk.Attribute{{Name: "message", Type: sdk.String}},
		Collect: func(_ context.Context, cfg map[string]any) ([]sdk.File, error) {
			msg, _ := cfg["message"].(string)
			panic("crash test: " + msg)
		},
	})
}
