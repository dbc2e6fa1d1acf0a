// Package policy compiles the Rego policies that measures use and runs
// their queries. All modules of a run are compiled together once and
// every query is prepared once; evaluation only binds the input.
//
// Policies run in a closed world: builtins that reach the network, the
// clock or randomness are removed, and a builtin error is an error
// rather than an undefined result, so a policy cannot silently pass.
package policy
