package store

import (
	"context"
	"strings"
	"testing"
)

// TestPostgres runs the suite against the server in
// ASSAY_TEST_POSTGRES, each case in a schema of its own.
func TestPostgres(t *testing.T) {
	postgresDSN(t) // fail in CI, skip elsewhere, before any subtest
	runSuite(t, postgresBackend)
}

func TestPostgresErrorHidesPassword(t *testing.T) {
	dsn := "postgres://assay:s3cret-pw@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"
	s, err := Open(context.Background(), dsn)
	if err == nil {
		s.Close()
		t.Fatal("open of a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cret-pw") {
		t.Errorf("error shows the password: %v", err)
	}
}
