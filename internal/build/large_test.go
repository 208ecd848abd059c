package build_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// largePostSite is a one-language site with one news post whose body is
// about size bytes of Markdown: paragraphs with quotes, apostrophes,
// links and emphasis, lists and code, as a long report pasted into a post
// would have.
func largePostSite(size int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("---\ntitle: \"A long report\"\nsummary: \"Everything, \\\"quoted\\\" & more.\"\ndate: 2025-03-01\n---\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Part %d\n\nThe consortium's \"partners\" met in Lyon & Kraków on day %d; see [the agenda](/en/about/) and *the minutes* — it's <all> here.\n\n", i, i)
		b.WriteString("- one \"item\"\n- another 'item'\n\n```\ncode  <kept>  as\n    it \"is\"\n```\n\n")
	}
	return fstest.MapFS{
		"content/site.yaml":      {Data: []byte("baseURL: https://example.org/\nlanguages: [{code: en, name: English}]\ntitle: {en: Test}\n")},
		"content/en/index.md":    {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
		"content/en/about.md":    {Data: []byte("---\ntitle: About\n---\nAbout.\n")},
		"content/en/news/big.md": {Data: []byte(b.String())},
	}
}

// buildAndMinify is what consort build does before writing: build and
// minify every file (build.Build minifies what it hands its sink).
func buildAndMinify(tb testing.TB, fsys fstest.MapFS) {
	if _, err := inMemory(build.Options{Source: fsys, Theme: templates.FS, Static: static.FS}); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkLargeNewsPost builds a site with one news post of 1 MB and one
// of 4 MB, in the same run, and reports the ratio of their times: about 4
// when the build is linear in the size of content (it was 16 when the
// XML minifier rewrote the Atom entry's character references one by one).
//
//	go test ./internal/build -run '^$' -bench LargeNewsPost -benchtime 3x
func BenchmarkLargeNewsPost(b *testing.B) {
	small, large := largePostSite(1<<20), largePostSite(4<<20)
	var ts, tl time.Duration
	for b.Loop() {
		t0 := time.Now()
		buildAndMinify(b, small)
		t1 := time.Now()
		buildAndMinify(b, large)
		ts += t1.Sub(t0)
		tl += time.Since(t1)
	}
	b.ReportMetric(ts.Seconds()/float64(b.N), "1MB-s/op")
	b.ReportMetric(tl.Seconds()/float64(b.N), "4MB-s/op")
	b.ReportMetric(tl.Seconds()/ts.Seconds(), "4MB/1MB")
}
