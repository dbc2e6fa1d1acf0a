package lang

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"24h", 24 * time.Hour, false},
		{"90m", 90 * time.Minute, false},
		{"7d", 7 * 24 * time.Hour, false},
		{"2w", 14 * 24 * time.Hour, false},
		{"P30D", 30 * 24 * time.Hour, false},
		{"PT12H", 12 * time.Hour, false},
		{"P1W", 7 * 24 * time.Hour, false},
		{"P1DT2H30M", 26*time.Hour + 30*time.Minute, false},
		{"P1M", 0, true}, // months have no fixed length
		{"P", 0, true},
		{"daily", 0, true},
		{"-5h", 0, true},
		{"", 0, true},
	}
	for _, tc := range tests {
		got, err := ParseDuration(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}
