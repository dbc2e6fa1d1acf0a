# In-scope staff whose assigned security training is late: completed after
# its due date, or not completed and due before the run's as-of date.
# Training not yet due is not late. Register columns: employee_id,
# department, role, in_scope, course, completed_on and due_on (YYYY-MM-DD;
# completed_on empty while open). A row is in scope when its in_scope
# column equals params.in_scope_marker (for example "yes").
package assay.organisation

training_ns_per_day := ((24 * 60) * 60) * 1000000000

training_day(s) := time.parse_ns("2006-01-02", s)

training_late contains finding if {
	some r in input.evidence.training
	r.in_scope == input.params.in_scope_marker
	r.completed_on != ""
	training_day(r.completed_on) > training_day(r.due_on)
	finding := {
		"msg": sprintf("%s (%s) completed %q on %s, due %s", [r.employee_id, r.role, r.course, r.completed_on, r.due_on]),
		"resource": r.employee_id,
	}
}

# Overdue once the whole due day has passed.
training_late contains finding if {
	some r in input.evidence.training
	r.in_scope == input.params.in_scope_marker
	r.completed_on == ""
	training_day(r.due_on) + training_ns_per_day <= time.parse_rfc3339_ns(input.now)
	finding := {
		"msg": sprintf("%s (%s) has not completed %q, due %s", [r.employee_id, r.role, r.course, r.due_on]),
		"resource": r.employee_id,
	}
}
