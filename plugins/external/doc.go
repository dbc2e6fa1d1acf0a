// Package external runs evidence plugins that live outside Assay's
// binary, as separate programs spoken to over gRPC through
// github.com/hashicorp/go-plugin, the way Terraform runs providers.
//
// Discover finds the programs named assay-plugin-<name> in a folder;
// each is a plugins.Plugin called <name>. Configuring a source asks the
// program for its config schema and checks the source's config block
// against it, with diagnostics at their positions. Collecting starts
// the program with an environment holding only PATH, waits for its
// answer no longer than the source's timeout, and always stops it
// afterwards. A program that crashes, hangs or breaks the protocol
// fails its source with an *Error; other sources are not affected.
//
//	ps, err := external.Discover("/usr/lib/assay/plugins", external.WithTimeout(time.Minute))
//	if err != nil {
//		return err
//	}
//	reg := plugins.Registry{"file": file.Plugin{}}
//	if err := external.Register(reg, ps); err != nil {
//		return err
//	}
//
// Plugin authors use package sdk.
package external
