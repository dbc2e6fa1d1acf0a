package sdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/assay-dev/assay/plugins/external/protocol"
)

// server answers the host's calls for one Plugin.
type server struct {
	protocol.UnimplementedCollectorServer
	p Plugin
}

// Describe returns the plugin's name, version and schema.
func (s *server) Describe(context.Context, *protocol.DescribeRequest) (*protocol.DescribeResponse, error) {
	return &protocol.DescribeResponse{Name: s.p.Name, Version: s.p.Version, Schema: s.p.schema()}, nil
}

// Collect decodes the config, runs the plugin's Collect within the
// timeout the host gave, and answers with its files or its error.
func (s *server) Collect(ctx context.Context, req *protocol.CollectRequest) (*protocol.CollectResponse, error) {
	if ms := req.GetTimeoutMs(); ms > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
		defer cancel()
	}
	cfg, err := decodeConfig(s.p.Schema, req.GetConfigJson())
	if err != nil {
		return &protocol.CollectResponse{Error: "config: " + err.Error()}, nil
	}
	files, err := s.p.Collect(ctx, cfg)
	if err != nil {
		var ie *inputError
		return &protocol.CollectResponse{Error: err.Error(), InputError: errors.As(err, &ie)}, nil
	}
	out := make([]*protocol.File, len(files))
	for i, f := range files {
		out[i] = &protocol.File{Name: f.Name, MediaType: f.MediaType, Data: f.Data}
	}
	return &protocol.CollectResponse{Files: out}, nil
}

// decodeConfig turns the host's JSON object into the map Collect is
// given, each value of the Go type its attribute's type names.
func decodeConfig(schema []Attribute, data []byte) (map[string]any, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	types := make(map[string]string, len(schema))
	for _, a := range schema {
		types[a.Name] = a.Type
	}
	cfg := make(map[string]any, len(raw))
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		v := raw[name]
		typ, ok := types[name]
		if !ok {
			return nil, fmt.Errorf("attribute %s is not in the schema", name)
		}
		val, err := decodeValue(typ, v)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", name, err)
		}
		cfg[name] = val
	}
	return cfg, nil
}

// decodeValue decodes one JSON value as the Go type of typ.
func decodeValue(typ string, data json.RawMessage) (any, error) {
	switch typ {
	case String:
		return decodeAs[string](data)
	case Number:
		return decodeAs[float64](data)
	case Bool:
		return decodeAs[bool](data)
	case ListString:
		return decodeAs[[]string](data)
	case MapString:
		return decodeAs[map[string]string](data)
	}
	return nil, fmt.Errorf("unknown type %q", typ)
}

// decodeAs decodes data, which must not be null, into a T.
func decodeAs[T any](data json.RawMessage) (any, error) {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil, errors.New("value is null")
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return v, nil
}
