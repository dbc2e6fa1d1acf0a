package assay.development_test

import data.assay.development

sast_issue(rule, severity, file, line) := {"rule_id": rule, "severity": severity, "confidence": "HIGH", "details": "d", "file": file, "line": line, "code": "x"}

sast_input(reports, min) := {"evidence": {"gosec": reports}, "params": {"min_severity": min}}

test_sast_medium_threshold_drops_low if {
	r := {"Issues": [sast_issue("G104", "LOW", "a.go", "1"), sast_issue("G401", "MEDIUM", "a.go", "2"), sast_issue("G101", "HIGH", "b.go", "3")], "Stats": {"lines": 100}}
	count(development.sast_findings) == 2 with input as sast_input([r], "MEDIUM")
}

test_sast_threshold_is_case_insensitive if {
	r := {"Issues": [sast_issue("G104", "LOW", "a.go", "1")], "Stats": {"lines": 100}}
	count(development.sast_findings) == 1 with input as sast_input([r], "low")
}

test_sast_finding_points_at_file_and_line if {
	r := {"Issues": [sast_issue("G201", "MEDIUM", "sqli.go", "36-39")], "Stats": {"lines": 10}}
	some f in development.sast_findings with input as sast_input([r], "MEDIUM")
	f.resource == "sqli.go:36-39"
	startswith(f.msg, "G201 MEDIUM")
}

test_sast_lines_are_summed_over_reports if {
	reports := [{"Issues": [], "Stats": {"lines": 1562}}, {"Issues": [], "Stats": {"lines": 438}}]
	development.sast_lines_scanned == 2000 with input as sast_input(reports, "MEDIUM")
}
