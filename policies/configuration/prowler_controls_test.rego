package assay.configuration_test

import data.assay.configuration

prowler_row(account, id, result) := {
	"ACCOUNT_NUM": account,
	"TITLE_ID": id,
	"CHECK_RESULT": result,
	"TITLE_TEXT": sprintf("[check%s] title", [id]),
}

prowler_input(rows) := {"evidence": {"prowler_csv": rows}, "params": {"decisive_results": ["PASS", "FAIL"]}}

test_prowler_one_failing_row_fails_the_control if {
	rows := [prowler_row("1", "2.5", "PASS"), prowler_row("1", "2.5", "FAIL"), prowler_row("1", "2.5", "FAIL")]
	some f in configuration.prowler_failed_controls with input as prowler_input(rows)
	f.resource == "aws:1:2.5"
	f.msg == "2.5 failed on 2 resource(s): [check2.5] title"
	configuration.prowler_assessed_count == 1 with input as prowler_input(rows)
}

test_prowler_info_only_control_is_not_assessed if {
	rows := [prowler_row("1", "7.40", "INFO"), prowler_row("1", "1.1", "PASS")]
	configuration.prowler_assessed_count == 1 with input as prowler_input(rows)
	count(configuration.prowler_failed_controls) == 0 with input as prowler_input(rows)
}

test_prowler_info_and_pass_is_a_passing_control if {
	rows := [prowler_row("1", "2.8", "INFO"), prowler_row("1", "2.8", "PASS")]
	configuration.prowler_assessed_count == 1 with input as prowler_input(rows)
	count(configuration.prowler_failed_controls) == 0 with input as prowler_input(rows)
}

test_prowler_controls_are_per_account if {
	rows := [prowler_row("1", "1.4", "FAIL"), prowler_row("2", "1.4", "PASS")]
	configuration.prowler_assessed_count == 2 with input as prowler_input(rows)
	count(configuration.prowler_failed_controls) == 1 with input as prowler_input(rows)
}

# With only PASS decisive, a control whose rows all FAIL is not assessed,
# so it cannot count as failed: failures never exceed assessed controls.
test_prowler_failures_are_assessed_controls if {
	rows := [prowler_row("1", "1.1", "PASS"), prowler_row("1", "1.2", "FAIL")]
	inp := object.union(prowler_input(rows), {"params": {"decisive_results": ["PASS"]}})
	configuration.prowler_assessed_count == 1 with input as inp
	count(configuration.prowler_failed_controls) == 0 with input as inp
}
