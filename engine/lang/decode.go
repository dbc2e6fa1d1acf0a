package lang

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
)

func (d *decoder) source(block *hcl.Block, dir string) *Source {
	s := &Source{Name: block.Labels[0], Dir: dir, DeclRange: block.DefRange}
	d.checkName("source", s.Name, block.LabelRanges[0])
	content := d.content(block.Body, sourceSchema)
	s.Plugin = d.str(content.Attributes, "plugin")
	if a, ok := content.Attributes["plugin"]; ok {
		s.PluginRange = a.Expr.Range()
	}
	if text := d.duration(content.Attributes, "max_age"); text != "" {
		s.MaxAge, _ = ParseDuration(text)
		s.MaxAgeText = text
	}
	s.Config = hcl.EmptyBody()
	for i, b := range content.Blocks {
		if i > 0 {
			d.duplicateBlock(b)
			continue
		}
		s.Config = b.Body
	}
	return s
}

func (d *decoder) duplicateBlock(b *hcl.Block) {
	d.errorf(b.DefRange, "Duplicate "+b.Type+" block", "Only one %s block is allowed here.", b.Type)
}

func (d *decoder) measure(block *hcl.Block, file string) *Measure {
	m := &Measure{ID: block.Labels[0], File: file, DeclRange: block.DefRange}
	if m.ID == "" {
		d.errorf(block.LabelRanges[0], "Invalid measure ID", "A measure ID must not be empty.")
	}
	content := d.content(block.Body, measureSchema)
	a := content.Attributes
	m.Title = d.str(a, "title")
	m.Description = d.str(a, "description")
	m.InformationNeed = d.str(a, "information_need")
	m.Type = d.enum(a, "type", "", "performance", "effectiveness")
	m.Version = d.str(a, "version")
	m.Controls = d.strList(a, "controls")
	m.Clauses = d.strList(a, "clauses")
	m.Interpretation = d.str(a, "interpretation")
	m.AllowEmptyEvidence = d.boolean(a, "allow_empty_evidence")
	m.Enforcement = d.enum(a, "enforcement", "hard", "advisory", "soft", "hard")
	m.OnNoData = d.enum(a, "on_no_data", "fail", "fail", "warn", "pass")
	m.OnError = d.enum(a, "on_error", "fail", "fail", "warn", "pass")
	m.OnStale = d.enum(a, "on_stale", "fail", "fail", "warn", "pass")
	if attr, ok := a["evidence"]; ok {
		m.Evidence = d.sourceRefs(attr)
	}
	d.measureBlocks(m, content.Blocks, filepath.Dir(file))
	d.checkMeasureNames(m)
	return m
}

func (d *decoder) measureBlocks(m *Measure, blocks hcl.Blocks, dir string) {
	seen := map[string]bool{}
	for _, b := range blocks {
		if b.Type == "responsible" || b.Type == "frequency" || b.Type == "indicator" || b.Type == "decision" {
			if seen[b.Type] {
				d.duplicateBlock(b)
				continue
			}
			seen[b.Type] = true
		}
		switch b.Type {
		case "responsible":
			m.Responsible = d.responsible(b)
		case "frequency":
			m.Frequency = d.frequency(b)
		case "param":
			m.Params = append(m.Params, d.param(b))
		case "policy":
			m.Policies = append(m.Policies, d.policy(b, dir))
		case "base_measure":
			m.Base = append(m.Base, d.quantity(b, baseSchema))
		case "derived_measure":
			m.Derived = append(m.Derived, d.quantity(b, derivedSchema))
		case "indicator":
			m.Indicator = d.indicator(b)
		case "decision":
			m.Decision = d.decision(b)
		}
	}
	if len(m.Base) == 0 {
		d.errorf(m.DeclRange, "Missing base_measure block", "Measure %q needs at least one base_measure block.", m.ID)
	}
	if m.Indicator == nil {
		d.errorf(m.DeclRange, "Missing indicator block", "Measure %q needs an indicator block.", m.ID)
	}
	if m.Decision == nil {
		d.errorf(m.DeclRange, "Missing decision block", "Measure %q needs a decision block.", m.ID)
	}
}

// sourceRefs reads the evidence list: references of the form source.NAME.
func (d *decoder) sourceRefs(attr *hcl.Attribute) []SourceRef {
	exprs, diags := hcl.ExprList(attr.Expr)
	if diags.HasErrors() {
		d.errorf(attr.Expr.Range(), "Invalid evidence list", "The evidence attribute must be a list of source references, such as [source.trivy].")
		return nil
	}
	var refs []SourceRef
	for _, e := range exprs {
		trav, diags := hcl.AbsTraversalForExpr(e)
		name, ok := "", false
		if !diags.HasErrors() && len(trav) == 2 && trav.RootName() == "source" {
			if attrStep, isAttr := trav[1].(hcl.TraverseAttr); isAttr {
				name, ok = attrStep.Name, true
			}
		}
		if !ok {
			d.errorf(e.Range(), "Invalid evidence reference", "Each evidence entry must be a source reference such as source.trivy.")
			continue
		}
		refs = append(refs, SourceRef{Name: name, Range: e.Range()})
	}
	if len(refs) == 0 && !diags.HasErrors() {
		d.errorf(attr.Expr.Range(), "No evidence", "A measure needs at least one evidence source.")
	}
	return refs
}

func (d *decoder) responsible(b *hcl.Block) Responsible {
	content := d.content(b.Body, responsibleSchema)
	a := content.Attributes
	return Responsible{
		Owner:        d.str(a, "owner"),
		Collector:    d.str(a, "collector"),
		Communicator: d.str(a, "communicator"),
		Reviewer:     d.str(a, "reviewer"),
		Client:       d.str(a, "client"),
	}
}

func (d *decoder) frequency(b *hcl.Block) Frequency {
	content := d.content(b.Body, frequencySchema)
	a := content.Attributes
	return Frequency{
		Collect: d.duration(a, "collect"),
		Analyse: d.duration(a, "analyse"),
		Report:  d.duration(a, "report"),
		Review:  d.duration(a, "review"),
	}
}

func (d *decoder) param(b *hcl.Block) *Param {
	p := &Param{Name: b.Labels[0], DeclRange: b.DefRange}
	d.checkName("parameter", p.Name, b.LabelRanges[0])
	content := d.content(b.Body, paramSchema)
	p.Description = d.str(content.Attributes, "description")
	if attr, ok := content.Attributes["default"]; ok {
		p.Default = d.paramDefault(attr)
	}
	return p
}

func (d *decoder) paramDefault(attr *hcl.Attribute) any {
	val, diags := attr.Expr.Value(nil)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return nil
	}
	if val.IsNull() {
		d.errorf(attr.Expr.Range(), "Invalid parameter default", "The default value must not be null.")
		return nil
	}
	g, err := goValue(val)
	if err != nil {
		d.errorf(attr.Expr.Range(), "Invalid parameter default", "The default value: %s.", err)
	}
	return g
}

func (d *decoder) policy(b *hcl.Block, dir string) *Policy {
	p := &Policy{Name: b.Labels[0], DeclRange: b.DefRange}
	d.checkName("policy", p.Name, b.LabelRanges[0])
	content := d.content(b.Body, policySchema)
	a := content.Attributes
	p.Query = d.str(a, "query")
	if q, ok := a["query"]; ok {
		p.QueryRange = q.Expr.Range()
	}
	mod, hasMod := a["module"]
	inline, hasInline := a["rego"]
	switch {
	case hasMod && hasInline:
		d.errorf(inline.Range, "Conflicting policy source", "A policy takes either module (a file) or rego (inline text), not both.")
	case hasMod:
		p.ModuleRange = mod.Expr.Range()
		p.ModulePath = d.modulePath(d.str(a, "module"), dir, p.ModuleRange)
	case hasInline:
		p.ModuleRange = inline.Expr.Range()
		p.Inline = d.expr(a, "rego")
	default:
		d.errorf(b.DefRange, "Missing policy source", "Policy %q needs a module (a .rego file) or rego (inline text).", p.Name)
	}
	return p
}

// modulePath finds a policy file: relative to the measure file's folder,
// then to each folder above it.
func (d *decoder) modulePath(rel, dir string, rng hcl.Range) string {
	if rel == "" {
		return ""
	}
	if filepath.IsAbs(rel) {
		if _, err := os.Stat(rel); err == nil {
			return rel
		}
	}
	abs, err := filepath.Abs(dir)
	if err == nil {
		for at := abs; ; at = filepath.Dir(at) {
			cand := filepath.Join(at, rel)
			if st, err := os.Stat(cand); err == nil && !st.IsDir() {
				return relPath(cand)
			}
			if filepath.Dir(at) == at {
				break
			}
		}
	}
	d.errorf(rng, "Policy module not found",
		"No file %s in %s or any folder above it.", rel, dir)
	return ""
}

// relPath shortens an absolute path to one relative to the working
// directory when that is possible, so messages stay readable.
func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !filepath.IsAbs(r) && len(r) < len(p) {
		return r
	}
	return p
}

func (d *decoder) quantity(b *hcl.Block, schema *hcl.BodySchema) *Quantity {
	q := &Quantity{Name: b.Labels[0], DeclRange: b.DefRange}
	d.checkName(b.Type, q.Name, b.LabelRanges[0])
	content := d.content(b.Body, schema)
	a := content.Attributes
	q.Unit = d.str(a, "unit")
	q.Description = d.str(a, "description")
	if schema == baseSchema {
		q.Method = d.enum(a, "method", "objective", "objective", "subjective")
	}
	q.Expr = d.expr(a, "expr")
	return q
}

func (d *decoder) indicator(b *hcl.Block) *Indicator {
	ind := &Indicator{DeclRange: b.DefRange}
	content := d.content(b.Body, indicatorSchema)
	a := content.Attributes
	ind.Expr = d.expr(a, "expr")
	ind.Unit = d.str(a, "unit")
	ind.Better = d.enum(a, "better", "higher", "higher", "lower")
	ind.Target = d.number(a, "target")
	return ind
}

func (d *decoder) decision(b *hcl.Block) *Decision {
	dec := &Decision{DeclRange: b.DefRange}
	content := d.content(b.Body, decisionSchema)
	dec.Pass = d.expr(content.Attributes, "pass")
	dec.Warn = d.expr(content.Attributes, "warn")
	return dec
}

// checkMeasureNames reports names used twice inside one measure. Base
// and derived measures share one namespace, as CEL sees them side by side.
func (d *decoder) checkMeasureNames(m *Measure) {
	type decl struct {
		kind string
		rng  hcl.Range
	}
	check := func(space map[string]decl, kind, name string, rng hcl.Range) {
		if prev, dup := space[name]; dup {
			d.diags = append(d.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate name",
				Detail:   fmt.Sprintf("Measure %q already has a %s named %q, at %s.", m.ID, prev.kind, name, prev.rng),
				Subject:  rng.Ptr(),
			})
			return
		}
		space[name] = decl{kind, rng}
	}
	quantities, params, policies := map[string]decl{}, map[string]decl{}, map[string]decl{}
	for _, q := range m.Base {
		check(quantities, "base_measure", q.Name, q.DeclRange)
	}
	for _, q := range m.Derived {
		check(quantities, "derived_measure", q.Name, q.DeclRange)
	}
	for _, p := range m.Params {
		check(params, "param", p.Name, p.DeclRange)
	}
	for _, p := range m.Policies {
		check(policies, "policy", p.Name, p.DeclRange)
	}
}
