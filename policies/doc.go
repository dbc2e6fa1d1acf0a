// Package policies holds the Rego library that the shipped measures
// use, one folder an area, each policy beside its _test.rego file. The
// Go package exists only to run those Rego tests with go test.
package policies
