package lsp

import (
	"fmt"
	"strings"
	"testing"
)

func TestLifecycleErrors(t *testing.T) {
	c := startServer(t)
	if m := c.request("textDocument/hover", at("file:///x.hcl", Position{})); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Errorf("request before initialize = %+v, want error %d", m, codeServerNotInitialized)
	}
	c.call("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}}, nil)
	if m := c.request("initialize", map[string]any{"capabilities": map[string]any{}}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("second initialize = %+v, want error %d", m, codeInvalidRequest)
	}
	if m := c.request("workspace/symbol", map[string]any{"query": ""}); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unsupported request = %+v, want error %d", m, codeMethodNotFound)
	}
	if m := c.request("textDocument/hover", map[string]any{"textDocument": 3}); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("malformed params = %+v, want error %d", m, codeInvalidParams)
	}
	var h *Hover
	c.call("textDocument/hover", at("file:///nowhere/policy.rego", Position{}), &h)
	if h != nil {
		t.Errorf("hover in a .rego file = %+v, want null", h)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err == nil || !strings.Contains(err.Error(), "exit without shutdown") {
			t.Errorf("Serve after exit without shutdown = %v", err)
		}
	case <-timeAfter():
		t.Fatal("Serve did not return after exit")
	}
}

func TestServeEndsWithItsInput(t *testing.T) {
	c := startServer(t)
	c.call("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}}, nil)
	_ = c.w.Close()
	select {
	case err := <-c.done:
		if err == nil || !strings.Contains(err.Error(), "closed before exit") {
			t.Errorf("Serve after its input closed = %v", err)
		}
	case <-timeAfter():
		t.Fatal("Serve did not return when its input closed")
	}
}

// TestMalformedMessageIsSkipped sends a framed message whose body is
// not JSON: the server skips it and still answers the next request.
func TestMalformedMessageIsSkipped(t *testing.T) {
	c := startServer(t)
	c.call("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}}, nil)
	body := `{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hov`
	if _, err := c.w.Write([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))); err != nil {
		t.Fatal(err)
	}
	var h *Hover
	c.call("textDocument/hover", at("file:///nowhere/policy.rego", Position{}), &h)
	if h != nil {
		t.Errorf("hover after a malformed message = %+v, want null", h)
	}
	select {
	case err := <-c.done:
		t.Fatalf("Serve ended after a malformed message: %v", err)
	default:
	}
}
