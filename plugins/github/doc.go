// Package github is the built-in plugin that collects an organisation's
// security posture from the GitHub REST API (github.com or GitHub
// Enterprise Server), through the go-github client.
//
// Config attributes:
//
//	org       required; the organisation's login
//	token     a token that may read the organisation (for branch
//	          protection, admin on its repositories; for members without
//	          2FA, an owner's); usually env("GITHUB_TOKEN"). Sent only to
//	          the API's host
//	base_url  the REST API's URL; default "https://api.github.com/". For
//	          GitHub Enterprise Server "https://HOST/api/v3/" (the
//	          /api/v3/ is added when missing)
//	collect   list of what to collect, among "repositories",
//	          "branch_protection", "dependabot_alerts" and
//	          "members_without_2fa"; default all four
//	max_wait  longest rate-limit wait; a limit that resets later is an
//	          error; default "60s"
//	timeout   per request; default "30s"
//
// Each collected thing is one JSON file, named HOST/ORG/THING.json,
// holding an array whose elements are the records:
//
//   - repositories: GET /orgs/{org}/repos, the repository objects as
//     GitHub returns them (name, default_branch, archived, visibility, ...)
//   - branch_protection: for each repository, GET
//     /repos/{owner}/{repo}/branches/{default_branch}/protection, as
//     {"repository", "branch", "protected": bool, "protection": object or
//     null}; GitHub's 404 "Branch not protected" (and "Branch not found",
//     for a repository without commits) is protected false, not an error
//   - dependabot_alerts: GET /orgs/{org}/dependabot/alerts, as returned
//   - members_without_2fa: GET /orgs/{org}/members?filter=2fa_disabled,
//     the user objects as returned
//
// All the records of a source form one list, so a source usually
// collects one thing. Listings follow every page (page numbers or
// cursors). When GitHub answers with a primary or secondary rate limit,
// the plugin waits until the limit resets, or as long as Retry-After
// says, when that is within max_wait, and tries again; otherwise it
// fails, saying when the limit resets. Errors never show the token.
//
// Example:
//
//	source "branch_protection" {
//	  plugin  = "github"
//	  max_age = "24h"
//	  config {
//	    org      = "acme"
//	    token    = env("GITHUB_TOKEN")
//	    base_url = "https://github.acme.example/api/v3/"
//	    collect  = ["branch_protection"]
//	  }
//	}
package github
