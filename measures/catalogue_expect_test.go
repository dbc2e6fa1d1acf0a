package measures_test

// Expected verdicts of the shipped catalogue on testdata/evidence at
// catalogueAsOf. Every number below was worked out by hand from the evidence
// files (counted with jq and Python, cross-checked with the counts in
// ../shared/corpus/README.md), not taken from an engine run.
//
// Values are written as Go constant expressions in the same order of
// operations as the measure's CEL (for example 100.0 * a / b): constant
// arithmetic is exact and rounds once, and so does the CEL, because 100.0*a
// is exact for these counts. A table value therefore equals the engine's
// float64 bit for bit.

// catalogueCase is one shipped measure's expected verdict on testdata/evidence at asOf.
type catalogueCase struct {
	measure  string             // measure ID
	status   string             // pass | warn | fail | no_data
	value    float64            // indicator value
	base     map[string]float64 // every base measure's value
	derived  map[string]float64 // every derived measure's value (nil when none)
	findings int                // number of policy findings expected in the verdict (0 for CEL-only)
}

// catalogueAsOf is the as-of time of the golden run.
const catalogueAsOf = "2026-12-01T00:00:00Z"

var catalogueCases = []catalogueCase{
	// VUL-01, Trivy, severities CRITICAL and HIGH, each occurrence counted.
	// alpine-3.9-image: 1 result, 6 vulnerabilities: 2 CRITICAL (CVE-2019-14697
	// in musl and musl-utils) + 0 HIGH, both with a FixedVersion; the 4 MEDIUM
	// openssl ones are out of scope.
	// securecodebox-repo-fs: 42 vulnerabilities in 13 of 29 results: 5 CRITICAL
	// + 15 HIGH = 20 in scope. All 5 CRITICAL are fixable; 13 HIGH are
	// Status fixed with a FixedVersion, 2 HIGH are Status affected without one
	// (CVE-2020-8203 lodash.set, CVE-2024-29415 ip). The secret finding is in
	// Results[].Secrets, not Vulnerabilities, and is not counted.
	// vulnerabilities = 2 + 20 = 22; fixable = 2 + 18 = 20.
	// fixable_past_sla_at_scan (CreatedAt - PublishedDate > 30 days): alpine
	// 2 (749 days: published 2019-08-06, scanned 2021-08-25); securecodebox
	// 12 of 18: body-parser 47 d, path-to-regexp 48 d x3, axios 77 d x4,
	// ws 132 d x3, braces 167 d; not past: http-proxy-middleware 9 d and
	// jsonpath-plus 17 d x5. 2 + 12 = 14.
	// 100 * 20 / 22 = 90.9: below target 95, at least 85, so warn.
	{
		measure: "VUL-01",
		status:  "warn",
		value:   100.0 * 20 / 22,
		base: map[string]float64{
			"vulnerabilities":          22,
			"fixable":                  20,
			"fixable_past_sla_at_scan": 14,
		},
		derived:  map[string]float64{"fixable_share": 100.0 * 20 / 22},
		findings: 0,
	},
	// VUL-02, Grype, severities Critical and High.
	// ubi8-kafka-connect-image: 35 matches; 1 Critical + 18 High = 19 in scope
	// (the match without a severity, CVE-2024-26308, is left out). fix.state:
	// the Critical and 8 High are "fixed"; 10 High are "not-fixed" (bind-libs,
	// bind-libs-lite, bind-license x3 CVEs each, bind-utils x1).
	// busybox-1.32.1-epss: 15 matches; 1 Critical + 10 High = 11 in scope, all
	// with fix.state "" (no fix information), so all unfixed.
	// matches = 19 + 11 = 30; unfixed = 10 + 11 = 21 findings (each has a
	// distinct CVE/artifact pair, so none collapse in the Rego set).
	// 100 * (30 - 21) / 30 = 30: below 85, so fail.
	{
		measure: "VUL-02",
		status:  "fail",
		value:   100.0 * (30 - 21) / 30,
		base: map[string]float64{
			"matches": 30,
			"unfixed": 21,
		},
		derived:  map[string]float64{"fixable_share": 100.0 * (30 - 21) / 30},
		findings: 21,
	},
	// VUL-03, Dependabot alerts: 6 alerts, all state open: #3 critical
	// (minimist), #2 and #4 high (lodash), #1, #5, #6 medium. All were created
	// on 2026-03-26 at 22:17:18Z or 22:17:19Z, so at 2026-12-01T00:00:00Z each
	// is 249 days and 1 h 42 min old: past 15 (critical), 30 (high) and 90
	// (medium) days. overdue = 6 findings.
	// oldest_open_age_days = floor(5977 h / 24) = 249.
	// 100 * (6 - 6) / 6 = 0: fail.
	{
		measure: "VUL-03",
		status:  "fail",
		value:   0,
		base: map[string]float64{
			"open_alerts":          6,
			"overdue":              6,
			"oldest_open_age_days": 249,
		},
		derived:  map[string]float64{"within_sla_share": 100.0 * (6 - 6) / 6},
		findings: 6,
	},
	// DEV-01, gosec on govwa: Stats {files 20, lines 1562, found 28}; Issues
	// 28 = 15 LOW (all G104) + 13 MEDIUM (G203 x6, G401 x3, G501 x3, G201 x1),
	// no HIGH. min_severity MEDIUM gives 13 findings (file:line pairs are
	// unique).
	// density_all = 1000 * 28 / 1562 = 17.93; density_significant =
	// 1000 * 13 / 1562 = 8.32: above target 5, at most 10, so warn.
	{
		measure: "DEV-01",
		status:  "warn",
		value:   1000.0 * 13 / 1562,
		base: map[string]float64{
			"issues_total":       28,
			"issues_significant": 13,
			"lines_scanned":      1562,
		},
		derived: map[string]float64{
			"density_all":         1000.0 * 28 / 1562,
			"density_significant": 1000.0 * 13 / 1562,
		},
		findings: 13,
	},
	// DEV-02, octokit branch-protection fixture: 4 recorded exchanges on
	// /repos/octokit-fixture-org/branch-protection/branches/main/protection.
	// States observed (GET/PUT answered 200 or 404): GET 404 "Branch not
	// protected", PUT minimal 200, PUT full 200 = 3; the DELETE 204 is an
	// action, not a state. protected = 2 (the two PUTs).
	// baseline_met = 1: the full PUT response has 1 required approving review,
	// required_status_checks (foo/bar), enforce_admins enabled, force pushes
	// and deletions disabled. The minimal PUT has no required reviews, no
	// status checks and enforce_admins false.
	// 100 * 1 / 3 = 33.3: fail.
	{
		measure: "DEV-02",
		status:  "fail",
		value:   100.0 * 1 / 3,
		base: map[string]float64{
			"states_observed": 3,
			"protected":       2,
			"baseline_met":    1,
		},
		derived:  map[string]float64{"baseline_share": 100.0 * 1 / 3},
		findings: 0,
	},
	// CFG-01, kube-bench, read from Totals (not results[]): cis-1.6-full-run
	// Totals pass 37, fail 36, warn 49 (these match its 122 results);
	// minikube-cis-1.5 Totals pass 49, fail 12, warn 14 (its results[] were
	// trimmed to 3, one per section, and are not read).
	// checks_passed = 37 + 49 = 86; checks_failed = 36 + 12 = 48;
	// checks_manual = 49 + 14 = 63. The policy returns an object, not
	// findings.
	// automated_pass_rate = 100 * 86 / (86 + 48) = 64.2 (manual_counts_as_failed
	// is false): below 75, so fail. manual_share = 100 * 63 / 197.
	{
		measure: "CFG-01",
		status:  "fail",
		value:   100.0 * 86 / (86 + 48),
		base: map[string]float64{
			"checks_passed": 86,
			"checks_failed": 48,
			"checks_manual": 63,
		},
		derived: map[string]float64{
			"automated_pass_rate": 100.0 * 86 / (86 + 48),
			"manual_share":        100.0 * 63 / (86 + 48 + 63),
		},
		findings: 0,
	},
	// CFG-02, Prowler JSON-OCSF sample: 5 Detection Findings, status_code
	// FAIL 2 (accessanalyzer_enabled, Low; account_maintain_different_contact_
	// details_to_security_billing_and_operations, Medium) and MANUAL 3; no
	// PASS. No failed finding is High or Critical.
	// 100 * 0 / (0 + 2) = 0: fail.
	{
		measure: "CFG-02",
		status:  "fail",
		value:   0,
		base: map[string]float64{
			"checks_passed":        0,
			"checks_failed":        2,
			"checks_manual":        3,
			"failed_high_critical": 0,
		},
		derived:  map[string]float64{"automated_pass_rate": 100.0 * 0 / (0 + 2)},
		findings: 0,
	},
	// CFG-03, Prowler v2 CSV: 214 rows, all in account 123456789012,
	// CHECK_RESULT PASS 84, FAIL 42, INFO 88; 33 distinct TITLE_IDs. 3 are
	// INFO-only (7.2, 7.38, 7.40) and are not assessed: controls_assessed = 30.
	// 17 have a FAIL row and are the findings (1.3, 1.4, 1.9, 1.10, 1.14, 1.16,
	// 2.5, 2.7, 2.9, 3.6, 3.8, 3.14, 4.3, 7.5, 7.13, 7.17, 7.44); the other 13
	// have PASS rows only, INFO aside (1.1, 1.2, 1.5, 1.6, 1.7, 1.8, 1.12,
	// 1.13, 2.1, 2.8, 7.29, 7.35, 7.48).
	// control_pass_rate = 100 * (30 - 17) / 30 = 43.3: fail. row_pass_rate =
	// 100 * 84 / (84 + 42) = 66.7.
	{
		measure: "CFG-03",
		status:  "fail",
		value:   100.0 * (30 - 17) / 30,
		base: map[string]float64{
			"controls_assessed": 30,
			"controls_failed":   17,
			"rows_passed":       84,
			"rows_failed":       42,
		},
		derived: map[string]float64{
			"control_pass_rate": 100.0 * (30 - 17) / 30,
			"row_pass_rate":     100.0 * 84 / (84 + 42),
		},
		findings: 17,
	},
	// CFG-04, Kubernetes manifests. kyverno resources: 76 documents after the
	// comment-only first document is skipped (26 Pods, 25 Deployments, 25
	// CronJobs); the kyverno expected file says 30 pass (goodpod01-10,
	// gooddeployment01-10, goodcronjob01-10) and 46 fail, and the policy
	// reproduces exactly that split resource by resource. online-boutique:
	// 35 documents, of which 12 Deployments (Services and ServiceAccounts are
	// not workloads), all with pod runAsNonRoot: true and no container
	// override: 12 pass.
	// workloads = 76 + 12 = 88; root_capable = 46 findings (one per workload).
	// 100 * (88 - 46) / 88 = 47.7: fail.
	{
		measure: "CFG-04",
		status:  "fail",
		value:   100.0 * (88 - 46) / 88,
		base: map[string]float64{
			"workloads":    88,
			"root_capable": 46,
		},
		derived:  map[string]float64{"non_root_share": 100.0 * (88 - 46) / 88},
		findings: 46,
	},
	// IAM-01, credential reports (8 rows). testbench: <root_account>
	// (password_enabled not_supported, mfa false), cloudgoat (no password),
	// example-user (password true, mfa false), test_account (password true,
	// mfa false), test_key_account (no password). saa-lab: <root_account>
	// (password true, mfa true), Ad and Regular (password true, mfa false).
	// console_users = example-user, test_account, Ad, Regular = 4, with MFA 0.
	// root_accounts = 2, with MFA 1 (saa-lab).
	// 100 * (0 + 1) / (4 + 2) = 16.7: fail.
	{
		measure: "IAM-01",
		status:  "fail",
		value:   100.0 * (0 + 1) / (4 + 2),
		base: map[string]float64{
			"console_users":     4,
			"console_users_mfa": 0,
			"root_accounts":     2,
			"root_accounts_mfa": 1,
		},
		derived: map[string]float64{
			"user_mfa_share": 100.0 * 0 / 4,
			"root_mfa_share": 100.0 * 1 / 2,
		},
		findings: 0,
	},
	// IAM-02, active access keys: testbench cloudgoat key 1 (rotated
	// 2022-05-27T10:25:44+00:00, 1648 days before the as-of time),
	// example-user key 1 (2022-05-18T09:51:58+00:00, 1657 days),
	// test_key_account key 1 (2022-12-19T09:22:23+00:00, 1442 days); every
	// key 2 and every saa-lab key is inactive (N/A). active_keys = 3, all
	// older than 90 days: stale_keys = 3 findings.
	// 100 * (3 - 3) / 3 = 0: fail.
	{
		measure: "IAM-02",
		status:  "fail",
		value:   0,
		base: map[string]float64{
			"active_keys": 3,
			"stale_keys":  3,
		},
		derived:  map[string]float64{"rotated_share": 100.0 * (3 - 3) / 3},
		findings: 3,
	},
	// IAM-03, the 2 <root_account> rows have access_key_1_active and
	// access_key_2_active false. 100 * (2 - 0) / 2 = 100: pass.
	{
		measure: "IAM-03",
		status:  "pass",
		value:   100,
		base: map[string]float64{
			"root_accounts":         2,
			"root_with_active_keys": 0,
		},
		derived:  map[string]float64{"key_free_share": 100.0 * (2 - 0) / 2},
		findings: 0,
	},
	// NET-01, Terraform plans, ingress rules only.
	// terragoat: aws_security_group.web-node inline ingress 22 and 80 from
	// 0.0.0.0/0 (2 rules, both open); aws_security_group.default has no
	// ingress in change.after (unknown until apply); aws_security_group_rule
	// .ingress is 3306 from 172.16.0.0/16 (not open); .egress is egress.
	// terragoat: 3 rules, 2 open.
	// security-groups-open-ports: example_group (443-443), example_group_22
	// (443-22 as written), example_group_3389 (443-3389): 3 inline rules from
	// 0.0.0.0/0; example_rule (0-65535), example_rule_22 (0-22),
	// example_rule_3389 (0-3389): 3 ingress rules from 0.0.0.0/0;
	// aws_db_security_group and aws_redshift_security_group: 1 ingress with
	// cidr 0.0.0.0/0 each; the elasticache group only names EC2 groups.
	// 8 rules, all open.
	// ingress_rules = 11; world_open = 10 findings. Admitting 22 or 3389
	// (range between from and to): web-node/22, example_group_22,
	// example_group_3389, example_rule, example_rule_22, example_rule_3389 = 6;
	// not: web-node/80, example_group/443, the two database groups.
	// value = 6 > 1: fail. world_open_share = 100 * 10 / 11.
	{
		measure: "NET-01",
		status:  "fail",
		value:   6,
		base: map[string]float64{
			"ingress_rules":    11,
			"world_open":       10,
			"world_open_admin": 6,
		},
		derived:  map[string]float64{"world_open_share": 100.0 * 10 / 11},
		findings: 10,
	},
	// SUP-01, CycloneDX SBOM of lhc-vdm-editor: 43 components, none nested;
	// every one has licenses[].license.id: MIT 33, ISC 8, Apache-2.0 1,
	// BSD-2-Clause 1, all on the approved list. metadata.component is not
	// counted.
	// 100 * 43 / 43 = 100 >= 98: pass.
	{
		measure: "SUP-01",
		status:  "pass",
		value:   100,
		base: map[string]float64{
			"components":   43,
			"with_licence": 43,
			"approved":     43,
		},
		derived: map[string]float64{
			"licence_coverage": 100.0 * 43 / 43,
			"approved_share":   100.0 * 43 / 43,
		},
		findings: 0,
	},
	// ORG-01, registers/training.csv: 22 rows; E1021 and E1022 are
	// in_scope "no" (E1021 has not completed, ignored); 20 in scope,
	// E1001-E1020. All but E1013 have a completed_on: 19.
	// 100 * 19 / 20 = 95, exactly the target: pass.
	{
		measure: "ORG-01",
		status:  "pass",
		value:   100.0 * 19 / 20,
		base: map[string]float64{
			"in_scope_staff": 20,
			"completed":      19,
		},
		derived:  map[string]float64{"completion_rate": 100.0 * 19 / 20},
		findings: 0,
	},
	// ORG-02, same 20 in-scope rows. Late: E1004 completed 2026-05-06, due
	// 2026-04-30; E1011 completed 2026-04-09, due 2026-03-31. Overdue: E1013
	// not completed, due 2026-11-15 (before 2026-12-01). Not late: E1005
	// completed on its due date 2026-04-30; E1020 completed early, due in
	// 2027. late = 3 findings.
	// 100 * (20 - 3) / 20 = 85: below 95, at least 80, so warn.
	{
		measure: "ORG-02",
		status:  "warn",
		value:   100.0 * (20 - 3) / 20,
		base: map[string]float64{
			"in_scope_staff": 20,
			"late":           3,
		},
		derived:  map[string]float64{"on_time_share": 100.0 * (20 - 3) / 20},
		findings: 3,
	},
	// ORG-03, registers/incidents.csv: 15 incidents, 13 closed.
	// Closed late: INC-2026-003 (critical, 4 h 50 min > 4 h) and INC-2026-006
	// (medium, 91 h 40 min > 72 h). Closed within: the other 11, including
	// INC-2026-005 at exactly 24 h (opened 07:45+02:00 = 05:45Z, closed
	// 05:45Z next day) and INC-2026-007 (opened 23:30-04:00 = 03:30Z, 1 h 30
	// min). Open: INC-2026-014 (high, opened 2026-11-20T10:00Z, SLA ran out
	// 2026-11-21T10:00Z) counts as breached; INC-2026-015 (opened
	// 2026-11-30T18:00Z, SLA 72 h runs to 2026-12-03T18:00Z) is not due and
	// is left out.
	// incidents_due = 13 + 1 = 14; within_sla = 11.
	// 100 * 11 / 14 = 78.6: below 90, at least 75, so warn.
	{
		measure: "ORG-03",
		status:  "warn",
		value:   100.0 * 11 / 14,
		base: map[string]float64{
			"incidents_due": 14,
			"within_sla":    11,
			"closed_late":   2,
			"open_breached": 1,
		},
		derived:  map[string]float64{"within_sla_share": 100.0 * 11 / 14},
		findings: 0,
	},
	// ORG-04, critical and high incidents opened in (now - 90 d, now] =
	// (2026-09-02T00:00Z, 2026-12-01T00:00Z]: INC-2026-012 (09-14) and
	// INC-2026-014 (11-20) = 2. In (2026-06-04T00:00Z, 2026-09-02T00:00Z]:
	// INC-2026-010 (07-19) = 1; INC-2026-008 (06-02) falls just before the
	// window.
	// change = 2 - 1 = 1: above target 0, at most 1, so warn.
	{
		measure: "ORG-04",
		status:  "warn",
		value:   1,
		base: map[string]float64{
			"current_window":  2,
			"previous_window": 1,
		},
		derived:  map[string]float64{"change": 2 - 1},
		findings: 0,
	},
}
