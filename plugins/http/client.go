package http

import (
	"context"
	"errors"
	"fmt"
	nethttp "net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxRedirects is how many redirects one request may follow.
const maxRedirects = 10

// newClient returns a retrying client that logs nothing, retries
// connection errors, 429 and 5xx (but 501) with exponential backoff,
// and honours Retry-After up to the longest wait allowed.
func (s *settings) newClient() *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.Logger = nil
	c.RetryMax = s.retries
	c.RetryWaitMin = s.waitMin
	c.RetryWaitMax = s.waitMax
	c.CheckRetry = s.checkRetry
	c.Backoff = backoff
	c.ErrorHandler = giveUp
	c.HTTPClient.Timeout = s.timeout
	c.HTTPClient.CheckRedirect = s.checkRedirect
	return c
}

// checkRetry follows retryablehttp's default policy, except that a
// Retry-After longer than retry_wait_max ends the retries instead of
// being cut short.
func (s *settings) checkRetry(ctx context.Context, resp *nethttp.Response, err error) (bool, error) {
	retry, err := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if !retry || resp == nil {
		return retry, err
	}
	if wait, ok := retryAfter(resp); ok && wait > s.waitMax {
		return false, fmt.Errorf("the server asked to wait %s before retrying, longer than retry_wait_max (%s)", wait.Round(time.Second), s.waitMax)
	}
	return true, nil
}

// backoff waits as long as Retry-After says, when the response has it,
// and otherwise min·2^attempt, at most max.
func backoff(min, max time.Duration, attempt int, resp *nethttp.Response) time.Duration {
	if resp != nil {
		if wait, ok := retryAfter(resp); ok {
			return wait
		}
	}
	return retryablehttp.DefaultBackoff(min, max, attempt, nil)
}

// retryAfter reads the Retry-After header of a 429 or 5xx response:
// seconds or an HTTP date.
func retryAfter(resp *nethttp.Response) (time.Duration, bool) {
	if resp.StatusCode != nethttp.StatusTooManyRequests && resp.StatusCode < 500 {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 32); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if at, err := nethttp.ParseTime(v); err == nil {
		return max(time.Until(at), 0), true
	}
	return 0, false
}

// attemptsError records how many attempts were made before giving up.
type attemptsError struct {
	attempts int
	err      error // the last error, or nil when the last response was an error status
}

func (e *attemptsError) Error() string {
	if e.err == nil {
		return "gave up " + e.after()
	}
	return fmt.Sprintf("%v (%s)", e.err, e.after())
}

// after says how many attempts were made: "after 1 attempt".
func (e *attemptsError) after() string {
	if e.attempts == 1 {
		return "after 1 attempt"
	}
	return fmt.Sprintf("after %d attempts", e.attempts)
}

func (e *attemptsError) Unwrap() error { return e.err }

// giveUp is called when retries end without success; it keeps the last
// response so that its status can be reported.
func giveUp(resp *nethttp.Response, err error, attempts int) (*nethttp.Response, error) {
	return resp, &attemptsError{attempts: attempts, err: err}
}

// checkRedirect follows at most maxRedirects redirects, never from https
// to http, and drops the configured headers when a redirect leads to
// another host (net/http already drops Authorization there).
func (s *settings) checkRedirect(req *nethttp.Request, via []*nethttp.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	prev := via[len(via)-1]
	if prev.URL.Scheme == "https" && req.URL.Scheme != "https" {
		return errors.New("refused a redirect from https to http")
	}
	if req.URL.Host != s.url.Host {
		for name := range s.headers {
			req.Header.Del(name)
		}
		req.Header.Del("Authorization")
	}
	return nil
}
