package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sourcegraph/jsonrpc2"
)

// maxMessage bounds one message's body; an editor's largest is a whole
// document, far below it.
const maxMessage = 64 << 20

// invalidMethod stands in for a message whose body is not JSON-RPC: a
// notification no handler knows, so the server skips it and goes on.
const invalidMethod = "$/assay/invalidMessage"

// codec frames messages with Content-Length headers, as LSP does, and
// reads each body whole before decoding it. A body that is not valid
// JSON then costs only that message, instead of the connection, since
// the next message still starts where the framing says.
type codec struct {
	jsonrpc2.VSCodeObjectCodec // writing is the standard framing
}

// ReadObject reads one framed message into v.
func (codec) ReadObject(stream *bufio.Reader, v any) error {
	n, err := readHeaders(stream)
	if err != nil {
		return err
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(stream, body); err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return json.Unmarshal([]byte(`{"jsonrpc":"2.0","method":"`+invalidMethod+`"}`), v)
	}
	return nil
}

// readHeaders reads the header lines up to the blank one and returns
// the Content-Length. Broken framing is an error: after it, nothing
// tells where the next message starts.
func readHeaders(r *bufio.Reader) (int, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return 0, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessage {
				return 0, fmt.Errorf("lsp: bad Content-Length %q", value)
			}
			length = n
		}
	}
	if length < 0 {
		return 0, fmt.Errorf("lsp: message without Content-Length")
	}
	return length, nil
}
