package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/templates"
)

// BenchmarkRebuild times build.Builder.Rebuild alone (what `consort
// serve` does between a save and the reload event, minifying what
// changed included) after one partner's body or title is edited, the
// news pages' layout (templates/news.html) or the base template every
// page uses (templates/base.html); each template scenario ends with a
// cold build of the same site into memory (BenchmarkBuild's), timed
// beside it for the ratios of wall time (x-cold) and CPU time, user and
// system (cpu-x-cold; the fairer one on a shared machine). BenchmarkReload in
// internal/serve times the whole way from the write to the reload event.
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
		// A template edit: an attribute of a tag of the theme's file.
		themed := func(name, tag string) func(i int) []byte {
			data, err := fs.ReadFile(templates.FS, name)
			if err != nil || !bytes.Contains(data, []byte(tag)) {
				b.Fatalf("templates/%s has no %q", name, tag)
			}
			return func(i int) []byte {
				return bytes.Replace(data, []byte(tag), fmt.Appendf(nil, "%s data-edit=\"%d\"", tag, i), 1)
			}
		}
		if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
			b.Fatal(err)
		}
		edits := 0
		for _, sc := range []struct {
			name, file string
			text       func(i int) []byte
		}{
			{"body", partner, func(i int) []byte { return fmt.Appendf(append([]byte{}, orig...), "\nEdit number %d.\n", i) }},
			{"title", partner, func(i int) []byte { return titleRE.ReplaceAll(orig, fmt.Appendf(nil, "title: Renamed Partner %d", i)) }},
			{"layout", "templates/news.html", themed("news.html", `<article class="news prose"`)},
			{"template", "templates/base.html", themed("base.html", `<body class="kind-{{.Kind}}"`)},
		} {
			b.Run(sc.name, func(b *testing.B) {
				var took, cold, tookCPU, coldCPU time.Duration
				for b.Loop() {
					edits++
					b.StopTimer()
					if err := os.WriteFile(filepath.Join(dir, sc.file), sc.text(edits), 0o644); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					t0, c0 := time.Now(), cpuTime()
					u, err := bu.Rebuild([]string{sc.file})
					if err != nil {
						b.Fatal(err)
					}
					took, tookCPU = took+time.Since(t0), tookCPU+cpuTime()-c0
					b.ReportMetric(float64(u.Rendered), "pages-rendered")
					if strings.HasPrefix(sc.file, "templates/") {
						b.StopTimer()
						t0, c0 := time.Now(), cpuTime()
						if _, err := inMemory(benchOptions(dir)); err != nil {
							b.Fatal(err)
						}
						cold, coldCPU = cold+time.Since(t0), coldCPU+cpuTime()-c0
						b.StartTimer()
					}
				}
				if cold > 0 {
					b.ReportMetric(float64(took)/float64(cold), "x-cold")
				}
				if coldCPU > 0 {
					b.ReportMetric(float64(tookCPU)/float64(coldCPU), "cpu-x-cold")
				}
			})
		}
	})
}
