package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine/store"
	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// openStore opens the run history the settings name: --store (or
// store: in assay.yaml, ASSAY_STORE), else the embedded SQLite file at
// store.DefaultPath().
func openStore(ctx context.Context, v *viper.Viper) (store.Store, error) {
	return store.Open(ctx, v.GetString("store"))
}

// openRecorded opens a store that must already hold runs, for commands
// that only read it: they never create an empty SQLite file.
func openRecorded(ctx context.Context, v *viper.Viper) (store.Store, error) {
	dsn := v.GetString("store")
	if !strings.Contains(dsn, "://") || strings.HasPrefix(dsn, "sqlite://") {
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "sqlite:")
		if path == "" {
			path = store.DefaultPath()
		}
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no run history at %s: assay eval records one (or name it with --store)", path)
		}
	}
	return openStore(ctx, v)
}

// history is the run history of an eval; empty with --no-store.
type history struct {
	st store.Store
}

func openHistory(cmd *cobra.Command, v *viper.Viper) (*history, error) {
	if v.GetBool("no-store") {
		return &history{}, nil
	}
	st, err := openStore(cmd.Context(), v)
	if err != nil {
		return nil, err
	}
	return &history{st: st}, nil
}

// measurements is what the evaluation takes as history: every measure's
// values recorded before asOf. Without a store it is nil, and verdicts
// have no trend.
func (h *history) measurements(cmd *cobra.Command, asOf time.Time) (map[string][]trend.Sample, error) {
	if h.st == nil {
		return nil, nil
	}
	return h.st.Measurements(cmd.Context(), nil, store.Query{Before: asOf})
}

func (h *history) record(cmd *cobra.Command, r *verdict.Report) error {
	if h.st == nil {
		return nil
	}
	return h.st.Record(cmd.Context(), r)
}

func (h *history) close() {
	if h.st != nil {
		h.st.Close()
	}
}
