package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/go-github/v75/github"
)

// Rate-limit handling.
const (
	// resetSlack is added to a rate limit's reset time, since GitHub's
	// clock and ours may differ by a little.
	resetSlack = time.Second
	// secondaryWait is how long to wait after a secondary rate limit
	// that names no Retry-After, as GitHub's documentation advises.
	secondaryWait = time.Minute
	// maxLimitedTries bounds how often one request meets a rate limit.
	maxLimitedTries = 5
)

// newClient returns a go-github client for the configured API, sending
// the token only to the API's own host, and a function that closes its
// idle connections.
func (s *settings) newClient() (*github.Client, func(), error) {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	hc := &http.Client{Timeout: s.timeout, Transport: &authTransport{token: s.token, host: s.baseURL.Host, next: transport}}
	client := github.NewClient(hc)
	if s.baseURL.String() == defaultBaseURL {
		return client, transport.CloseIdleConnections, nil
	}
	client, err := client.WithEnterpriseURLs(s.baseURL.String(), s.baseURL.String())
	if err != nil {
		return nil, nil, fmt.Errorf("base_url: %w", err)
	}
	return client, transport.CloseIdleConnections, nil
}

// authTransport adds the bearer token to requests for the API host and
// to no other, so that a redirect elsewhere does not carry it.
type authTransport struct {
	token string
	host  string
	next  http.RoundTripper
}

// RoundTrip sends req, with the token when it goes to the API host.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.token == "" || req.URL.Host != t.host {
		return t.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	return t.next.RoundTrip(req)
}

// get GETs path (relative to the base URL) into v, waiting out rate
// limits that reset within max_wait.
func (c *session) get(ctx context.Context, path string, v any) (*github.Response, error) {
	for try := 1; ; try++ {
		req, err := c.client.NewRequest(http.MethodGet, path, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.client.Do(ctx, req, v)
		wait, limited := rateLimitWait(resp, err)
		if !limited {
			return resp, err
		}
		if wait > c.s.maxWait || try >= maxLimitedTries {
			return resp, c.rateLimitError(wait, try)
		}
		if err := sleep(ctx, wait); err != nil {
			return resp, err
		}
	}
}

// rateLimitError explains a rate limit that will not be waited out.
func (c *session) rateLimitError(wait time.Duration, tries int) error {
	if tries >= maxLimitedTries {
		return fmt.Errorf("rate limited %d times in a row; giving up", tries)
	}
	return fmt.Errorf("rate limited; the limit resets in %s, longer than max_wait (%s)", wait.Round(time.Second), c.s.maxWait)
}

// rateLimitWait reports whether a request failed for a rate limit, and
// how long to wait before trying again.
func rateLimitWait(resp *github.Response, err error) (time.Duration, bool) {
	var rle *github.RateLimitError
	if errors.As(err, &rle) {
		return max(time.Until(rle.Rate.Reset.Time), 0) + resetSlack, true
	}
	var are *github.AbuseRateLimitError
	if errors.As(err, &are) {
		if are.RetryAfter != nil {
			return *are.RetryAfter, true
		}
		return secondaryWait, true
	}
	if err == nil || resp == nil || resp.Response == nil {
		return 0, false
	}
	return headerWait(resp.Response)
}

// headerWait reads a rate limit from a 403 or 429 response that
// go-github did not classify: Retry-After first, then an exhausted
// X-RateLimit-Remaining with its X-RateLimit-Reset.
func headerWait(r *http.Response) (time.Duration, bool) {
	if r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusTooManyRequests {
		return 0, false
	}
	if secs, err := strconv.Atoi(r.Header.Get("Retry-After")); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if r.Header.Get("X-RateLimit-Remaining") != "0" {
		return 0, false
	}
	reset, err := strconv.ParseInt(r.Header.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil {
		return secondaryWait, true
	}
	return max(time.Until(time.Unix(reset, 0)), 0) + resetSlack, true
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
