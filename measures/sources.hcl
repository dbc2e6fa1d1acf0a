# Evidence sources of the shipped catalogue.
#
# Every source uses the built-in "file" plugin. Paths are relative to the
# evidence folder given with `--evidence` (the golden run uses
# testdata/evidence); testdata/evidence/SOURCES.md says where each file
# comes from. A Rego policy sees a source as input.evidence.<name>, so the
# policies under policies/ rely on these names.
#
# No max_age is set: the shipped evidence is a fixed corpus, not a live
# collection. A deployment should add one per source (for example
# max_age = "24h" for scanners, "30d" for registers) so that old evidence
# turns a verdict stale instead of silently passing.

# Trivy JSON (SchemaVersion 2): image and repository scans, one record a file.
source "trivy" {
  plugin = "file"
  config {
    paths = ["trivy/*.json"]
  }
}

# Grype JSON: one record a file, findings in matches[].
source "grype" {
  plugin = "file"
  config {
    paths = ["grype/*.json"]
  }
}

# Raw GitHub REST response of GET /repos/{owner}/{repo}/dependabot/alerts:
# an array, so one record per alert.
source "dependabot" {
  plugin = "file"
  config {
    paths = ["github/dependabot-alerts.json"]
  }
}

# Recorded GitHub REST exchanges on .../branches/{branch}/protection: one
# record per request/response pair (method, path, status, response).
source "branch_protection" {
  plugin = "file"
  config {
    paths = ["github/branch-protection.octokit-fixture.json"]
  }
}

# gosec JSON: one record a report, with Issues[] and Stats.
source "gosec" {
  plugin = "file"
  config {
    paths = ["sast/*.json"]
  }
}

# kube-bench --json: one record a run, {"Controls": [...], "Totals": {...}}.
source "kube_bench" {
  plugin = "file"
  config {
    paths = ["kube-bench/*.json"]
  }
}

# Prowler v3+ JSON-OCSF: an array of Detection Findings, one record each.
source "prowler_ocsf" {
  plugin = "file"
  config {
    paths = ["prowler/*.ocsf.json"]
  }
}

# Prowler v2 CSV: one record per row (check x resource), values as strings.
source "prowler_csv" {
  plugin = "file"
  config {
    paths  = ["prowler/*.csv"]
    format = "csv"
  }
}

# Kubernetes manifests (multi-document YAML): one record per object. The
# Kyverno expected-results file next to them is ground truth for people,
# not evidence, so the files are named one by one.
source "workloads" {
  plugin = "file"
  config {
    paths = [
      "k8s/kyverno-require-run-as-nonroot.resources.yaml",
      "k8s/online-boutique-manifests.yaml",
    ]
  }
}

# AWS IAM credential reports (decoded CSV, 22 columns), one record per
# principal including the <root_account> row.
source "iam" {
  plugin = "file"
  config {
    paths = ["iam/credential-report-*.csv"]
  }
}

# `terraform show -json` of plans: one record a plan.
source "terraform" {
  plugin = "file"
  config {
    paths = ["terraform/*.tfplan.json"]
  }
}

# CycloneDX JSON SBOMs: one record a BOM.
source "sbom" {
  plugin = "file"
  config {
    paths = ["sbom/*.cdx.json"]
  }
}

# Security training register exported from the LMS / HR roster: one row
# per member of staff and assigned course.
source "training" {
  plugin = "file"
  config {
    paths = ["registers/training.csv"]
  }
}

# Information security incident register exported from the ticketing
# system: one row per incident, RFC 3339 times, closed_at empty while open.
source "incidents" {
  plugin = "file"
  config {
    paths = ["registers/incidents.csv"]
  }
}
