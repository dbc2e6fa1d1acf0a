# Identity and access: authentication strength and credential hygiene, from
# AWS IAM credential reports.
#
# The reports write sentinels instead of values: "N/A" (no such key or
# date), "not_supported" (the root user's password fields) and
# "no_information" (never used since tracking began). The root user is the
# row named "<root_account>"; it is measured apart from IAM users.

# ISO/IEC 27004:2016 Annex B theme 16, password quality (automated): MFA
# coverage.
measure "IAM-01" {
  title            = "Console sign-in identities protected by MFA"
  description      = "Share of identities that can sign in to the AWS console and have an MFA device: IAM users with password_enabled = true, plus each account's root user (the root user always has a console password, whatever password_enabled says)."
  information_need = "Can a stolen or guessed password alone open a console session in our cloud accounts?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.5.17", "ISO27001:2022/A.8.5", "ISO27001:2022/A.8.2"]
  clauses          = ["9.1"]
  evidence         = [source.iam]
  interpretation   = "Anything under 100 % is a password-only console login. user_mfa_share and the root counts show whether the gap is with people's IAM users or with the root users, which need hardware MFA under CIS AWS 1.6."

  responsible {
    owner        = "IAM service owner"
    collector    = "Credential report export (aws iam get-credential-report)"
    communicator = "Cloud security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "root_user" {
    default     = "<root_account>"
    description = "Value of the user column on the root user's row."
  }

  base_measure "console_users" {
    unit        = "users"
    description = "IAM users (not root) with a console password."
    method      = "objective"
    expr        = "evidence.iam.filter(u, u.user != params.root_user && u.password_enabled == 'true').size()"
  }

  base_measure "console_users_mfa" {
    unit        = "users"
    description = "Of those, users with an active MFA device."
    method      = "objective"
    expr        = "evidence.iam.filter(u, u.user != params.root_user && u.password_enabled == 'true' && u.mfa_active == 'true').size()"
  }

  base_measure "root_accounts" {
    unit        = "accounts"
    description = "Root user rows (one per account)."
    method      = "objective"
    expr        = "evidence.iam.filter(u, u.user == params.root_user).size()"
  }

  base_measure "root_accounts_mfa" {
    unit        = "accounts"
    description = "Root users with an active MFA device."
    method      = "objective"
    expr        = "evidence.iam.filter(u, u.user == params.root_user && u.mfa_active == 'true').size()"
  }

  derived_measure "user_mfa_share" {
    unit = "%"
    expr = "100.0 * console_users_mfa / console_users"
  }

  derived_measure "root_mfa_share" {
    unit = "%"
    expr = "100.0 * root_accounts_mfa / root_accounts"
  }

  # A credential report always has a root row; a report in which none is
  # found (root_user names the wrong row) cannot answer the question.
  indicator {
    expr   = "root_accounts == 0.0 ? optional.none() : optional.of(100.0 * (console_users_mfa + root_accounts_mfa) / (console_users + root_accounts))"
    unit   = "%"
    better = "higher"
    target = 100
  }

  decision {
    pass = "value >= target"
    warn = "value >= 90.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 17, review of user access rights
# (stale credentials).
measure "IAM-02" {
  title            = "Active access keys rotated within the maximum key age"
  description      = "Share of active IAM access keys (key 1 and key 2 of every row) whose last rotation is no more than max_key_age_days before the as-of time. An active key whose rotation date is a sentinel has an unknown age and counts as not rotated."
  information_need = "Are long-lived programmatic credentials replaced often enough that a leaked key stops working soon?"
  type             = "performance"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.5.17", "ISO27001:2022/A.5.18", "ISO27001:2022/A.8.5"]
  clauses          = ["9.1"]
  evidence         = [source.iam]
  interpretation   = "Each finding is a key to rotate or, better, to replace with short-lived role credentials. Keys that are old and unused (access_key_N_last_used_date) are candidates for deletion rather than rotation."

  responsible {
    owner        = "IAM service owner"
    collector    = "Credential report export (aws iam get-credential-report)"
    communicator = "Cloud security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "max_key_age_days" {
    default     = 90
    description = "Maximum age of an active access key, in days (CIS AWS Foundations 1.14)."
  }

  policy "stale_keys" {
    module = "policies/identity/access_key_age.rego"
    query  = "data.assay.identity.stale_access_keys"
  }

  base_measure "active_keys" {
    unit        = "keys"
    description = "Active access keys, key 1 and key 2 of every row."
    method      = "objective"
    expr        = "evidence.iam.map(u, [u.access_key_1_active, u.access_key_2_active]).flatten().filter(a, a == 'true').size()"
  }

  base_measure "stale_keys" {
    unit        = "keys"
    description = "Active keys older than max_key_age_days or of unknown age (policy findings)."
    method      = "objective"
    expr        = "size(policy.stale_keys)"
  }

  derived_measure "rotated_share" {
    unit = "%"
    expr = "100.0 * (active_keys - stale_keys) / active_keys"
  }

  indicator {
    expr   = "rotated_share"
    unit   = "%"
    better = "higher"
    target = 100
  }

  decision {
    pass = "value >= target"
    warn = "value >= 80.0"
  }
}

# ISO/IEC 27004:2016 Annex B theme 17, review of user access rights
# (privileged access).
measure "IAM-03" {
  title            = "Root users without access keys"
  description      = "Share of AWS accounts whose root user has no active access key (CIS AWS Foundations 1.4)."
  information_need = "Can anyone act as the all-powerful root user of an account from a script or a leaked key?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.2", "ISO27001:2022/A.5.17", "ISO27001:2022/A.5.18"]
  clauses          = ["9.1"]
  evidence         = [source.iam]
  interpretation   = "The target is 100 % with no exceptions: a root access key cannot be limited by IAM policy. Any miss is an incident to handle, not a trend to watch."

  responsible {
    owner        = "IAM service owner"
    collector    = "Credential report export (aws iam get-credential-report)"
    communicator = "Cloud security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "root_user" {
    default     = "<root_account>"
    description = "Value of the user column on the root user's row."
  }

  base_measure "root_accounts" {
    unit        = "accounts"
    description = "Root user rows (one per account)."
    method      = "objective"
    expr        = "evidence.iam.filter(u, u.user == params.root_user).size()"
  }

  base_measure "root_with_active_keys" {
    unit        = "accounts"
    description = "Root users with access key 1 or 2 active."
    method      = "objective"
    expr        = "evidence.iam.filter(u, u.user == params.root_user && (u.access_key_1_active == 'true' || u.access_key_2_active == 'true')).size()"
  }

  derived_measure "key_free_share" {
    unit = "%"
    expr = "100.0 * (root_accounts - root_with_active_keys) / root_accounts"
  }

  indicator {
    expr   = "key_free_share"
    unit   = "%"
    better = "higher"
    target = 100
  }

  # Zero tolerance: there is no warning band, anything below target fails.
  decision {
    pass = "value >= target"
  }
}
