# Tests of the identity and access measures (identity.hcl): IAM-01 (MFA on
# console identities), IAM-02 (access key rotation) and IAM-03 (root access
# keys). Records are rows of an AWS IAM credential report as the CSV reader
# gives them (testdata/evidence/iam/): every value a string, sentinels such
# as "N/A" and "not_supported" kept. Only the columns a measure reads, plus
# user and arn, are written.

# ---------------------------------------------------------------------------
# IAM-01: 100 * (console users with MFA + root users with MFA) /
# (console users + root users). pass >= 100, warn >= 90, else fail.
# ---------------------------------------------------------------------------

# Root (password_enabled "not_supported", still a console identity) with
# MFA; alice with a password and MFA; ci-deploy has no password and no MFA
# and is not a console identity. 100 * (1 + 1) / (1 + 1) = 100 → pass.
test "every console identity with mfa passes" {
  measure = "IAM-01"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::111122223333:root", password_enabled = "not_supported", mfa_active = "true", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", password_enabled = "true", mfa_active = "true", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "ci-deploy", arn = "arn:aws:iam::111122223333:user/ci-deploy", password_enabled = "false", mfa_active = "false", access_key_1_active = "true", access_key_2_active = "false" },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# Root with MFA, 9 console users of whom 8 have MFA (u9 has none).
# 100 * (8 + 1) / (9 + 1) = 90: below 100, exactly 90 → warn.
test "one console user of ten identities without mfa warns" {
  measure = "IAM-01"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::111122223333:root", password_enabled = "not_supported", mfa_active = "true" },
      { user = "u1", arn = "arn:aws:iam::111122223333:user/u1", password_enabled = "true", mfa_active = "true" },
      { user = "u2", arn = "arn:aws:iam::111122223333:user/u2", password_enabled = "true", mfa_active = "true" },
      { user = "u3", arn = "arn:aws:iam::111122223333:user/u3", password_enabled = "true", mfa_active = "true" },
      { user = "u4", arn = "arn:aws:iam::111122223333:user/u4", password_enabled = "true", mfa_active = "true" },
      { user = "u5", arn = "arn:aws:iam::111122223333:user/u5", password_enabled = "true", mfa_active = "true" },
      { user = "u6", arn = "arn:aws:iam::111122223333:user/u6", password_enabled = "true", mfa_active = "true" },
      { user = "u7", arn = "arn:aws:iam::111122223333:user/u7", password_enabled = "true", mfa_active = "true" },
      { user = "u8", arn = "arn:aws:iam::111122223333:user/u8", password_enabled = "true", mfa_active = "true" },
      { user = "u9", arn = "arn:aws:iam::111122223333:user/u9", password_enabled = "true", mfa_active = "false" },
    ]
  }

  expect {
    status = "warn"
    value  = 90
  }
}

# Two accounts. Root of the first without MFA, root of the second with MFA;
# alice and bob have passwords, only bob has MFA.
# 100 * (1 + 1) / (2 + 2) = 50 → fail.
test "root and user without mfa fail" {
  measure = "IAM-01"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::111122223333:root", password_enabled = "not_supported", mfa_active = "false" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", password_enabled = "true", mfa_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::444455556666:root", password_enabled = "true", mfa_active = "true" },
      { user = "bob", arn = "arn:aws:iam::444455556666:user/bob", password_enabled = "true", mfa_active = "true" },
    ]
  }

  expect {
    status = "fail"
    value  = 50
  }
}

# No credential report: no records → no_data.
test "no credential report is no data" {
  measure = "IAM-01"

  evidence "iam" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# Rows with neither a console password nor a root row: 0 identities,
# 100 * 0 / 0 is NaN → no_data.
test "no console identity is no data" {
  measure = "IAM-01"

  evidence "iam" {
    records = [
      { user = "ci-deploy", arn = "arn:aws:iam::111122223333:user/ci-deploy", password_enabled = "false", mfa_active = "false" },
      { user = "backup", arn = "arn:aws:iam::111122223333:user/backup", password_enabled = "false", mfa_active = "false" },
    ]
  }

  expect {
    status = "no_data"
  }
}

# A report whose root row is named "root" rather than "<root_account>": by
# default the row is taken for an IAM user, and with password_enabled
# "not_supported" it is no console user at all. The ratio alone would be
# 100 * (1 + 0) / (1 + 0) = 100 (alice, with MFA), hiding a root without
# MFA; the indicator gives no value when root_accounts = 0, so the
# measure is no_data: it cannot see a root.
test "a root row under another name is not found by default" {
  measure = "IAM-01"

  evidence "iam" {
    records = [
      { user = "root", arn = "arn:aws:iam::111122223333:root", password_enabled = "not_supported", mfa_active = "false" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", password_enabled = "true", mfa_active = "true" },
    ]
  }

  expect {
    status = "no_data"
  }
}

# root_user = "root": the row is the account's root, without MFA.
# 100 * (1 + 0) / (1 + 1) = 50 → fail.
test "naming the root row finds the root without mfa" {
  measure = "IAM-01"
  params  = { root_user = "root" }

  evidence "iam" {
    records = [
      { user = "root", arn = "arn:aws:iam::111122223333:root", password_enabled = "not_supported", mfa_active = "false" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", password_enabled = "true", mfa_active = "true" },
    ]
  }

  expect {
    status = "fail"
    value  = 50
  }
}

# ---------------------------------------------------------------------------
# IAM-02: 100 * (active keys - stale keys) / active keys, stale when last
# rotated more than max_key_age_days (90) before as_of, strictly, or when the
# rotation date is a sentinel (policy findings). pass >= 100, warn >= 80,
# else fail. All tests at 2026-12-01T00:00:00Z.
# ---------------------------------------------------------------------------

# alice key 1 rotated 2026-11-01 (30 days), key 2 rotated 2026-09-02 (90
# days: at the limit, not past it); bob's key 1 is inactive though old and
# key 2 is N/A. 100 * (2 - 0) / 2 = 100 → pass.
test "active keys rotated within ninety days pass" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "iam" {
    records = [
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", access_key_1_active = "true", access_key_1_last_rotated = "2026-11-01T00:00:00+00:00", access_key_2_active = "true", access_key_2_last_rotated = "2026-09-02T00:00:00+00:00" },
      { user = "bob", arn = "arn:aws:iam::111122223333:user/bob", access_key_1_active = "false", access_key_1_last_rotated = "2022-05-18T09:51:58+00:00", access_key_2_active = "false", access_key_2_last_rotated = "N/A" },
    ]
  }

  expect {
    status   = "pass"
    value    = 100
    findings = 0
  }
}

# 5 active keys; svc-legacy's key 1 was rotated 2026-08-01 (122 days) → 1
# finding. The others: 30, 47, 61 and 11 days.
# 100 * (5 - 1) / 5 = 80: below 100, exactly 80 → warn.
test "one stale key among five warns" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "iam" {
    records = [
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", access_key_1_active = "true", access_key_1_last_rotated = "2026-11-01T00:00:00+00:00", access_key_2_active = "true", access_key_2_last_rotated = "2026-10-15T00:00:00+00:00" },
      { user = "ci-deploy", arn = "arn:aws:iam::111122223333:user/ci-deploy", access_key_1_active = "true", access_key_1_last_rotated = "2026-10-01T00:00:00+00:00", access_key_2_active = "false", access_key_2_last_rotated = "N/A" },
      { user = "backup", arn = "arn:aws:iam::111122223333:user/backup", access_key_1_active = "false", access_key_1_last_rotated = "N/A", access_key_2_active = "true", access_key_2_last_rotated = "2026-11-20T00:00:00Z" },
      { user = "svc-legacy", arn = "arn:aws:iam::111122223333:user/svc-legacy", access_key_1_active = "true", access_key_1_last_rotated = "2026-08-01T00:00:00+00:00", access_key_2_active = "false", access_key_2_last_rotated = "N/A" },
    ]
  }

  expect {
    status   = "warn"
    value    = 80
    findings = 1
  }
}

# 3 active keys: rotated 2026-01-01 (334 days, stale), rotated "N/A" while
# active (unknown age, stale), rotated 2026-11-01 (fresh). 2 findings.
# 100 * (3 - 2) / 3 = 33.3 → fail.
test "old and unknown-age active keys fail" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "iam" {
    records = [
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", access_key_1_active = "true", access_key_1_last_rotated = "2026-01-01T00:00:00+00:00", access_key_2_active = "true", access_key_2_last_rotated = "N/A" },
      { user = "bob", arn = "arn:aws:iam::111122223333:user/bob", access_key_1_active = "true", access_key_1_last_rotated = "2026-11-01T00:00:00+00:00", access_key_2_active = "false", access_key_2_last_rotated = "N/A" },
    ]
  }

  expect {
    status   = "fail"
    value    = 100 * 1 / 3
    findings = 2
  }
}

# No credential report: no records → no_data.
test "no credential report is no data for key rotation" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "iam" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# Rows without any active key: 100 * (0 - 0) / 0 is NaN → no_data.
test "no active access key is no data" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::111122223333:root", access_key_1_active = "false", access_key_1_last_rotated = "N/A", access_key_2_active = "false", access_key_2_last_rotated = "N/A" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", access_key_1_active = "false", access_key_1_last_rotated = "2024-01-01T00:00:00+00:00", access_key_2_active = "false", access_key_2_last_rotated = "N/A" },
    ]
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# The same keys under the default and a shorter maximum age: rotated
# 2026-10-01 (61 days) and 2026-11-15 (16 days).
# Default 90 days: both fresh, 100 * 2 / 2 = 100 → pass.
test "keys of sixty-one and sixteen days pass the ninety day limit" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"

  evidence "iam" {
    records = [
      { user = "ci-deploy", arn = "arn:aws:iam::111122223333:user/ci-deploy", access_key_1_active = "true", access_key_1_last_rotated = "2026-10-01T00:00:00+00:00", access_key_2_active = "true", access_key_2_last_rotated = "2026-11-15T00:00:00+00:00" },
    ]
  }

  expect {
    status   = "pass"
    value    = 100
    findings = 0
  }
}

# max_key_age_days = 30: the 61-day key is stale, 1 finding.
# 100 * (2 - 1) / 2 = 50 → fail.
test "a thirty day limit makes the older key stale" {
  measure = "IAM-02"
  as_of   = "2026-12-01T00:00:00Z"
  params  = { max_key_age_days = 30 }

  evidence "iam" {
    records = [
      { user = "ci-deploy", arn = "arn:aws:iam::111122223333:user/ci-deploy", access_key_1_active = "true", access_key_1_last_rotated = "2026-10-01T00:00:00+00:00", access_key_2_active = "true", access_key_2_last_rotated = "2026-11-15T00:00:00+00:00" },
    ]
  }

  expect {
    status   = "fail"
    value    = 50
    findings = 1
  }
}

# ---------------------------------------------------------------------------
# IAM-03: 100 * (root users - root users with an active key) / root users.
# pass >= 100; there is no warn criterion (zero tolerance):
# anything below 100 fails.
# ---------------------------------------------------------------------------

# Two root rows without active keys; an IAM user's active key is not the
# root's. 100 * (2 - 0) / 2 = 100 → pass.
test "root users without access keys pass" {
  measure = "IAM-03"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::111122223333:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "ci-deploy", arn = "arn:aws:iam::111122223333:user/ci-deploy", access_key_1_active = "true", access_key_2_active = "true" },
      { user = "<root_account>", arn = "arn:aws:iam::444455556666:root", access_key_1_active = "false", access_key_2_active = "false" },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# Two root rows; the second has access key 2 active (key 1 off).
# 100 * (2 - 1) / 2 = 50 → fail.
test "a root user with an active second key fails" {
  measure = "IAM-03"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::111122223333:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::444455556666:root", access_key_1_active = "false", access_key_2_active = "true" },
    ]
  }

  expect {
    status = "fail"
    value  = 50
  }
}

# Ten accounts, one root with key 1 active: 100 * (10 - 1) / 10 = 90. Other
# measures would warn at 90; IAM-03 has no warning band → fail.
test "one keyed root of ten still fails" {
  measure = "IAM-03"

  evidence "iam" {
    records = [
      { user = "<root_account>", arn = "arn:aws:iam::000000000001:root", access_key_1_active = "true", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000002:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000003:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000004:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000005:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000006:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000007:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000008:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000009:root", access_key_1_active = "false", access_key_2_active = "false" },
      { user = "<root_account>", arn = "arn:aws:iam::000000000010:root", access_key_1_active = "false", access_key_2_active = "false" },
    ]
  }

  expect {
    status = "fail"
    value  = 90
  }
}

# No credential report: no records → no_data.
test "no credential report is no data for root keys" {
  measure = "IAM-03"

  evidence "iam" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# Rows but no "<root_account>" row (a report of a root row named "root"):
# 0 root users, 100 * 0 / 0 is NaN → no_data.
test "no root row is no data" {
  measure = "IAM-03"

  evidence "iam" {
    records = [
      { user = "root", arn = "arn:aws:iam::111122223333:root", access_key_1_active = "true", access_key_2_active = "false" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", access_key_1_active = "true", access_key_2_active = "false" },
    ]
  }

  expect {
    status = "no_data"
  }
}

# Same rows with root_user = "root": the keyed root is found.
# 100 * (1 - 1) / 1 = 0 → fail.
test "naming the root row finds its active key" {
  measure = "IAM-03"
  params  = { root_user = "root" }

  evidence "iam" {
    records = [
      { user = "root", arn = "arn:aws:iam::111122223333:root", access_key_1_active = "true", access_key_2_active = "false" },
      { user = "alice", arn = "arn:aws:iam::111122223333:user/alice", access_key_1_active = "true", access_key_2_active = "false" },
    ]
  }

  expect {
    status = "fail"
    value  = 0
  }
}
