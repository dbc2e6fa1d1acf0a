package policy

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Removed lists the builtins a policy cannot call, because their result
// would depend on the network, the clock or chance rather than on the
// evidence. The pure net.cidr_* functions stay available.
var Removed = []string{
	"http.send",
	"net.lookup_ip_addr",
	"time.now_ns",
	"rand.intn",
	"uuid.rfc4122",
	"opa.runtime",
	"io.jwt.decode_verify",
}

// capabilities is this OPA version's builtins less the removed ones,
// with no host allowed for network access.
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !slices.Contains(Removed, b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}
