package catalogue_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"path"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/catalogue"
	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// The benchmarks run on a generated site of 10,000 partners per language
// (corpus_test.go). Their figures are in the README; nothing here fails on
// a time.
//
//	go test ./internal/catalogue -run '^$' -bench 10k -benchtime 3x
const benchPartners = 10000

func gz(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// loadCorpus loads the 10k site.
func loadCorpus(b *testing.B) (*site.Site, *render.Engine) {
	b.Helper()
	s, err := site.Load(corpus(benchPartners), site.Options{Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	eng, err := render.New(templates.FS, s.Langs())
	if err != nil {
		b.Fatal(err)
	}
	return s, eng
}

// BenchmarkSearchTransfer10k reports what the first search transfers,
// gzip-compressed (level 6, as web servers do), for each language: the
// minified script and the search index, which is all the first search
// needs; and, for reference, the catalogue page itself and partners.json.
func BenchmarkSearchTransfer10k(b *testing.B) {
	s, eng := loadCorpus(b)
	var files []output.File
	for b.Loop() {
		var err error
		files, err = catalogue.Build(s, eng, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	script, err := fs.ReadFile(static.FS, catalogue.Script)
	if err != nil {
		b.Fatal(err)
	}
	min, err := minify.Files(context.Background(), append(files, output.File{Path: catalogue.Script, Data: script}))
	if err != nil {
		b.Fatal(err)
	}
	sizes := map[string]int{}
	for _, f := range min {
		name := path.Base(f.Path)
		lang := strings.SplitN(f.Path, "/", 2)[0]
		switch {
		case f.Path == catalogue.Script:
			sizes["script"] = gz(f.Data)
		case lang == "en" && strings.HasPrefix(name, "search."):
			sizes["index-en"] = gz(f.Data)
			sizes["index-en-raw"] = len(f.Data)
		case lang == "fr" && strings.HasPrefix(name, "search."):
			sizes["index-fr"] = gz(f.Data)
		case f.Path == "en/catalogue/index.html":
			sizes["page-en"] = gz(f.Data)
		case f.Path == "en/catalogue/partners.json":
			sizes["json-en"] = gz(f.Data)
		}
	}
	b.ReportMetric(float64(sizes["script"]), "script-gz-B")
	b.ReportMetric(float64(sizes["index-en"]), "index-en-gz-B")
	b.ReportMetric(float64(sizes["index-fr"]), "index-fr-gz-B")
	b.ReportMetric(float64(sizes["index-en-raw"]), "index-en-min-B")
	b.ReportMetric(float64(sizes["script"]+max(sizes["index-en"], sizes["index-fr"])), "first-search-gz-B")
	b.ReportMetric(float64(sizes["page-en"]), "page-en-gz-B")
	b.ReportMetric(float64(sizes["json-en"]), "partners.json-en-gz-B")
}

// BenchmarkBuildTime10k measures the same site's build with and without
// the catalogue, in the same run: load and render (what internal/build does
// without the catalogue, less the feeds, static files and images), then the
// catalogue; and minification of each part's files (consort build
// minifies everything before writing). It reports the catalogue's share.
func BenchmarkBuildTime10k(b *testing.B) {
	src := corpus(benchPartners)
	var base, cat, minBase, minCat time.Duration
	var cpuBase, cpuCat time.Duration
	var baseFiles, catFiles []output.File
	for b.Loop() {
		c0 := cpuTime()
		t0 := time.Now()
		s, err := site.Load(src, site.Options{Clock: clock})
		if err != nil {
			b.Fatal(err)
		}
		eng, err := render.New(templates.FS, s.Langs())
		if err != nil {
			b.Fatal(err)
		}
		baseFiles, err = eng.RenderJobs(s, eng.Jobs(s, render.Options{}))
		if err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cpuTime()
		catFiles, err = catalogue.Build(s, eng, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		t2, c2 := time.Now(), cpuTime()
		cpuBase += c1 - c0
		cpuCat += c2 - c1
		if _, err := minify.Files(context.Background(), baseFiles); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if _, err := minify.Files(context.Background(), catFiles); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		base += t1.Sub(t0)
		cat += t2.Sub(t1)
		minBase += t3.Sub(t2)
		minCat += t4.Sub(t3)
	}
	b.ReportMetric(base.Seconds()/float64(b.N), "base-s/op")
	b.ReportMetric(cat.Seconds()/float64(b.N), "catalogue-s/op")
	b.ReportMetric(100*cat.Seconds()/base.Seconds(), "catalogue-%-of-build")
	b.ReportMetric(100*cpuCat.Seconds()/cpuBase.Seconds(), "catalogue-%-of-build-cpu")
	b.ReportMetric(100*(cat+minCat).Seconds()/(base+minBase).Seconds(), "catalogue-%-of-build+minify")
	b.ReportMetric(float64(len(catFiles)), "catalogue-files")
	var n int
	for _, f := range catFiles {
		n += len(f.Data)
	}
	b.ReportMetric(float64(n)/(1<<20), "catalogue-MB")
	n = 0
	for _, f := range baseFiles {
		n += len(f.Data)
	}
	b.ReportMetric(float64(n)/(1<<20), "base-MB")
}

// cpuTime is the CPU time the process has used (user and system): on a
// busy machine it says more than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCatalogue10k times catalogue.Build alone.
func BenchmarkCatalogue10k(b *testing.B) {
	s, eng := loadCorpus(b)
	for b.Loop() {
		if _, err := catalogue.Build(s, eng, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
