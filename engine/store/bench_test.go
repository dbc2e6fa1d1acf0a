package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

var benchBackends = []backend{sqliteBackend, postgresBackend}

// BenchmarkRecord records the shipped catalogue's run (18 verdicts,
// about 80 KB of JSON), a new run each iteration.
func BenchmarkRecord(b *testing.B) {
	for _, be := range benchBackends {
		b.Run(be.name, func(b *testing.B) {
			s := openT(b, be.dsn(b))
			ctx := context.Background()
			rep := catalogueRun(b, "bench", day0)
			i := 0
			for b.Loop() {
				i++
				asOf := day0.Add(time.Duration(i) * time.Minute)
				rep.Run.ID = fmt.Sprintf("bench-%d", i)
				rep.Run.AsOf = asOf.Format(time.RFC3339Nano)
				if err := s.Record(ctx, rep); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// storeOf1000 returns a store holding 1 000 daily catalogue runs.
func storeOf1000(b *testing.B, be backend) Store {
	s := openT(b, be.dsn(b))
	for i := range 1000 {
		if err := s.Record(context.Background(), catalogueRun(b, "h", day(i))); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkHistory1000 reads one measure's history of 1 000 runs.
func BenchmarkHistory1000(b *testing.B) {
	for _, be := range benchBackends {
		b.Run(be.name, func(b *testing.B) {
			s := storeOf1000(b, be)
			ctx := context.Background()
			for b.Loop() {
				ps, err := s.History(ctx, "VUL-01", Query{})
				if err != nil || len(ps) != 1000 {
					b.Fatalf("history: %d points, %v", len(ps), err)
				}
			}
		})
	}
}

// BenchmarkMeasurements1000 loads what an evaluation as of the next
// day takes as history: every catalogue measure's 1 000 values.
func BenchmarkMeasurements1000(b *testing.B) {
	for _, be := range benchBackends {
		b.Run(be.name, func(b *testing.B) {
			s := storeOf1000(b, be)
			ctx := context.Background()
			for b.Loop() {
				h, err := s.Measurements(ctx, nil, Query{Before: day(1000)})
				if err != nil || len(h["VUL-01"]) != 1000 {
					b.Fatalf("measurements: %d, %v", len(h["VUL-01"]), err)
				}
			}
		})
	}
}
