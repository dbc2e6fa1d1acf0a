package lang

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var (
	dayWeek = regexp.MustCompile(`^(\d+)([dw])$`)
	iso8601 = regexp.MustCompile(`^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)
)

// ParseDuration reads a duration as measure authors write them: a Go
// duration ("36h", "90m"), a count of days or weeks ("7d", "2w"), or an
// ISO 8601 duration without years or months ("P30D", "PT12H", "P1W").
// Years and months have no fixed length, so they are refused.
func ParseDuration(s string) (time.Duration, error) {
	if m := dayWeek.FindStringSubmatch(s); m != nil {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || n > 100000 {
			return 0, fmt.Errorf("duration %q is out of range", s)
		}
		unit := 24 * time.Hour
		if m[2] == "w" {
			unit *= 7
		}
		return time.Duration(n) * unit, nil
	}
	if m := iso8601.FindStringSubmatch(s); m != nil && s != "P" && s != "PT" {
		return isoDuration(s, m[1:])
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: write 36h, 7d, 2w or P30D", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("duration %q is negative", s)
	}
	return d, nil
}

func isoDuration(s string, parts []string) (time.Duration, error) {
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second}
	var total time.Duration
	for i, p := range parts {
		if p == "" {
			continue
		}
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n > 1_000_000 {
			return 0, fmt.Errorf("duration %q is out of range", s)
		}
		total += time.Duration(n) * units[i]
	}
	return total, nil
}
