package external

import (
	"context"
	"fmt"

	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/external/protocol"
)

// describe returns the plugin's description, asking the program for it
// the first time and checking it: the name must be the plugin's and the
// schema valid. A failed attempt is not remembered.
func (p *Plugin) describe(secrets *plugins.Secrets) (*protocol.DescribeResponse, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.desc != nil {
		return p.desc, nil
	}
	desc, err := p.askDescription(secrets)
	if err != nil {
		return nil, err
	}
	if desc.GetName() != p.name {
		return nil, fmt.Errorf("plugin %s describes itself as %q; rename %s or the plugin", p.name, desc.GetName(), p.path)
	}
	if err := protocol.CheckSchema(desc.GetSchema()); err != nil {
		return nil, fmt.Errorf("plugin %s declares a bad schema: %w", p.name, err)
	}
	p.desc = desc
	return desc, nil
}

// askDescription runs the program and calls Describe, within the
// describe timeout.
func (p *Plugin) askDescription(secrets *plugins.Secrets) (*protocol.DescribeResponse, error) {
	timeout := p.opts.describeTimeout
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	pr, cc, err := p.launch("", timeout, secrets)
	if err != nil {
		return nil, err
	}
	defer pr.stop()
	desc, err := cc.Describe(ctx, &protocol.DescribeRequest{})
	if err != nil {
		return nil, pr.callFailed(ctx, err, timeout)
	}
	return desc, nil
}
