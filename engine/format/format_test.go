package format

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// heredocCEL is a CEL heredoc whose lines the formatter must keep byte
// for byte: odd indentation, a tab, doubled spaces and two blank lines.
const heredocCEL = `    expr = <<-CEL
      evidence.scan.filter(f,  f.severity == 'HIGH')
	      .size()   ==   0


        || params.allow_all
    CEL
`

var hclTests = []struct {
	name string
	src  string
	want string
}{
	{
		name: "formatted",
		src:  "measure \"M-1\" {\n  title = \"t\"\n  type  = \"performance\"\n}\n",
		want: "measure \"M-1\" {\n  title = \"t\"\n  type  = \"performance\"\n}\n",
	},
	{
		name: "misaligned attributes",
		src:  "measure \"M-1\" {\n  title = \"t\"\n  information_need   =    \"n\"\n    type = \"performance\"\n}\n",
		want: "measure \"M-1\" {\n  title            = \"t\"\n  information_need = \"n\"\n  type             = \"performance\"\n}\n",
	},
	{
		name: "extra blank lines",
		src:  "\n\n# head\n\n\n\na = 1\n\n\nb = 2\n\n\n",
		want: "# head\n\na = 1\n\nb = 2\n",
	},
	{
		name: "tabs",
		src:  "source \"s\" {\n\tplugin = \"file\"\n\tconfig {\n\t\tpaths = [\"e.json\"]\n\t}\n}\n",
		want: "source \"s\" {\n  plugin = \"file\"\n  config {\n    paths = [\"e.json\"]\n  }\n}\n",
	},
	{
		name: "spacing in expressions",
		src:  "a = [\"x\",\"y\" ]\nb = {k=1}\nc = foo( 1,2 )\n",
		want: "a = [\"x\", \"y\"]\nb = { k = 1 }\nc = foo(1, 2)\n",
	},
	{
		name: "trailing spaces and no final newline",
		src:  "a = 1   \nb = 2",
		want: "a = 1\nb = 2\n",
	},
	{
		name: "heredoc",
		src:  "measure \"M-1\" {\n  indicator {\n  unit=\"count\"\n" + heredocCEL + "  }\n}\n",
		want: "measure \"M-1\" {\n  indicator {\n    unit = \"count\"\n" + heredocCEL + "  }\n}\n",
	},
	{
		name: "quoted CEL",
		src:  "expr   = \"size(x)  ==  0 &&\\ty != 'a  b' || z.exists(e,e>1) && w == \\\"q\\\" && s == '$${x}'\"\n",
		want: "expr = \"size(x)  ==  0 &&\\ty != 'a  b' || z.exists(e,e>1) && w == \\\"q\\\" && s == '$${x}'\"\n",
	},
	{
		name: "blank lines inside a block comment",
		src:  "/*\n  a\n\n\n  b\n*/\nx=1\n",
		want: "/*\n  a\n\n\n  b\n*/\nx = 1\n",
	},
	{
		name: "empty",
		src:  "\n\n",
		want: "",
	},
}

func TestHCL(t *testing.T) {
	for _, tc := range hclTests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := HCL("m.hcl", []byte(tc.src))
			if err != nil {
				t.Fatalf("HCL(%q) error: %v", tc.src, err)
			}
			if string(got) != tc.want {
				t.Errorf("HCL(%q) =\n%s\nwant\n%s\n%s", tc.src, got, tc.want, Unified("want", "got", []byte(tc.want), got))
			}
			checkIdempotent(t, "m.hcl", got)
			checkSameTokens(t, []byte(tc.src), got)
		})
	}
}

// TestHCLKeepsHeredoc checks that a heredoc's lines, CEL included, come
// out exactly as they went in, wherever the heredoc sits.
func TestHCLKeepsHeredoc(t *testing.T) {
	src := "m \"x\" {\nb {\n" + heredocCEL + "}\n}\n"
	got, err := HCL("m.hcl", []byte(src))
	if err != nil {
		t.Fatalf("HCL error: %v", err)
	}
	body := heredocCEL[strings.Index(heredocCEL, "\n")+1:]
	if !strings.Contains(string(got), body) {
		t.Errorf("HCL(%q) =\n%s\nwant the heredoc lines\n%s", src, got, body)
	}
}

func TestHCLSyntaxError(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{name: "unclosed block", src: "measure \"M-1\" {\n  title = \"t\"\n", want: "m.hcl:1:15: Unclosed configuration block"},
		{name: "missing operand", src: "a = 1 +\n", want: "m.hcl:1:8: Invalid expression"},
		{name: "split string", src: "a = \"x\n\"\n", want: "m.hcl:1:7: Invalid multi-line string"},
		{name: "not UTF-8", src: "a = 1\nb = \"\xe8\"\n c = 2\n", want: "m.hcl:2:6: Invalid character encoding"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := HCL("m.hcl", []byte(tc.src))
			checkSyntaxError(t, got, err, tc.want)
		})
	}
}

var regoTests = []struct {
	name string
	src  string
	want string
}{
	{
		name: "formatted",
		src:  "package assay.p\n\nallow if input.x == 1\n",
		want: "package assay.p\n\nallow if input.x == 1\n",
	},
	{
		name: "bad indentation and spacing",
		src:  "package assay.p\n\n\n\nallow   if {\n  input.x==1\n      input.y  = 2\n}\n",
		want: "package assay.p\n\nallow if {\n\tinput.x == 1\n\tinput.y = 2\n}\n",
	},
	{
		name: "partial set rule",
		src:  "package assay.p\nfindings contains f if {\n    some f in input.evidence.scan\n    f.severity==\"HIGH\"\n}\n",
		want: "package assay.p\n\nfindings contains f if {\n\tsome f in input.evidence.scan\n\tf.severity == \"HIGH\"\n}\n",
	},
}

func TestRego(t *testing.T) {
	for _, tc := range regoTests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Rego("p.rego", []byte(tc.src))
			if err != nil {
				t.Fatalf("Rego(%q) error: %v", tc.src, err)
			}
			if string(got) != tc.want {
				t.Errorf("Rego(%q) =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
			checkIdempotent(t, "p.rego", got)
		})
	}
}

func TestRegoSyntaxError(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{name: "rule without if", src: "package p\n\nallow {\n\tinput.x\n}\n", want: "p.rego:3:1: Rego parse error: `if` keyword is required"},
		{name: "partial set without contains", src: "package p\n\ndeny[msg] {\n\tmsg := 1\n}\n", want: "p.rego:3:1: Rego parse error"},
		{name: "missing value", src: "package p\n\nx := \n", want: "p.rego:4:1: Rego parse error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Rego("p.rego", []byte(tc.src))
			checkSyntaxError(t, got, err, tc.want)
		})
	}
}

func TestFile(t *testing.T) {
	tests := []struct {
		name      string
		path      string
		src       string
		want      string
		supported bool
	}{
		{name: "measure", path: "m/a.hcl", src: "a=1\n", want: "a = 1\n", supported: true},
		{name: "measure test", path: "m/a_test.hcl", src: "a=1\n", want: "a = 1\n", supported: true},
		{name: "policy", path: "p/a.rego", src: "package p\nx:=1\n", want: "package p\n\nx := 1\n", supported: true},
		{name: "other file", path: "README.md", src: "a=1\n\n\n", want: "a=1\n\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := File(tc.path, []byte(tc.src))
			if err != nil {
				t.Fatalf("File(%q) error: %v", tc.path, err)
			}
			if string(got) != tc.want {
				t.Errorf("File(%q, %q) = %q, want %q", tc.path, tc.src, got, tc.want)
			}
			if got := Supported(tc.path); got != tc.supported {
				t.Errorf("Supported(%q) = %v, want %v", tc.path, got, tc.supported)
			}
		})
	}
}

// TestRepositoryFormatted checks that the shipped measures and policies
// are in canonical form, and that formatting them twice changes nothing
// more than formatting them once.
func TestRepositoryFormatted(t *testing.T) {
	files := 0
	for _, root := range []string{"../../measures", "../../policies"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !Supported(path) {
				return err
			}
			files++
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			got, err := File(path, src)
			if err != nil {
				t.Errorf("File(%s) error: %v", path, err)
				return nil
			}
			if string(got) != string(src) {
				t.Errorf("%s is not formatted; run assay fmt -w:\n%s", path, Unified("a/"+path, "b/"+path, src, got))
			}
			checkIdempotent(t, path, got)
			return nil
		})
		if err != nil {
			t.Fatalf("walking %s: %v", root, err)
		}
	}
	if files < 10 {
		t.Fatalf("found %d measure and policy files, want at least 10", files)
	}
}

// FuzzHCL checks that whatever HCL parses formats to a fixed point and
// changes only whitespace.
func FuzzHCL(f *testing.F) {
	for _, tc := range hclTests {
		f.Add(tc.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got, err := HCL("m.hcl", []byte(src))
		if err != nil {
			return
		}
		checkIdempotent(t, "m.hcl", got)
		checkSameTokens(t, []byte(src), got)
	})
}

// checkIdempotent fails the test when formatting formatted text again
// changes it.
func checkIdempotent(t *testing.T, path string, formatted []byte) {
	t.Helper()
	again, err := File(path, formatted)
	if err != nil {
		t.Fatalf("File(%s) on formatted text error: %v", path, err)
	}
	if string(again) != string(formatted) {
		t.Errorf("File(%s) is not idempotent:\n%s", path, Unified("once", "twice", formatted, again))
	}
}

// checkSameTokens fails the test when formatting changed any HCL token
// other than a newline, or a comment's closing newline: only whitespace
// may change.
func checkSameTokens(t *testing.T, src, formatted []byte) {
	t.Helper()
	a, b := significantTokens(src), significantTokens(formatted)
	if strings.Join(a, "\x00") != strings.Join(b, "\x00") {
		t.Errorf("formatting changed tokens:\n%q\nto\n%q", a, b)
	}
}

func significantTokens(src []byte) []string {
	tokens, _ := hclsyntax.LexConfig(src, "m.hcl", hcl.InitialPos)
	var out []string
	for _, tok := range tokens {
		switch tok.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		case hclsyntax.TokenComment:
			out = append(out, strings.TrimRight(string(tok.Bytes), "\r\n"))
		default:
			out = append(out, string(tok.Bytes))
		}
	}
	return out
}

// checkSyntaxError fails the test unless err is a *SyntaxError whose
// message starts with want and no text came back.
func checkSyntaxError(t *testing.T, got []byte, err error, want string) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error = %v, want a *SyntaxError", err)
	}
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want it to start with %q", err, want)
	}
	if got != nil {
		t.Errorf("text = %q, want none", got)
	}
}
