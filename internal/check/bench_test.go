package check

import (
	"context"
	"os"
	"testing"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// shipped builds the repository's own site.
func shipped(tb testing.TB) (*build.Result, build.Options) {
	tb.Helper()
	opts := build.Options{Source: os.DirFS("../.."), Theme: templates.FS, Static: static.FS}
	var files build.Files
	res, err := build.Build(context.Background(), opts, &files)
	if err != nil {
		tb.Fatal(err)
	}
	res.Files = files.Sorted()
	return res, opts
}

// BenchmarkBuild is the baseline: what serve already pays on each change.
func BenchmarkBuild(b *testing.B) {
	_, opts := shipped(b)
	for b.Loop() {
		if _, err := build.Build(context.Background(), opts, &build.Files{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun is what serve adds to each build to show the problems.
func BenchmarkRun(b *testing.B) {
	res, opts := shipped(b)
	for b.Loop() {
		Run(res, Options{Source: opts.Source})
	}
}
