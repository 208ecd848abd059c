package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/publish"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// The pipeline on the benchmark corpus (internal/corpus): BenchmarkPipeline
// is all of `consort build`; BenchmarkBuild is load + render + catalogue +
// feeds + static; BenchmarkMinify and BenchmarkWrite are what `consort
// build` then does with the files. Sizes: $CONSORT_BENCH_PAGES (default 1000).
//
//	CONSORT_BENCH_PAGES=10000 go test -run '^$' -bench . -benchtime 3x ./internal/build/

func benchOptions(dir string) build.Options {
	return build.Options{
		Source: os.DirFS(dir),
		Theme:  templates.FS,
		Static: static.FS,
		Site:   site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
}

func BenchmarkBuild(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := inMemory(benchOptions(dir)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
	})
}

// BenchmarkPipeline is what `consort build` does: Build into a
// publish.Writer on a fresh folder.
func BenchmarkPipeline(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			w, err := publish.Create(filepath.Join(dir, fmt.Sprintf("public-%d", i)), publish.WriteOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := build.Build(context.Background(), benchOptions(dir), w); err != nil {
				w.Abort()
				b.Fatal(err)
			}
			if err := w.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
	})
}

func BenchmarkMinify(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		res, err := rendered(benchOptions(dir))
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(res.Stats.Bytes)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := minify.Files(context.Background(), res.Files); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
	})
}

func BenchmarkWrite(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		res, err := inMemory(benchOptions(dir))
		if err != nil {
			b.Fatal(err)
		}
		files := res.Files
		out := filepath.Join(b.TempDir(), "public")
		b.SetBytes(res.Stats.Bytes)
		for b.Loop() {
			if err := publish.Write(out, files, publish.WriteOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
	})
}
