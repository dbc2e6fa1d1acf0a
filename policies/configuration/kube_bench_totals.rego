# Totals of kube-bench runs, summed over every run in the evidence.
#
# kube-bench writes a Totals object next to Controls[]. Totals is read, not
# Controls[].tests[].results[]: an export may trim results[] (the minikube
# sample keeps one result per section) while Totals keeps the real counts.
# WARN is kube-bench's status for manual checks; INFO is informational.
package assay.configuration

kube_bench_totals := {
	"pass": sum([r.Totals.total_pass | some r in input.evidence.kube_bench]),
	"fail": sum([r.Totals.total_fail | some r in input.evidence.kube_bench]),
	"warn": sum([r.Totals.total_warn | some r in input.evidence.kube_bench]),
	"info": sum([r.Totals.total_info | some r in input.evidence.kube_bench]),
	"runs": count([r | some r in input.evidence.kube_bench; r.Totals]),
}
