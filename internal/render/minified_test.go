package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"
)

var minClock = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// renderEvery renders every job of s with eng.
func renderEvery(t *testing.T, s *site.Site, eng *render.Engine) []output.File {
	t.Helper()
	files, err := eng.RenderJobs(s, eng.Jobs(s, render.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestMinifiedTemplatesMeanTheSame renders the shipped site and a
// generated one with the theme's templates minified (New) and as written
// (NewUnminified): every page of the first is marked minified, and
// minifying both gives the same bytes, so minifying the templates changed
// nothing the minifier can tell; the pages as rendered are within 2% of
// minified whole.
func TestMinifiedTemplatesMeanTheSame(t *testing.T) {
	gen := t.TempDir()
	if err := corpus.Write(gen, corpus.Options{Pages: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	// A theme of a site's own, whose partials land between words.
	words := theme(t, map[string]string{
		"page.html":          "{{define \"layout\"}}<p>Before{{template \"partials/word.html\" .}}after<em>{{template \"partials/tail.html\" .}}</em>end.</p>\n{{end}}\n",
		"partials/word.html": " {{.Title}}\n",
		"partials/tail.html": "\t<b>x</b> {{/* a comment */}}\n\n",
	})
	for _, tc := range []struct {
		name, dir string
		theme     fs.FS
	}{{"shipped", "../..", templates.FS}, {"corpus", gen, templates.FS}, {"words", "../..", words}} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := site.Load(os.DirFS(tc.dir), site.Options{Clock: minClock})
			if err != nil {
				t.Fatal(err)
			}
			eng, err := render.New(tc.theme, s.Langs())
			if err != nil {
				t.Fatal(err)
			}
			plain, err := render.NewUnminified(tc.theme, s.Langs())
			if err != nil {
				t.Fatal(err)
			}
			if !eng.Minified() || plain.Minified() {
				t.Fatalf("Minified: got %v and %v; want true for New, false for NewUnminified", eng.Minified(), plain.Minified())
			}
			got, want := renderEvery(t, s, eng), renderEvery(t, s, plain)
			mz := minify.New()
			var asRendered, whole int
			for i := range got {
				if !got[i].Minified || want[i].Minified {
					t.Fatalf("%s: Minified %v and %v; want true, false", got[i].Path, got[i].Minified, want[i].Minified)
				}
				a, err := mz.File(output.File{Path: got[i].Path, Data: got[i].Data})
				if err != nil {
					t.Fatal(err)
				}
				b, err := mz.File(want[i])
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Data, b.Data) {
					t.Errorf("%s: minified, the page of the minified templates differs from that of the written ones", got[i].Path)
				}
				asRendered += len(got[i].Data)
				whole += len(b.Data)
			}
			if r := float64(asRendered) / float64(whole); r > 1.02 {
				t.Errorf("pages as rendered are %.3fx their size minified whole; want at most 1.02x", r)
			}
			t.Logf("%d pages: as rendered %.4fx minified whole", len(got), float64(asRendered)/float64(whole))
		})
	}
}

// theme returns the theme's files with some replaced.
func theme(t *testing.T, replace map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range replace {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// TestTemplatesAsWrittenWhenContextIsInherited: a template whose text
// lands inside another's <pre>, <textarea>, <script> or <style> would be
// minified without knowing it; those themes keep their templates as
// written (and their pages are minified whole by the build).
func TestTemplatesAsWrittenWhenContextIsInherited(t *testing.T) {
	page, _ := fs.ReadFile(templates.FS, "page.html")
	tests := []struct {
		name    string
		replace map[string]string
		want    bool
	}{
		{"the theme", nil, true},
		{"a value in <pre>", map[string]string{"page.html": string(page) + `{{define "head"}}<pre>  {{.Title}}
  </pre>{{end}}`}, true},
		{"a partial in <pre>", map[string]string{
			"page.html":         string(page) + `{{define "head"}}<PRE class="x">{{template "partials/pre.html" .}}</PRE>{{end}}`,
			"partials/pre.html": "  line one\n    line two\n"}, false},
		{"a <textarea> left open", map[string]string{
			"page.html":           string(page) + `{{define "head"}}<textarea>{{end}}`,
			"partials/close.html": "  text </textarea>"}, false},
		{"a cached partial in <script>", map[string]string{
			"page.html": string(page) + `{{define "head"}}<script type="application/json">{{.Cached "partials/nav.html"}}</script>{{end}}`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, err := render.New(theme(t, tt.replace), []string{"en"})
			if err != nil {
				t.Fatal(err)
			}
			if eng.Minified() != tt.want {
				t.Errorf("Minified: got %v; want %v", eng.Minified(), tt.want)
			}
		})
	}
}

// TestErrorsNameTheLineWritten: an error while executing a minified
// template names the line and column of the template as written.
func TestErrorsNameTheLineWritten(t *testing.T) {
	s, err := site.Load(os.DirFS("../.."), site.Options{Clock: minClock})
	if err != nil {
		t.Fatal(err)
	}
	broken := "{{define \"layout\"}}\n<div class=\"wrap\">\n\n   <p>{{.Page.Title}}</p>\n   <p>{{.NoSuchField}}</p>\n</div>{{end}}\n"
	eng, err := render.New(theme(t, map[string]string{"page.html": broken}), s.Langs())
	if err != nil {
		t.Fatal(err)
	}
	if !eng.Minified() {
		t.Fatal("the theme's templates were not minified")
	}
	_, err = eng.RenderJobs(s, eng.Jobs(s, render.Options{}))
	if err == nil || !strings.Contains(err.Error(), "templates/page.html:5:") || !strings.Contains(err.Error(), "NoSuchField") {
		t.Errorf("got %v; want the error at templates/page.html:5: (NoSuchField)", err)
	}
}
