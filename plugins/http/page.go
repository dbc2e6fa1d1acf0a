package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	nethttp "net/http"
	"net/url"
	"strconv"
	"strings"
)

// pageItems returns the items of a page: the elements of the list at
// path, or of the page itself when path is empty. A page that is not a
// list yields itself when path is empty; null at path yields no items.
func pageItems(body []byte, path []string) ([]json.RawMessage, error) {
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v)
		return nil, fmt.Errorf("response is not JSON: %v", err)
	}
	v, err := lookup(body, path)
	if err != nil {
		return nil, err
	}
	switch kind(v) {
	case "null":
		return nil, nil
	case "list":
		var items []json.RawMessage
		err := json.Unmarshal(v, &items)
		return items, err
	}
	if len(path) == 0 {
		return []json.RawMessage{v}, nil
	}
	return nil, fmt.Errorf("items path %q leads to %s, not a list", strings.Join(path, "."), article(kind(v)))
}

// lookup follows a dotted path of object keys (and list indexes) from
// the top of a JSON document.
func lookup(doc json.RawMessage, path []string) (json.RawMessage, error) {
	v := doc
	for i, step := range path {
		next, ok := child(v, step)
		if !ok {
			return nil, fmt.Errorf("no %q in the response at %q (found %s)", step, strings.Join(path[:i+1], "."), article(kind(v)))
		}
		v = next
	}
	return v, nil
}

// child returns the member step of an object, or the element at index
// step of a list.
func child(v json.RawMessage, step string) (json.RawMessage, bool) {
	switch kind(v) {
	case "object":
		var m map[string]json.RawMessage
		if json.Unmarshal(v, &m) != nil {
			return nil, false
		}
		c, ok := m[step]
		return c, ok
	case "list":
		i, err := strconv.Atoi(step)
		var l []json.RawMessage
		if err != nil || json.Unmarshal(v, &l) != nil || i < 0 || i >= len(l) {
			return nil, false
		}
		return l[i], true
	}
	return nil, false
}

// kind names the JSON type of a valid value.
func kind(v json.RawMessage) string {
	t := bytes.TrimSpace(v)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "object"
	case '[':
		return "list"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// article puts "a" or "an" before a kind.
func article(k string) string {
	switch k {
	case "object":
		return "an object"
	case "null", "nothing":
		return k
	}
	return "a " + k
}

// cursor returns the page's cursor at path: a string or a number, or ""
// when the path is missing, null or empty (the last page).
func cursor(body []byte, path []string) (string, error) {
	v, err := lookup(body, path)
	if err != nil {
		return "", nil // a page without the cursor is the last one
	}
	switch kind(v) {
	case "null":
		return "", nil
	case "number":
		return string(bytes.TrimSpace(v)), nil
	case "string":
		var s string
		err := json.Unmarshal(v, &s)
		return s, err
	}
	return "", fmt.Errorf("cursor_field %q holds %s, not a string or number", strings.Join(path, "."), article(kind(v)))
}

// nextURL returns the URL of the page after p: the Link header's
// rel="next" target, else the configured URL with the cursor set, else
// nil. A Link target on another host or scheme is refused, since the
// credentials would go with it.
func (c *collector) nextURL(p *page) (*url.URL, error) {
	if target := nextLink(p.header); target != "" {
		u, err := p.url.Parse(target)
		if err != nil {
			return nil, fmt.Errorf("the Link header's next URL is not valid")
		}
		if u.Scheme != c.s.url.Scheme || u.Host != c.s.url.Host {
			return nil, fmt.Errorf("the Link header's next page is on %s://%s, not on %s://%s; not followed", u.Scheme, u.Host, c.s.url.Scheme, c.s.url.Host)
		}
		return u, nil
	}
	if len(c.s.cursorField) == 0 {
		return nil, nil
	}
	cur, err := cursor(p.body, c.s.cursorField)
	if err != nil || cur == "" {
		return nil, err
	}
	u := *c.s.url
	q := u.Query()
	q.Set(c.s.cursorParam, cur)
	u.RawQuery = q.Encode()
	return &u, nil
}

// nextLink returns the target of the rel="next" link in the Link headers
// (RFC 8288), or "".
func nextLink(h nethttp.Header) string {
	for _, v := range h.Values("Link") {
		for _, link := range splitLinks(v) {
			target, params, ok := strings.Cut(link, ">")
			target, found := strings.CutPrefix(strings.TrimSpace(target), "<")
			if ok && found && relNext(params) {
				return target
			}
		}
	}
	return ""
}

// splitLinks splits a Link header value into its link-values at the
// commas that come before a "<".
func splitLinks(v string) []string {
	var links []string
	for {
		i := strings.Index(v, ",")
		for i >= 0 && !strings.HasPrefix(strings.TrimSpace(v[i+1:]), "<") {
			j := strings.Index(v[i+1:], ",")
			if j < 0 {
				i = -1
				break
			}
			i += j + 1
		}
		if i < 0 {
			return append(links, v)
		}
		links = append(links, v[:i])
		v = v[i+1:]
	}
}

// relNext reports whether link parameters (`; rel="next"; title=...`)
// include the relation type next.
func relNext(params string) bool {
	for _, p := range strings.Split(params, ";") {
		name, value, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
			continue
		}
		for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(value), `"`)) {
			if strings.EqualFold(rel, "next") {
				return true
			}
		}
	}
	return false
}
