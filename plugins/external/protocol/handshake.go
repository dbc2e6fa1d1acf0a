package protocol

import (
	"context"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

// Handshake is the go-plugin handshake of Assay's plugins. The host
// puts the magic cookie in the plugin's environment; a plugin started
// without it, by hand say, explains itself and exits.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "ASSAY_PLUGIN",
	MagicCookieValue: "evidence-collector",
}

// PluginKey is the name the collector service is dispensed under.
const PluginKey = "collector"

// ReservedAttribute is the config attribute the host reads itself, the
// per-source timeout; no plugin may declare it.
const ReservedAttribute = "timeout"

// Attribute types a plugin's schema may use.
const (
	TypeString     = "string"
	TypeNumber     = "number"
	TypeBool       = "bool"
	TypeListString = "list(string)"
	TypeMapString  = "map(string)"
)

// Plugin adapts the Collector service to go-plugin. The host leaves
// Impl nil; a plugin sets it to its implementation.
type Plugin struct {
	plugin.NetRPCUnsupportedPlugin
	Impl CollectorServer
}

// GRPCServer registers p.Impl on s.
func (p *Plugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	RegisterCollectorServer(s, p.Impl)
	return nil
}

// GRPCClient returns a CollectorClient over conn.
func (p *Plugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return NewCollectorClient(conn), nil
}
