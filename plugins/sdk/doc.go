// Package sdk is what an external Assay plugin is written with. A
// plugin is a program named assay-plugin-<name>, placed in the plugin
// folder Assay is configured with, whose main function calls Serve:
//
//	func main() {
//		sdk.Serve(sdk.Plugin{
//			Name:    "inventory",
//			Version: "1.0.0",
//			Schema: []sdk.Attribute{
//				{Name: "url", Type: sdk.String, Required: true},
//				{Name: "token", Type: sdk.String, Required: true, Sensitive: true},
//			},
//			Collect: func(ctx context.Context, cfg map[string]any) ([]sdk.File, error) {
//				body, err := fetch(ctx, cfg["url"].(string), cfg["token"].(string))
//				if err != nil {
//					return nil, err
//				}
//				return []sdk.File{{Name: "inventory.json", MediaType: sdk.MediaJSON, Data: body}}, nil
//			},
//		})
//	}
//
// Assay starts the program for each collection and stops it when
// Collect returns or the source's timeout passes; ctx ends then too.
// The program's environment holds nothing of Assay's but PATH, and its
// working folder is the one Assay resolves the measure file's relative
// paths against. cfg holds the config block, already checked against
// Schema by Assay, with errors shown at their position in the measure
// file.
//
// Report a failure by returning an error: Assay shows it, with secrets
// redacted, and fails only this source's measures. Wrap it with
// InputError when the user must fix their input first. A panic in
// Collect ends the program, and Assay reports a crash together with the
// end of the program's standard error. Lines the plugin writes to
// os.Stderr are relayed by go-plugin and may be shown too, but those
// written just before a crash can be lost.
package sdk
