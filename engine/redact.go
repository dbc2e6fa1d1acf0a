package engine

import "github.com/assay-dev/assay/engine/verdict"

// redact removes secrets from the text of a report. Collected evidence
// is redacted already; this is the last guard for text that reaches a
// verdict by any other way, such as an error a library wrote.
func (s *Set) redact(r *verdict.Report) {
	red := s.secrets.Redact
	for i := range r.Verdicts {
		v := &r.Verdicts[i]
		v.Reason = red(v.Reason)
		for j := range v.Errors {
			v.Errors[j] = red(v.Errors[j])
		}
		for j := range v.Findings {
			f := &v.Findings[j]
			f.Message, f.Resource, f.File = red(f.Message), red(f.Resource), red(f.File)
		}
		for j := range v.Evidence {
			v.Evidence[j].File = red(v.Evidence[j].File)
		}
	}
	for i := range r.Notices {
		r.Notices[i].Message = red(r.Notices[i].Message)
	}
}
