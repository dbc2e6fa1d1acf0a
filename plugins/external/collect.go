package external

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/external/protocol"
)

// collector collects one configured source through its plugin.
type collector struct {
	plugin  *Plugin
	dir     string
	config  []byte
	timeout time.Duration
	secrets *plugins.Secrets
}

// Collect starts the plugin program in the source's folder, asks it for
// the files, and stops it, all within the source's timeout. A plugin
// that fails to start, crashes, or does not answer in time gives an
// *Error; an error the plugin reports itself is returned as a plain
// error, or a plugins.InputError when the plugin marks it as the
// user's. Secrets are redacted from every error and from the files'
// names and contents, so a plugin that echoes a token cannot put it in
// a bundle.
func (c *collector) Collect(ctx context.Context) ([]plugins.File, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	pr, cc, err := c.plugin.launch(c.dir, c.timeout, c.secrets)
	if err != nil {
		return nil, err
	}
	defer pr.stop()
	resp, err := cc.Collect(ctx, &protocol.CollectRequest{ConfigJson: c.config, TimeoutMs: c.timeout.Milliseconds()})
	if err != nil {
		return nil, pr.callFailed(ctx, err, c.timeout)
	}
	if msg := resp.GetError(); msg != "" {
		err := errors.New(c.secrets.Redact(fmt.Sprintf("plugin %s: %s", c.plugin.name, msg)))
		if resp.GetInputError() {
			return nil, &plugins.InputError{Err: err}
		}
		return nil, err
	}
	return c.files(resp.GetFiles())
}

// files converts the plugin's files, redacting secrets from them.
func (c *collector) files(in []*protocol.File) ([]plugins.File, error) {
	out := make([]plugins.File, len(in))
	for i, f := range in {
		if f.GetName() == "" || f.GetMediaType() == "" {
			return nil, fmt.Errorf("plugin %s sent file %d of %d without a name or media type", c.plugin.name, i+1, len(in))
		}
		out[i] = plugins.File{
			Name:      c.secrets.Redact(f.GetName()),
			MediaType: f.GetMediaType(),
			Data:      c.redact(f.GetData()),
		}
	}
	return out, nil
}

// redact returns data with secrets replaced, or data itself when it
// holds none.
func (c *collector) redact(data []byte) []byte {
	text := string(data)
	if r := c.secrets.Redact(text); r != text {
		return []byte(r)
	}
	return data
}
