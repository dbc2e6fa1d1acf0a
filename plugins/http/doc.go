// Package http is the built-in plugin that collects evidence from JSON
// APIs over HTTP(S): it GETs a URL, follows pagination and returns the
// items of every page as one JSON array, so that each item is a record.
//
// Config attributes:
//
//	url            required; an http:// or https:// URL
//	headers        map of extra request headers; never shown in errors
//	bearer_token   sent as "Authorization: Bearer <token>"; usually env("NAME")
//	items          dotted path to the list of items in each page, such as
//	               "data.items" (a number steps into a list); empty: the page
//	               itself (a list yields its elements, anything else itself)
//	cursor_field   dotted path to the next page's cursor in each page, such
//	               as "meta.next_cursor"; a missing, null or empty cursor ends
//	cursor_param   query parameter the cursor is sent in; default "cursor"
//	max_pages      most pages fetched; more is an error; default 1000
//	timeout        per request, headers and body; default "30s"
//	max_bytes      largest response body accepted; larger is an error,
//	               never cut short; default 33554432 (32 MiB)
//	retries        retries after a connection error, 429 or 5xx (but 501);
//	               default 4
//	retry_wait_min first wait between retries, doubled each time; default "1s"
//	retry_wait_max longest wait; a Retry-After longer than this ends the
//	               retries with an error; default "30s"
//
// Pagination follows the Link header's rel="next" target (RFC 8288, as
// GitHub and GitLab send it) when there is one, else the cursor field
// when configured. A next link to another scheme or host is refused,
// since the credentials would follow it; redirects never go from https
// to http and drop the configured headers when they leave the host.
//
// The file is named by the URL without user info, with credential-like
// query values (token, api_key, signature...) replaced by [redacted].
// The bearer token and credential-like header values are recorded as
// secrets even when they were not read through env(); no error names a
// header, and errors are redacted of every secret.
//
// Example:
//
//	source "assets" {
//	  plugin = "http"
//	  config {
//	    url          = "https://cmdb.example.com/api/v2/assets?status=active"
//	    bearer_token = env("CMDB_TOKEN")
//	    headers      = { "X-Tenant" = "acme" }
//	    items        = "data.items"
//	    cursor_field = "meta.next_cursor"
//	    timeout      = "20s"
//	  }
//	}
package http
