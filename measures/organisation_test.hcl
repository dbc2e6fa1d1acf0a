# Tests of the organisational measures (organisation.hcl): ORG-01 and ORG-02
# (training register) and ORG-03 and ORG-04 (incident register). Records are
# register rows as the CSV reader gives them (testdata/evidence/registers/):
# every value a string, completed_on and closed_at empty while open.

# ---------------------------------------------------------------------------
# ORG-01: 100 * in-scope staff with a completed_on / in-scope staff.
# pass >= 95, warn >= 85, else fail.
# ---------------------------------------------------------------------------

# 2 in scope, both completed; the contractor out of scope has not and is
# ignored. 100 * 2 / 2 = 100 → pass.
test "all in-scope staff trained passes" {
  measure = "ORG-01"

  evidence "training" {
    records = [
      { employee_id = "E1001", department = "IT operations", role = "System administrator", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "2026-02-10", due_on = "2026-03-31" },
      { employee_id = "E1002", department = "Engineering", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-05-02", due_on = "2026-04-30" },
      { employee_id = "E1021", department = "Facilities", role = "Contractor", in_scope = "no", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-03-31" },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# 7 in scope, 6 completed (E1007 not yet; a late completion still counts
# as completed here). 100 * 6 / 7 = 85.7: below 95, at least 85 → warn.
test "six of seven in-scope staff trained warns" {
  measure = "ORG-01"

  evidence "training" {
    records = [
      { employee_id = "E1001", role = "System administrator", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "2026-02-10", due_on = "2026-03-31" },
      { employee_id = "E1002", role = "Network engineer", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "2026-03-02", due_on = "2026-03-31" },
      { employee_id = "E1003", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-04-01", due_on = "2026-04-30" },
      { employee_id = "E1004", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-05-06", due_on = "2026-04-30" },
      { employee_id = "E1005", role = "Incident handler", in_scope = "yes", course = "Incident response 2026", completed_on = "2026-04-30", due_on = "2026-04-30" },
      { employee_id = "E1006", role = "Cloud administrator", in_scope = "yes", course = "Privileged access 2026", completed_on = "2026-01-20", due_on = "2026-02-28" },
      { employee_id = "E1007", role = "Analyst", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-12-31" },
    ]
  }

  expect {
    status = "warn"
    value  = 100 * 6 / 7
  }
}

# 2 in scope, 1 completed; an out-of-scope row that completed does not help.
# 100 * 1 / 2 = 50 → fail.
test "half of in-scope staff trained fails" {
  measure = "ORG-01"

  evidence "training" {
    records = [
      { employee_id = "E1010", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-03-15", due_on = "2026-04-30" },
      { employee_id = "E1011", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "", due_on = "2026-04-30" },
      { employee_id = "E1022", role = "Contractor", in_scope = "no", course = "ISMS awareness 2026", completed_on = "2026-02-01", due_on = "2026-03-31" },
    ]
  }

  expect {
    status = "fail"
    value  = 50
  }
}

# No register: no records → no_data.
test "no training register is no data" {
  measure = "ORG-01"

  evidence "training" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# A register that marks scope "true" / "false" instead of "yes" / "no":
# with the default marker nobody is in scope, 100 * 0 / 0 is NaN → no_data.
test "a register with another scope marker has nobody in scope by default" {
  measure = "ORG-01"

  evidence "training" {
    records = [
      { employee_id = "E2001", role = "Developer", in_scope = "true", course = "Secure coding 2026", completed_on = "2026-03-15", due_on = "2026-04-30" },
      { employee_id = "E2002", role = "Developer", in_scope = "true", course = "Secure coding 2026", completed_on = "", due_on = "2026-04-30" },
      { employee_id = "E2003", role = "Contractor", in_scope = "false", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-03-31" },
    ]
  }

  expect {
    status = "no_data"
  }
}

# Same rows, in_scope_marker = "true": 2 in scope, 1 completed.
# 100 * 1 / 2 = 50 → fail.
test "setting the scope marker measures the register" {
  measure = "ORG-01"
  params  = { in_scope_marker = "true" }

  evidence "training" {
    records = [
      { employee_id = "E2001", role = "Developer", in_scope = "true", course = "Secure coding 2026", completed_on = "2026-03-15", due_on = "2026-04-30" },
      { employee_id = "E2002", role = "Developer", in_scope = "true", course = "Secure coding 2026", completed_on = "", due_on = "2026-04-30" },
      { employee_id = "E2003", role = "Contractor", in_scope = "false", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-03-31" },
    ]
  }

  expect {
    status = "fail"
    value  = 50
  }
}

# ---------------------------------------------------------------------------
# ORG-02: 100 * (in-scope staff - late) / in-scope staff at as_of; late is
# completed after due_on, or not completed once the whole due day has passed
# (policy findings). pass >= 95, warn >= 80, else fail.
# All tests at 2026-12-01T00:00:00Z.
# ---------------------------------------------------------------------------

# 4 in scope, none late: completed early; completed on the due date; open
# and due 2026-12-31; open and due 2026-12-01, the as-of day itself, which
# has not passed yet. The out-of-scope row long overdue is ignored.
# 100 * (4 - 0) / 4 = 100 → pass.
test "training completed or not yet due passes" {
  measure = "ORG-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "training" {
    records = [
      { employee_id = "E1001", role = "System administrator", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "2026-03-01", due_on = "2026-03-31" },
      { employee_id = "E1005", role = "Incident handler", in_scope = "yes", course = "Incident response 2026", completed_on = "2026-04-30", due_on = "2026-04-30" },
      { employee_id = "E1020", role = "Developer", in_scope = "yes", course = "Secure coding 2027", completed_on = "", due_on = "2026-12-31" },
      { employee_id = "E1019", role = "Analyst", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-12-01" },
      { employee_id = "E1021", role = "Contractor", in_scope = "no", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-01-31" },
    ]
  }

  expect {
    status   = "pass"
    value    = 100
    findings = 0
  }
}

# 5 in scope; E1013 has not completed and was due 2026-11-30, whose whole
# day ended at the as-of time → 1 finding.
# 100 * (5 - 1) / 5 = 80: below 95, exactly 80 → warn.
test "one open training past its due day among five warns" {
  measure = "ORG-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "training" {
    records = [
      { employee_id = "E1001", role = "System administrator", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "2026-02-10", due_on = "2026-03-31" },
      { employee_id = "E1002", role = "Network engineer", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "2026-03-02", due_on = "2026-03-31" },
      { employee_id = "E1003", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-04-01", due_on = "2026-04-30" },
      { employee_id = "E1012", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-11-02", due_on = "2026-11-30" },
      { employee_id = "E1013", role = "Analyst", in_scope = "yes", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-11-30" },
    ]
  }

  expect {
    status   = "warn"
    value    = 80
    findings = 1
  }
}

# 3 in scope: E1004 completed 2026-05-06, due 2026-04-30 (late); E1014 not
# completed, due 2026-06-30 (overdue); E1015 completed early. 2 findings.
# 100 * (3 - 2) / 3 = 33.3 → fail.
test "late completion and overdue training fail" {
  measure = "ORG-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "training" {
    records = [
      { employee_id = "E1004", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-05-06", due_on = "2026-04-30" },
      { employee_id = "E1014", role = "Cloud administrator", in_scope = "yes", course = "Privileged access 2026", completed_on = "", due_on = "2026-06-30" },
      { employee_id = "E1015", role = "Developer", in_scope = "yes", course = "Secure coding 2026", completed_on = "2026-02-01", due_on = "2026-03-31" },
    ]
  }

  expect {
    status   = "fail"
    value    = 100 * 1 / 3
    findings = 2
  }
}

# No register: no records → no_data.
test "no training register is no data for timeliness" {
  measure = "ORG-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "training" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# A register marking scope "Y" / "N": with the default marker "yes" nobody
# is in scope and the overdue row is not a finding; 100 * (0 - 0) / 0 is
# NaN → no_data.
test "a register with another scope marker is no data by default" {
  measure = "ORG-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "training" {
    records = [
      { employee_id = "E3001", role = "Developer", in_scope = "Y", course = "Secure coding 2026", completed_on = "2026-03-15", due_on = "2026-04-30" },
      { employee_id = "E3002", role = "Developer", in_scope = "Y", course = "Secure coding 2026", completed_on = "", due_on = "2026-06-30" },
      { employee_id = "E3003", role = "Contractor", in_scope = "N", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-03-31" },
    ]
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# Same rows, in_scope_marker = "Y" (the policy reads the same param): 2 in
# scope, E3002 overdue. 100 * (2 - 1) / 2 = 50 → fail, 1 finding.
test "setting the scope marker finds the overdue training" {
  measure = "ORG-02"
  as_of   = "2026-12-01T00:00:00Z"
  params  = { in_scope_marker = "Y" }

  evidence "training" {
    records = [
      { employee_id = "E3001", role = "Developer", in_scope = "Y", course = "Secure coding 2026", completed_on = "2026-03-15", due_on = "2026-04-30" },
      { employee_id = "E3002", role = "Developer", in_scope = "Y", course = "Secure coding 2026", completed_on = "", due_on = "2026-06-30" },
      { employee_id = "E3003", role = "Contractor", in_scope = "N", course = "ISMS awareness 2026", completed_on = "", due_on = "2026-03-31" },
    ]
  }

  expect {
    status   = "fail"
    value    = 50
    findings = 1
  }
}

# ---------------------------------------------------------------------------
# ORG-03: 100 * closed within SLA / incidents due, incidents due being every
# closed one plus open ones whose SLA ran out before as_of (strictly).
# pass >= 90, warn >= 75, else fail. All tests at 2026-12-01T00:00:00Z.
# ---------------------------------------------------------------------------

# Closed within: INC-1 12 h of 24; INC-2 opened 07:45+02:00 (05:45Z),
# closed 05:45Z next day = exactly 24 h, within; INC-3 opened 23:30-04:00
# (03:30Z next day), closed 05:00Z = 1 h 30 of 4 h. INC-4 is open, opened
# 2026-11-30T18:00Z with 72 h: not due until 2026-12-03, left out.
# 100 * 3 / 3 = 100 → pass.
test "closed incidents all within sla pass" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-1", severity = "high", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T20:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-2", severity = "high", opened_at = "2026-11-02T07:45:00+02:00", closed_at = "2026-11-03T05:45:00Z", sla_hours = "24", category = "account compromise" },
      { id = "INC-3", severity = "critical", opened_at = "2026-11-10T23:30:00-04:00", closed_at = "2026-11-11T05:00:00Z", sla_hours = "4", category = "ransomware" },
      { id = "INC-4", severity = "medium", opened_at = "2026-11-30T18:00:00Z", closed_at = "", sla_hours = "72", category = "phishing" },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# 4 closed: 3 within, INC-5 critical took 4 h 50 min of 4 h (late).
# 100 * 3 / 4 = 75: below 90, exactly 75 → warn.
test "one incident of four closed late warns" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-1", severity = "high", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T20:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-2", severity = "medium", opened_at = "2026-10-12T09:00:00Z", closed_at = "2026-10-13T09:00:00Z", sla_hours = "72", category = "phishing" },
      { id = "INC-3", severity = "low", opened_at = "2026-09-03T10:00:00Z", closed_at = "2026-09-10T10:00:00Z", sla_hours = "168", category = "policy violation" },
      { id = "INC-5", severity = "critical", opened_at = "2026-10-01T10:00:00Z", closed_at = "2026-10-01T14:50:00Z", sla_hours = "4", category = "data leak" },
    ]
  }

  expect {
    status = "warn"
    value  = 75
  }
}

# Due: INC-1 within; INC-6 medium closed after 91 h 40 min of 72 h (late);
# INC-7 high, open since 2026-11-20T10:00Z with 24 h, breached since
# 2026-11-21T10:00Z. 100 * 1 / 3 = 33.3 → fail.
test "late closure and open breach fail" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-1", severity = "high", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T20:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-6", severity = "medium", opened_at = "2026-09-01T09:00:00Z", closed_at = "2026-09-05T04:40:00Z", sla_hours = "72", category = "lost device" },
      { id = "INC-7", severity = "high", opened_at = "2026-11-20T10:00:00Z", closed_at = "", sla_hours = "24", category = "account compromise" },
    ]
  }

  expect {
    status = "fail"
    value  = 100 * 1 / 3
  }
}

# No register: no records → no_data.
test "no incident register is no data" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# Only open incidents inside their SLA: INC-8 opened 2026-11-30T18:00Z with
# 72 h; INC-9 opened 2026-11-30T00:00Z with 24 h, whose SLA ends exactly at
# the as-of time (not yet breached). incidents_due = 0, 100 * 0 / 0 is NaN
# → no_data.
test "only open incidents inside their sla is no data" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-8", severity = "medium", opened_at = "2026-11-30T18:00:00Z", closed_at = "", sla_hours = "72", category = "phishing" },
      { id = "INC-9", severity = "high", opened_at = "2026-11-30T00:00:00Z", closed_at = "", sla_hours = "24", category = "malware" },
    ]
  }

  expect {
    status = "no_data"
  }
}

# A register that writes "open" in closed_at while an incident is open.
# With the default open_value "" the row is taken for closed and
# timestamp("open") cannot be parsed → error (not a silent verdict).
test "an open marker other than empty is an error by default" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-1", severity = "high", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T20:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-10", severity = "high", opened_at = "2026-11-30T20:00:00Z", closed_at = "open", sla_hours = "24", category = "malware" },
    ]
  }

  expect {
    status = "error"
  }
}

# Same rows, open_value = "open": INC-10 is open and inside its SLA (to
# 2026-12-01T20:00Z), left out. 100 * 1 / 1 = 100 → pass.
test "setting the open marker reads open incidents" {
  measure = "ORG-03"
  as_of   = "2026-12-01T00:00:00Z"
  params  = { open_value = "open" }

  evidence "incidents" {
    records = [
      { id = "INC-1", severity = "high", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T20:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-10", severity = "high", opened_at = "2026-11-30T20:00:00Z", closed_at = "open", sla_hours = "24", category = "malware" },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# ---------------------------------------------------------------------------
# ORG-04: critical and high incidents opened in (now - 90 d, now] minus
# those opened in (now - 180 d, now - 90 d]. Lower is better: pass <= 0,
# warn <= 1, else fail. At 2026-12-01T00:00:00Z the windows are
# (2026-09-02T00:00Z, 2026-12-01T00:00Z] and
# (2026-06-04T00:00Z, 2026-09-02T00:00Z].
# ---------------------------------------------------------------------------

# Current: high 2026-10-10 = 1 (the medium 2026-11-05 is not serious).
# Previous: critical 2026-07-01 and high 2026-09-02T00:00:00Z, exactly
# now - 90 d, which closes the previous window = 2. 1 - 2 = -1 → pass.
test "fewer serious incidents than the previous window passes" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-20", severity = "high", opened_at = "2026-10-10T09:00:00Z", closed_at = "2026-10-10T18:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-21", severity = "medium", opened_at = "2026-11-05T09:00:00Z", closed_at = "2026-11-06T09:00:00Z", sla_hours = "72", category = "phishing" },
      { id = "INC-22", severity = "critical", opened_at = "2026-07-01T12:00:00Z", closed_at = "2026-07-01T15:00:00Z", sla_hours = "4", category = "ransomware" },
      { id = "INC-23", severity = "high", opened_at = "2026-09-02T00:00:00Z", closed_at = "2026-09-02T10:00:00Z", sla_hours = "24", category = "account compromise" },
    ]
  }

  expect {
    status = "pass"
    value  = -1
  }
}

# No critical or high incident in either window (low and medium only):
# 0 - 0 = 0 → pass. A count difference is never 0 / 0, so this is not
# no_data.
test "no serious incident in either window passes" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-24", severity = "low", opened_at = "2026-11-05T09:00:00Z", closed_at = "2026-11-08T09:00:00Z", sla_hours = "168", category = "policy violation" },
      { id = "INC-25", severity = "medium", opened_at = "2026-08-05T09:00:00Z", closed_at = "2026-08-06T09:00:00Z", sla_hours = "72", category = "phishing" },
    ]
  }

  expect {
    status = "pass"
    value  = 0
  }
}

# Current: high 2026-11-20, critical 2026-09-14 = 2. Previous: high
# 2026-07-19 = 1; the critical of 2026-06-02 is before both windows.
# 2 - 1 = 1 → warn.
test "one serious incident more than the previous window warns" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-30", severity = "high", opened_at = "2026-11-20T10:00:00Z", closed_at = "", sla_hours = "24", category = "account compromise" },
      { id = "INC-31", severity = "critical", opened_at = "2026-09-14T03:00:00Z", closed_at = "2026-09-14T06:00:00Z", sla_hours = "4", category = "ransomware" },
      { id = "INC-32", severity = "high", opened_at = "2026-07-19T14:00:00Z", closed_at = "2026-07-20T08:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-33", severity = "critical", opened_at = "2026-06-02T08:00:00Z", closed_at = "2026-06-02T11:00:00Z", sla_hours = "4", category = "data leak" },
    ]
  }

  expect {
    status = "warn"
    value  = 1
  }
}

# Current: high at 2026-12-01T00:00:00Z (exactly now, inside), critical
# 2026-11-01, high 2026-10-01 = 3. Previous: the high at
# 2026-06-04T00:00:00Z is exactly now - 180 d, outside the half-open window
# = 0. The high dated 2026-12-02 is after the as-of time and not counted.
# 3 - 0 = 3 → fail.
test "three more serious incidents than the previous window fails" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-40", severity = "high", opened_at = "2026-12-01T00:00:00Z", closed_at = "", sla_hours = "24", category = "malware" },
      { id = "INC-41", severity = "critical", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T11:00:00Z", sla_hours = "4", category = "ransomware" },
      { id = "INC-42", severity = "high", opened_at = "2026-10-01T08:00:00Z", closed_at = "2026-10-01T20:00:00Z", sla_hours = "24", category = "account compromise" },
      { id = "INC-43", severity = "high", opened_at = "2026-06-04T00:00:00Z", closed_at = "2026-06-04T12:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-44", severity = "high", opened_at = "2026-12-02T09:00:00Z", closed_at = "", sla_hours = "24", category = "malware" },
    ]
  }

  expect {
    status = "fail"
    value  = 3
  }
}

# No register: no records → no_data (the only no_data of ORG-04).
test "no incident register is no data for the trend" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# Same rows as the fail test, severities = ["critical"]: current 1 (the
# critical of 2026-11-01), previous 0. 1 - 0 = 1 → warn.
test "counting only critical incidents turns the failure into a warning" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"
  params  = { severities = ["critical"] }

  evidence "incidents" {
    records = [
      { id = "INC-40", severity = "high", opened_at = "2026-12-01T00:00:00Z", closed_at = "", sla_hours = "24", category = "malware" },
      { id = "INC-41", severity = "critical", opened_at = "2026-11-01T08:00:00Z", closed_at = "2026-11-01T11:00:00Z", sla_hours = "4", category = "ransomware" },
      { id = "INC-42", severity = "high", opened_at = "2026-10-01T08:00:00Z", closed_at = "2026-10-01T20:00:00Z", sla_hours = "24", category = "account compromise" },
      { id = "INC-43", severity = "high", opened_at = "2026-06-04T00:00:00Z", closed_at = "2026-06-04T12:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-44", severity = "high", opened_at = "2026-12-02T09:00:00Z", closed_at = "", sla_hours = "24", category = "malware" },
    ]
  }

  expect {
    status = "warn"
    value  = 1
  }
}

# Four serious incidents: 2026-11-20, 2026-10-20, 2026-09-14, 2026-07-19.
# Default 90-day windows: current 3 (11-20, 10-20, 09-14), previous 1
# (07-19). 3 - 1 = 2 → fail.
test "serious incidents over ninety day windows fail" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "incidents" {
    records = [
      { id = "INC-50", severity = "high", opened_at = "2026-11-20T10:00:00Z", closed_at = "2026-11-20T22:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-51", severity = "high", opened_at = "2026-10-20T10:00:00Z", closed_at = "2026-10-20T22:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-52", severity = "high", opened_at = "2026-09-14T10:00:00Z", closed_at = "2026-09-14T22:00:00Z", sla_hours = "24", category = "phishing" },
      { id = "INC-53", severity = "critical", opened_at = "2026-07-19T10:00:00Z", closed_at = "2026-07-19T13:00:00Z", sla_hours = "4", category = "ransomware" },
    ]
  }

  expect {
    status = "fail"
    value  = 2
  }
}

# Same rows, window_days = 30: windows (2026-11-01, 2026-12-01] and
# (2026-10-02, 2026-11-01]. Current 1 (11-20), previous 1 (10-20).
# 1 - 1 = 0 → pass.
test "thirty day windows compare the same incidents differently" {
  measure = "ORG-04"
  as_of   = "2026-12-01T00:00:00Z"
  params  = { window_days = 30 }

  evidence "incidents" {
    records = [
      { id = "INC-50", severity = "high", opened_at = "2026-11-20T10:00:00Z", closed_at = "2026-11-20T22:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-51", severity = "high", opened_at = "2026-10-20T10:00:00Z", closed_at = "2026-10-20T22:00:00Z", sla_hours = "24", category = "malware" },
      { id = "INC-52", severity = "high", opened_at = "2026-09-14T10:00:00Z", closed_at = "2026-09-14T22:00:00Z", sla_hours = "24", category = "phishing" },
      { id = "INC-53", severity = "critical", opened_at = "2026-07-19T10:00:00Z", closed_at = "2026-07-19T13:00:00Z", sla_hours = "4", category = "ransomware" },
    ]
  }

  expect {
    status = "pass"
    value  = 0
  }
}
