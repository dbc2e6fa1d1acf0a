package command

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/internal/attr"
)

// Defaults of the optional attributes.
const (
	defaultTimeout   = 60 * time.Second
	defaultKillAfter = 5 * time.Second
	defaultMaxBytes  = 64 << 20
	// cleanPath is the child's PATH unless env sets another.
	cleanPath = "/usr/bin:/bin"
)

// mediaTypes maps the format attribute to the media type of the output.
var mediaTypes = map[string]string{
	"json":   plugins.MediaJSON,
	"ndjson": plugins.MediaNDJSON,
	"yaml":   plugins.MediaYAML,
	"csv":    plugins.MediaCSV,
}

// Plugin runs a program and reads its standard output as evidence.
type Plugin struct{}

// Name returns "command".
func (Plugin) Name() string { return "command" }

// config is the command plugin's config block, as written.
type config struct {
	Program   string            `hcl:"program"`
	Args      []string          `hcl:"args,optional"`
	Format    string            `hcl:"format"`
	Env       map[string]string `hcl:"env,optional"`
	Dir       string            `hcl:"dir,optional"`
	Timeout   string            `hcl:"timeout,optional"`
	KillAfter string            `hcl:"kill_after,optional"`
	MaxBytes  *int64            `hcl:"max_bytes,optional"`
}

// settings is a checked config, with defaults filled in.
type settings struct {
	program   string
	args      []string
	media     string
	env       []string
	dir       string
	baseDir   string
	timeout   time.Duration
	killAfter time.Duration
	maxBytes  int64
	secrets   *plugins.Secrets
}

// Configure checks the config block and returns a collector for it.
func (Plugin) Configure(cfg plugins.Config) (plugins.Collector, hcl.Diagnostics) {
	var c config
	if diags := gohcl.DecodeBody(cfg.Body, cfg.EvalCtx, &c); diags.HasErrors() {
		return nil, diags
	}
	s, diags := check(cfg.Body, c)
	if diags.HasErrors() {
		return nil, diags
	}
	s.baseDir = cfg.Dir
	s.dir = resolve(cfg.Dir, c.Dir)
	s.secrets = cfg.Secrets
	if s.secrets == nil {
		s.secrets = &plugins.Secrets{}
	}
	return &collector{s: s}, nil
}

// check validates c and fills in defaults.
func check(body hcl.Body, c config) (*settings, hcl.Diagnostics) {
	if strings.TrimSpace(c.Program) == "" {
		return nil, attr.Error(body, "program", "No program", "program names the program to run, such as \"trivy\" or \"./bin/export\".")
	}
	media, ok := mediaTypes[c.Format]
	if !ok {
		return nil, attr.Error(body, "format", "Unknown output format",
			fmt.Sprintf("format %q is not one of json, ndjson, yaml or csv.", c.Format))
	}
	env, diags := childEnv(body, c.Env)
	if diags.HasErrors() {
		return nil, diags
	}
	s := &settings{program: c.Program, args: c.Args, media: media, env: env}
	if s.timeout, diags = attr.Duration(body, "timeout", c.Timeout, defaultTimeout); diags.HasErrors() {
		return nil, diags
	}
	if s.killAfter, diags = attr.Duration(body, "kill_after", c.KillAfter, defaultKillAfter); diags.HasErrors() {
		return nil, diags
	}
	s.maxBytes, diags = attr.AtLeast(body, "max_bytes", c.MaxBytes, defaultMaxBytes, 1)
	return s, diags
}

// childEnv builds the child's whole environment: PATH=/usr/bin:/bin and
// the configured variables, which may replace PATH, in name order.
func childEnv(body hcl.Body, vars map[string]string) ([]string, hcl.Diagnostics) {
	env := map[string]string{"PATH": cleanPath}
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		value := vars[name]
		if name == "" || strings.ContainsAny(name, "=\x00") || strings.ContainsRune(value, 0) {
			return nil, attr.Error(body, "env", "Invalid environment variable",
				fmt.Sprintf("%q cannot be set: names must be non-empty without = or NUL, values without NUL.", name))
		}
		env[name] = value
	}
	names := make([]string, 0, len(env))
	for n := range env {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n + "=" + env[n]
	}
	return out, nil
}

// resolve joins a relative path to base; "" stays base.
func resolve(base, p string) string {
	if p == "" {
		return base
	}
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

// commandLine is the program and its arguments as a user would type
// them, arguments with spaces or quotes quoted.
func (s *settings) commandLine() string {
	parts := []string{s.program}
	for _, a := range s.args {
		if a == "" || strings.ContainsAny(a, " \t\n\"'\\") {
			a = strconv.Quote(a)
		}
		parts = append(parts, a)
	}
	return s.secrets.Redact(strings.Join(parts, " "))
}
