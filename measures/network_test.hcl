# Tests of the network security measure (network.hcl): NET-01, internet-open
# ingress rules on administrative ports in Terraform plans. Records are
# `terraform show -json` plans as under testdata/evidence/terraform/:
# resource_changes[].{address, type, change.after}.
#
# NET-01's indicator is a count (world_open_admin), lower is better:
# pass <= 0, warn <= 1, else fail. Findings are every world-open ingress
# rule, admin port or not. The only no_data is a source with no plan.

# web: inline ingress 443 from 0.0.0.0/0 (world-open, not admin: 1 finding)
# and 22 from 10.0.0.0/8 (not world-open); an ingress rule on 3389 from a
# private range; an egress rule to 0.0.0.0/0 on all traffic (egress is out
# of scope). world_open_admin = 0 → pass, 1 finding.
test "only https open to the internet passes" {
  measure = "NET-01"

  evidence "terraform" {
    records = [
      {
        format_version    = "1.2"
        terraform_version = "1.6.6"
        resource_changes = [
          {
            address = "aws_security_group.web"
            type    = "aws_security_group"
            change = {
              actions = ["create"]
              after = {
                name   = "web"
                egress = [{ cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 0, to_port = 0, protocol = "-1" }]
                ingress = [
                  { cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 443, to_port = 443, protocol = "tcp", description = "HTTPS" },
                  { cidr_blocks = ["10.0.0.0/8"], ipv6_cidr_blocks = [], from_port = 22, to_port = 22, protocol = "tcp", description = "SSH from the VPN" },
                ]
              }
            }
          },
          {
            address = "aws_security_group_rule.rdp_office"
            type    = "aws_security_group_rule"
            change  = { actions = ["create"], after = { type = "ingress", cidr_blocks = ["192.0.2.0/24"], ipv6_cidr_blocks = null, from_port = 3389, to_port = 3389, protocol = "tcp", security_group_id = "sg-0123" } }
          },
          {
            address = "aws_security_group_rule.all_out"
            type    = "aws_security_group_rule"
            change  = { actions = ["create"], after = { type = "egress", cidr_blocks = ["0.0.0.0/0"], from_port = 0, to_port = 0, protocol = "-1", security_group_id = "sg-0123" } }
          },
        ]
      },
    ]
  }

  expect {
    status   = "pass"
    value    = 0
    findings = 1
  }
}

# One standalone rule opens SSH to ::/0 (IPv6 any) → world_open_admin = 1,
# 1 finding. A security group planned for deletion (after = null) with SSH
# open to the world is skipped. 1 <= 1 → warn.
test "one ssh rule open to ipv6 any warns" {
  measure = "NET-01"

  evidence "terraform" {
    records = [
      {
        format_version = "1.2"
        resource_changes = [
          {
            address = "aws_security_group_rule.ssh_v6"
            type    = "aws_security_group_rule"
            change  = { actions = ["create"], after = { type = "ingress", cidr_blocks = [], ipv6_cidr_blocks = ["::/0"], from_port = 22, to_port = 22, protocol = "tcp", security_group_id = "sg-0456" } }
          },
          {
            address = "aws_security_group.old_bastion"
            type    = "aws_security_group"
            change  = { actions = ["delete"], before = { ingress = [{ cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" }] }, after = null }
          },
        ]
      },
    ]
  }

  expect {
    status   = "warn"
    value    = 1
    findings = 1
  }
}

# Two plans. Admin-open: an inline rule on all traffic (protocol "-1",
# ports 0-0) from 0.0.0.0/0, and a rule written 443 → 22 (from > to: the
# range between, 22-443, covers SSH). World-open but not admin: a
# database security group with cidr 0.0.0.0/0. world_open_admin = 2,
# 3 findings. 2 > 1 → fail.
test "all traffic and an inverted ssh range open to the internet fail" {
  measure = "NET-01"

  evidence "terraform" {
    records = [
      {
        format_version = "1.2"
        resource_changes = [
          {
            address = "aws_security_group.anything"
            type    = "aws_security_group"
            change  = { actions = ["create"], after = { name = "anything", ingress = [{ cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 0, to_port = 0, protocol = "-1" }] } }
          },
        ]
      },
      {
        format_version = "1.2"
        resource_changes = [
          {
            address = "aws_security_group.example_group_22"
            type    = "aws_security_group"
            change  = { actions = ["create"], after = { name = "tls", ingress = [{ cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 443, to_port = 22, protocol = "tcp" }] } }
          },
          {
            address = "aws_db_security_group.example_db"
            type    = "aws_db_security_group"
            change  = { actions = ["create"], after = { name = "rds_sg", ingress = [{ cidr = "0.0.0.0/0" }] } }
          },
        ]
      },
    ]
  }

  expect {
    status   = "fail"
    value    = 2
    findings = 3
  }
}

# No plan: no records → no_data.
test "no terraform plan is no data" {
  measure = "NET-01"

  evidence "terraform" {
    records = []
  }

  expect {
    status   = "no_data"
    findings = 0
  }
}

# The same plan under the default and a wider admin_ports: PostgreSQL 5432
# and HTTPS 443 open to 0.0.0.0/0 (2 findings), plus a private SSH rule so
# that ingress_rules is not 0.
# Default ports (22, 3389): world_open_admin = 0 → pass.
test "an open database port is not administrative by default" {
  measure = "NET-01"

  evidence "terraform" {
    records = [
      {
        format_version = "1.2"
        resource_changes = [
          {
            address = "aws_security_group.db"
            type    = "aws_security_group"
            change = {
              actions = ["create"]
              after = {
                name = "db"
                ingress = [
                  { cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 5432, to_port = 5432, protocol = "tcp" },
                  { cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 443, to_port = 443, protocol = "tcp" },
                  { cidr_blocks = ["10.0.0.0/8"], ipv6_cidr_blocks = [], from_port = 22, to_port = 22, protocol = "tcp" },
                ]
              }
            }
          },
        ]
      },
    ]
  }

  expect {
    status   = "pass"
    value    = 0
    findings = 2
  }
}

# admin_ports = [22, 3389, 5432]: the PostgreSQL rule now counts.
# world_open_admin = 1 → warn; findings unchanged (2).
test "adding the database port to admin ports warns" {
  measure = "NET-01"
  params  = { admin_ports = [22, 3389, 5432] }

  evidence "terraform" {
    records = [
      {
        format_version = "1.2"
        resource_changes = [
          {
            address = "aws_security_group.db"
            type    = "aws_security_group"
            change = {
              actions = ["create"]
              after = {
                name = "db"
                ingress = [
                  { cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 5432, to_port = 5432, protocol = "tcp" },
                  { cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 443, to_port = 443, protocol = "tcp" },
                  { cidr_blocks = ["10.0.0.0/8"], ipv6_cidr_blocks = [], from_port = 22, to_port = 22, protocol = "tcp" },
                ]
              }
            }
          },
        ]
      },
    ]
  }

  expect {
    status   = "warn"
    value    = 1
    findings = 2
  }
}

# Two plans (staging and production) with the same address, each opening
# SSH to 0.0.0.0/0: two rules, not one, because each plan is its own
# record. world_open_admin = 2 → fail (above the warn line of 1), 2 findings.
test "the same address in two plans counts twice" {
  measure = "NET-01"

  evidence "terraform" {
    records = [
      {
        resource_changes = [{
          address = "aws_security_group_rule.bastion_ssh"
          type    = "aws_security_group_rule"
          change  = { actions = ["create"], after = { type = "ingress", cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" } }
        }]
      },
      {
        resource_changes = [{
          address = "aws_security_group_rule.bastion_ssh"
          type    = "aws_security_group_rule"
          change  = { actions = ["create"], after = { type = "ingress", cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" } }
        }]
      },
    ]
  }

  expect {
    status   = "fail"
    value    = 2
    findings = 2
  }
}
