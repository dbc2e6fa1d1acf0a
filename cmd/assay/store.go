package main

import (
	"context"

	"github.com/spf13/viper"

	"github.com/assay-dev/assay/engine/store"
)

// openStore opens the run history the settings name: --store (or
// store: in assay.yaml, ASSAY_STORE), else the embedded SQLite file at
// store.DefaultPath().
func openStore(ctx context.Context, v *viper.Viper) (store.Store, error) {
	return store.Open(ctx, v.GetString("store"))
}
