package protocol

import (
	"errors"
	"fmt"
)

var types = map[string]bool{
	TypeString: true, TypeNumber: true, TypeBool: true, TypeListString: true, TypeMapString: true,
}

// CheckSchema reports the first mistake in a plugin's config schema: an
// attribute without a valid name, one declared twice, the reserved
// timeout, or a type outside the five the protocol knows.
func CheckSchema(schema []*Attribute) error {
	seen := map[string]bool{}
	for _, a := range schema {
		switch {
		case !validName(a.GetName()):
			return fmt.Errorf("attribute name %q is not an identifier (a letter, then letters, digits, _ or -)", a.GetName())
		case seen[a.GetName()]:
			return fmt.Errorf("attribute %s is declared twice", a.GetName())
		case a.GetName() == ReservedAttribute:
			return errors.New("attribute timeout is reserved for the host")
		case !types[a.GetType()]:
			return fmt.Errorf("attribute %s has type %q; want string, number, bool, list(string) or map(string)", a.GetName(), a.GetType())
		}
		seen[a.GetName()] = true
	}
	return nil
}

// validName reports whether s is an identifier as HCL spells them.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && (r < '0' || r > '9') && r != '_' && r != '-' {
			return false
		}
	}
	return true
}
