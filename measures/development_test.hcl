# Tests of the secure development measures (development.hcl): DEV-01
# (gosec findings density) and DEV-02 (branch protection baseline). Records
# have the shape of the real evidence under testdata/evidence (sast/,
# github/branch-protection.octokit-fixture.json).

# ---------------------------------------------------------------------------
# DEV-01: 1000 * significant findings / lines scanned, significant being at
# or above min_severity (MEDIUM); policy findings are the significant ones
# (distinct by rule, severity, file and line). Lower is better:
# pass <= 5, warn <= 10, else fail.
# ---------------------------------------------------------------------------

# Two reports: 300 lines with 1 HIGH and 2 LOW, 100 lines with 1 MEDIUM.
# Lines 300 + 100 = 400; significant 2 (the LOWs count in density_all only).
# 1000 * 2 / 400 = 5, exactly the target → pass.
test "five significant findings per thousand lines meets the target" {
  measure = "DEV-01"

  evidence "gosec" {
    records = [
      {
        Golang_errors = {}
        Issues = [
          { severity = "HIGH", confidence = "HIGH", cwe = { id = "798" }, rule_id = "G101", details = "Potential hardcoded credentials", file = "/src/shop/api/config.go", code = "password := \"hunter2\"", line = "14", column = "2" },
          { severity = "LOW", confidence = "HIGH", cwe = { id = "703" }, rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/api/main.go", code = "srv.ListenAndServe()", line = "40", column = "2" },
          { severity = "LOW", confidence = "HIGH", cwe = { id = "703" }, rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/api/main.go", code = "f.Close()", line = "52", column = "2" },
        ]
        Stats = { files = 4, lines = 300, nosec = 0, found = 3 }
      },
      {
        Issues = [
          { severity = "MEDIUM", confidence = "HIGH", cwe = { id = "327" }, rule_id = "G401", details = "Use of weak cryptographic primitive", file = "/src/shop/worker/hash.go", code = "md5.New()", line = "9", column = "7" },
        ]
        Stats = { files = 1, lines = 100, nosec = 0, found = 1 }
      },
    ]
  }

  expect {
    status   = "pass"
    value    = 5
    findings = 2
  }
}

# 200 lines, 1 MEDIUM + 1 HIGH + 1 LOW: significant 2.
# 1000 * 2 / 200 = 10: above 5, at most 10 → warn.
test "ten significant findings per thousand lines warns" {
  measure = "DEV-01"

  evidence "gosec" {
    records = [
      {
        Issues = [
          { severity = "MEDIUM", confidence = "HIGH", rule_id = "G203", details = "The used method does not auto-escape HTML. This can potentially lead to 'Cross-site Scripting' vulnerabilities, in case the attacker controls the input.", file = "/src/govwa/user/user.go", code = "template.HTML(name)", line = "120" },
          { severity = "HIGH", confidence = "MEDIUM", rule_id = "G201", details = "SQL string formatting", file = "/src/govwa/user/session.go", code = "fmt.Sprintf(\"SELECT * FROM users WHERE id=%s\", id)", line = "33" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/govwa/app.go", code = "s.ListenAndServe()", line = "79" },
        ]
        Stats = { files = 3, lines = 200, nosec = 0, found = 3 }
      },
    ]
  }

  expect {
    status   = "warn"
    value    = 10
    findings = 2
  }
}

# 100 lines, 2 significant (MEDIUM, HIGH). 1000 * 2 / 100 = 20 > 10 → fail.
test "twenty significant findings per thousand lines fails" {
  measure = "DEV-01"

  evidence "gosec" {
    records = [
      {
        Issues = [
          { severity = "MEDIUM", confidence = "HIGH", rule_id = "G501", details = "Blocklisted import crypto/md5: weak cryptographic primitive", file = "/src/shop/auth/token.go", code = "\"crypto/md5\"", line = "5" },
          { severity = "HIGH", confidence = "HIGH", rule_id = "G402", details = "TLS InsecureSkipVerify set true.", file = "/src/shop/auth/client.go", code = "InsecureSkipVerify: true", line = "21" },
        ]
        Stats = { files = 2, lines = 100, nosec = 0, found = 2 }
      },
    ]
  }

  expect {
    status   = "fail"
    value    = 20
    findings = 2
  }
}

# No gosec report: no records → no_data.
test "no gosec report is no data" {
  measure = "DEV-01"

  evidence "gosec" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# A report that scanned no Go code: Issues [], Stats.lines 0. Both densities
# are 1000 * 0 / 0 = NaN → no_data, not a perfect 0.
test "a report that scanned no lines is no data" {
  measure = "DEV-01"

  evidence "gosec" {
    records = [
      { Issues = [], Stats = { files = 0, lines = 0, nosec = 0, found = 0 } },
    ]
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# The same report under the default and a lower min_severity: 1000 lines,
# 1 MEDIUM and 6 LOW (G104, each on its own line).
# Default MEDIUM: 1000 * 1 / 1000 = 1 → pass, 1 finding.
test "unhandled errors are not significant under the default severity" {
  measure = "DEV-01"

  evidence "gosec" {
    records = [
      {
        Issues = [
          { severity = "MEDIUM", confidence = "HIGH", rule_id = "G304", details = "Potential file inclusion via variable", file = "/src/shop/files/read.go", code = "os.ReadFile(p)", line = "18" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/read.go", code = "f.Close()", line = "22" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/read.go", code = "w.Flush()", line = "31" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/write.go", code = "f.Close()", line = "12" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/write.go", code = "f.Sync()", line = "13" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/main.go", code = "srv.ListenAndServe()", line = "60" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/main.go", code = "srv.Shutdown(ctx)", line = "71" },
        ]
        Stats = { files = 3, lines = 1000, nosec = 0, found = 7 }
      },
    ]
  }

  expect {
    status   = "pass"
    value    = 1
    findings = 1
  }
}

# min_severity = "low" (the policy upper-cases it): all 7 are significant.
# 1000 * 7 / 1000 = 7: above 5, at most 10 → warn, 7 findings.
test "counting low findings turns the same report into a warning" {
  measure = "DEV-01"
  params  = { min_severity = "low" }

  evidence "gosec" {
    records = [
      {
        Issues = [
          { severity = "MEDIUM", confidence = "HIGH", rule_id = "G304", details = "Potential file inclusion via variable", file = "/src/shop/files/read.go", code = "os.ReadFile(p)", line = "18" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/read.go", code = "f.Close()", line = "22" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/read.go", code = "w.Flush()", line = "31" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/write.go", code = "f.Close()", line = "12" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/files/write.go", code = "f.Sync()", line = "13" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/main.go", code = "srv.ListenAndServe()", line = "60" },
          { severity = "LOW", confidence = "HIGH", rule_id = "G104", details = "Errors unhandled.", file = "/src/shop/main.go", code = "srv.Shutdown(ctx)", line = "71" },
        ]
        Stats = { files = 3, lines = 1000, nosec = 0, found = 7 }
      },
    ]
  }

  expect {
    status   = "warn"
    value    = 7
    findings = 7
  }
}

# ---------------------------------------------------------------------------
# DEV-02: 100 * baseline_met / states_observed; a state is a GET or PUT on
# .../protection answered 200 or 404; the baseline is >= min_approving_reviews
# reviews, status checks, enforce_admins on, force pushes and deletions off.
# pass >= 100, warn >= 90, else fail.
# ---------------------------------------------------------------------------

# Two states, both at baseline (one recorded as "PUT" in capitals). Not
# states: the DELETE 204, a GET on .../protection/required_signatures and a
# GET answered 403. 100 * 2 / 2 = 100 → pass.
test "every observed branch at the protection baseline passes" {
  measure = "DEV-02"

  evidence "branch_protection" {
    records = [
      {
        scope  = "https://api.github.com:443"
        method = "get"
        path   = "/repos/example-org/api/branches/main/protection"
        body   = ""
        status = 200
        response = {
          url                           = "https://api.github.com/repos/example-org/api/branches/main/protection"
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { dismiss_stale_reviews = true, require_code_owner_reviews = true, required_approving_review_count = 2 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
      {
        scope  = "https://api.github.com:443"
        method = "PUT"
        path   = "/repos/example-org/web/branches/release/protection"
        body   = { required_status_checks = { strict = true, contexts = ["ci/test"] }, enforce_admins = true, required_pull_request_reviews = { required_approving_review_count = 1 }, restrictions = null }
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/test"] }
          required_pull_request_reviews = { dismiss_stale_reviews = false, require_code_owner_reviews = false, required_approving_review_count = 1 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
      { scope = "https://api.github.com:443", method = "delete", path = "/repos/example-org/sandbox/branches/main/protection", body = "", status = 204, response = "" },
      { scope = "https://api.github.com:443", method = "get", path = "/repos/example-org/api/branches/main/protection/required_signatures", body = "", status = 200, response = { enabled = false } },
      { scope = "https://api.github.com:443", method = "get", path = "/repos/example-org/secret/branches/main/protection", body = "", status = 403, response = { message = "Resource not accessible by integration" } },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# testdata/branch-protection-nine-of-ten.json: 10 GETs answered 200, nine at
# baseline, the tenth (docs) allows force pushes; plus a DELETE 204.
# 100 * 9 / 10 = 90: below 100, exactly 90 → warn.
test "one branch of ten allowing force pushes warns" {
  measure = "DEV-02"

  evidence "branch_protection" {
    files = ["testdata/branch-protection-nine-of-ten.json"]
  }

  expect {
    status = "warn"
    value  = 90
  }
}

# Four states: 404 "Branch not protected"; 200 with force pushes allowed;
# 200 with 0 required reviews; 200 at baseline. baseline_met = 1.
# 100 * 1 / 4 = 25 → fail.
test "unprotected and weakly protected branches fail" {
  measure = "DEV-02"

  evidence "branch_protection" {
    records = [
      { method = "get", path = "/repos/example-org/api/branches/main/protection", status = 404, response = { message = "Branch not protected", documentation_url = "https://docs.github.com/rest/reference/repos#get-branch-protection" } },
      {
        method = "get"
        path   = "/repos/example-org/web/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = false, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 1 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = true }
          allow_deletions               = { enabled = false }
        }
      },
      {
        method = "get"
        path   = "/repos/example-org/worker/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 0 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
      {
        method = "get"
        path   = "/repos/example-org/billing/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 1 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
    ]
  }

  expect {
    status = "fail"
    value  = 25
  }
}

# No export: no records → no_data.
test "no branch protection export is no data" {
  measure = "DEV-02"

  evidence "branch_protection" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# Exchanges that report no protection state (a DELETE 204, a GET answered
# 401): states_observed = 0, 100 * 0 / 0 is NaN → no_data.
test "no protection state observed is no data" {
  measure = "DEV-02"

  evidence "branch_protection" {
    records = [
      { method = "delete", path = "/repos/example-org/api/branches/main/protection", status = 204, response = "" },
      { method = "get", path = "/repos/example-org/api/branches/main/protection", status = 401, response = { message = "Requires authentication" } },
    ]
  }

  expect {
    status = "no_data"
  }
}

# The same two states under the default and a stricter review count: one
# branch requires 2 approving reviews, the other 1; both otherwise at
# baseline. Default min_approving_reviews = 1: 100 * 2 / 2 = 100 → pass.
test "one required review meets the default baseline" {
  measure = "DEV-02"

  evidence "branch_protection" {
    records = [
      {
        method = "get"
        path   = "/repos/example-org/api/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 2 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
      {
        method = "get"
        path   = "/repos/example-org/web/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 1 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# min_approving_reviews = 2: the branch with 1 review drops below baseline.
# 100 * 1 / 2 = 50 → fail.
test "requiring two reviews fails the branch with one" {
  measure = "DEV-02"
  params  = { min_approving_reviews = 2 }

  evidence "branch_protection" {
    records = [
      {
        method = "get"
        path   = "/repos/example-org/api/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 2 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
      {
        method = "get"
        path   = "/repos/example-org/web/branches/main/protection"
        status = 200
        response = {
          required_status_checks        = { strict = true, contexts = ["ci/build"] }
          required_pull_request_reviews = { required_approving_review_count = 1 }
          enforce_admins                = { enabled = true }
          allow_force_pushes            = { enabled = false }
          allow_deletions               = { enabled = false }
        }
      },
    ]
  }

  expect {
    status = "fail"
    value  = 50
  }
}
