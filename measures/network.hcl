# Network security: firewall rules in infrastructure-as-code plans.

# ISO/IEC 27004:2016 Annex B theme 30, firewall rules.
measure "NET-01" {
  title            = "Internet-open ingress rules on administrative ports"
  description      = "Number of ingress firewall rules in Terraform plans that admit the whole internet (0.0.0.0/0 or ::/0) on an administrative port (SSH, RDP) or on all traffic. Every internet-open ingress rule, whatever its port, is listed as a finding for review; the share of such rules among all ingress rules is kept as a derived measure."
  information_need = "Are remote administration services of our cloud hosts reachable from anywhere on the internet?"
  type             = "effectiveness"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.8.20", "ISO27001:2022/A.8.22", "ISO27001:2022/A.8.9"]
  clauses          = ["9.1"]
  evidence         = [source.terraform]
  interpretation   = "Anything above zero is an administrative service exposed to internet-wide scanning and brute force: restrict the source range, or reach the host through a bastion or session manager. Internet-open web ports (80, 443) are expected on load balancers and are listed only so that the rule owner confirms them. A port range is read as written; when from_port > to_port the range between the two is taken."

  responsible {
    owner        = "Head of cloud operations"
    collector    = "CI pipeline (terraform show -json of each plan)"
    communicator = "Network security engineer"
    reviewer     = "Internal audit"
    client       = "CISO"
  }

  frequency {
    collect = "24h"
    analyse = "7d"
    report  = "30d"
    review  = "365d"
  }

  param "admin_ports" {
    default     = [22, 3389]
    description = "Ports of remote administration services (SSH, RDP)."
  }

  policy "world_open" {
    module = "policies/network/open_ingress.rego"
    query  = "data.assay.network.world_open_ingress"
  }

  policy "ingress_rules" {
    module = "policies/network/open_ingress.rego"
    query  = "data.assay.network.ingress_rule_count"
  }

  policy "world_open_admin" {
    module = "policies/network/open_ingress.rego"
    query  = "data.assay.network.world_open_admin_count"
  }

  base_measure "ingress_rules" {
    unit        = "rules"
    description = "Ingress rules in the plans: inline ingress blocks of aws_security_group, aws_security_group_rule of type ingress, ingress blocks of aws_db_security_group and aws_redshift_security_group."
    method      = "objective"
    expr        = "double(policy.ingress_rules)"
  }

  base_measure "world_open" {
    unit        = "rules"
    description = "Ingress rules open to 0.0.0.0/0 or ::/0 (policy findings)."
    method      = "objective"
    expr        = "size(policy.world_open)"
  }

  base_measure "world_open_admin" {
    unit        = "rules"
    description = "Of those, rules that admit an administrative port or all traffic."
    method      = "objective"
    expr        = "double(policy.world_open_admin)"
  }

  derived_measure "world_open_share" {
    unit = "%"
    expr = "100.0 * world_open / ingress_rules"
  }

  indicator {
    expr   = "world_open_admin"
    unit   = "rules"
    better = "lower"
    target = 0
  }

  decision {
    pass = "value <= target"
    warn = "value <= 1.0"
  }
}
