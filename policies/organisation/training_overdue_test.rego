package assay.organisation_test

import data.assay.organisation

training_row(id, in_scope, completed, due) := {
	"employee_id": id, "department": "IT", "role": "Engineer, platform", "in_scope": in_scope,
	"course": "ISMS awareness", "completed_on": completed, "due_on": due,
}

training_findings(rows) := f if {
	f := organisation.training_late with input as {
		"evidence": {"training": rows},
		"params": {"in_scope_marker": "yes"},
		"now": "2026-12-01T00:00:00Z",
	}
}

test_training_completed_on_due_date_is_on_time if {
	count(training_findings([training_row("E1", "yes", "2026-04-30", "2026-04-30")])) == 0
}

test_training_completed_after_due_date_is_late if {
	count(training_findings([training_row("E1", "yes", "2026-05-01", "2026-04-30")])) == 1
}

test_training_open_and_past_due_is_overdue if {
	some f in training_findings([training_row("E1", "yes", "", "2026-11-30")])
	contains(f.msg, "has not completed")
	f.resource == "E1"
}

test_training_due_today_is_not_yet_overdue if {
	count(training_findings([training_row("E1", "yes", "", "2026-12-01")])) == 0
}

test_training_out_of_scope_staff_are_ignored if {
	count(training_findings([training_row("E1", "no", "", "2020-01-01")])) == 0
}
