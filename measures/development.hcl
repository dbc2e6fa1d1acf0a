# Secure development: static analysis and source code protection.

# ISO/IEC 27004:2016 Annex B theme 33, penetration and vulnerability testing
# (security testing of our own code).
measure "DEV-01" {
  title            = "SAST findings per thousand lines of code (gosec)"
  description      = "Density of gosec findings at or above a minimum severity, per 1,000 lines scanned. The density over all severities is kept as a derived measure for trend analysis."
  information_need = "Is the Go code we ship getting through security testing with few enough significant weaknesses?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.28", "ISO27001:2022/A.8.29", "ISO27001:2022/A.8.25"]
  clauses          = ["9.1"]
  evidence         = [source.gosec]
  interpretation   = "A density above the target means weaknesses are introduced faster than review catches them; the findings list file and line. LOW findings (mostly G104, unhandled errors) are counted in density_all only. Compare like with like: the density depends on the gosec version and rule set."

  responsible {
    owner        = "Head of software engineering"
    collector    = "CI pipeline (gosec)"
    communicator = "Application security lead"
    reviewer     = "Security champions guild"
    client       = "CTO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "min_severity" {
    default     = "MEDIUM"
    description = "Lowest gosec severity counted in the indicator: LOW, MEDIUM or HIGH."
  }

  policy "significant" {
    module = "policies/development/sast_findings.rego"
    query  = "data.assay.development.sast_findings"
  }

  policy "lines_scanned" {
    module = "policies/development/sast_findings.rego"
    query  = "data.assay.development.sast_lines_scanned"
  }

  base_measure "issues_total" {
    unit        = "findings"
    description = "gosec findings of any severity."
    method      = "objective"
    expr        = "evidence.gosec.filter(r, has(r.Issues)).map(r, r.Issues).flatten().size()"
  }

  base_measure "issues_significant" {
    unit        = "findings"
    description = "gosec findings at or above min_severity (policy findings)."
    method      = "objective"
    expr        = "size(policy.significant)"
  }

  base_measure "lines_scanned" {
    unit        = "lines"
    description = "Lines of Go scanned (gosec Stats.lines, summed over reports)."
    method      = "objective"
    expr        = "double(policy.lines_scanned)"
  }

  derived_measure "density_all" {
    unit = "findings/KLOC"
    expr = "1000.0 * issues_total / lines_scanned"
  }

  derived_measure "density_significant" {
    unit = "findings/KLOC"
    expr = "1000.0 * issues_significant / lines_scanned"
  }

  indicator {
    expr   = "density_significant"
    unit   = "findings/KLOC"
    better = "lower"
    target = 5
  }

  decision {
    pass = "value <= target"
    warn = "value <= 10.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 32, device configuration (the repository
# hosting configuration measured against a protection baseline).
measure "DEV-02" {
  title            = "Protected branches meeting the protection baseline"
  description      = "Share of observed branch protection states that meet the baseline: protection on, at least min_approving_reviews required reviews, required status checks, rules enforced for administrators, force pushes and deletions blocked. A state is what GET or PUT .../branches/{branch}/protection returned: 200 with the settings, or 404 \"Branch not protected\"."
  information_need = "Can code reach our release branches without review, checks or an audit trail?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.4", "ISO27001:2022/A.8.32", "ISO27001:2022/A.8.25"]
  clauses          = ["9.1"]
  evidence         = [source.branch_protection]
  interpretation   = "Each state below the baseline is a branch where one person can change released code alone. protected counts branches with any protection; the gap to baseline_met shows protection switched on but left at its defaults."

  responsible {
    owner        = "Head of software engineering"
    collector    = "GitHub API export (branch protection)"
    communicator = "Application security lead"
    reviewer     = "Internal audit"
    client       = "CTO"
  }

  frequency {
    collect = "24h"
    analyse = "30d"
    report  = "30d"
    review  = "365d"
  }

  param "min_approving_reviews" {
    default     = 1
    description = "Fewest required approving reviews the baseline accepts."
  }

  base_measure "states_observed" {
    unit        = "branches"
    description = "Responses that report a branch protection state: GET or PUT on .../protection answered 200 or 404."
    method      = "objective"
    expr        = <<-CEL
      evidence.branch_protection
        .filter(x, x.method.lowerAscii() in ['get', 'put'] && x.path.endsWith('/protection'))
        .filter(x, x.status == 200 || x.status == 404)
        .size()
    CEL
  }

  base_measure "protected" {
    unit        = "branches"
    description = "States with protection on (status 200)."
    method      = "objective"
    expr        = <<-CEL
      evidence.branch_protection
        .filter(x, x.method.lowerAscii() in ['get', 'put'] && x.path.endsWith('/protection'))
        .filter(x, x.status == 200)
        .size()
    CEL
  }

  base_measure "baseline_met" {
    unit        = "branches"
    description = "Protected states that meet every baseline setting."
    method      = "objective"
    expr        = <<-CEL
      evidence.branch_protection
        .filter(x, x.method.lowerAscii() in ['get', 'put'] && x.path.endsWith('/protection'))
        .filter(x, x.status == 200)
        .map(x, x.response)
        .filter(p,
          has(p.required_pull_request_reviews) &&
          has(p.required_pull_request_reviews.required_approving_review_count) &&
          p.required_pull_request_reviews.required_approving_review_count >= params.min_approving_reviews &&
          has(p.required_status_checks) && p.required_status_checks != null &&
          has(p.enforce_admins) && p.enforce_admins.enabled == true &&
          has(p.allow_force_pushes) && p.allow_force_pushes.enabled == false &&
          has(p.allow_deletions) && p.allow_deletions.enabled == false)
        .size()
    CEL
  }

  derived_measure "baseline_share" {
    unit = "%"
    expr = "100.0 * baseline_met / states_observed"
  }

  indicator {
    expr   = "baseline_share"
    unit   = "%"
    better = "higher"
    target = 100
  }

  decision {
    pass = "value >= target"
    warn = "value >= 90.0"
  }
}
