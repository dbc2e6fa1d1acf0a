package http

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/attr"
)

// Defaults of the optional attributes.
const (
	defaultTimeout  = 30 * time.Second
	defaultMaxBytes = 32 << 20
	defaultMaxPages = 1000
	defaultRetries  = 4
	defaultWaitMin  = time.Second
	defaultWaitMax  = 30 * time.Second
	defaultCursor   = "cursor"
)

// Plugin fetches JSON from HTTP APIs.
type Plugin struct{}

// Name returns "http".
func (Plugin) Name() string { return "http" }

// config is the http plugin's config block, as written.
type config struct {
	URL          string            `hcl:"url"`
	Headers      map[string]string `hcl:"headers,optional"`
	BearerToken  string            `hcl:"bearer_token,optional"`
	Items        string            `hcl:"items,optional"`
	CursorField  string            `hcl:"cursor_field,optional"`
	CursorParam  string            `hcl:"cursor_param,optional"`
	MaxPages     *int              `hcl:"max_pages,optional"`
	Timeout      string            `hcl:"timeout,optional"`
	MaxBytes     *int64            `hcl:"max_bytes,optional"`
	Retries      *int              `hcl:"retries,optional"`
	RetryWaitMin string            `hcl:"retry_wait_min,optional"`
	RetryWaitMax string            `hcl:"retry_wait_max,optional"`
}

// settings is a checked config, with defaults filled in.
type settings struct {
	url          *url.URL
	headers      map[string]string
	token        string
	items        []string
	cursorField  []string
	cursorParam  string
	maxPages     int
	timeout      time.Duration
	maxBytes     int64
	retries      int
	waitMin      time.Duration
	waitMax      time.Duration
	secrets      *plugins.Secrets
	displayedURL string
}

// Configure checks the config block and returns a collector for it.
// The bearer token and the values of headers that look like credentials
// are recorded as secrets even when they were not read through env().
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
	addSecrets(s.secrets, c)
	s.displayedURL = displayURL(s.url, s.secrets)
	return &collector{s: s}, nil
}

// check validates c and fills in defaults.
func check(body hcl.Body, c config) (*settings, hcl.Diagnostics) {
	u, diags := checkURL(body, c.URL)
	if diags.HasErrors() {
		return nil, diags
	}
	s := &settings{url: u, headers: c.Headers, token: c.BearerToken, items: path(c.Items), cursorField: path(c.CursorField)}
	for _, step := range []func(hcl.Body, config, *settings) hcl.Diagnostics{checkHeaders, checkCursor, checkLimits, checkRetries} {
		if diags := step(body, c, s); diags.HasErrors() {
			return nil, diags
		}
	}
	return s, nil
}

// checkURL accepts only absolute http and https URLs. Its messages never
// repeat the URL, which may hold a secret.
func checkURL(body hcl.Body, raw string) (*url.URL, hcl.Diagnostics) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, attr.Error(body, "url", "Invalid URL", "url is not a valid URL.")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, attr.Error(body, "url", "Unsupported URL scheme",
			fmt.Sprintf("url must start with http:// or https://; got scheme %q.", u.Scheme))
	}
	if u.Host == "" {
		return nil, attr.Error(body, "url", "Invalid URL", "url has no host.")
	}
	return u, nil
}

// checkHeaders rejects malformed header names and values, and an
// Authorization header given together with bearer_token.
func checkHeaders(body hcl.Body, c config, _ *settings) hcl.Diagnostics {
	for _, name := range slices.Sorted(maps.Keys(c.Headers)) {
		value := c.Headers[name]
		if !validHeaderName(name) {
			return attr.Error(body, "headers", "Invalid header name", fmt.Sprintf("%q is not a valid HTTP header name.", name))
		}
		if strings.ContainsAny(value, "\r\n\x00") {
			return attr.Error(body, "headers", "Invalid header value", fmt.Sprintf("The value of header %q holds a line break or NUL.", name))
		}
		if strings.EqualFold(name, "Authorization") && c.BearerToken != "" {
			return attr.Error(body, "bearer_token", "Conflicting credentials", "Set either bearer_token or an Authorization header, not both.")
		}
	}
	if strings.ContainsAny(c.BearerToken, "\r\n\x00 ") {
		return attr.Error(body, "bearer_token", "Invalid bearer token", "bearer_token holds a space, a line break or NUL.")
	}
	return nil
}

// checkCursor checks the cursor pagination attributes.
func checkCursor(body hcl.Body, c config, s *settings) hcl.Diagnostics {
	if c.CursorParam != "" && c.CursorField == "" {
		return attr.Error(body, "cursor_param", "Cursor parameter without cursor field",
			"cursor_param names the query parameter that carries the cursor; set cursor_field to the path of the cursor in each page.")
	}
	s.cursorParam = c.CursorParam
	if s.cursorParam == "" {
		s.cursorParam = defaultCursor
	}
	return nil
}

// checkLimits checks max_pages, max_bytes and timeout.
func checkLimits(body hcl.Body, c config, s *settings) hcl.Diagnostics {
	var diags hcl.Diagnostics
	s.maxPages, diags = attr.AtLeast(body, "max_pages", c.MaxPages, defaultMaxPages, 1)
	if diags.HasErrors() {
		return diags
	}
	s.maxBytes, diags = attr.AtLeast(body, "max_bytes", c.MaxBytes, defaultMaxBytes, 1)
	if diags.HasErrors() {
		return diags
	}
	s.timeout, diags = attr.Duration(body, "timeout", c.Timeout, defaultTimeout)
	return diags
}

// checkRetries checks retries, retry_wait_min and retry_wait_max.
func checkRetries(body hcl.Body, c config, s *settings) hcl.Diagnostics {
	var diags hcl.Diagnostics
	if s.retries, diags = attr.AtLeast(body, "retries", c.Retries, defaultRetries, 0); diags.HasErrors() {
		return diags
	}
	if s.waitMin, diags = attr.Duration(body, "retry_wait_min", c.RetryWaitMin, defaultWaitMin); diags.HasErrors() {
		return diags
	}
	if s.waitMax, diags = attr.Duration(body, "retry_wait_max", c.RetryWaitMax, defaultWaitMax); diags.HasErrors() {
		return diags
	}
	if s.waitMin > s.waitMax {
		return attr.Error(body, "retry_wait_min", "Retry waits out of order",
			fmt.Sprintf("retry_wait_min (%s) is longer than retry_wait_max (%s).", s.waitMin, s.waitMax))
	}
	return nil
}

// path splits a dotted path; an empty path has no steps.
func path(dotted string) []string {
	if dotted == "" {
		return nil
	}
	return strings.Split(dotted, ".")
}

// validHeaderName reports whether name is an RFC 9110 token.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

// addSecrets records the bearer token and credential-like header values
// as secrets, so that nothing Assay prints or stores shows them.
func addSecrets(secrets *plugins.Secrets, c config) {
	secrets.Add(c.BearerToken)
	for name, value := range c.Headers {
		if sensitiveName(name) {
			secrets.Add(value)
		}
	}
}

// sensitiveName reports whether a header or query parameter name
// suggests that its value is a credential.
func sensitiveName(name string) bool {
	n := strings.ToLower(name)
	for _, word := range []string{"auth", "token", "key", "secret", "password", "passwd", "cookie", "session", "signature", "credential"} {
		if strings.Contains(n, word) {
			return true
		}
	}
	return n == "sig" || n == "code"
}
