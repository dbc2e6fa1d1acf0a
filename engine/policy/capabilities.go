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
	// These verify certificates against the wall clock.
	"crypto.x509.parse_and_verify_certificates",
	"crypto.x509.parse_and_verify_certificates_with_options",
}

// Capabilities are the builtins a policy may call here, for tools that
// compile policies outside a run, such as the Rego test runner.
func Capabilities() *ast.Capabilities { return capabilities() }

// capabilities is this OPA version's builtins less the removed ones
// and every builtin OPA marks nondeterministic, with no host allowed for
// network access.
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !slices.Contains(Removed, b.Name) && !b.Nondeterministic {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}
