package render_test

import (
	"os"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"
)

// The template stage on the benchmark corpus (internal/corpus): the whole
// Render, then Execute alone for the jobs of each layout, so that a slow
// template shows by name. Sizes: $CONSORT_BENCH_PAGES (default 1000).
//
//	CONSORT_BENCH_PAGES=10000 go test -run '^$' -bench . -benchtime 3x ./internal/render/

type benchSite struct {
	site  *site.Site
	eng   *render.Engine
	pages int
}

func forEachSize(b *testing.B, f func(b *testing.B, bs benchSite)) {
	corpus.ForEachSize(b, func(b *testing.B, dir string, pages int) {
		s, err := site.Load(os.DirFS(dir), site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		eng, err := render.New(templates.FS, s.Langs())
		if err != nil {
			b.Fatal(err)
		}
		f(b, benchSite{s, eng, pages})
	})
}

func BenchmarkRender(b *testing.B) {
	forEachSize(b, func(b *testing.B, bs benchSite) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := bs.eng.RenderJobs(bs.site, bs.eng.Jobs(bs.site, render.Options{})); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(bs.pages), "ns/page")
	})
}

// BenchmarkExecute runs the jobs of one layout at a time, on one core;
// ns/job is what one page of that layout costs.
func BenchmarkExecute(b *testing.B) {
	forEachSize(b, func(b *testing.B, bs benchSite) {
		byLayout := map[string][]render.Job{}
		var layouts []string
		jobs := bs.eng.SiteJobs(bs.site, render.Options{})
		for _, p := range bs.site.Pages {
			jobs = append(jobs, bs.eng.PageJobs(bs.site, p, render.Options{})...)
		}
		for _, j := range jobs {
			if byLayout[j.Layout] == nil {
				layouts = append(layouts, j.Layout)
			}
			byLayout[j.Layout] = append(byLayout[j.Layout], j)
		}
		for _, layout := range layouts {
			jobs := byLayout[layout]
			b.Run("layout="+layout, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, j := range jobs {
						if _, err := bs.eng.Execute(j.Layout, j.Data); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(jobs)), "ns/job")
				b.ReportMetric(float64(len(jobs)), "jobs")
			})
		}
	})
}
