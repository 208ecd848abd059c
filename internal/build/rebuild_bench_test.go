package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/corpus"
)

// BenchmarkRebuild times build.Builder.Rebuild alone (what `consort
// serve` does between a save and minifying what changed) after one
// partner's body or title is edited; BenchmarkReload in internal/serve
// times the whole way from the write to the reload event.
//
//	CONSORT_BENCH_PAGES=10000 go test -run '^$' -bench Rebuild -benchtime 20x ./internal/build/
func BenchmarkRebuild(b *testing.B) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		entries, err := os.ReadDir(filepath.Join(dir, "content/en/partners"))
		if err != nil {
			b.Fatal(err)
		}
		partner := "content/en/partners/" + entries[0].Name()
		if entries[0].Name() == "index.md" {
			partner = "content/en/partners/" + entries[1].Name()
		}
		orig, err := os.ReadFile(filepath.Join(dir, partner))
		if err != nil {
			b.Fatal(err)
		}
		titleRE := regexp.MustCompile(`(?m)^title: .*$`)
		bu := build.NewBuilder(benchOptions(dir))
		if _, err := bu.Rebuild(nil); err != nil {
			b.Fatal(err)
		}
		edits := 0
		for _, sc := range []struct {
			name string
			text func(i int) []byte
		}{
			{"body", func(i int) []byte { return fmt.Appendf(append([]byte{}, orig...), "\nEdit number %d.\n", i) }},
			{"title", func(i int) []byte { return titleRE.ReplaceAll(orig, fmt.Appendf(nil, "title: Renamed Partner %d", i)) }},
		} {
			b.Run(sc.name, func(b *testing.B) {
				for b.Loop() {
					edits++
					b.StopTimer()
					if err := os.WriteFile(filepath.Join(dir, partner), sc.text(edits), 0o644); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					u, err := bu.Rebuild([]string{partner})
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(u.Rendered), "pages-rendered")
				}
			})
		}
	})
}
