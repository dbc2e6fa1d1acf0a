package http

import (
	"net/url"
	"strings"

	"github.com/assay-dev/assay/plugins"
)

// displayURL is u as it may be shown: without user info or fragment,
// with the values of credential-like query parameters (token, api_key,
// ...) replaced by [redacted], and with every known secret removed.
func displayURL(u *url.URL, secrets *plugins.Secrets) string {
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	c.RawQuery = redactQuery(c.RawQuery)
	return secrets.Redact(c.String())
}

// redactQuery replaces the values of credential-like parameters in a raw
// query string, keeping everything else as written.
func redactQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		key, _, hasValue := strings.Cut(p, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = key
		}
		if hasValue && sensitiveName(name) {
			parts[i] = key + "=[redacted]"
		}
	}
	return strings.Join(parts, "&")
}
