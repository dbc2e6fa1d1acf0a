# Organisational controls: people and incident handling, from registers
# kept by HR / the LMS and by the incident response team (CSV exports).

# ISO/IEC 27004:2016 Annex B theme 10, ISMS training or ISMS awareness.
measure "ORG-01" {
  title            = "In-scope staff who completed their assigned security training"
  description      = "Share of staff in the ISMS scope who have completed the security course assigned to their role (awareness, secure coding, incident response or privileged access), whatever the date."
  information_need = "Has everyone in the ISMS scope received the security training their role requires?"
  type             = "performance"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.6.3"]
  clauses          = ["7.2", "7.3", "9.1"]
  evidence         = [source.training]
  interpretation   = "Below target, the missing people are either new joiners inside their grace period or overdue; ORG-02 tells the two apart. Contractors outside the ISMS scope are excluded: check the scope flag when the headcount changes."

  responsible {
    owner        = "Head of people"
    collector    = "LMS export (training register)"
    communicator = "ISMS manager"
    reviewer     = "Internal audit"
    client       = "ISMS steering committee"
  }

  frequency {
    collect = "30d"
    analyse = "30d"
    report  = "90d"
    review  = "365d"
  }

  param "in_scope_marker" {
    default     = "yes"
    description = "Value of the in_scope column for staff inside the ISMS scope."
  }

  base_measure "in_scope_staff" {
    unit        = "people"
    description = "Rows of the register inside the ISMS scope."
    method      = "objective"
    expr        = "evidence.training.filter(s, s.in_scope == params.in_scope_marker).size()"
  }

  base_measure "completed" {
    unit        = "people"
    description = "In-scope rows with a completion date."
    method      = "objective"
    expr        = "evidence.training.filter(s, s.in_scope == params.in_scope_marker && s.completed_on != '').size()"
  }

  derived_measure "completion_rate" {
    unit = "%"
    expr = "100.0 * completed / in_scope_staff"
  }

  indicator {
    expr   = "completion_rate"
    unit   = "%"
    better = "higher"
    target = 95
  }

  decision {
    pass = "value >= target"
    warn = "value >= 85.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 11, information security training
# (role-required training kept on schedule).
measure "ORG-02" {
  title            = "Security training completed on time"
  description      = "Share of in-scope staff whose assigned security training is not late at the as-of time: completed on or before its due date, or not yet due. Late completions and overdue open training are listed as findings."
  information_need = "Is role-required security training done when the training plan says, so that people are trained before they need it?"
  type             = "performance"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.6.3", "ISO27001:2022/A.5.4"]
  clauses          = ["7.2", "9.1"]
  evidence         = [source.training]
  interpretation   = "Late completions point at the scheduling of the training plan; overdue open items point at individuals and their managers (A.5.4 management responsibilities). A course completed late still counts as late in every later run of the same register."

  responsible {
    owner        = "Head of people"
    collector    = "LMS export (training register)"
    communicator = "ISMS manager"
    reviewer     = "Internal audit"
    client       = "ISMS steering committee"
  }

  frequency {
    collect = "30d"
    analyse = "30d"
    report  = "90d"
    review  = "365d"
  }

  param "in_scope_marker" {
    default     = "yes"
    description = "Value of the in_scope column for staff inside the ISMS scope."
  }

  policy "late" {
    module = "policies/organisation/training_overdue.rego"
    query  = "data.assay.organisation.training_late"
  }

  base_measure "in_scope_staff" {
    unit        = "people"
    description = "Rows of the register inside the ISMS scope."
    method      = "objective"
    expr        = "evidence.training.filter(s, s.in_scope == params.in_scope_marker).size()"
  }

  base_measure "late" {
    unit        = "people"
    description = "In-scope staff who completed after the due date, or have not completed and the due date has passed (policy findings)."
    method      = "objective"
    expr        = "size(policy.late)"
  }

  derived_measure "on_time_share" {
    unit = "%"
    expr = "100.0 * (in_scope_staff - late) / in_scope_staff"
  }

  indicator {
    expr   = "on_time_share"
    unit   = "%"
    better = "higher"
    target = 95
  }

  decision {
    pass = "value >= target"
    warn = "value >= 80.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 23, information security incident
# management effectiveness.
measure "ORG-03" {
  title            = "Incidents resolved within their SLA"
  description      = "Share of incidents resolved within the SLA set for them (sla_hours, from the severity at triage), among incidents whose outcome is known at the as-of time: every closed incident, and every open incident whose SLA has already run out. An open incident still inside its SLA is left out until it closes or breaches."
  information_need = "Does the incident response process contain and resolve incidents within the times agreed with the business?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.5.24", "ISO27001:2022/A.5.25", "ISO27001:2022/A.5.26"]
  clauses          = ["9.1", "10.2"]
  evidence         = [source.incidents]
  interpretation   = "Breaches split into closed_late (resolved, but late) and open_breached (still open past the SLA): the second needs escalation now. Times carry their UTC offset; the SLA is compared on elapsed time, so a boundary case resolved exactly at the SLA counts as within."

  responsible {
    owner        = "Incident response manager"
    collector    = "Ticketing system export (incident register)"
    communicator = "ISMS manager"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "7d"
    analyse = "30d"
    report  = "30d"
    review  = "365d"
  }

  param "open_value" {
    default     = ""
    description = "Value of closed_at while an incident is open."
  }

  base_measure "incidents_due" {
    unit        = "incidents"
    description = "Closed incidents, plus open incidents whose SLA ran out before the as-of time."
    method      = "objective"
    expr        = <<-CEL
      evidence.incidents.filter(i,
        i.closed_at != params.open_value ||
        timestamp(i.opened_at) + duration(i.sla_hours + 'h') < now).size()
    CEL
  }

  base_measure "within_sla" {
    unit        = "incidents"
    description = "Closed incidents whose closed_at - opened_at is at most sla_hours."
    method      = "objective"
    expr        = <<-CEL
      evidence.incidents.filter(i,
        i.closed_at != params.open_value &&
        timestamp(i.closed_at) - timestamp(i.opened_at) <= duration(i.sla_hours + 'h')).size()
    CEL
  }

  base_measure "closed_late" {
    unit        = "incidents"
    description = "Closed incidents resolved after their SLA."
    method      = "objective"
    expr        = <<-CEL
      evidence.incidents.filter(i,
        i.closed_at != params.open_value &&
        timestamp(i.closed_at) - timestamp(i.opened_at) > duration(i.sla_hours + 'h')).size()
    CEL
  }

  base_measure "open_breached" {
    unit        = "incidents"
    description = "Open incidents whose SLA ran out before the as-of time."
    method      = "objective"
    expr        = <<-CEL
      evidence.incidents.filter(i,
        i.closed_at == params.open_value &&
        timestamp(i.opened_at) + duration(i.sla_hours + 'h') < now).size()
    CEL
  }

  derived_measure "within_sla_share" {
    unit = "%"
    expr = "100.0 * within_sla / incidents_due"
  }

  indicator {
    expr   = "within_sla_share"
    unit   = "%"
    better = "higher"
    target = 90
  }

  decision {
    pass = "value >= target"
    warn = "value >= 75.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 24, security incidents trend.
measure "ORG-04" {
  title            = "Trend of high-severity incidents"
  description      = "Change in the number of high and critical incidents opened in the last window_days before the as-of time, compared with the window before it."
  information_need = "Is the number of serious security incidents going down, as the treatment plan expects?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.5.25", "ISO27001:2022/A.5.27"]
  clauses          = ["9.1", "9.3.2"]
  evidence         = [source.incidents]
  interpretation   = "A positive value means more serious incidents than in the previous window. With counts this small, one incident more is noise (warn); two or more calls for a look at the root causes before the management review. Windows are half-open: (now - window, now]."

  responsible {
    owner        = "Incident response manager"
    collector    = "Ticketing system export (incident register)"
    communicator = "ISMS manager"
    reviewer     = "ISMS steering committee"
    client       = "Top management (management review)"
  }

  frequency {
    collect = "7d"
    analyse = "90d"
    report  = "90d"
    review  = "365d"
  }

  param "window_days" {
    default     = 90
    description = "Length of each comparison window, in days."
  }

  param "severities" {
    default     = ["critical", "high"]
    description = "Severities counted as serious."
  }

  base_measure "current_window" {
    unit        = "incidents"
    description = "Serious incidents opened in (now - window_days, now]."
    method      = "objective"
    expr        = <<-CEL
      cel.bind(w, duration(string(int(params.window_days) * 24) + 'h'),
        evidence.incidents.filter(i,
          i.severity in params.severities &&
          timestamp(i.opened_at) > now - w &&
          timestamp(i.opened_at) <= now).size())
    CEL
  }

  base_measure "previous_window" {
    unit        = "incidents"
    description = "Serious incidents opened in (now - 2 * window_days, now - window_days]."
    method      = "objective"
    expr        = <<-CEL
      cel.bind(w, duration(string(int(params.window_days) * 24) + 'h'),
        evidence.incidents.filter(i,
          i.severity in params.severities &&
          timestamp(i.opened_at) > now - w - w &&
          timestamp(i.opened_at) <= now - w).size())
    CEL
  }

  derived_measure "change" {
    unit = "incidents"
    expr = "current_window - previous_window"
  }

  indicator {
    expr   = "change"
    unit   = "incidents"
    better = "lower"
    target = 0
  }

  decision {
    pass = "value <= target"
    warn = "value <= 1.0"
  }
}
