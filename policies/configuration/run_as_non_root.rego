# Workloads whose containers may run as root, with the rule of the Pod
# Security Standard "restricted" profile (and Kyverno's
# require-run-as-nonroot policy): every container, init container and
# ephemeral container must end up with runAsNonRoot: true, where a
# container's own securityContext overrides the pod's.
#
# Workload kinds are params.workload_kinds; other records (Services,
# ServiceAccounts, ...) are ignored. One finding per workload, located at
# its YAML document through input.locations.
package assay.configuration

run_as_non_root_pod_spec(r) := r.spec if r.kind == "Pod"

run_as_non_root_pod_spec(r) := r.spec.jobTemplate.spec.template.spec if r.kind == "CronJob"

run_as_non_root_pod_spec(r) := r.spec.template.spec if not r.kind in {"Pod", "CronJob"}

run_as_non_root_containers(spec) := array.concat(
	array.concat(object.get(spec, "containers", []), object.get(spec, "initContainers", [])),
	object.get(spec, "ephemeralContainers", []),
)

# The container sets runAsNonRoot itself.
run_as_non_root_effective(_, c) := v if {
	v := object.get(c, ["securityContext", "runAsNonRoot"], null)
	v != null
}

# Else the pod-level value applies; unset means root is allowed.
run_as_non_root_effective(spec, c) := object.get(spec, ["securityContext", "runAsNonRoot"], false) if {
	object.get(c, ["securityContext", "runAsNonRoot"], null) == null
}

run_as_non_root_resource(r) := sprintf("%s/%s/%s", [r.metadata.namespace, r.kind, r.metadata.name]) if {
	r.metadata.namespace
} else := sprintf("%s/%s", [r.kind, r.metadata.name])

root_capable_workloads contains finding if {
	some i, r in input.evidence.workloads
	r.kind in input.params.workload_kinds
	spec := run_as_non_root_pod_spec(r)
	offenders := [name |
		some c in run_as_non_root_containers(spec)
		run_as_non_root_effective(spec, c) != true
		name := object.get(c, "name", "(unnamed)")
	]
	count(offenders) > 0
	finding := {
		"msg": sprintf("%s %s: runAsNonRoot is not true for container(s) %s", [
			r.kind, r.metadata.name, concat(", ", offenders),
		]),
		"resource": run_as_non_root_resource(r),
		# Where the manifest is, so that SARIF can point at it.
		"location": object.get(input, ["locations", "workloads", i], null),
	}
}
