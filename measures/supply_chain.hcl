# Supply chain: third-party components and their terms.

# ISO/IEC 27004:2016 Annex B theme 21, security in third party agreements
# (the licence is the agreement under which a component is used).
measure "SUP-01" {
  title            = "SBOM components with a declared licence"
  description      = "Share of the components listed in CycloneDX SBOMs that declare a licence (an SPDX id, a licence name or an SPDX expression). The share whose SPDX id is on the approved list is kept as a derived measure. The SBOM's own subject (metadata.component) is not counted."
  information_need = "Do we know under which terms we use every third-party component we ship?"
  type             = "performance"
  version          = "1.0.0"
  controls         = ["ISO27001:2022/A.5.32", "ISO27001:2022/A.5.21", "ISO27001:2022/A.5.19"]
  clauses          = ["9.1"]
  evidence         = [source.sbom]
  interpretation   = "A component without a licence is one we may not be allowed to ship; legal review is needed before release. approved_share below licence_coverage means components under licences the organisation has not approved."

  responsible {
    owner        = "Head of software engineering"
    collector    = "Build pipeline (CycloneDX SBOM generator)"
    communicator = "Open source programme office"
    reviewer     = "Legal counsel"
    client       = "CTO"
  }

  frequency {
    collect = "24h"
    analyse = "30d"
    report  = "90d"
    review  = "365d"
  }

  param "approved_licences" {
    default     = ["MIT", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "Unlicense", "CC0-1.0"]
    description = "SPDX ids of licences approved for use without further review."
  }

  base_measure "components" {
    unit        = "components"
    description = "Components listed in components[] of every SBOM."
    method      = "objective"
    expr        = "evidence.sbom.filter(b, has(b.components)).map(b, b.components).flatten().size()"
  }

  base_measure "with_licence" {
    unit        = "components"
    description = "Components with at least one licence entry carrying an id, a name or an expression."
    method      = "objective"
    expr        = <<-CEL
      evidence.sbom
        .filter(b, has(b.components))
        .map(b, b.components)
        .flatten()
        .filter(c, has(c.licenses) && c.licenses.exists(l,
          (has(l.license) && (has(l.license.id) || has(l.license.name))) || has(l.expression)))
        .size()
    CEL
  }

  base_measure "approved" {
    unit        = "components"
    description = "Components with a licence whose SPDX id is in approved_licences."
    method      = "objective"
    expr        = <<-CEL
      evidence.sbom
        .filter(b, has(b.components))
        .map(b, b.components)
        .flatten()
        .filter(c, has(c.licenses) && c.licenses.exists(l,
          has(l.license) && has(l.license.id) && l.license.id in params.approved_licences))
        .size()
    CEL
  }

  derived_measure "licence_coverage" {
    unit = "%"
    expr = "100.0 * with_licence / components"
  }

  derived_measure "approved_share" {
    unit = "%"
    expr = "100.0 * approved / components"
  }

  indicator {
    expr   = "licence_coverage"
    unit   = "%"
    better = "higher"
    target = 98
  }

  decision {
    pass = "value >= target"
    warn = "value >= 90.0"
  }
}
