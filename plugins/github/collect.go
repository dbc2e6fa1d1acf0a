package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/google/go-github/v75/github"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/jsonarray"
	"github.com/assay-dev/assay/plugins/internal/redact"
)

// perPage is the page size asked for; 100 is GitHub's largest.
const perPage = 100

// maxPages bounds one listing, as a guard against pagination that never
// ends.
const maxPages = 10000

// collector collects what one source asks for.
type collector struct {
	s *settings
}

// session is one collection: its client, and what it has listed so far.
type session struct {
	s      *settings
	client *github.Client
	repos  []json.RawMessage // the organisation's repositories, once listed
}

// Collect returns one JSON file for each thing to collect, in the order
// repositories, branch_protection, dependabot_alerts,
// members_without_2fa. Each file is a JSON array whose elements are the
// records.
func (c *collector) Collect(ctx context.Context) ([]plugins.File, error) {
	client, closeIdle, err := c.s.newClient()
	if err != nil {
		return nil, redact.Error(c.s.secrets, err)
	}
	defer closeIdle()
	run := &session{s: c.s, client: client}
	var files []plugins.File
	for _, kind := range c.s.kinds {
		items, err := run.collect(ctx, kind)
		if err != nil {
			return nil, redact.Error(c.s.secrets, fmt.Errorf("github %s of %s: %w", kind, c.s.org, err))
		}
		files = append(files, plugins.File{Name: c.fileName(kind), MediaType: plugins.MediaJSON, Data: jsonarray.Encode(items)})
	}
	return files, nil
}

// fileName names the file of one kind: API host, organisation, kind.
func (c *collector) fileName(kind string) string {
	return c.s.baseURL.Host + "/" + c.s.org + "/" + kind + ".json"
}

// collect fetches the records of one kind.
func (c *session) collect(ctx context.Context, kind string) ([]json.RawMessage, error) {
	org := url.PathEscape(c.s.org)
	switch kind {
	case Repositories:
		return c.repositories(ctx)
	case BranchProtection:
		return c.branchProtection(ctx)
	case DependabotAlerts:
		return c.list(ctx, "orgs/"+org+"/dependabot/alerts", nil)
	case MembersWithout2FA:
		return c.list(ctx, "orgs/"+org+"/members", url.Values{"filter": {"2fa_disabled"}})
	}
	return nil, fmt.Errorf("unknown collection %q", kind)
}

// repositories lists the organisation's repositories, once.
func (c *session) repositories(ctx context.Context) ([]json.RawMessage, error) {
	if c.repos != nil {
		return c.repos, nil
	}
	repos, err := c.list(ctx, "orgs/"+url.PathEscape(c.s.org)+"/repos", url.Values{"type": {"all"}})
	if err != nil {
		return nil, err
	}
	c.repos = repos
	if c.repos == nil {
		c.repos = []json.RawMessage{}
	}
	return c.repos, nil
}

// list GETs every page of a listing, following go-github's NextPage
// (page numbers) or After (cursors), and returns the elements as
// GitHub returned them.
func (c *session) list(ctx context.Context, path string, query url.Values) ([]json.RawMessage, error) {
	var all []json.RawMessage
	page, after := 1, ""
	for n := 1; ; n++ {
		if n > maxPages {
			return nil, fmt.Errorf("%s: more than %d pages", path, maxPages)
		}
		var items []json.RawMessage
		resp, err := c.get(ctx, pageURL(path, query, page, after), &items)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		switch {
		case resp.NextPage > page:
			page = resp.NextPage
		case resp.After != "" && resp.After != after:
			after = resp.After
		default:
			return all, nil
		}
	}
}

// pageURL is path with the query, per_page and the page or cursor.
func pageURL(path string, query url.Values, page int, after string) string {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("per_page", strconv.Itoa(perPage))
	if after != "" {
		q.Set("after", after)
	} else if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	return path + "?" + q.Encode()
}

// repoRef is what branch protection needs of a repository.
type repoRef struct {
	Name          string `json:"name"`
	DefaultBranch string `json:"default_branch"`
	Owner         struct {
		Login string `json:"login"`
	} `json:"owner"`
}

// protectionRecord is the record of one repository's default branch.
type protectionRecord struct {
	Repository string          `json:"repository"`
	Branch     string          `json:"branch"`
	Protected  bool            `json:"protected"`
	Protection json.RawMessage `json:"protection"`
}

// branchProtection reads the protection of every repository's default
// branch. A branch that is not protected, or does not exist yet (an
// empty repository), is a record with protected false.
func (c *session) branchProtection(ctx context.Context) ([]json.RawMessage, error) {
	repos, err := c.repositories(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]json.RawMessage, 0, len(repos))
	for _, raw := range repos {
		var r repoRef
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, fmt.Errorf("reading a repository: %w", err)
		}
		rec, err := c.protection(ctx, r)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// protection reads one repository's default-branch protection.
func (c *session) protection(ctx context.Context, r repoRef) (protectionRecord, error) {
	rec := protectionRecord{Repository: r.Name, Branch: r.DefaultBranch, Protection: json.RawMessage("null")}
	if r.DefaultBranch == "" {
		return rec, nil
	}
	owner := r.Owner.Login
	if owner == "" {
		owner = c.s.org
	}
	path := "repos/" + url.PathEscape(owner) + "/" + url.PathEscape(r.Name) + "/branches/" + url.PathEscape(r.DefaultBranch) + "/protection"
	var p json.RawMessage
	_, err := c.get(ctx, path, &p)
	switch {
	case unprotected(err):
		return rec, nil
	case err != nil:
		return rec, err
	}
	rec.Protected, rec.Protection = true, p
	return rec, nil
}

// unprotected reports whether err is GitHub's 404 for a branch without
// protection ("Branch not protected") or without commits yet ("Branch
// not found").
func unprotected(err error) bool {
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusNotFound {
		return false
	}
	return er.Message == "Branch not protected" || er.Message == "Branch not found"
}
