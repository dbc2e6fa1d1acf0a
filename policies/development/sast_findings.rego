# gosec findings at or above params.min_severity (LOW < MEDIUM < HIGH), and
# the number of lines gosec scanned (Stats.lines, summed over reports).
package assay.development

sast_severity_rank := {"LOW": 1, "MEDIUM": 2, "HIGH": 3}

sast_findings contains finding if {
	some r, report in input.evidence.gosec
	some issue in report.Issues
	sast_severity_rank[issue.severity] >= sast_severity_rank[upper(input.params.min_severity)]
	finding := {
		"msg": sprintf("%s %s (confidence %s): %s", [issue.rule_id, issue.severity, issue.confidence, issue.details]),
		"resource": sprintf("%s:%s", [issue.file, issue.line]),
		# The report the issue is in, so two reports' issues stay apart.
		"location": object.get(input, ["locations", "gosec", r], null),
	}
}

sast_lines_scanned := sum([report.Stats.lines | some report in input.evidence.gosec])
