package render_test

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"
)

// TestMapsKeepsWhatWasDrawn renders every page of a generated site three
// times: without Maps, with a new Maps, and by another engine with that
// Maps filled; each page gets the same bytes and the same reads, so that
// a page given a kept map still renders again when what its map shows
// changes.
func TestMapsKeepsWhatWasDrawn(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: 120, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := site.Load(os.DirFS(dir), site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		data  []byte
		reads []render.Key
	}
	maps := render.NewMaps()
	drawn := 0
	renderAll := func(m *render.Maps) []page {
		eng, err := render.New(templates.FS, s.Langs())
		if err != nil {
			t.Fatal(err)
		}
		var out []page
		for _, p := range s.Pages {
			jobs := eng.PageJobs(s, p, render.Options{Record: true, Maps: m})
			files, err := eng.RenderJobs(s, jobs)
			if err != nil {
				t.Fatal(err)
			}
			for i, j := range jobs {
				out = append(out, page{files[i].Data, j.Reads()})
				if bytes.Contains(files[i].Data, []byte(`class=geomap`)) {
					drawn++
				}
			}
		}
		return out
	}
	want := renderAll(nil)
	if drawn == 0 {
		t.Fatal("no page shows a map")
	}
	for _, run := range []string{"drawing", "kept"} {
		got := renderAll(maps)
		for i := range want {
			if !bytes.Equal(got[i].data, want[i].data) {
				t.Fatalf("%s: page %d differs from a render without Maps", run, i)
			}
			if !slices.Equal(got[i].reads, want[i].reads) {
				t.Fatalf("%s: page %d read %v; want %v", run, i, got[i].reads, want[i].reads)
			}
		}
	}
}
