package sdk

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/plugins/external/protocol"
)

var schema = []Attribute{
	{Name: "folder", Type: String, Required: true},
	{Name: "depth", Type: Number},
	{Name: "recursive", Type: Bool},
	{Name: "include", Type: ListString},
	{Name: "labels", Type: MapString},
}

func TestDecodeConfig(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    map[string]any
		wantErr string
	}{
		{
			name: "every type",
			json: `{"folder":"e","depth":2.5,"recursive":true,"include":["a","b"],"labels":{"team":"sec"}}`,
			want: map[string]any{
				"folder": "e", "depth": 2.5, "recursive": true,
				"include": []string{"a", "b"}, "labels": map[string]string{"team": "sec"},
			},
		},
		{name: "unset attributes are absent", json: `{"folder":"e"}`, want: map[string]any{"folder": "e"}},
		{name: "empty object", json: `{}`, want: map[string]any{}},
		{name: "unknown attribute", json: `{"folder":"e","color":"red"}`, wantErr: "attribute color is not in the schema"},
		{name: "wrong type", json: `{"depth":"deep"}`, wantErr: "attribute depth: json: cannot unmarshal string"},
		{name: "null", json: `{"folder":null}`, wantErr: "attribute folder: value is null"},
		{name: "not an object", json: `[1]`, wantErr: "json: cannot unmarshal array"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeConfig(schema, []byte(tc.json))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("decodeConfig(%s) = %v, %v, want error containing %q", tc.json, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("decodeConfig(%s) = %#v, %v, want %#v", tc.json, got, err, tc.want)
			}
		})
	}
}

func TestServerDescribe(t *testing.T) {
	s := &server{p: Plugin{Name: "inv", Version: "0.1.0", Schema: []Attribute{
		{Name: "token", Type: String, Required: true, Sensitive: true, Description: "API token"},
	}}}
	got, err := s.Describe(context.Background(), &protocol.DescribeRequest{})
	if err != nil {
		t.Fatal(err)
	}
	a := got.GetSchema()
	if got.GetName() != "inv" || got.GetVersion() != "0.1.0" || len(a) != 1 ||
		a[0].GetName() != "token" || a[0].GetType() != "string" || !a[0].GetRequired() ||
		!a[0].GetSensitive() || a[0].GetDescription() != "API token" {
		t.Errorf("Describe = %v", got)
	}
}

func TestServerCollect(t *testing.T) {
	tests := []struct {
		name      string
		config    string
		collect   func(context.Context, map[string]any) ([]File, error)
		wantFiles []string
		wantErr   string
		wantInput bool
	}{
		{
			name:   "files",
			config: `{"folder":"e"}`,
			collect: func(_ context.Context, cfg map[string]any) ([]File, error) {
				return []File{{Name: cfg["folder"].(string) + "/a.csv", MediaType: MediaCSV, Data: []byte("a\n")}}, nil
			},
			wantFiles: []string{"e/a.csv text/csv a\n"},
		},
		{
			name:   "error",
			config: `{"folder":"e"}`,
			collect: func(context.Context, map[string]any) ([]File, error) {
				return nil, errors.New("server said 500")
			},
			wantErr: "server said 500",
		},
		{
			name:   "input error",
			config: `{"folder":"e"}`,
			collect: func(context.Context, map[string]any) ([]File, error) {
				return nil, fmt.Errorf("wrapped: %w", InputError(errors.New("no folder e")))
			},
			wantErr: "wrapped: no folder e", wantInput: true,
		},
		{
			name:    "bad config",
			config:  `{"folder":1}`,
			wantErr: "config: attribute folder: json: cannot unmarshal number",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &server{p: Plugin{Name: "t", Schema: schema, Collect: tc.collect}}
			resp, err := s.Collect(context.Background(), &protocol.CollectRequest{ConfigJson: []byte(tc.config)})
			if err != nil {
				t.Fatalf("Collect = %v, want errors in the response", err)
			}
			var files []string
			for _, f := range resp.GetFiles() {
				files = append(files, f.GetName()+" "+f.GetMediaType()+" "+string(f.GetData()))
			}
			if !reflect.DeepEqual(files, tc.wantFiles) || !strings.HasPrefix(resp.GetError(), tc.wantErr) ||
				(tc.wantErr == "") != (resp.GetError() == "") || resp.GetInputError() != tc.wantInput {
				t.Errorf("Collect = files %q, error %q, input %v; want %q, %q, %v",
					files, resp.GetError(), resp.GetInputError(), tc.wantFiles, tc.wantErr, tc.wantInput)
			}
		})
	}
}

func TestServerCollectHonoursTimeout(t *testing.T) {
	var deadline time.Time
	s := &server{p: Plugin{Name: "t", Collect: func(ctx context.Context, _ map[string]any) ([]File, error) {
		deadline, _ = ctx.Deadline()
		return nil, nil
	}}}
	start := time.Now()
	if _, err := s.Collect(context.Background(), &protocol.CollectRequest{ConfigJson: []byte(`{}`), TimeoutMs: 1500}); err != nil {
		t.Fatal(err)
	}
	if left := deadline.Sub(start); left < 1500*time.Millisecond || left > 2500*time.Millisecond {
		t.Errorf("Collect's context ends %s after the call, want 1.5s", left)
	}
}

func TestInputErrorOfNil(t *testing.T) {
	if err := InputError(nil); err != nil {
		t.Errorf("InputError(nil) = %v, want nil", err)
	}
}

func TestServeRejectsABadPlugin(t *testing.T) {
	collect := func(context.Context, map[string]any) ([]File, error) { return nil, nil }
	tests := []struct {
		name string
		p    Plugin
		want string
	}{
		{name: "no name", p: Plugin{Collect: collect}, want: "sdk.Serve: plugin has no name"},
		{name: "no collect", p: Plugin{Name: "x"}, want: "sdk.Serve: plugin x has no Collect function"},
		{name: "reserved", p: Plugin{Name: "x", Collect: collect, Schema: []Attribute{{Name: "timeout", Type: String}}},
			want: "sdk.Serve: plugin x: attribute timeout is reserved for the host"},
		{name: "twice", p: Plugin{Name: "x", Collect: collect, Schema: []Attribute{{Name: "a", Type: String}, {Name: "a", Type: Bool}}},
			want: "sdk.Serve: plugin x: attribute a is declared twice"},
		{name: "bad type", p: Plugin{Name: "x", Collect: collect, Schema: []Attribute{{Name: "a", Type: "list(number)"}}},
			want: `sdk.Serve: plugin x: attribute a has type "list(number)"; want string, number, bool, list(string) or map(string)`},
		{name: "bad name", p: Plugin{Name: "x", Collect: collect, Schema: []Attribute{{Name: "2fa", Type: Bool}}},
			want: `sdk.Serve: plugin x: attribute name "2fa" is not an identifier (a letter, then letters, digits, _ or -)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if got := recover(); got != tc.want {
					t.Errorf("Serve panicked with %v, want %q", got, tc.want)
				}
			}()
			Serve(tc.p)
		})
	}
}
