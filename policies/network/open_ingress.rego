# Ingress firewall rules open to the whole internet (0.0.0.0/0 or ::/0) in
# Terraform plans (`terraform show -json`, resource_changes[].change.after).
#
# A rule is one inline ingress block of an aws_security_group, one
# aws_security_group_rule of type "ingress", or one ingress block of the
# classic aws_db_security_group / aws_redshift_security_group (which carry a
# single `cidr` and no ports). Egress rules are out of scope. Resources
# planned for deletion (after == null) are skipped.
#
# A port range is read as written; when from_port > to_port (Terraform
# accepts it in a plan) the range between the two is taken.
package assay.network

open_ingress_world := {"0.0.0.0/0", "::/0"}

open_ingress_classic_types := {"aws_db_security_group", "aws_redshift_security_group"}

open_ingress_list(x) := x if is_array(x)

open_ingress_list(x) := [] if not is_array(x)

open_ingress_after(rc) := rc.change.after if {
	is_object(rc.change.after)
}

# Where a plan is (its file), so that the same address in two plans is two
# rules, and findings point at their plan.
open_ingress_location(p) := object.get(input, ["locations", "terraform", p], null)

# Every ingress rule in the plans, open or not.
open_ingress_rules contains rule if {
	some p, plan in input.evidence.terraform
	some rc in plan.resource_changes
	rc.type == "aws_security_group"
	after := open_ingress_after(rc)
	some i, ing in open_ingress_list(object.get(after, "ingress", []))
	rule := {
		"address": sprintf("%s.ingress[%d]", [rc.address, i]),
		"cidrs": array.concat(
			open_ingress_list(object.get(ing, "cidr_blocks", [])),
			open_ingress_list(object.get(ing, "ipv6_cidr_blocks", [])),
		),
		"ports": [ing.from_port, ing.to_port],
		"protocol": ing.protocol,
		"location": open_ingress_location(p),
	}
}

open_ingress_rules contains rule if {
	some p, plan in input.evidence.terraform
	some rc in plan.resource_changes
	rc.type == "aws_security_group_rule"
	after := open_ingress_after(rc)
	after.type == "ingress"
	rule := {
		"address": rc.address,
		"cidrs": array.concat(
			open_ingress_list(object.get(after, "cidr_blocks", [])),
			open_ingress_list(object.get(after, "ipv6_cidr_blocks", [])),
		),
		"ports": [after.from_port, after.to_port],
		"protocol": after.protocol,
		"location": open_ingress_location(p),
	}
}

open_ingress_rules contains rule if {
	some p, plan in input.evidence.terraform
	some rc in plan.resource_changes
	rc.type in open_ingress_classic_types
	after := open_ingress_after(rc)
	some i, ing in open_ingress_list(object.get(after, "ingress", []))
	rule := {
		"address": sprintf("%s.ingress[%d]", [rc.address, i]),
		"cidrs": [c | c := ing.cidr; is_string(c)],
		"ports": [],
		"protocol": "database",
		"location": open_ingress_location(p),
	}
}

open_ingress_is_world(rule) if {
	some c in rule.cidrs
	c in open_ingress_world
}

# open_ingress_covers(rule, port) holds when the rule admits that port.
open_ingress_covers(rule, _) if rule.protocol in {"-1", "all"}

open_ingress_covers(rule, port) if {
	count(rule.ports) == 2
	min(rule.ports) <= port
	port <= max(rule.ports)
}

open_ingress_describe(rule) := "all traffic" if {
	rule.protocol in {"-1", "all"}
} else := "the database port" if {
	count(rule.ports) == 0
} else := sprintf("%s ports %d-%d", [rule.protocol, rule.ports[0], rule.ports[1]])

# Findings: ingress rules open to the internet.
world_open_ingress contains finding if {
	some rule in open_ingress_rules
	open_ingress_is_world(rule)
	finding := {
		"msg": sprintf("ingress open to %s on %s", [concat(", ", sort(rule.cidrs)), open_ingress_describe(rule)]),
		"resource": rule.address,
		"location": rule.location,
	}
}

# Number of ingress rules in the plans (the denominator).
ingress_rule_count := count(open_ingress_rules)

# Number of internet-open ingress rules that admit an administrative port
# (params.admin_ports, e.g. SSH 22 and RDP 3389).
world_open_admin_count := count({[rule.address, rule.location] |
	some rule in open_ingress_rules
	open_ingress_is_world(rule)
	some port in input.params.admin_ports
	open_ingress_covers(rule, port)
})
