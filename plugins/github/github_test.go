package github

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine/evidence"
	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/plugintest"
)

const (
	org   = "octokit-fixture-org"
	token = "ghp_0123456789abcdefFAKEtoken42"
)

var testEnv = map[string]string{"GITHUB_TOKEN": token}

// exchange is one recorded request and response of the octokit fixture.
type exchange struct {
	Method   string          `json:"method"`
	Path     string          `json:"path"`
	Status   int             `json:"status"`
	Response json.RawMessage `json:"response"`
}

// fixture returns the body of the recorded exchange with the method and
// status.
func fixture(t *testing.T, method string, status int) json.RawMessage {
	t.Helper()
	var xs []exchange
	if err := json.Unmarshal(readTestdata(t, "branch-protection.octokit-fixture.json"), &xs); err != nil {
		t.Fatal(err)
	}
	var found json.RawMessage
	for _, x := range xs {
		if strings.EqualFold(x.Method, method) && x.Status == status {
			found = x.Response // the last one: the full protection of the PUTs
		}
	}
	if found == nil {
		t.Fatalf("no %s %d in the octokit fixture", method, status)
	}
	return found
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// elements splits a JSON array of testdata.
func elements(t *testing.T, name string) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	if err := json.Unmarshal(readTestdata(t, name), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// fakeGitHub is a GitHub Enterprise API on loopback: handlers by path
// under /api/v3, and a log of the requests it got.
type fakeGitHub struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string // "path?query"
	auth     []string
}

// newFakeGitHub serves routes, keyed by path below /api/v3.
func newFakeGitHub(t *testing.T, routes map[string]http.HandlerFunc) *fakeGitHub {
	f := &fakeGitHub{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, strings.TrimPrefix(r.URL.Path, "/api/v3")+"?"+r.URL.RawQuery)
		f.auth = append(f.auth, r.Header.Get("Authorization"))
		f.mu.Unlock()
		h, ok := routes[strings.TrimPrefix(r.URL.Path, "/api/v3")]
		if !ok || !strings.HasPrefix(r.URL.Path, "/api/v3/") {
			reply(w, http.StatusNotFound, json.RawMessage(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`), nil)
			return
		}
		h(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

// log returns the requests so far.
func (f *fakeGitHub) log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

// reply writes a JSON body with GitHub's headers and extra ones.
func reply(w http.ResponseWriter, status int, body any, headers map[string]string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", "4999")
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	w.Header().Set("X-RateLimit-Resource", "core")
	for k, v := range headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

// serve returns a handler that always replies with body.
func serve(body any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { reply(w, http.StatusOK, body, nil) }
}

// configure configures the plugin against f with extra attributes.
func configure(t *testing.T, f *fakeGitHub, extra string) plugins.Collector {
	t.Helper()
	c, _ := plugintest.MustConfigure(t, Plugin{}, fmt.Sprintf(`
org      = %q
token    = env("GITHUB_TOKEN")
base_url = %q
%s
`, org, f.URL, extra), testEnv)
	return c
}

// obj is a record's value as an object.
func obj(t *testing.T, r evidence.Record) map[string]any {
	t.Helper()
	m, ok := r.Value.(map[string]any)
	if !ok {
		t.Fatalf("record %s:%d is %T, want an object", r.File, r.Line, r.Value)
	}
	return m
}

func TestRepositoriesAcrossTwoPages(t *testing.T) {
	repos := elements(t, "org-repos.json")
	var f *fakeGitHub
	f = newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/repos": func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("page") == "2" {
				reply(w, http.StatusOK, repos[2:], nil)
				return
			}
			next := f.URL + "/api/v3/organizations/31898100/repos?type=all&per_page=100&page=2"
			reply(w, http.StatusOK, repos[:2], map[string]string{"Link": `<` + next + `>; rel="next", <` + next + `>; rel="last"`})
		},
	})
	c := configure(t, f, `collect = ["repositories"]`)
	files, recs := plugintest.Records(t, c)
	host := strings.TrimPrefix(f.URL, "http://")
	if len(files) != 1 || files[0].Name != host+"/"+org+"/repositories.json" || files[0].MediaType != plugins.MediaJSON {
		t.Fatalf("files = %v, want one file %s/%s/repositories.json", files, host, org)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d repositories, want 3", len(recs))
	}
	last := obj(t, recs[2])
	if last["name"] != "legacy-app" || last["archived"] != true || last["visibility"] != "internal" || last["default_branch"] != "master" || last["id"] != int64(110003) {
		t.Errorf("repository 3 = %v, want legacy-app, archived, internal, master", last)
	}
	want := []string{"/orgs/" + org + "/repos?per_page=100&type=all", "/orgs/" + org + "/repos?page=2&per_page=100&type=all"}
	if got := f.log(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
	if f.auth[0] != "Bearer "+token || f.auth[1] != "Bearer "+token {
		t.Errorf("Authorization = %q, want the bearer token on both pages", f.auth)
	}
}

func TestBranchProtection(t *testing.T) {
	notFound := json.RawMessage(`{"message":"Branch not found","documentation_url":"https://docs.github.com/rest/branches/branch-protection#get-branch-protection"}`)
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/repos": serve(elements(t, "org-repos.json")),
		"/repos/" + org + "/branch-protection/branches/main/protection": serve(fixture(t, "put", 200)),
		"/repos/" + org + "/docs/branches/gh-pages/protection": func(w http.ResponseWriter, r *http.Request) {
			reply(w, http.StatusNotFound, fixture(t, "get", 404), nil)
		},
		"/repos/" + org + "/legacy-app/branches/master/protection": func(w http.ResponseWriter, r *http.Request) {
			reply(w, http.StatusNotFound, notFound, nil)
		},
	})
	files, recs := plugintest.Records(t, configure(t, f, `collect = ["branch_protection"]`))
	if len(files) != 1 || !strings.HasSuffix(files[0].Name, "/"+org+"/branch_protection.json") || len(recs) != 3 {
		t.Fatalf("got %d files and %d records, want one branch_protection file of 3 records", len(files), len(recs))
	}
	main := obj(t, recs[0])
	p, _ := main["protection"].(map[string]any)
	reviews, _ := p["required_pull_request_reviews"].(map[string]any)
	admins, _ := p["enforce_admins"].(map[string]any)
	if main["repository"] != "branch-protection" || main["branch"] != "main" || main["protected"] != true ||
		admins["enabled"] != true || reviews["required_approving_review_count"] != int64(1) {
		t.Errorf("record 1 = %v, want branch-protection/main protected with enforced admins and 1 review", main)
	}
	for i, name := range []string{"docs", "legacy-app"} {
		r := obj(t, recs[i+1])
		if r["repository"] != name || r["protected"] != false || r["protection"] != nil {
			t.Errorf("record %d = %v, want %s unprotected with protection null", i+2, r, name)
		}
	}
}

func TestBranchProtectionOtherErrorFails(t *testing.T) {
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/repos": serve(elements(t, "org-repos.json")[:1]),
		"/repos/" + org + "/branch-protection/branches/main/protection": func(w http.ResponseWriter, r *http.Request) {
			reply(w, http.StatusForbidden, json.RawMessage(`{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}`), nil)
		},
	})
	_, err := configure(t, f, `collect = ["branch_protection"]`).Collect(context.Background())
	want := "github branch_protection of " + org + ": GET " + f.URL + "/api/v3/repos/" + org + "/branch-protection/branches/main/protection: 403 Resource not accessible by integration []"
	if err == nil || err.Error() != want {
		t.Errorf("Collect error = %v, want %q", err, want)
	}
}

func TestDependabotAlertsWithCursor(t *testing.T) {
	alerts := elements(t, "dependabot-alerts.json")
	const cursor = "Y3Vyc29yOnYyOpK0"
	var f *fakeGitHub
	f = newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/dependabot/alerts": func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("after") == cursor {
				reply(w, http.StatusOK, alerts[4:], nil)
				return
			}
			next := f.URL + "/api/v3/orgs/" + org + "/dependabot/alerts?per_page=100&after=" + cursor
			reply(w, http.StatusOK, alerts[:4], map[string]string{"Link": `<` + next + `>; rel="next"`})
		},
	})
	_, recs := plugintest.Records(t, configure(t, f, `collect = ["dependabot_alerts"]`))
	if len(recs) != 6 {
		t.Fatalf("got %d alerts, want 6", len(recs))
	}
	severities := map[string]int{}
	for _, r := range recs {
		adv := obj(t, r)["security_advisory"].(map[string]any)
		severities[adv["severity"].(string)]++
	}
	if fmt.Sprint(severities) != "map[critical:1 high:2 medium:3]" || obj(t, recs[0])["number"] != int64(6) {
		t.Errorf("severities = %v, first number %v; want 1 critical, 2 high, 3 medium and number 6 first", severities, obj(t, recs[0])["number"])
	}
	if got := f.log(); len(got) != 2 || got[1] != "/orgs/"+org+"/dependabot/alerts?after="+cursor+"&per_page=100" {
		t.Errorf("requests = %q, want a second request with after=%s", got, cursor)
	}
}

func TestMembersWithout2FA(t *testing.T) {
	var restriction struct {
		Restrictions struct {
			Users []json.RawMessage `json:"users"`
		} `json:"restrictions"`
	}
	if err := json.Unmarshal(fixture(t, "put", 200), &restriction); err != nil {
		t.Fatal(err)
	}
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/members": func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("filter") != "2fa_disabled" {
				reply(w, http.StatusOK, []any{}, nil)
				return
			}
			reply(w, http.StatusOK, restriction.Restrictions.Users, nil)
		},
	})
	_, recs := plugintest.Records(t, configure(t, f, `collect = ["members_without_2fa"]`))
	if len(recs) != 1 || obj(t, recs[0])["login"] != "octokit-fixture-user-a" || obj(t, recs[0])["type"] != "User" {
		t.Errorf("records = %v, want octokit-fixture-user-a", recs)
	}
}

func TestCollectsAllByDefault(t *testing.T) {
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/repos":             serve(elements(t, "org-repos.json")[1:2]),
		"/orgs/" + org + "/dependabot/alerts": serve(elements(t, "dependabot-alerts.json")),
		"/orgs/" + org + "/members":           serve([]any{}),
		"/repos/" + org + "/docs/branches/gh-pages/protection": func(w http.ResponseWriter, r *http.Request) {
			reply(w, http.StatusNotFound, fixture(t, "get", 404), nil)
		},
	})
	files, err := configure(t, f, "").Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, file := range files {
		got = append(got, fmt.Sprintf("%s:%d", file.Name[strings.LastIndex(file.Name, "/")+1:], len(plugintest.Decode(t, file))))
	}
	want := "[repositories.json:1 branch_protection.json:1 dependabot_alerts.json:6 members_without_2fa.json:0]"
	if fmt.Sprint(got) != want {
		t.Errorf("files = %v, want %s", got, want)
	}
	if n := strings.Count(strings.Join(f.log(), " "), "/orgs/"+org+"/repos?"); n != 1 {
		t.Errorf("repositories listed %d times, want once", n)
	}
}

func TestRateLimitWaitsForReset(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	var reset time.Time
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/members": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if calls == 1 {
				reset = time.Now().Add(time.Second)
				reply(w, http.StatusForbidden, json.RawMessage(`{"message":"API rate limit exceeded for user ID 1000.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"}`),
					map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Used": "5000", "X-RateLimit-Reset": strconv.FormatInt(reset.Unix(), 10)})
				return
			}
			reply(w, http.StatusOK, json.RawMessage(`[{"login":"octocat","id":1,"type":"User","site_admin":false}]`), nil)
		},
	})
	_, recs := plugintest.Records(t, configure(t, f, "collect = [\"members_without_2fa\"]\nmax_wait = \"5s\""))
	if calls != 2 || len(recs) != 1 || obj(t, recs[0])["login"] != "octocat" {
		t.Fatalf("calls = %d, records %v; want a retry after the reset and octocat", calls, recs)
	}
	if second := time.Unix(reset.Unix(), 0); time.Now().Before(second) {
		t.Errorf("retried before the reset at %s", second)
	}
}

func TestRateLimitBeyondMaxWait(t *testing.T) {
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/repos": func(w http.ResponseWriter, r *http.Request) {
			reply(w, http.StatusForbidden, json.RawMessage(`{"message":"API rate limit exceeded for user ID 1000."}`),
				map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)})
		},
	})
	start := time.Now()
	_, err := configure(t, f, "collect = [\"repositories\"]\nmax_wait = \"10ms\"").Collect(context.Background())
	prefix := "github repositories of " + org + ": rate limited; the limit resets in 1h0m"
	if err == nil || !strings.HasPrefix(err.Error(), prefix) || !strings.HasSuffix(err.Error(), "s, longer than max_wait (10ms)") {
		t.Errorf("Collect error = %v, want %q...", err, prefix)
	}
	if len(f.log()) != 1 || time.Since(start) > 5*time.Second {
		t.Errorf("%d requests in %s, want one and no waiting", len(f.log()), time.Since(start))
	}
}

func TestSecondaryRateLimitRetryAfter(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/dependabot/alerts": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if calls == 1 {
				reply(w, http.StatusTooManyRequests, json.RawMessage(`{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`),
					map[string]string{"Retry-After": "1"})
				return
			}
			reply(w, http.StatusOK, elements(t, "dependabot-alerts.json")[:1], nil)
		},
	})
	start := time.Now()
	_, recs := plugintest.Records(t, configure(t, f, `collect = ["dependabot_alerts"]`))
	if calls != 2 || len(recs) != 1 || time.Since(start) < time.Second {
		t.Errorf("calls = %d, %d records after %s; want a retry after the 1s Retry-After", calls, len(recs), time.Since(start))
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{http.StatusUnauthorized, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`, "401 Bad credentials []"},
		{http.StatusInternalServerError, `{"message":"token ` + token + ` broke something"}`, "500 token [redacted] broke something []"},
	} {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			f := newFakeGitHub(t, map[string]http.HandlerFunc{
				"/orgs/" + org + "/repos": func(w http.ResponseWriter, r *http.Request) {
					reply(w, tc.status, json.RawMessage(tc.body), nil)
				},
			})
			c := configure(t, f, `collect = ["repositories"]`)
			_, err := c.Collect(context.Background())
			want := "github repositories of " + org + ": GET " + f.URL + "/api/v3/orgs/" + org + "/repos?per_page=100&type=all: " + tc.want
			if err == nil || err.Error() != want {
				t.Fatalf("Collect error = %v, want %q", err, want)
			}
			if strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), token) {
				t.Errorf("the error shows the token")
			}
			if f.auth[0] != "Bearer "+token {
				t.Errorf("Authorization = %q, want the bearer token", f.auth[0])
			}
		})
	}
}

func TestTokenStaysOnAPIHost(t *testing.T) {
	var elsewhere string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere = r.Header.Get("Authorization")
		reply(w, http.StatusOK, []any{}, nil)
	}))
	defer other.Close()
	f := newFakeGitHub(t, map[string]http.HandlerFunc{
		"/orgs/" + org + "/members": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/moved", http.StatusFound)
		},
	})
	if _, recs := plugintest.Records(t, configure(t, f, `collect = ["members_without_2fa"]`)); len(recs) != 0 {
		t.Errorf("records = %v, want none", recs)
	}
	if elsewhere != "" || f.auth[0] != "Bearer "+token {
		t.Errorf("Authorization on the other host = %q, on the API %q; want the token only on the API", elsewhere, f.auth[0])
	}
}

func TestBaseURLs(t *testing.T) {
	for _, tc := range []struct{ baseURL, want string }{
		{"", "https://api.github.com/"},
		{"https://github.acme.example", "https://github.acme.example/api/v3/"},
		{"https://github.acme.example/api/v3/", "https://github.acme.example/api/v3/"},
	} {
		src := "org = \"acme\"\n"
		if tc.baseURL != "" {
			src += fmt.Sprintf("base_url = %q\n", tc.baseURL)
		}
		c, _ := plugintest.MustConfigure(t, Plugin{}, src, nil)
		client, _, err := c.(*collector).s.newClient()
		if err != nil || client.BaseURL.String() != tc.want {
			t.Errorf("base_url %q: client base URL = %v (%v), want %s", tc.baseURL, client.BaseURL, err, tc.want)
		}
	}
}

func TestConfigDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		want      string
	}{
		{"missing org", "token = \"x\"\n", 1, `The argument "org" is required`},
		{"org with slash", "org = \"acme/x\"\n", 1, `org must be an organisation login such as "acme"; got "acme/x".`},
		{"unknown collection", "org = \"acme\"\ncollect = [\"repositories\", \"secrets\"]\n", 2,
			`"secrets" is not one of repositories, branch_protection, dependabot_alerts, members_without_2fa.`},
		{"bad base_url", "org = \"acme\"\n\nbase_url = \"ftp://github.acme.example\"\n", 3, "base_url must be an http:// or https:// URL"},
		{"bad max_wait", "org = \"acme\"\nmax_wait = \"0s\"\n", 2, `max_wait must be a positive duration such as "30s" or "2m"; got "0s".`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags, _ := plugintest.Configure(t, Plugin{}, tc.src, testEnv)
			plugintest.DiagAt(t, diags, tc.line, tc.want)
		})
	}
}
