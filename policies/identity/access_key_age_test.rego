package assay.identity_test

import data.assay.identity

access_key_row(user, active1, rotated1, active2, rotated2) := {
	"user": user,
	"arn": sprintf("arn:aws:iam::111122223333:user/%s", [user]),
	"access_key_1_active": active1,
	"access_key_1_last_rotated": rotated1,
	"access_key_2_active": active2,
	"access_key_2_last_rotated": rotated2,
}

access_key_findings(rows) := f if {
	f := identity.stale_access_keys with input as {
		"evidence": {"iam": rows},
		"params": {"max_key_age_days": 90},
		"now": "2026-12-01T00:00:00Z",
	}
}

test_access_key_older_than_limit_is_stale if {
	r := access_key_row("a", "true", "2026-09-01T23:59:59+00:00", "false", "N/A") # 90 days and 1 s
	count(access_key_findings([r])) == 1
}

test_access_key_exactly_at_limit_is_not_stale if {
	r := access_key_row("a", "true", "2026-09-02T00:00:00Z", "false", "N/A")
	count(access_key_findings([r])) == 0
}

test_access_key_inactive_keys_are_ignored if {
	r := access_key_row("a", "false", "2020-01-01T00:00:00Z", "false", "N/A")
	count(access_key_findings([r])) == 0
}

test_access_key_both_keys_are_checked if {
	r := access_key_row("a", "true", "2020-01-01T00:00:00Z", "true", "2021-01-01T00:00:00Z")
	{f.resource | some f in access_key_findings([r])} == {
		"arn:aws:iam::111122223333:user/a#access_key_1",
		"arn:aws:iam::111122223333:user/a#access_key_2",
	}
}

test_access_key_sentinel_date_is_reported_as_unknown if {
	r := access_key_row("a", "true", "N/A", "false", "N/A")
	some f in access_key_findings([r])
	contains(f.msg, "unknown")
}

test_access_key_root_row_without_keys_is_clean if {
	root := access_key_row("<root_account>", "false", "N/A", "false", "N/A")
	count(access_key_findings([root])) == 0
}
