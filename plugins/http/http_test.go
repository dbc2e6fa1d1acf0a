package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	nethttp "net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/plugintest"
)

const token = "ghp_fake0123456789abcdefTOKEN"

// testEnv is what env() reads in the tests.
var testEnv = map[string]string{"TOKEN": token}

// collect configures the plugin with src and collects it.
func collect(t *testing.T, src string) ([]plugins.File, error) {
	t.Helper()
	c, _ := plugintest.MustConfigure(t, Plugin{}, src, testEnv)
	return c.Collect(context.Background())
}

// readTestdata returns a file of testdata.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// alertPages serves the recorded Dependabot alerts as GitHub does, four
// a page, with a Link header to the next page.
func alertPages(t *testing.T, auth *atomic.Value) *httptest.Server {
	var alerts []json.RawMessage
	if err := json.Unmarshal(readTestdata(t, "dependabot-alerts.json"), &alerts); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		auth.Store(r.Header.Get("Authorization") + "|" + r.Header.Get("X-GitHub-Api-Version"))
		from, to := 0, 4
		if r.URL.Query().Get("page") == "2" {
			from, to = 4, len(alerts)
		} else {
			w.Header().Set("Link", `<`+"http://"+r.Host+r.URL.Path+`?per_page=4&page=2>; rel="next", <http://`+r.Host+r.URL.Path+`?per_page=4&page=2>; rel="last"`)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(alerts[from:to])
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestLinkPaginationAndBearer(t *testing.T) {
	var auth atomic.Value
	srv := alertPages(t, &auth)
	c, _ := plugintest.MustConfigure(t, Plugin{}, fmt.Sprintf(`
url          = "%s/repos/example-owner/version/dependabot/alerts?per_page=4"
bearer_token = env("TOKEN")
headers      = { "X-GitHub-Api-Version" = "2022-11-28" }
`, srv.URL), testEnv)
	files, recs := plugintest.Records(t, c)
	if len(files) != 1 || files[0].Name != srv.URL+"/repos/example-owner/version/dependabot/alerts?per_page=4" || files[0].MediaType != plugins.MediaJSON {
		t.Fatalf("files = %+v, want one JSON file named by the URL", files)
	}
	if len(recs) != 6 {
		t.Fatalf("got %d records, want the 6 alerts", len(recs))
	}
	if n := plugintest.Field(t, recs[3], "number"); n != int64(3) {
		t.Errorf("record 4 number = %v (%T), want int64 3", n, n)
	}
	adv := plugintest.Field(t, recs[3], "security_advisory").(map[string]any)
	if adv["severity"] != "critical" || recs[3].Line != 5 {
		t.Errorf("record 4 = severity %v on line %d, want critical on line 5", adv["severity"], recs[3].Line)
	}
	if got, want := auth.Load(), "Bearer "+token+"|2022-11-28"; got != want {
		t.Errorf("Authorization|X-GitHub-Api-Version = %q, want %q", got, want)
	}
}

func TestCursorPagination(t *testing.T) {
	var cursors []string
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		cur := r.URL.Query().Get("cursor")
		cursors = append(cursors, r.URL.Query().Get("limit")+":"+cur)
		if cur == "" {
			w.Write(readTestdata(t, "slack-users-list-1.json"))
			return
		}
		w.Write(readTestdata(t, "slack-users-list-2.json"))
	}))
	defer srv.Close()
	files, err := collect(t, fmt.Sprintf(`
url          = "%s/api/users.list?limit=1"
items        = "members"
cursor_field = "response_metadata.next_cursor"
`, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	recs := plugintest.Decode(t, files[0])
	if len(recs) != 2 || plugintest.Field(t, recs[0], "name") != "spengler" || plugintest.Field(t, recs[1], "has_2fa") != true {
		t.Fatalf("records = %+v, want spengler then glinda with has_2fa", recs)
	}
	if want := []string{"1:", "1:dXNlcjpVMEc5V0ZYTlo="}; fmt.Sprint(cursors) != fmt.Sprint(want) {
		t.Errorf("requests limit:cursor = %q, want %q", cursors, want)
	}
}

func TestNestedItemsKeepNumbers(t *testing.T) {
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		fmt.Fprint(w, `{"data": {"items": [{"id": 18446744073709551615, "score": 7.50}, {"id": 2}], "total": 2}}`)
	}))
	defer srv.Close()
	files, err := collect(t, fmt.Sprintf(`
url   = "%s/v1"
items = "data.items"
`, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(files[0].Data), "[\n{\"id\":18446744073709551615,\"score\":7.50},\n{\"id\":2}\n]\n"; got != want {
		t.Errorf("file = %q, want %q", got, want)
	}
}

func TestPageThatIsAnObject(t *testing.T) {
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		fmt.Fprint(w, `{"status": "ok", "users": 12}`)
	}))
	defer srv.Close()
	files, err := collect(t, fmt.Sprintf(`url = "%s/health"`, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	recs := plugintest.Decode(t, files[0])
	if len(recs) != 1 || plugintest.Field(t, recs[0], "users") != int64(12) {
		t.Errorf("records = %+v, want the page itself", recs)
	}
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		switch calls.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(nethttp.StatusTooManyRequests)
		case 2:
			w.WriteHeader(nethttp.StatusBadGateway)
		default:
			fmt.Fprint(w, `[{"id": 1}]`)
		}
	}))
	defer srv.Close()
	start := time.Now()
	files, err := collect(t, fmt.Sprintf(`
url            = "%s/items"
retry_wait_min = "10ms"
retry_wait_max = "2s"
`, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || len(plugintest.Decode(t, files[0])) != 1 {
		t.Errorf("calls = %d, want 3 and one record", calls.Load())
	}
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("collected in %s, want at least the 1s Retry-After", waited)
	}
}

func TestRetryAfterBeyondMaxWait(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(nethttp.StatusServiceUnavailable)
	}))
	defer srv.Close()
	_, err := collect(t, fmt.Sprintf(`
url            = "%s/items"
retry_wait_max = "5s"
`, srv.URL))
	want := "page 1: the server asked to wait 2m0s before retrying, longer than retry_wait_max (5s) (after 1 attempt)"
	if err == nil || !strings.HasSuffix(err.Error(), want) || calls.Load() != 1 {
		t.Errorf("Collect error = %v after %d calls, want one call and an error ending %q", err, calls.Load(), want)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	var calls atomic.Int32
	var auth atomic.Value
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		calls.Add(1)
		auth.Store(r.Header.Get("Authorization"))
		w.WriteHeader(nethttp.StatusInternalServerError)
		fmt.Fprintf(w, `{"error": "bad token %s"}`, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
	}))
	defer srv.Close()
	c, diags, _ := plugintest.Configure(t, Plugin{}, fmt.Sprintf(`
url            = "%s/items?api_key=${env("TOKEN")}&state=open"
bearer_token   = env("TOKEN")
headers        = { "X-Api-Key" = env("TOKEN") }
retries        = 2
retry_wait_min = "1ms"
retry_wait_max = "5ms"
`, srv.URL), testEnv)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, err := c.Collect(context.Background())
	want := "GET " + srv.URL + "/items?api_key=[redacted]&state=open: page 1: 500 Internal Server Error (after 3 attempts)"
	if err == nil || err.Error() != want {
		t.Fatalf("Collect error = %v, want %q", err, want)
	}
	if strings.Contains(err.Error(), token) || strings.Contains(fmt.Sprintf("%+v %#v", err, errors.Unwrap(err)), token) {
		t.Errorf("error shows the token: %v", err)
	}
	if calls.Load() != 3 || auth.Load() != "Bearer "+token {
		t.Errorf("calls = %d with Authorization %q, want 3 with the bearer token", calls.Load(), auth.Load())
	}
}

func TestUnauthorizedIsNotRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		calls.Add(1)
		w.WriteHeader(nethttp.StatusUnauthorized)
	}))
	defer srv.Close()
	_, err := collect(t, fmt.Sprintf(`
url          = "%s/items"
bearer_token = env("TOKEN")
`, srv.URL))
	if err == nil || err.Error() != "GET "+srv.URL+"/items: page 1: 401 Unauthorized" || calls.Load() != 1 {
		t.Errorf("Collect error = %v after %d calls, want one call and a 401 error", err, calls.Load())
	}
}

func TestMaxBytes(t *testing.T) {
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		w.Header().Set("Content-Type", "application/json")
		// No Content-Length: the body is streamed, so the limit is found while reading.
		w.(nethttp.Flusher).Flush()
		fmt.Fprint(w, `[`+strings.Repeat(`{"id": 1},`, 20)+`{"id": 1}]`)
	}))
	defer srv.Close()
	_, err := collect(t, fmt.Sprintf(`
url       = "%s/items"
max_bytes = 100
`, srv.URL))
	if err == nil || !strings.HasSuffix(err.Error(), "page 1: response is larger than max_bytes (100)") {
		t.Errorf("Collect error = %v, want a max_bytes error", err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	start := time.Now()
	_, err := collect(t, fmt.Sprintf(`
url     = "%s/slow"
timeout = "100ms"
retries = 0
`, srv.URL))
	if err == nil || !strings.Contains(err.Error(), "page 1: timed out: ") || time.Since(start) > 5*time.Second {
		t.Errorf("Collect error = %v after %s, want a timeout soon after 100ms", err, time.Since(start))
	}
}

func TestPaginationGuards(t *testing.T) {
	for _, tc := range []struct {
		name, link, extra, want string
	}{
		{"link to another host", `<https://evil.example/steal?page=2>; rel="next"`, "",
			"page 1: the Link header's next page is on https://evil.example, not on http://127.0.0.1"},
		{"page repeats", `</items>; rel="next"`, "",
			"page 2 repeats an earlier page; pagination does not advance"},
		{"too many pages", `</items?page=2>; rel="next"`, "max_pages = 1",
			"more than max_pages (1) pages; raise max_pages to collect them all"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
				w.Header().Set("Link", tc.link)
				fmt.Fprint(w, `[1]`)
			}))
			defer srv.Close()
			_, err := collect(t, fmt.Sprintf("url = \"%s/items\"\n%s\n", srv.URL, tc.extra))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Collect error = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func TestBadPages(t *testing.T) {
	for _, tc := range []struct {
		name, body, items, want string
	}{
		{"not JSON", `<html>`, "", "page 1: response is not JSON: invalid character '<' looking for beginning of value"},
		{"missing items", `{"data": {}}`, "data.items", `page 1: no "items" in the response at "data.items" (found an object)`},
		{"items not a list", `{"data": {"items": "x"}}`, "data.items", `page 1: items path "data.items" leads to a string, not a list`},
		{"bad cursor", `{"data": {"items": []}, "next": {"a": 1}}`, "data.items", `page 1: cursor_field "next" holds an object, not a string or number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
				fmt.Fprint(w, tc.body)
			}))
			defer srv.Close()
			_, err := collect(t, fmt.Sprintf("url = \"%s/x\"\nitems = %q\ncursor_field = \"next\"\n", srv.URL, tc.items))
			if err == nil || err.Error() != "GET "+srv.URL+"/x: "+tc.want {
				t.Errorf("Collect error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestConfigDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		want      string
	}{
		{"ftp url", "\nurl = \"ftp://example.com/x\"\n", 2, `url must start with http:// or https://; got scheme "ftp"`},
		{"relative url", "url = \"/x\"\n", 1, "Unsupported URL scheme"},
		{"bad timeout", "url = \"https://a.example\"\n\ntimeout = \"soon\"\n", 3, `timeout must be a positive duration such as "30s" or "2m"; got "soon"`},
		{"zero max_pages", "url = \"https://a.example\"\nmax_pages = 0\n", 2, "max_pages must be at least 1; got 0"},
		{"cursor_param alone", "url = \"https://a.example\"\ncursor_param = \"after\"\n", 2, "set cursor_field"},
		{"two credentials", "url = \"https://a.example\"\nheaders = { Authorization = \"Basic x\" }\nbearer_token = env(\"TOKEN\")\n", 3, "Set either bearer_token or an Authorization header, not both."},
		{"bad header", "url = \"https://a.example\"\nheaders = { \"X Y\" = \"1\" }\n", 2, `"X Y" is not a valid HTTP header name.`},
		{"waits out of order", "url = \"https://a.example\"\nretry_wait_min = \"1m\"\nretry_wait_max = \"1s\"\n", 2, "retry_wait_min (1m0s) is longer than retry_wait_max (1s)."},
		{"missing url", "items = \"data\"\n", 1, `The argument "url" is required`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags, _ := plugintest.Configure(t, Plugin{}, tc.src, testEnv)
			plugintest.DiagAt(t, diags, tc.line, tc.want)
		})
	}
}

func TestDisplayURL(t *testing.T) {
	c, secrets := plugintest.MustConfigure(t, Plugin{}, `
url = "https://user:pw@api.example.com/v1/x?access_token=abc&page=2&sig=zz&q=${env("TOKEN")}#frag"
`, testEnv)
	got := c.(*collector).s.displayedURL
	if want := "https://api.example.com/v1/x?access_token=[redacted]&page=2&sig=[redacted]&q=[redacted]"; got != want {
		t.Errorf("displayed URL = %q, want %q", got, want)
	}
	if secrets.Redact(token) != "[redacted]" {
		t.Errorf("the token read through env() is not a secret")
	}
}
