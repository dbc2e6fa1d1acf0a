package github

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/attr"
)

// What the plugin can collect, in the order it collects them.
const (
	Repositories      = "repositories"
	BranchProtection  = "branch_protection"
	DependabotAlerts  = "dependabot_alerts"
	MembersWithout2FA = "members_without_2fa"
)

// kinds lists what the plugin can collect, in collection order.
var kinds = []string{Repositories, BranchProtection, DependabotAlerts, MembersWithout2FA}

// Defaults of the optional attributes.
const (
	defaultBaseURL = "https://api.github.com/"
	defaultMaxWait = 60 * time.Second
	defaultTimeout = 30 * time.Second
)

// Plugin collects an organisation's security posture from the GitHub
// REST API.
type Plugin struct{}

// Name returns "github".
func (Plugin) Name() string { return "github" }

// config is the github plugin's config block, as written.
type config struct {
	Org     string   `hcl:"org"`
	Token   string   `hcl:"token,optional"`
	BaseURL string   `hcl:"base_url,optional"`
	Collect []string `hcl:"collect,optional"`
	MaxWait string   `hcl:"max_wait,optional"`
	Timeout string   `hcl:"timeout,optional"`
}

// settings is a checked config, with defaults filled in.
type settings struct {
	org     string
	token   string
	baseURL *url.URL
	kinds   []string
	maxWait time.Duration
	timeout time.Duration
	secrets *plugins.Secrets
}

// Configure checks the config block and returns a collector for it. A
// token given as a literal is recorded as a secret too.
func (Plugin) Configure(cfg plugins.Config) (plugins.Collector, hcl.Diagnostics) {
	var c config
	if diags := gohcl.DecodeBody(cfg.Body, cfg.EvalCtx, &c); diags.HasErrors() {
		return nil, diags
	}
	s, diags := check(cfg.Body, c)
	if diags.HasErrors() {
		return nil, diags
	}
	s.secrets = cfg.Secrets
	if s.secrets == nil {
		s.secrets = &plugins.Secrets{}
	}
	s.secrets.Add(c.Token)
	return &collector{s: s}, nil
}

// check validates c and fills in defaults.
func check(body hcl.Body, c config) (*settings, hcl.Diagnostics) {
	if c.Org == "" || strings.ContainsAny(c.Org, "/?#% ") {
		return nil, attr.Error(body, "org", "Invalid organisation", fmt.Sprintf("org must be an organisation login such as \"acme\"; got %q.", c.Org))
	}
	if strings.ContainsAny(c.Token, "\r\n ") {
		return nil, attr.Error(body, "token", "Invalid token", "token holds a space or a line break.")
	}
	s := &settings{org: c.Org, token: c.Token}
	var diags hcl.Diagnostics
	if s.baseURL, diags = checkBaseURL(body, c.BaseURL); diags.HasErrors() {
		return nil, diags
	}
	if s.kinds, diags = checkKinds(body, c.Collect); diags.HasErrors() {
		return nil, diags
	}
	if s.maxWait, diags = attr.Duration(body, "max_wait", c.MaxWait, defaultMaxWait); diags.HasErrors() {
		return nil, diags
	}
	s.timeout, diags = attr.Duration(body, "timeout", c.Timeout, defaultTimeout)
	return s, diags
}

// checkBaseURL accepts an absolute http or https URL; empty means
// api.github.com.
func checkBaseURL(body hcl.Body, raw string) (*url.URL, hcl.Diagnostics) {
	if raw == "" {
		raw = defaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, attr.Error(body, "base_url", "Invalid base URL",
			"base_url must be an http:// or https:// URL without user info, such as \"https://github.example.com/api/v3/\".")
	}
	return u, nil
}

// checkKinds checks collect and returns what to collect in collection
// order, each once; an empty list means everything.
func checkKinds(body hcl.Body, want []string) ([]string, hcl.Diagnostics) {
	if len(want) == 0 {
		return kinds, nil
	}
	set := map[string]bool{}
	for _, k := range want {
		if !slices.Contains(kinds, k) {
			return nil, attr.Error(body, "collect", "Unknown collection",
				fmt.Sprintf("%q is not one of %s.", k, strings.Join(kinds, ", ")))
		}
		set[k] = true
	}
	var out []string
	for _, k := range kinds {
		if set[k] {
			out = append(out, k)
		}
	}
	return out, nil
}
