// Package calc compiles and runs the CEL expressions of measures: the
// measurement methods of base measures, the measurement functions of
// derived measures, the analytical model of the indicator and the
// decision criteria.
//
// Every expression is parsed and type-checked once, in an environment
// that declares exactly what that expression may see, and its static
// cost is bounded before it is allowed to run. Errors point into the
// measure file through lang.Expr.
package calc
