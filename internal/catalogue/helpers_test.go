package catalogue_test

import (
	"compress/gzip"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/catalogue"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/tools/txtar"
)

// clock is the fixed "now" of test builds.
var clock = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)

// fixture reads testdata/<name>.txtar into a file system.
func fixture(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile("testdata/" + name + ".txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// built is a site built in memory the way internal/build does it, for the
// parts the catalogue needs: load, render, catalogue, static files (not
// fingerprinted). The catalogue's tests do not go through internal/build so
// that they test this package alone.
type built struct {
	Site  *site.Site
	Files []output.File
}

// buildSite builds a site folder with the embedded theme.
func buildSite(t testing.TB, fsys fstest.MapFS) *built {
	t.Helper()
	return buildSiteAt(t, fsys, "")
}

// buildSiteAt builds a site folder for baseURL, as --base-url does ("":
// site.yaml's).
func buildSiteAt(t testing.TB, fsys fstest.MapFS, baseURL string) *built {
	t.Helper()
	s, err := site.Load(fsys, site.Options{Clock: clock, BaseURL: baseURL})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	eng, err := render.NewUnminified(templates.FS, s.Langs())
	if err != nil {
		t.Fatal(err)
	}
	pages, err := eng.RenderJobs(s, eng.Jobs(s, render.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalogue.Build(s, eng, render.Options{})
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	res := &built{Site: s, Files: append(pages, cat...)}
	err = fs.WalkDir(static.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) == ".go" {
			return err
		}
		data, err := fs.ReadFile(static.FS, p)
		res.Files = append(res.Files, output.File{Path: p, Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	output.Sort(res.Files)
	return res
}

// files maps the output paths of a build to their files.
func files(res *built) map[string]output.File {
	m := map[string]output.File{}
	for _, f := range res.Files {
		m[f.Path] = f
	}
	return m
}

// serve serves the built files on 127.0.0.1 as a static host would, under
// the base URL's path when it has one and nowhere else (gzip-compressed
// when the browser accepts it), with
// csp as the pages' Content-Security-Policy when it is not "" ("script-src
// 'none'" shows the site as a browser without JavaScript does).
func serve(t testing.TB, res *built, csp string) *httptest.Server {
	t.Helper()
	m := files(res)
	prefix := res.Site.Config.URLs().Prefix()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(r.URL.Path, prefix+"/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		f, ok := m[p]
		if p == "favicon.ico" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		types := map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv; charset=utf-8"}
		w.Header().Set("Content-Type", types[path.Ext(p)])
		if csp != "" && path.Ext(p) == ".html" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(f.Data)
			zw.Close()
			return
		}
		w.Write(f.Data)
	}))
	t.Cleanup(srv.Close)
	return srv
}
