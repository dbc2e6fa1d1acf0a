# Control-level results of Prowler v2 CSV output (one row per check and
# resource). A control is a check (TITLE_ID) in one account (ACCOUNT_NUM).
# It is assessed when at least one of its rows has a CHECK_RESULT in
# params.decisive_results (PASS and FAIL; INFO rows decide nothing), and it
# fails when any row FAILs: one failing resource fails the control.
package assay.configuration

prowler_assessed := {[r.ACCOUNT_NUM, r.TITLE_ID] |
	some r in input.evidence.prowler_csv
	r.CHECK_RESULT in input.params.decisive_results
}

# A failing control is an assessed one, so that the failures never
# outnumber the controls assessed, whatever params.decisive_results says.
prowler_failing := {[r.ACCOUNT_NUM, r.TITLE_ID] |
	some r in input.evidence.prowler_csv
	r.CHECK_RESULT == "FAIL"
	[r.ACCOUNT_NUM, r.TITLE_ID] in prowler_assessed
}

# Findings: one per failed control, with the number of failing rows.
prowler_failed_controls contains finding if {
	some [account, id] in prowler_failing
	rows := [r |
		some r in input.evidence.prowler_csv
		r.ACCOUNT_NUM == account
		r.TITLE_ID == id
		r.CHECK_RESULT == "FAIL"
	]
	finding := {
		"msg": sprintf("%s failed on %d resource(s): %s", [id, count(rows), rows[0].TITLE_TEXT]),
		"resource": sprintf("aws:%s:%s", [account, id]),
	}
}

# Number of assessed controls (the denominator).
prowler_assessed_count := count(prowler_assessed)
