# Tests of the supply chain measure (supply_chain.hcl): SUP-01, SBOM
# components with a declared licence. Records are CycloneDX JSON BOMs as
# under testdata/evidence/sbom/, one record a BOM.
#
# SUP-01: 100 * components with a licence (an id, a name or an expression)
# / components, over components[] of every BOM; metadata.component is not
# counted. pass >= 98, warn >= 90, else fail.

# 3 components, each declaring a licence a different way: an SPDX id, a
# licence name, an SPDX expression. The BOM's subject has no licence and is
# not counted. 100 * 3 / 3 = 100 → pass.
test "every component with a declared licence passes" {
  measure = "SUP-01"

  evidence "sbom" {
    records = [
      {
        bomFormat   = "CycloneDX"
        specVersion = "1.4"
        version     = 1
        metadata    = { component = { type = "application", name = "shop-web", version = "2.0.0" } }
        components = [
          { type = "library", "bom-ref" = "pkg:npm/lodash@4.17.21", name = "lodash", version = "4.17.21", purl = "pkg:npm/lodash@4.17.21", licenses = [{ license = { id = "MIT" } }] },
          { type = "library", "bom-ref" = "pkg:npm/acme-ui@3.1.0", name = "acme-ui", version = "3.1.0", purl = "pkg:npm/acme-ui@3.1.0", licenses = [{ license = { name = "Acme Commercial Licence" } }] },
          { type = "library", "bom-ref" = "pkg:npm/dual@1.0.0", name = "dual", version = "1.0.0", purl = "pkg:npm/dual@1.0.0", licenses = [{ expression = "MIT OR Apache-2.0" }] },
        ]
      },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}

# Two BOMs, 10 components, 9 with a licence (left-pad has none).
# 100 * 9 / 10 = 90: below 98, exactly 90 → warn.
test "one component of ten without a licence warns" {
  measure = "SUP-01"

  evidence "sbom" {
    records = [
      {
        bomFormat   = "CycloneDX"
        specVersion = "1.4"
        components = [
          { type = "library", name = "react", version = "18.2.0", licenses = [{ license = { id = "MIT" } }] },
          { type = "library", name = "react-dom", version = "18.2.0", licenses = [{ license = { id = "MIT" } }] },
          { type = "library", name = "scheduler", version = "0.23.0", licenses = [{ license = { id = "MIT" } }] },
          { type = "library", name = "loose-envify", version = "1.4.0", licenses = [{ license = { id = "MIT" } }] },
          { type = "library", name = "js-tokens", version = "4.0.0", licenses = [{ license = { id = "MIT" } }] },
        ]
      },
      {
        bomFormat   = "CycloneDX"
        specVersion = "1.5"
        components = [
          { type = "library", name = "semver", version = "7.6.0", licenses = [{ license = { id = "ISC" } }] },
          { type = "library", name = "typescript", version = "5.4.5", licenses = [{ license = { id = "Apache-2.0" } }] },
          { type = "library", name = "esprima", version = "4.0.1", licenses = [{ license = { id = "BSD-2-Clause" } }] },
          { type = "library", name = "argparse", version = "2.0.1", licenses = [{ license = { id = "Python-2.0" } }] },
          { type = "library", name = "left-pad", version = "1.3.0" },
        ]
      },
    ]
  }

  expect {
    status = "warn"
    value  = 90
  }
}

# 4 components, 1 with a licence: no licenses key; licenses = []; a licence
# entry with only a url (no id, name or expression); MIT.
# 100 * 1 / 4 = 25 → fail.
test "components without a usable licence fail" {
  measure = "SUP-01"

  evidence "sbom" {
    records = [
      {
        bomFormat   = "CycloneDX"
        specVersion = "1.4"
        components = [
          { type = "library", name = "internal-utils", version = "0.1.0" },
          { type = "library", name = "mystery", version = "1.0.0", licenses = [] },
          { type = "library", name = "vendored", version = "2.3.4", licenses = [{ license = { url = "https://example.com/LICENSE.txt" } }] },
          { type = "library", name = "chalk", version = "5.3.0", licenses = [{ license = { id = "MIT" } }] },
        ]
      },
    ]
  }

  expect {
    status = "fail"
    value  = 25
  }
}

# No SBOM: no records → no_data.
test "no sbom is no data" {
  measure = "SUP-01"

  evidence "sbom" {
    records = []
  }

  expect {
    status = "no_data"
  }
}

# SBOMs that list no components (one without components[], one with an
# empty list), only the licensed subject: 100 * 0 / 0 is NaN → no_data.
test "an sbom without components is no data" {
  measure = "SUP-01"

  evidence "sbom" {
    records = [
      { bomFormat = "CycloneDX", specVersion = "1.4", metadata = { component = { type = "application", name = "shop-cli", version = "1.0.0", licenses = [{ license = { id = "MIT" } }] } } },
      { bomFormat = "CycloneDX", specVersion = "1.4", metadata = { component = { type = "application", name = "shop-lib", version = "1.0.0" } }, components = [] },
    ]
  }

  expect {
    status = "no_data"
  }
}

# approved_licences only feeds the base measure approved (and the derived
# approved_share), which a test cannot pin: narrowing it to MIT leaves the
# indicator, licence coverage, unchanged. 2 components, both licensed (MIT,
# GPL-3.0-only): 100 * 2 / 2 = 100 → pass, as with the default list.
test "narrowing approved licences does not change licence coverage" {
  measure = "SUP-01"
  params  = { approved_licences = ["MIT"] }

  evidence "sbom" {
    records = [
      {
        bomFormat   = "CycloneDX"
        specVersion = "1.4"
        components = [
          { type = "library", name = "chalk", version = "5.3.0", licenses = [{ license = { id = "MIT" } }] },
          { type = "library", name = "readline-gpl", version = "1.0.0", licenses = [{ license = { id = "GPL-3.0-only" } }] },
        ]
      },
    ]
  }

  expect {
    status = "pass"
    value  = 100
  }
}
