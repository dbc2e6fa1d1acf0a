# Secure configuration: benchmarks and hardened baselines.

# ISO/IEC 27004:2016 Annex B theme 32, device configuration.
measure "CFG-01" {
  title            = "Kubernetes CIS benchmark pass rate (kube-bench)"
  description      = "Share of automated CIS Kubernetes Benchmark checks that pass, over every kube-bench run in the evidence. Counts come from each run's Totals object, not from Controls[].tests[].results[]: exports may trim results[] (the minikube sample keeps one result per section) while Totals keeps the real counts. WARN is kube-bench's status for checks it cannot automate; they are counted apart as manual checks."
  information_need = "Are our Kubernetes control planes and nodes configured to the CIS hardening baseline?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.9", "ISO27001:2022/A.8.27"]
  clauses          = ["9.1"]
  evidence         = [source.kube_bench]
  interpretation   = "Below target, look at the failing checks per section in the kube-bench output: master node file permissions and kubelet settings fail most often. manual_share is the part of the benchmark nobody verifies automatically; a rising value means the baseline relies more on manual review."

  responsible {
    owner        = "Head of platform engineering"
    collector    = "kube-bench job on each cluster"
    communicator = "Platform security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "7d"
    analyse = "30d"
    report  = "30d"
    review  = "365d"
  }

  param "manual_counts_as_failed" {
    default     = false
    description = "When true, the indicator counts manual (WARN) checks as not passed: pass / (pass + fail + warn) instead of pass / (pass + fail)."
  }

  policy "totals" {
    module = "policies/configuration/kube_bench_totals.rego"
    query  = "data.assay.configuration.kube_bench_totals"
  }

  base_measure "checks_passed" {
    unit        = "checks"
    description = "Sum of Totals.total_pass."
    method      = "objective"
    expr        = "double(policy.totals.pass)"
  }

  base_measure "checks_failed" {
    unit        = "checks"
    description = "Sum of Totals.total_fail."
    method      = "objective"
    expr        = "double(policy.totals.fail)"
  }

  base_measure "checks_manual" {
    unit        = "checks"
    description = "Sum of Totals.total_warn (checks to verify by hand)."
    method      = "objective"
    expr        = "double(policy.totals.warn)"
  }

  derived_measure "automated_pass_rate" {
    unit = "%"
    expr = "100.0 * checks_passed / (checks_passed + checks_failed)"
  }

  derived_measure "manual_share" {
    unit = "%"
    expr = "100.0 * checks_manual / (checks_passed + checks_failed + checks_manual)"
  }

  indicator {
    expr   = "params.manual_counts_as_failed ? 100.0 * checks_passed / (checks_passed + checks_failed + checks_manual) : automated_pass_rate"
    unit   = "%"
    better = "higher"
    target = 90
  }

  decision {
    pass = "value >= target"
    warn = "value >= 75.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 32, device configuration (cloud accounts).
measure "CFG-02" {
  title            = "Cloud control pass rate (Prowler, JSON-OCSF)"
  description      = "Share of automated Prowler checks that pass, from Prowler's JSON-OCSF output (one Detection Finding per check and resource). MANUAL findings are checks Prowler cannot decide and are counted apart."
  information_need = "Are our cloud accounts configured to the security baseline (CIS AWS Foundations and the provider's best practice)?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.9", "ISO27001:2022/A.5.23"]
  clauses          = ["9.1"]
  evidence         = [source.prowler_ocsf]
  interpretation   = "Each FAIL is a resource out of baseline; failed_high_critical are the ones to fix first. A small number of automated checks (few PASS plus FAIL) makes the rate jumpy: read it together with the counts."

  responsible {
    owner        = "Head of cloud operations"
    collector    = "Prowler scheduled scan"
    communicator = "Cloud security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "high_severities" {
    default     = ["High", "Critical"]
    description = "OCSF severities counted in failed_high_critical."
  }

  base_measure "checks_passed" {
    unit   = "findings"
    method = "objective"
    expr   = "evidence.prowler_ocsf.filter(f, f.status_code == 'PASS').size()"
  }

  base_measure "checks_failed" {
    unit   = "findings"
    method = "objective"
    expr   = "evidence.prowler_ocsf.filter(f, f.status_code == 'FAIL').size()"
  }

  base_measure "checks_manual" {
    unit   = "findings"
    method = "objective"
    expr   = "evidence.prowler_ocsf.filter(f, f.status_code == 'MANUAL').size()"
  }

  base_measure "failed_high_critical" {
    unit   = "findings"
    method = "objective"
    expr   = "evidence.prowler_ocsf.filter(f, f.status_code == 'FAIL' && f.severity in params.high_severities).size()"
  }

  derived_measure "automated_pass_rate" {
    unit = "%"
    expr = "100.0 * checks_passed / (checks_passed + checks_failed)"
  }

  indicator {
    expr   = "automated_pass_rate"
    unit   = "%"
    better = "higher"
    target = 90
  }

  decision {
    pass = "value >= target"
    warn = "value >= 70.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 32, device configuration (cloud accounts).
measure "CFG-03" {
  title            = "Cloud control pass rate (Prowler v2 CSV)"
  description      = "Share of assessed controls that pass, from Prowler v2 CSV output (one row per check and resource). A control is a check (TITLE_ID) in one account; it is assessed when a row has a decisive result (PASS or FAIL; INFO rows decide nothing) and it fails when any of its rows FAILs. The row-level pass rate is kept as a derived measure."
  information_need = "Are our cloud accounts configured to the security baseline (CIS AWS Foundations and Prowler's extra checks)?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.9", "ISO27001:2022/A.5.23"]
  clauses          = ["9.1"]
  evidence         = [source.prowler_csv]
  interpretation   = "The control pass rate is stricter than the row pass rate: one failing bucket fails the whole S3 control. When the two diverge a lot, a few controls fail on many resources, which a single fix (a default, an SCP) may solve; the findings give the number of failing resources per control."

  responsible {
    owner        = "Head of cloud operations"
    collector    = "Prowler scheduled scan"
    communicator = "Cloud security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "decisive_results" {
    default     = ["PASS", "FAIL"]
    description = "CHECK_RESULT values that make a control assessed; other values (INFO) are ignored."
  }

  policy "failed_controls" {
    module = "policies/configuration/prowler_controls.rego"
    query  = "data.assay.configuration.prowler_failed_controls"
  }

  policy "assessed_controls" {
    module = "policies/configuration/prowler_controls.rego"
    query  = "data.assay.configuration.prowler_assessed_count"
  }

  base_measure "controls_assessed" {
    unit        = "controls"
    description = "Distinct (account, TITLE_ID) with a decisive row."
    method      = "objective"
    expr        = "double(policy.assessed_controls)"
  }

  base_measure "controls_failed" {
    unit        = "controls"
    description = "Distinct (account, TITLE_ID) with a FAIL row (policy findings)."
    method      = "objective"
    expr        = "size(policy.failed_controls)"
  }

  base_measure "rows_passed" {
    unit   = "results"
    method = "objective"
    expr   = "evidence.prowler_csv.filter(r, r.CHECK_RESULT == 'PASS').size()"
  }

  base_measure "rows_failed" {
    unit   = "results"
    method = "objective"
    expr   = "evidence.prowler_csv.filter(r, r.CHECK_RESULT == 'FAIL').size()"
  }

  derived_measure "control_pass_rate" {
    unit = "%"
    expr = "100.0 * (controls_assessed - controls_failed) / controls_assessed"
  }

  derived_measure "row_pass_rate" {
    unit = "%"
    expr = "100.0 * rows_passed / (rows_passed + rows_failed)"
  }

  indicator {
    expr   = "control_pass_rate"
    unit   = "%"
    better = "higher"
    target = 90
  }

  decision {
    pass = "value >= target"
    warn = "value >= 70.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 32, device configuration (workload
# hardening baseline: Pod Security Standard "restricted").
measure "CFG-04" {
  title            = "Kubernetes workloads that cannot run as root"
  description      = "Share of workloads (Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs) in which every container, init container and ephemeral container ends up with runAsNonRoot: true, the container's own setting overriding the pod's. This is the rule of the Pod Security Standard restricted profile and of Kyverno's require-run-as-nonroot policy."
  information_need = "Do our container workloads follow the least-privilege baseline, so that a compromised container does not start with root inside the pod?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.9", "ISO27001:2022/A.8.2", "ISO27001:2022/A.8.27"]
  clauses          = ["9.1"]
  evidence         = [source.workloads]
  interpretation   = "Each finding names a workload and the containers that may run as root. Setting runAsNonRoot: true once in the pod securityContext fixes most of them, unless a container overrides it with false."

  responsible {
    owner        = "Head of platform engineering"
    collector    = "CI pipeline (rendered manifests)"
    communicator = "Platform security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "workload_kinds" {
    default     = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]
    description = "Object kinds that run containers; other objects (Services, ServiceAccounts, ...) are ignored."
  }

  policy "root_capable" {
    module = "policies/configuration/run_as_non_root.rego"
    query  = "data.assay.configuration.root_capable_workloads"
  }

  base_measure "workloads" {
    unit        = "workloads"
    description = "Objects of a workload kind."
    method      = "objective"
    expr        = "evidence.workloads.filter(r, has(r.kind) && r.kind in params.workload_kinds).size()"
  }

  base_measure "root_capable" {
    unit        = "workloads"
    description = "Workloads with at least one container whose effective runAsNonRoot is not true (policy findings)."
    method      = "objective"
    expr        = "size(policy.root_capable)"
  }

  derived_measure "non_root_share" {
    unit = "%"
    expr = "100.0 * (workloads - root_capable) / workloads"
  }

  indicator {
    expr   = "non_root_share"
    unit   = "%"
    better = "higher"
    target = 100
  }

  decision {
    pass = "value >= 95.0"
    warn = "value >= 80.0"
  }
}
