package assay.configuration_test

import data.assay.configuration

non_root_params := {"workload_kinds": ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]}

non_root_pod(name, pod_sc, containers) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": name},
	"spec": object.union({"containers": containers}, pod_sc),
}

non_root_findings(records) := f if {
	f := configuration.root_capable_workloads with input as {
		"evidence": {"workloads": records},
		"params": non_root_params,
	}
}

test_non_root_pod_level_true_passes if {
	p := non_root_pod("p", {"securityContext": {"runAsNonRoot": true}}, [{"name": "c"}])
	count(non_root_findings([p])) == 0
}

test_non_root_unset_everywhere_fails if {
	p := non_root_pod("p", {}, [{"name": "c"}])
	count(non_root_findings([p])) == 1
}

test_non_root_container_false_overrides_pod_true if {
	p := non_root_pod("p", {"securityContext": {"runAsNonRoot": true}}, [
		{"name": "ok"},
		{"name": "bad", "securityContext": {"runAsNonRoot": false}},
	])
	some f in non_root_findings([p])
	f.msg == "Pod p: runAsNonRoot is not true for container(s) bad"
	f.resource == "Pod/p"
}

test_non_root_container_true_overrides_pod_false if {
	p := non_root_pod("p", {"securityContext": {"runAsNonRoot": false}}, [{"name": "c", "securityContext": {"runAsNonRoot": true}}])
	count(non_root_findings([p])) == 0
}

test_non_root_init_and_ephemeral_containers_count if {
	p := object.union(
		non_root_pod("p", {"securityContext": {"runAsNonRoot": true}}, [{"name": "c"}]),
		{"spec": {"initContainers": [{"name": "init", "securityContext": {"runAsNonRoot": false}}]}},
	)
	count(non_root_findings([p])) == 1
}

test_non_root_deployment_and_cronjob_templates_are_read if {
	spec := {"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "c"}]}
	d := {"kind": "Deployment", "metadata": {"name": "d", "namespace": "shop"}, "spec": {"template": {"spec": spec}}}
	cj := {"kind": "CronJob", "metadata": {"name": "cj"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}}}}
	{f.resource | some f in non_root_findings([d, cj])} == {"CronJob/cj"}
}

test_non_root_other_kinds_are_ignored if {
	svc := {"kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": []}}
	sa := {"kind": "ServiceAccount", "metadata": {"name": "sa"}}
	count(non_root_findings([svc, sa])) == 0
}
