package external

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/plugins"
)

func TestExcerpt(t *testing.T) {
	secrets := &plugins.Secrets{}
	secrets.Add("hunter22")
	var many []string
	for i := 1; i <= 30; i++ {
		many = append(many, fmt.Sprintf("line %d", i))
	}
	tests := []struct {
		name string
		text string
		want string
	}{
		{name: "empty", text: "\n", want: ""},
		{name: "redacted", text: "using hunter22\n", want: "using [redacted]"},
		{name: "last lines", text: strings.Join(many, "\n"), want: strings.Join(many[20:], "\n")},
		{name: "from the panic", text: "starting\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n", want: "panic: boom\n\ngoroutine 1 [running]:\nmain.main()"},
		{name: "long", text: strings.Repeat("x", 3000), want: strings.Repeat("x", showBytes) + " …"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := excerpt(tc.text, secrets); got != tc.want {
				t.Errorf("excerpt(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestTailDropsWholeLines(t *testing.T) {
	var tl tail
	secret := "s3cret-" + strings.Repeat("k", 20)
	// The oldest line holds the secret, and the tail must cut 20 bytes
	// into that line: inside the secret.
	fmt.Fprintf(&tl, "token %s %s\n", secret, strings.Repeat("y", keepBytes-56))
	fmt.Fprint(&tl, strings.Repeat("b", 40)+"\n")
	got := tl.String()
	if got != strings.Repeat("b", 40)+"\n" {
		t.Errorf("tail = %q, want only the last whole line", got)
	}
	if strings.Contains(got, "kkkk") {
		t.Errorf("tail kept a fragment of the secret: %q", got)
	}
}

func TestShortDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{2 * time.Minute, "2m"},
		{time.Hour, "1h"},
		{90 * time.Second, "1m30s"},
		{1500 * time.Millisecond, "1.5s"},
		{time.Second, "1s"},
	}
	for _, tc := range tests {
		if got := shortDuration(tc.d); got != tc.want {
			t.Errorf("shortDuration(%s) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
