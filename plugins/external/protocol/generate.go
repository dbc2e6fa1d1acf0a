// Package protocol is the wire protocol between Assay and its external
// plugins: the gRPC service generated from assay.proto, and the
// go-plugin handshake both sides must agree on.
package protocol

//go:generate protoc --go_out=. --go_opt=paths=source_relative --go-grpc_out=. --go-grpc_opt=paths=source_relative assay.proto
