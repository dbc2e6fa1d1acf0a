# Active IAM access keys not rotated within params.max_key_age_days at the
# run's as-of time, from AWS IAM credential reports.
#
# The report writes sentinels instead of dates: "N/A" (no key),
# "not_supported" (root password fields) and "no_information". An active
# key whose last_rotated is not a date has an unknown age and is reported.
package assay.identity

access_key_ns_per_day := ((24 * 60) * 60) * 1000000000

access_key_is_date(s) if regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}`, s)

stale_access_keys contains finding if {
	some u in input.evidence.iam
	some n in ["1", "2"]
	u[sprintf("access_key_%s_active", [n])] == "true"
	rotated := u[sprintf("access_key_%s_last_rotated", [n])]
	access_key_is_date(rotated)
	age_ns := time.parse_rfc3339_ns(input.now) - time.parse_rfc3339_ns(rotated)
	age_ns > input.params.max_key_age_days * access_key_ns_per_day
	finding := {
		"msg": sprintf("%s: access key %s last rotated %s (%d days before the as-of time, limit %d)", [
			u.user, n, rotated, floor(age_ns / access_key_ns_per_day), input.params.max_key_age_days,
		]),
		"resource": sprintf("%s#access_key_%s", [u.arn, n]),
	}
}

stale_access_keys contains finding if {
	some u in input.evidence.iam
	some n in ["1", "2"]
	u[sprintf("access_key_%s_active", [n])] == "true"
	rotated := u[sprintf("access_key_%s_last_rotated", [n])]
	not access_key_is_date(rotated)
	finding := {
		"msg": sprintf("%s: access key %s is active but its rotation date is unknown (%q)", [u.user, n, rotated]),
		"resource": sprintf("%s#access_key_%s", [u.arn, n]),
	}
}
