package evidence

import (
	"math/big"
	"strconv"
)

// integer converts the digits of an integer literal in the given base,
// with an optional sign for base 10, to an int64 when it fits, else to a
// uint64 when it fits, else to the nearest float64 (which may be an
// infinity).
func integer(digits string, base int) any {
	if i, err := strconv.ParseInt(digits, base, 64); err == nil {
		return i
	}
	if u, err := strconv.ParseUint(digits, base, 64); err == nil {
		return u
	}
	if base == 10 {
		f, _ := strconv.ParseFloat(digits, 64)
		return f
	}
	n, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return digits
	}
	f, _ := new(big.Float).SetInt(n).Float64()
	return f
}

// isDigits reports whether s is one or more digits of the given base
// (8, 10 or 16).
func isDigits(s string, base int) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if digitValue(c) >= base {
			return false
		}
	}
	return true
}

// digitValue returns the value of the digit c, or 99 if c is no digit.
func digitValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}
