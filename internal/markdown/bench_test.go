package markdown_test

import (
	"fmt"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/markdown"
	"github.com/consort-ssg/consort/internal/site"
)

// The Markdown stage on the bodies of the benchmark corpus
// (internal/corpus), on one core, links resolved as in a build. Sizes:
// $CONSORT_BENCH_PAGES (default 1000).
//
//	go test -run '^$' -bench Corpus ./internal/markdown/
func BenchmarkConvertCorpus(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		s, err := site.Load(os.DirFS(dir), site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		conv := markdown.New(markdown.Options{})
		var size int64
		for _, p := range s.Pages {
			size += int64(len(p.Body))
		}
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range s.Pages {
				conv.Convert(p.Body, markdown.Context{Lang: p.Lang, LineOffset: p.BodyLine, Resolve: resolver(s, p)})
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s.Pages)), "ns/page")
	})
}

// resolver resolves links to the URL of the target page, as Load does.
func resolver(s *site.Site, p *site.Page) func(string) (string, error) {
	return func(dest string) (string, error) {
		file, frag, _ := strings.Cut(dest, "#")
		t := s.Page(path.Join(path.Dir(p.File), file))
		if t == nil {
			return "", fmt.Errorf("no page %s", dest)
		}
		if frag != "" {
			return t.URL + "#" + frag, nil
		}
		return t.URL, nil
	}
}
