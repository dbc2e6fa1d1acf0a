package assay.configuration_test

import data.assay.configuration

kube_bench_run(p, f, w) := {
	"Controls": [{"id": "1", "tests": [{"results": [{"status": "PASS"}]}]}],
	"Totals": {"total_pass": p, "total_fail": f, "total_warn": w, "total_info": 0},
}

test_kube_bench_totals_are_summed_over_runs if {
	configuration.kube_bench_totals == {"pass": 86, "fail": 48, "warn": 63, "info": 0, "runs": 2} with input as {"evidence": {"kube_bench": [
		kube_bench_run(37, 36, 49),
		kube_bench_run(49, 12, 14),
	]}}
}

test_kube_bench_totals_not_results_are_read if {
	# one result in Controls, but the run's Totals say 49 passed
	configuration.kube_bench_totals.pass == 49 with input as {"evidence": {"kube_bench": [kube_bench_run(49, 12, 14)]}}
}

test_kube_bench_record_without_totals_is_skipped if {
	t := configuration.kube_bench_totals with input as {"evidence": {"kube_bench": [{"Controls": []}, kube_bench_run(1, 2, 3)]}}
	t.runs == 1
	t.fail == 2
}
