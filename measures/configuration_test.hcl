# Tests of the secure configuration measures (configuration.hcl): CFG-01
# (kube-bench), CFG-02 (Prowler JSON-OCSF), CFG-03 (Prowler v2 CSV) and
# CFG-04 (Kubernetes workloads, runAsNonRoot). Records have the shape of the
# real evidence under testdata/evidence (kube-bench/, prowler/, k8s/).

# ---------------------------------------------------------------------------
# CFG-01: 100 * pass / (pass + fail) from the runs' Totals (WARN = manual
# checks counted apart). pass >= 90, warn >= 75, else fail. The policy gives
# an object of sums, not findings.
# ---------------------------------------------------------------------------

# Two runs: pass 40 + 50 = 90, fail 6 + 4 = 10, manual 7 + 3 = 10.
# 100 * 90 / (90 + 10) = 90, exactly the target → pass. The trimmed
# results[] of the second run (one result, status FAIL) is not read.
test "ninety percent of automated checks passing meets the target" {
  measure = "CFG-01"

  evidence "kube_bench" {
    records = [
      {
        Controls = [{ id = "1", version = "cis-1.6", text = "Master Node Security Configuration", node_type = "master", total_pass = 40, total_fail = 6, total_warn = 7, total_info = 0 }]
        Totals   = { total_pass = 40, total_fail = 6, total_warn = 7, total_info = 0 }
      },
      {
        Controls = [{ id = "4", version = "cis-1.6", text = "Worker Node Security Configuration", node_type = "node", tests = [{ section = "4.1", results = [{ test_number = "4.1.1", status = "FAIL", scored = true }] }] }]
        Totals   = { total_pass = 50, total_fail = 4, total_warn = 3, total_info = 0 }
      },
    ]
  }

  expect {
    status   = "pass"
    value    = 90
    findings = 0
  }
}

# One run: pass 30, fail 10, manual 5. 100 * 30 / (30 + 10) = 75: below 90,
# exactly 75 → warn.
test "three quarters of automated checks passing warns" {
  measure = "CFG-01"

  evidence "kube_bench" {
    records = [
      { Controls = [], Totals = { total_pass = 30, total_fail = 10, total_warn = 5, total_info = 2 } },
    ]
  }

  expect {
    status   = "warn"
    value    = 75
    findings = 0
  }
}

# One run: pass 20, fail 10. 100 * 20 / 30 = 66.7 < 75 → fail.
test "a third of automated checks failing fails" {
  measure = "CFG-01"

  evidence "kube_bench" {
    records = [
      { Controls = [], Totals = { total_pass = 20, total_fail = 10, total_warn = 40, total_info = 0 } },
    ]
  }

  expect {
    status   = "fail"
    value    = 100 * 20 / 30
    findings = 0
  }
}

# No kube-bench run: no records → no_data.
test "no kube-bench run is no data" {
  measure = "CFG-01"

  evidence "kube_bench" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# A run in which every check is manual: pass 0, fail 0, warn 12.
# 100 * 0 / (0 + 0) is NaN → no_data.
test "only manual checks is no data" {
  measure = "CFG-01"

  evidence "kube_bench" {
    records = [
      { Controls = [], Totals = { total_pass = 0, total_fail = 0, total_warn = 12, total_info = 0 } },
    ]
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# The first test's runs with manual_counts_as_failed = true: the manual
# checks join the denominator. 100 * 90 / (90 + 10 + 10) = 81.8: below 90,
# at least 75 → warn (the default gives 90 → pass).
test "counting manual checks as failed turns the pass into a warning" {
  measure = "CFG-01"
  params  = { manual_counts_as_failed = true }

  evidence "kube_bench" {
    records = [
      { Controls = [], Totals = { total_pass = 40, total_fail = 6, total_warn = 7, total_info = 0 } },
      { Controls = [], Totals = { total_pass = 50, total_fail = 4, total_warn = 3, total_info = 0 } },
    ]
  }

  expect {
    status   = "warn"
    value    = 100 * 90 / 110
    findings = 0
  }
}

# A run that leans on manual checks: pass 60, fail 5, manual 35. By default
# 100 * 60 / 65 = 92.3 → pass; with manual_counts_as_failed = true,
# 100 * 60 / (60 + 5 + 35) = 60 < 75 → fail.
test "counting manual checks as failed fails a mostly manual benchmark" {
  measure = "CFG-01"
  params  = { manual_counts_as_failed = true }

  evidence "kube_bench" {
    records = [
      { Controls = [], Totals = { total_pass = 60, total_fail = 5, total_warn = 35, total_info = 0 } },
    ]
  }

  expect {
    status   = "fail"
    value    = 60
    findings = 0
  }
}

# The same run under the default: 100 * 60 / (60 + 5) = 92.3 → pass.
test "a mostly manual benchmark passes when manual checks are counted apart" {
  measure = "CFG-01"

  evidence "kube_bench" {
    records = [
      { Controls = [], Totals = { total_pass = 60, total_fail = 5, total_warn = 35, total_info = 0 } },
    ]
  }

  expect {
    status   = "pass"
    value    = 100 * 60 / 65
    findings = 0
  }
}

# ---------------------------------------------------------------------------
# CFG-02: 100 * PASS / (PASS + FAIL) over Prowler OCSF findings; MANUAL
# counted apart. pass >= 90, warn >= 70, else fail.
# ---------------------------------------------------------------------------

# 3 PASS, 0 FAIL, 1 MANUAL. 100 * 3 / (3 + 0) = 100 → pass.
test "all automated cloud checks passing passes" {
  measure = "CFG-02"

  evidence "prowler_ocsf" {
    records = [
      { status_code = "PASS", severity = "High", finding_info = { uid = "prowler-aws-iam_root_mfa_enabled-123456789012-us-east-1-root" }, metadata = { event_code = "iam_root_mfa_enabled" } },
      { status_code = "PASS", severity = "Medium", finding_info = { uid = "prowler-aws-cloudtrail_multi_region_enabled-123456789012-us-east-1-trail" }, metadata = { event_code = "cloudtrail_multi_region_enabled" } },
      { status_code = "PASS", severity = "Low", finding_info = { uid = "prowler-aws-s3_bucket_versioning-123456789012-eu-west-1-logs" }, metadata = { event_code = "s3_bucket_versioning" } },
      { status_code = "MANUAL", severity = "Medium", finding_info = { uid = "prowler-aws-account_security_contact_information_is_registered-123456789012" }, metadata = { event_code = "account_security_contact_information_is_registered" } },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# 7 PASS, 3 FAIL (one High). 100 * 7 / 10 = 70: below 90, exactly 70 → warn.
test "seventy percent of automated cloud checks passing warns" {
  measure = "CFG-02"

  evidence "prowler_ocsf" {
    records = [
      { status_code = "PASS", severity = "High" },
      { status_code = "PASS", severity = "High" },
      { status_code = "PASS", severity = "Medium" },
      { status_code = "PASS", severity = "Medium" },
      { status_code = "PASS", severity = "Low" },
      { status_code = "PASS", severity = "Low" },
      { status_code = "PASS", severity = "Low" },
      { status_code = "FAIL", severity = "High" },
      { status_code = "FAIL", severity = "Medium" },
      { status_code = "FAIL", severity = "Low" },
    ]
  }

  expect {
    status = "warn"
    value  = 70
  }
}

# 1 PASS, 2 FAIL, 1 MANUAL (ignored). 100 * 1 / 3 = 33.3 → fail.
test "most automated cloud checks failing fails" {
  measure = "CFG-02"

  evidence "prowler_ocsf" {
    records = [
      { status_code = "PASS", severity = "Medium" },
      { status_code = "FAIL", severity = "Critical" },
      { status_code = "FAIL", severity = "Low" },
      { status_code = "MANUAL", severity = "Medium" },
    ]
  }

  expect {
    status = "fail"
    value  = 100 * 1 / 3
  }
}

# No Prowler output: no records → no_data.
test "no prowler ocsf output is no data" {
  measure = "CFG-02"

  evidence "prowler_ocsf" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# Only MANUAL findings: 100 * 0 / (0 + 0) is NaN → no_data.
test "only manual cloud checks is no data" {
  measure = "CFG-02"

  evidence "prowler_ocsf" {
    records = [
      { status_code = "MANUAL", severity = "Medium" },
      { status_code = "MANUAL", severity = "Low" },
    ]
  }

  expect {
    status = "no_data"
  }
}

# high_severities only feeds the base measure failed_high_critical, which a
# test cannot pin; the indicator is unchanged. 3 PASS, 1 FAIL (Medium, now
# counted as "high"): 100 * 3 / 4 = 75 → warn, as with the default.
test "widening high severities does not change the pass rate" {
  measure = "CFG-02"
  params  = { high_severities = ["Medium", "High", "Critical"] }

  evidence "prowler_ocsf" {
    records = [
      { status_code = "PASS", severity = "High" },
      { status_code = "PASS", severity = "High" },
      { status_code = "PASS", severity = "Low" },
      { status_code = "FAIL", severity = "Medium" },
    ]
  }

  expect {
    status = "warn"
    value  = 75
  }
}

# ---------------------------------------------------------------------------
# CFG-03: 100 * (assessed - failed) / assessed controls, a control being a
# (ACCOUNT_NUM, TITLE_ID) with a PASS or FAIL row; any FAIL row fails it
# (policy findings, one per control). pass >= 90, warn >= 70, else fail.
# Values are CSV strings.
# ---------------------------------------------------------------------------

# Controls 1.1 (two PASS rows), 1.2 (PASS and INFO) assessed and passing;
# 7.2 has only INFO and is not assessed. 100 * (2 - 0) / 2 = 100 → pass.
test "all assessed cloud controls passing passes" {
  measure = "CFG-03"

  evidence "prowler_csv" {
    records = [
      { PROFILE = "", ACCOUNT_NUM = "123456789012", REGION = "us-east-1", TITLE_ID = "1.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)", CHECK_SEVERITY = "High" },
      { PROFILE = "", ACCOUNT_NUM = "123456789012", REGION = "eu-west-1", TITLE_ID = "1.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)", CHECK_SEVERITY = "High" },
      { PROFILE = "", ACCOUNT_NUM = "123456789012", REGION = "us-east-1", TITLE_ID = "1.2", CHECK_RESULT = "PASS", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)", CHECK_SEVERITY = "High" },
      { PROFILE = "", ACCOUNT_NUM = "123456789012", REGION = "us-east-1", TITLE_ID = "1.2", CHECK_RESULT = "INFO", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)", CHECK_SEVERITY = "High" },
      { PROFILE = "", ACCOUNT_NUM = "123456789012", REGION = "us-east-1", TITLE_ID = "7.2", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra72] Ensure there are no EBS Snapshots set as Public", CHECK_SEVERITY = "Critical" },
    ]
  }

  expect {
    status   = "pass"
    value    = 100
    findings = 0
  }
}

# Controls 1.1, 1.2, 1.3 pass; 2.1 has a PASS row for one trail and a FAIL
# row for another: one failing resource fails the control. Assessed 4,
# failed 1 (1 finding). 100 * (4 - 1) / 4 = 75: below 90, at least 70 → warn.
test "one control failing on one resource of two warns" {
  measure = "CFG-03"

  evidence "prowler_csv" {
    records = [
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.2", CHECK_RESULT = "PASS", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.3", CHECK_RESULT = "PASS", TITLE_TEXT = "[check13] Ensure credentials unused for 90 days or greater are disabled (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "2.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check21] Ensure CloudTrail is enabled in all regions (Scored)", CHECK_RESULT_EXTENDED = "Trail org-trail is multiregion" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "2.1", CHECK_RESULT = "FAIL", TITLE_TEXT = "[check21] Ensure CloudTrail is enabled in all regions (Scored)", CHECK_RESULT_EXTENDED = "Trail dev-trail is not multiregion" },
    ]
  }

  expect {
    status   = "warn"
    value    = 75
    findings = 1
  }
}

# The same TITLE_ID in two accounts is two controls. Assessed: (A, 1.1),
# (B, 1.1), (A, 1.2) = 3. Failed: (A, 1.1) and (A, 1.2), whose two FAIL rows
# make one finding = 2. 100 * (3 - 2) / 3 = 33.3 → fail.
test "controls failing per account fail" {
  measure = "CFG-03"

  evidence "prowler_csv" {
    records = [
      { ACCOUNT_NUM = "111111111111", TITLE_ID = "1.1", CHECK_RESULT = "FAIL", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)" },
      { ACCOUNT_NUM = "222222222222", TITLE_ID = "1.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)" },
      { ACCOUNT_NUM = "111111111111", TITLE_ID = "1.2", CHECK_RESULT = "FAIL", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)", CHECK_RESULT_EXTENDED = "User alice has password enabled but MFA disabled" },
      { ACCOUNT_NUM = "111111111111", TITLE_ID = "1.2", CHECK_RESULT = "FAIL", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)", CHECK_RESULT_EXTENDED = "User bob has password enabled but MFA disabled" },
    ]
  }

  expect {
    status   = "fail"
    value    = 100 * 1 / 3
    findings = 2
  }
}

# No Prowler CSV: no records → no_data.
test "no prowler csv output is no data" {
  measure = "CFG-03"

  evidence "prowler_csv" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# Only INFO rows: no control is assessed, 100 * (0 - 0) / 0 is NaN → no_data.
test "only informational rows is no data" {
  measure = "CFG-03"

  evidence "prowler_csv" {
    records = [
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "7.2", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra72] Ensure there are no EBS Snapshots set as Public" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "7.38", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra738] Check if CloudFront distributions are set to HTTPS" },
    ]
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# The same rows under the default and a wider decisive_results: 1.1, 1.2
# pass; 2.1 fails on one of two resources; 7.2 and 7.38 are INFO only.
# Default (PASS, FAIL): assessed 3, failed 1. 100 * (3 - 1) / 3 = 66.7 → fail.
test "one failing control of three assessed fails" {
  measure = "CFG-03"

  evidence "prowler_csv" {
    records = [
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.2", CHECK_RESULT = "PASS", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "2.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check21] Ensure CloudTrail is enabled in all regions (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "2.1", CHECK_RESULT = "FAIL", TITLE_TEXT = "[check21] Ensure CloudTrail is enabled in all regions (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "7.2", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra72] Ensure there are no EBS Snapshots set as Public" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "7.38", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra738] Check if CloudFront distributions are set to HTTPS" },
    ]
  }

  expect {
    status   = "fail"
    value    = 100 * 2 / 3
    findings = 1
  }
}

# decisive_results = ["PASS", "FAIL", "INFO"]: the two INFO-only controls
# are assessed too. Assessed 5, failed 1. 100 * (5 - 1) / 5 = 80 → warn.
test "counting info rows as decisive assesses more controls" {
  measure = "CFG-03"
  params  = { decisive_results = ["PASS", "FAIL", "INFO"] }

  evidence "prowler_csv" {
    records = [
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check11] Avoid the use of the root account (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "1.2", CHECK_RESULT = "PASS", TITLE_TEXT = "[check12] Ensure MFA is enabled for all IAM users that have a console password (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "2.1", CHECK_RESULT = "PASS", TITLE_TEXT = "[check21] Ensure CloudTrail is enabled in all regions (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "2.1", CHECK_RESULT = "FAIL", TITLE_TEXT = "[check21] Ensure CloudTrail is enabled in all regions (Scored)" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "7.2", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra72] Ensure there are no EBS Snapshots set as Public" },
      { ACCOUNT_NUM = "123456789012", TITLE_ID = "7.38", CHECK_RESULT = "INFO", TITLE_TEXT = "[extra738] Check if CloudFront distributions are set to HTTPS" },
    ]
  }

  expect {
    status   = "warn"
    value    = 80
    findings = 1
  }
}

# ---------------------------------------------------------------------------
# CFG-04: 100 * (workloads - root_capable) / workloads; a workload is
# root-capable when any container's effective runAsNonRoot (the container's
# own setting, else the pod's, else unset) is not true. One finding per
# workload. pass >= 95, warn >= 80, else fail.
# ---------------------------------------------------------------------------

# A Pod with pod-level true, a Deployment whose only container sets true, a
# CronJob with pod-level true covering its init container; the Service and
# ServiceAccount are not workloads. 100 * (3 - 0) / 3 = 100 → pass.
test "every workload forced to run as non-root passes" {
  measure = "CFG-04"

  evidence "workloads" {
    records = [
      { apiVersion = "v1", kind = "Pod", metadata = { name = "goodpod", namespace = "shop" }, spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "app", image = "registry.example.com/shop/api:1.4.2" }] } },
      {
        apiVersion = "apps/v1"
        kind       = "Deployment"
        metadata   = { name = "frontend", namespace = "shop" }
        spec = {
          replicas = 2
          template = { spec = { containers = [{ name = "server", image = "registry.example.com/shop/web:2.0.0", securityContext = { runAsNonRoot = true, allowPrivilegeEscalation = false } }] } }
        }
      },
      {
        apiVersion = "batch/v1"
        kind       = "CronJob"
        metadata   = { name = "report" }
        spec = {
          schedule    = "0 3 * * *"
          jobTemplate = { spec = { template = { spec = { securityContext = { runAsNonRoot = true }, initContainers = [{ name = "init", image = "busybox" }], containers = [{ name = "job", image = "registry.example.com/shop/report:1" }] } } } }
        }
      },
      { apiVersion = "v1", kind = "Service", metadata = { name = "frontend", namespace = "shop" }, spec = { ports = [{ port = 80, targetPort = 8080 }] } },
      { apiVersion = "v1", kind = "ServiceAccount", metadata = { name = "frontend", namespace = "shop" } },
    ]
  }

  expect {
    status   = "pass"
    value    = 100
    findings = 0
  }
}

# 5 workloads; the StatefulSet's container sets nothing and the pod sets
# nothing → root-capable (1 finding). 100 * (5 - 1) / 5 = 80 → warn.
test "one root-capable workload among five warns" {
  measure = "CFG-04"

  evidence "workloads" {
    records = [
      { apiVersion = "v1", kind = "Pod", metadata = { name = "p1" }, spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "c" }] } },
      { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "d1" }, spec = { template = { spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "c" }] } } } },
      { apiVersion = "apps/v1", kind = "DaemonSet", metadata = { name = "ds1" }, spec = { template = { spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "c" }] } } } },
      { apiVersion = "apps/v1", kind = "ReplicaSet", metadata = { name = "rs1" }, spec = { template = { spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "c" }] } } } },
      { apiVersion = "apps/v1", kind = "StatefulSet", metadata = { name = "db" }, spec = { template = { spec = { containers = [{ name = "postgres", image = "postgres:16" }] } } } },
    ]
  }

  expect {
    status   = "warn"
    value    = 80
    findings = 1
  }
}

# 4 workloads, 3 root-capable:
# - Pod "override": pod true, container false (the container wins);
# - Deployment "nosc": no securityContext anywhere;
# - Job "init": the container sets true, the pod and the init container set
#   nothing, so the init container may run as root;
# - Pod "good": pod true.
# 100 * (4 - 3) / 4 = 25 → fail.
test "containers overriding or missing runAsNonRoot fail" {
  measure = "CFG-04"

  evidence "workloads" {
    records = [
      { apiVersion = "v1", kind = "Pod", metadata = { name = "override", namespace = "shop" }, spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "app", securityContext = { runAsNonRoot = false } }] } },
      { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "nosc", namespace = "shop" }, spec = { template = { spec = { containers = [{ name = "app" }] } } } },
      { apiVersion = "batch/v1", kind = "Job", metadata = { name = "init", namespace = "shop" }, spec = { template = { spec = { initContainers = [{ name = "migrate" }], containers = [{ name = "job", securityContext = { runAsNonRoot = true } }] } } } },
      { apiVersion = "v1", kind = "Pod", metadata = { name = "good", namespace = "shop" }, spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "app" }] } },
    ]
  }

  expect {
    status   = "fail"
    value    = 25
    findings = 3
  }
}

# No manifests: no records → no_data.
test "no manifests is no data" {
  measure = "CFG-04"

  evidence "workloads" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# Manifests with no workload kind (Service, ConfigMap, Namespace): 0
# workloads, 100 * (0 - 0) / 0 is NaN → no_data.
test "manifests without workloads is no data" {
  measure = "CFG-04"

  evidence "workloads" {
    records = [
      { apiVersion = "v1", kind = "Namespace", metadata = { name = "shop" } },
      { apiVersion = "v1", kind = "Service", metadata = { name = "api", namespace = "shop" }, spec = { ports = [{ port = 443 }] } },
      { apiVersion = "v1", kind = "ConfigMap", metadata = { name = "api-config", namespace = "shop" }, data = { LOG_LEVEL = "info" } },
    ]
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# The same two objects under the default and a narrower workload_kinds:
# a hardened Deployment and a root-capable bare Pod.
# Default kinds: 2 workloads, 1 root-capable. 100 * (2 - 1) / 2 = 50 → fail.
test "a root-capable bare pod fails under the default kinds" {
  measure = "CFG-04"

  evidence "workloads" {
    records = [
      { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "api", namespace = "shop" }, spec = { template = { spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "api" }] } } } },
      { apiVersion = "v1", kind = "Pod", metadata = { name = "debug", namespace = "shop" }, spec = { containers = [{ name = "shell", image = "busybox" }] } },
    ]
  }

  expect {
    status   = "fail"
    value    = 50
    findings = 1
  }
}

# workload_kinds = ["Deployment"]: the Pod is out of scope for the base
# measure and for the policy. 100 * (1 - 0) / 1 = 100 → pass.
test "measuring only deployments leaves the bare pod out" {
  measure = "CFG-04"
  params  = { workload_kinds = ["Deployment"] }

  evidence "workloads" {
    records = [
      { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "api", namespace = "shop" }, spec = { template = { spec = { securityContext = { runAsNonRoot = true }, containers = [{ name = "api" }] } } } },
      { apiVersion = "v1", kind = "Pod", metadata = { name = "debug", namespace = "shop" }, spec = { containers = [{ name = "shell", image = "busybox" }] } },
    ]
  }

  expect {
    status   = "pass"
    value    = 100
    findings = 0
  }
}
