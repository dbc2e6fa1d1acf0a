package verdicttest

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a TB that keeps the failure instead of stopping.
type recorder struct{ failed string }

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	if r.failed == "" {
		r.failed = fmt.Sprintf(format, args...)
	}
}

const valid = `{"schema_version": "1",
 "run": {"id": "a35a85bc-3569-83a0-a77a-204d3b174941", "as_of": "2026-12-01T00:00:00Z", "assay_version": "dev",
   "measures_digest": "sha256:bf24a3af426d58bb16a89743cfb6652a26209f14ce9e25d79ea3672a3ea7f448",
   "evidence_digest": "sha256:e0a616fe31d8afb67bbcf3d965855febf559f9819cab89369eccfa7d5a645f0f"},
 "summary": {"total": 0, "pass": 0, "warn": 0, "fail": 0, "no_data": 0, "stale": 0, "error": 0, "waived": 0},
 "verdicts": [], "notices": [],
 "gate": {"fail_on": "fail", "allow_soft": false, "passed": true, "blocking": []}}`

func TestCheck(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"valid", valid, ""},
		{"wrong schema version", strings.Replace(valid, `"schema_version": "1"`, `"schema_version": "2"`, 1), "schema_version"},
		{"unknown field", strings.Replace(valid, `"notices": []`, `"notices": [], "extra": 1`, 1), "extra"},
		{"bad digest", strings.Replace(valid, "sha256:bf24", "md5:bf24", 1), "measures_digest"},
		{"bad time", strings.Replace(valid, "2026-12-01T00:00:00Z", "yesterday", 1), "as_of"},
		{"not JSON", "{", "not JSON"},
	}
	for _, tc := range tests {
		r := &recorder{}
		Check(r, []byte(tc.doc))
		if (tc.want == "") != (r.failed == "") || !strings.Contains(r.failed, tc.want) {
			t.Errorf("%s: Check failure = %q, want one mentioning %q", tc.name, r.failed, tc.want)
		}
	}
}
