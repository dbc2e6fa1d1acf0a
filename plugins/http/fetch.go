package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	nethttp "net/http"
	"net/url"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/jsonarray"
	"github.com/assay-dev/assay/plugins/internal/redact"
)

// collector fetches the pages of one configured source.
type collector struct {
	s *settings
}

// page is one fetched page: its URL, body and response headers.
type page struct {
	url    *url.URL
	body   []byte
	header nethttp.Header
}

// Collect fetches every page, following Link rel="next" headers or the
// cursor field, and returns one JSON file: the array of every page's
// items, one a line. No error message holds a secret or a header.
func (c *collector) Collect(ctx context.Context) ([]plugins.File, error) {
	items, err := c.fetchAll(ctx)
	if err != nil {
		return nil, redact.Error(c.s.secrets, fmt.Errorf("GET %s: %w", c.s.displayedURL, err))
	}
	return []plugins.File{{Name: c.s.displayedURL, MediaType: plugins.MediaJSON, Data: jsonarray.Encode(items)}}, nil
}

// fetchAll walks the pages and gathers their items.
func (c *collector) fetchAll(ctx context.Context) ([]json.RawMessage, error) {
	client := c.s.newClient()
	defer client.HTTPClient.CloseIdleConnections()
	seen := map[string]bool{}
	var all []json.RawMessage
	next := c.s.url
	for n := 1; next != nil; n++ {
		if n > c.s.maxPages {
			return nil, fmt.Errorf("more than max_pages (%d) pages; raise max_pages to collect them all", c.s.maxPages)
		}
		if seen[next.String()] {
			return nil, fmt.Errorf("page %d repeats an earlier page; pagination does not advance", n)
		}
		seen[next.String()] = true
		p, err := c.get(ctx, client, n, next)
		if err != nil {
			return nil, err
		}
		items, err := pageItems(p.body, c.s.items)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		all = append(all, items...)
		if next, err = c.nextURL(p); err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
	}
	return all, nil
}

// get fetches one page, with retries, and reads at most max_bytes of it.
func (c *collector) get(ctx context.Context, client *retryablehttp.Client, n int, u *url.URL) (*page, error) {
	req, err := retryablehttp.NewRequestWithContext(ctx, nethttp.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("page %d: cannot build the request", n)
	}
	c.setHeaders(req.Header)
	resp, err := client.Do(req)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err := responseError(n, resp, err); err != nil {
		return nil, err
	}
	body, err := readLimited(resp, c.s.maxBytes)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", n, err)
	}
	return &page{url: u, body: body, header: resp.Header}, nil
}

// setHeaders sets the default, configured and authorization headers.
func (c *collector) setHeaders(h nethttp.Header) {
	h.Set("Accept", "application/json")
	h.Set("User-Agent", "assay")
	for name, value := range c.s.headers {
		h.Set(name, value)
	}
	if c.s.token != "" {
		h.Set("Authorization", "Bearer "+c.s.token)
	}
}

// responseError describes a failed request, or returns nil for a 2xx
// response. It names neither the URL (the caller does, redacted) nor
// any header.
func responseError(n int, resp *nethttp.Response, err error) error {
	var ae *attemptsError
	if errors.As(err, &ae) && ae.err == nil && resp != nil {
		return fmt.Errorf("page %d: %s (%s)", n, resp.Status, ae.after())
	}
	if err != nil {
		return fmt.Errorf("page %d: %w", n, transportError(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("page %d: %s", n, resp.Status)
	}
	return nil
}

// transportError strips the URL that net/http puts in its errors, which
// may carry a secret in its query; the cause is kept.
func transportError(err error) error {
	var ae *attemptsError
	if errors.As(err, &ae) {
		return &attemptsError{attempts: ae.attempts, err: transportError(ae.err)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// readLimited reads a response body, failing when it is longer than
// limit bytes rather than cutting it short.
func readLimited(resp *nethttp.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("response of %d bytes is larger than max_bytes (%d)", resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the response: %w", transportError(err))
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("response is larger than max_bytes (%d)", limit)
	}
	return body, nil
}
