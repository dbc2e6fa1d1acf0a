package assay.network_test

import data.assay.network

open_ingress_plan(changes) := {"format_version": "0.1", "resource_changes": changes}

open_ingress_sg(name, ingress) := {
	"address": sprintf("aws_security_group.%s", [name]),
	"type": "aws_security_group",
	"change": {"actions": ["create"], "after": {"ingress": ingress, "egress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1"}]}},
}

open_ingress_rule(name, type, cidrs, from, to) := {
	"address": sprintf("aws_security_group_rule.%s", [name]),
	"type": "aws_security_group_rule",
	"change": {"actions": ["create"], "after": {"type": type, "cidr_blocks": cidrs, "ipv6_cidr_blocks": null, "from_port": from, "to_port": to, "protocol": "tcp"}},
}

open_ingress_input(changes) := {"evidence": {"terraform": [open_ingress_plan(changes)]}, "params": {"admin_ports": [22, 3389]}}

test_open_ingress_inline_blocks_are_rules if {
	sg := open_ingress_sg("web", [
		{"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "from_port": 22, "to_port": 22, "protocol": "tcp"},
		{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": [], "from_port": 443, "to_port": 443, "protocol": "tcp"},
	])
	network.ingress_rule_count == 2 with input as open_ingress_input([sg])
	count(network.world_open_ingress) == 1 with input as open_ingress_input([sg])
	network.world_open_admin_count == 1 with input as open_ingress_input([sg])
}

test_open_ingress_egress_rules_are_out_of_scope if {
	r := open_ingress_rule("out", "egress", ["0.0.0.0/0"], 0, 0)
	network.ingress_rule_count == 0 with input as open_ingress_input([r])
}

test_open_ingress_ipv6_any_is_world_open if {
	sg := open_ingress_sg("v6", [{"cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"], "from_port": 443, "to_port": 443, "protocol": "tcp"}])
	count(network.world_open_ingress) == 1 with input as open_ingress_input([sg])
}

test_open_ingress_inverted_range_covers_between if {
	r := open_ingress_rule("inv", "ingress", ["0.0.0.0/0"], 443, 22)
	network.world_open_admin_count == 1 with input as open_ingress_input([r])
}

test_open_ingress_https_only_is_not_admin if {
	r := open_ingress_rule("tls", "ingress", ["0.0.0.0/0"], 443, 443)
	network.world_open_admin_count == 0 with input as open_ingress_input([r])
	count(network.world_open_ingress) == 1 with input as open_ingress_input([r])
}

test_open_ingress_classic_db_group_counts if {
	db := {"address": "aws_db_security_group.db", "type": "aws_db_security_group", "change": {"actions": ["create"], "after": {"ingress": [{"cidr": "0.0.0.0/0"}]}}}
	some f in network.world_open_ingress with input as open_ingress_input([db])
	f.resource == "aws_db_security_group.db.ingress[0]"
	network.world_open_admin_count == 0 with input as open_ingress_input([db])
}

test_open_ingress_deleted_resources_are_skipped if {
	gone := {"address": "aws_security_group.gone", "type": "aws_security_group", "change": {"actions": ["delete"], "after": null}}
	network.ingress_rule_count == 0 with input as open_ingress_input([gone])
}
