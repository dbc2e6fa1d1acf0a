package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cast"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// fileOnlyKeys are the settings assay.yaml may hold that are no flag.
var fileOnlyKeys = []string{"measures"}

// checkConfigKeys refuses a config file key that no command knows, so
// that a misspelt setting (fial-on) is not silently ignored.
func checkConfigKeys(cmd *cobra.Command, v *viper.Viper, path string) error {
	known := map[string]bool{}
	for _, k := range fileOnlyKeys {
		known[k] = true
	}
	walkCommands(cmd.Root(), func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
	})
	var unknown []string
	for _, k := range fileKeys(v) {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return fmt.Errorf("config %s: unknown setting %s; settings are named like the flags (fail-on, evidence, as-of, ...)", path, strings.Join(unknown, ", "))
}

// fileKeys are the top-level keys the config file itself sets.
func fileKeys(v *viper.Viper) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range v.AllKeys() {
		top, _, _ := strings.Cut(k, ".")
		if v.InConfig(top) && !seen[top] {
			seen[top] = true
			out = append(out, top)
		}
	}
	return out
}

func walkCommands(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walkCommands(sub, fn)
	}
}

// checkTypes checks every setting of the command that came from the
// environment or the config file against its flag's type: flags are
// parsed strictly, and ASSAY_TIMEOUT=forever must not become zero.
func checkTypes(cmd *cobra.Command, v *viper.Viper) error {
	var errs []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || !v.IsSet(f.Name) {
			return
		}
		if err := castAs(f.Value.Type(), v.Get(f.Name)); err != nil {
			env := "ASSAY_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
			errs = append(errs, fmt.Sprintf("%s (or %s in the config file): %v", env, f.Name, err))
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

func castAs(kind string, val any) error {
	var err error
	switch kind {
	case "bool":
		_, err = cast.ToBoolE(val)
	case "int":
		_, err = cast.ToIntE(val)
	case "duration":
		_, err = cast.ToDurationE(val)
	default:
		return nil
	}
	if err != nil {
		return fmt.Errorf("%q is not a %s", fmt.Sprint(val), kind)
	}
	return nil
}
