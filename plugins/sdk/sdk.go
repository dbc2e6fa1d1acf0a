package sdk

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"github.com/assay-dev/assay/plugins/external/protocol"
)

// Attribute types a Schema may use, and the Go type each value has in
// the config map Collect is given.
const (
	String     = protocol.TypeString     // string
	Number     = protocol.TypeNumber     // float64
	Bool       = protocol.TypeBool       // bool
	ListString = protocol.TypeListString // []string
	MapString  = protocol.TypeMapString  // map[string]string
)

// Media types of the evidence formats Assay decodes.
const (
	MediaJSON   = "application/json"
	MediaNDJSON = "application/x-ndjson"
	MediaYAML   = "application/yaml"
	MediaCSV    = "text/csv"
)

// Plugin describes an external plugin: its name (the <name> of
// assay-plugin-<name>), its version, the attributes its config block
// takes, and the function that collects evidence.
type Plugin struct {
	Name    string
	Version string
	Schema  []Attribute

	// Collect fetches the evidence of one source. cfg holds one entry
	// for each attribute the user set, of the Go type its Type names.
	// ctx ends when Assay stops waiting for the answer.
	Collect func(ctx context.Context, cfg map[string]any) ([]File, error)
}

// Attribute is one attribute of a plugin's config block. The host
// checks the user's config against it, with errors at their position
// in the measure file. A sensitive attribute's value is redacted from
// everything Assay reports. The name timeout is taken: it is the
// per-source timeout that Assay reads itself.
type Attribute struct {
	Name        string
	Type        string // String, Number, Bool, ListString or MapString
	Required    bool
	Sensitive   bool
	Description string
}

// File is one collected evidence file. Name says where it came from,
// as the user will recognise it; MediaType is one of the Media
// constants.
type File struct {
	Name      string
	MediaType string
	Data      []byte
}

// Serve runs p as a plugin, answering Assay until Assay stops it, and
// exits the program when Assay is done. It panics when p itself is
// wrong: no name, no Collect function, or a bad schema.
func Serve(p Plugin) {
	if err := p.check(); err != nil {
		panic("sdk.Serve: " + err.Error())
	}
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: protocol.Handshake,
		Plugins:         plugin.PluginSet{protocol.PluginKey: &protocol.Plugin{Impl: &server{p: p}}},
		GRPCServer:      plugin.DefaultGRPCServer,
		Logger:          hclog.New(&hclog.LoggerOptions{Name: p.Name, Level: hclog.Error, Output: os.Stderr}),
	})
}

// check reports the first mistake in p.
func (p Plugin) check() error {
	if p.Name == "" {
		return errors.New("plugin has no name")
	}
	if p.Collect == nil {
		return fmt.Errorf("plugin %s has no Collect function", p.Name)
	}
	if err := protocol.CheckSchema(p.schema()); err != nil {
		return fmt.Errorf("plugin %s: %w", p.Name, err)
	}
	return nil
}

// schema returns p.Schema in its wire form.
func (p Plugin) schema() []*protocol.Attribute {
	out := make([]*protocol.Attribute, len(p.Schema))
	for i, a := range p.Schema {
		out[i] = &protocol.Attribute{
			Name: a.Name, Type: a.Type, Required: a.Required,
			Sensitive: a.Sensitive, Description: a.Description,
		}
	}
	return out
}

// inputError marks an error as the user's to fix.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// InputError marks err as caused by the user's input, such as a folder
// in the config that does not exist: Assay then stops the run and asks
// for the input to be fixed, rather than failing only this source's
// measures. It returns nil when err is nil.
func InputError(err error) error {
	if err == nil {
		return nil
	}
	return &inputError{err: err}
}
