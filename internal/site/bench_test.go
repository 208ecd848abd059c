package site_test

import (
	"os"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/site"
)

// The load stage on the benchmark corpus (internal/corpus): read, front
// matter, validation, linking and Markdown, cold; and again with a warm
// Cache, as `consort serve` does after an edit. Sizes:
// $CONSORT_BENCH_PAGES (default 1000).
//
//	CONSORT_BENCH_PAGES=10000 go test -run '^$' -bench . -benchtime 3x ./internal/site/

var benchClock = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func BenchmarkLoad(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		fsys := os.DirFS(dir)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := site.Load(fsys, site.Options{Clock: benchClock}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
	})
}

func BenchmarkLoadCached(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		fsys := os.DirFS(dir)
		cache := site.NewCache()
		if _, err := site.Load(fsys, site.Options{Clock: benchClock, Cache: cache}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := site.Load(fsys, site.Options{Clock: benchClock, Cache: cache}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
	})
}
