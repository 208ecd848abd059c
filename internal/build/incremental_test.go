package build

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// corpusFS writes a generated site of n content files and reads it into
// memory, so that tests can edit it.
func corpusFS(t testing.TB, n int) fstest.MapFS {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// edit is a change to a site in memory; it returns the paths it touched.
type edit func(t *testing.T, fsys fstest.MapFS) []string

// first returns the first file matching a glob, sorted.
func first(t *testing.T, fsys fstest.MapFS, pattern string) string {
	t.Helper()
	if _, ok := fsys[pattern]; ok {
		return pattern
	}
	m, _ := fs.Glob(fsys, pattern)
	sort.Strings(m)
	for _, f := range m {
		if !strings.HasSuffix(f, "/index.md") {
			return f
		}
	}
	t.Fatalf("no file matches %s", pattern)
	return ""
}

func writeBytes(name string, data []byte) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		fsys[name] = &fstest.MapFile{Data: data}
		return []string{name}
	}
}

// testPNG encodes a w×h gradient.
func testPNG(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rename renames a page in every language, as an editor would: the
// files named base.md under dir in each language folder become
// name.md, and every content file naming it is changed to name the new
// one.
func rename(dir, base, name string) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		var changed []string
		for f, data := range fsys {
			if strings.HasPrefix(f, "content/") && bytes.Contains(data.Data, []byte(base)) {
				fsys[f] = &fstest.MapFile{Data: bytes.ReplaceAll(data.Data, []byte(base), []byte(name))}
				changed = append(changed, f)
			}
		}
		for _, lang := range []string{"en", "fr"} {
			from := "content/" + lang + "/" + dir + "/" + base + ".md"
			if fsys[from] == nil {
				t.Fatalf("no file %s", from)
			}
			to := "content/" + lang + "/" + dir + "/" + name + ".md"
			fsys[to] = fsys[from]
			delete(fsys, from)
			changed = append(changed, from, to)
		}
		sort.Strings(changed)
		return changed
	}
}

func write(name, data string) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
		return []string{name}
	}
}

func remove(pattern string) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		m, _ := fs.Glob(fsys, pattern)
		for _, f := range m {
			delete(fsys, f)
		}
		return m
	}
}

// replace rewrites the first file matching pattern with re replaced by repl.
func replace(pattern, re, repl string) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		f := first(t, fsys, pattern)
		data := string(fsys[f].Data)
		out := regexp.MustCompile(re).ReplaceAllString(data, repl)
		if out == data {
			t.Fatalf("%s: %q matched nothing", f, re)
		}
		fsys[f] = &fstest.MapFile{Data: []byte(out)}
		return []string{f}
	}
}

// both makes the edits a and b at once.
func both(a, b edit) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		return append(a(t, fsys), b(t, fsys)...)
	}
}

// theme copies an embedded template into the site with a change.
func theme(name, old, new string) edit {
	return func(t *testing.T, fsys fstest.MapFS) []string {
		data, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("templates/%s has no %q", name, old)
		}
		fsys["templates/"+name] = &fstest.MapFile{Data: bytes.Replace(data, []byte(old), []byte(new), 1)}
		return []string{"templates/" + name}
	}
}

// TestBuilderMatchesBuild edits a generated site step by step and checks
// after each step that the incremental build gives exactly the files a
// cold Build gives, and that small edits render few pages.
func TestBuilderMatchesBuild(t *testing.T) {
	type step struct {
		name string
		edit edit
		// wantRendered is the most pages the step may render, -1 for
		// any; wantFull says every page must be rendered.
		wantRendered int
		wantFull     bool
		wantErr      bool
		// wantRefresh says the site must be refreshed, not loaded again.
		wantRefresh bool
	}
	steps := []step{
		{name: "first build", edit: func(*testing.T, fstest.MapFS) []string { return nil }, wantRendered: -1, wantFull: true},
		{name: "nothing changed", edit: func(*testing.T, fstest.MapFS) []string { return []string{} }, wantRendered: 0},
		{name: "a partner's body", edit: replace("content/en/partners/*.md", `(?s)\n## `, "\nA new sentence.\n\n## "), wantRendered: 1, wantRefresh: true},
		{name: "a partner's title", edit: replace("content/en/partners/*.md", `(?m)^title: .*$`, "title: Renamed Partner"), wantRendered: -1},
		{name: "a partner moves to another cluster", edit: replace("content/fr/partners/*.md", `(?m)^cluster: .*$`, "cluster: nantes-health-valley-003"), wantRendered: -1},
		{name: "a cluster's slug", edit: replace("content/en/clusters/*.md", `(?m)^title:`, "slug: renamed-cluster\ntitle:"), wantRendered: -1},
		{name: "a new page in English", edit: write("content/en/partners/zeta-labs.md", "---\ntitle: Zeta Labs\norgType: lab\ncountry: FR\ncluster: lyon-life-sciences-cluster-000\n---\nZeta.\n"), wantRendered: -1},
		{name: "its French translation", edit: write("content/fr/partners/zeta-labs.md", "---\ntitle: Zeta Labs\norgType: lab\ncountry: FR\n---\nZêta.\n"), wantRendered: -1},
		{name: "it becomes a draft", edit: replace("content/en/partners/zeta-labs.md", `(?m)^title:`, "draft: true\ntitle:"), wantRendered: -1},
		{name: "a page is deleted", edit: remove("content/en/partners/zeta-labs.md"), wantRendered: -1},
		{name: "a page is renamed", edit: rename("partners", "novaquest-biosciences-00017", "novaquest-renamed"), wantRendered: -1},
		{name: "a menu page's title", edit: replace("content/fr/about.md", `(?m)^title: .*$`, "title: Qui sommes-nous ?"), wantRendered: -1},
		{name: "a section page's title", edit: replace("content/en/partners/index.md", `(?m)^title: .*$`, "title: Members"), wantRendered: -1},
		// The feed links of every page carry it: the frame changes.
		{name: "the French news section's title", edit: replace("content/fr/news/index.md", `(?m)^title: .*$`, "title: Nouvelles"), wantRendered: -1},
		{name: "broken front matter", edit: replace("content/en/about.md", `(?m)^title: .*$`, "title: [unclosed"), wantErr: true},
		{name: "fixed again", edit: replace("content/en/about.md", `(?m)^title: .*$`, "title: About us"), wantRendered: -1},
		{name: "site.yaml", edit: replace("content/site.yaml", `(?m)^title: .*$`, "title: {en: Renamed, fr: Renommé}"), wantRendered: -1, wantFull: true},
		{name: "a UI string", edit: theme("i18n/en.yaml", "home: Home", "home: Start"), wantRendered: -1, wantFull: true},
		{name: "a template", edit: theme("partials/footer.html", `<footer class="site-footer">`, `<footer class="site-footer edited">`), wantRendered: -1, wantFull: true},
		// The news pages' layout: the news pages only (8 of 121).
		{name: "a layout", edit: theme("news.html", `<article class="news prose">`, `<article class="news prose edited">`), wantRendered: 8},
		// The partial of the clusters' and partners' pages.
		{name: "a partial of some layouts", edit: theme("partials/org.html", `<article class="org org-grid">`, `<article class="org org-grid edited">`), wantRendered: 90},
		// The sitemaps leave out what the templates mark noindex.
		{name: "a layout marks pages noindex", edit: theme("news.html", `<article class="news prose">`, `<meta name="robots" content="noindex"><article class="news prose">`), wantRendered: 8},
		{name: "and no longer", edit: theme("news.html", `<article class="news prose">`, `<article class="news prose">`), wantRendered: 8},
		{name: "the base template", edit: theme("base.html", `<body class="kind-{{.Kind}}">`, `<body class="kind-{{.Kind}} edited">`), wantRendered: -1, wantFull: true},
		// The maps drawn before are kept through template edits, and
		// not past a change of what they show.
		{name: "a partner's city", edit: replace("content/en/partners/*.md", `(?m)^city: .*$`, "city: Elsewhere"), wantRendered: -1},
		{name: "a template and a page at once", edit: both(theme("partials/footer.html", `<footer class="site-footer">`, `<footer class="site-footer again">`), replace("content/en/partners/*.md", `(?m)^title: .*$`, "title: Renamed Again")), wantRendered: -1, wantFull: true},
		{name: "a partial no page uses", edit: write("templates/partials/unused.html", `<p>{{.Title}}</p>`), wantRendered: 0},
		{name: "it goes", edit: remove("templates/partials/unused.html"), wantRendered: 0},
		{name: "a stylesheet", edit: write("static/css/site.css", "body{color:red}"), wantRendered: -1, wantFull: true},
		{name: "an image", edit: write("static/img/new.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`), wantRendered: 0},
		{name: "a photo", edit: writeBytes("static/img/photo.png", testPNG(t, 700, 400)), wantRendered: 0},
		{name: "a page shows it", edit: replace("content/en/about.md", `(?s)\n---\n`, "\n---\n![A photo](/img/photo.png)\n\n"), wantRendered: 1},
		{name: "that page's text again", edit: replace("content/en/about.md", `\(/img/photo.png\)`, "(/img/photo.png) Edited."), wantRendered: 1, wantRefresh: true},
		{name: "it no longer shows it", edit: replace("content/en/about.md", `!\[A photo\]\(/img/photo.png\)`, "No photo."), wantRendered: 1, wantRefresh: true},
		{name: "unknown changes", edit: func(*testing.T, fstest.MapFS) []string { return nil }, wantRendered: -1, wantFull: true},
	}
	modes := []struct {
		name string
		opts site.Options
	}{
		{"publish", site.Options{Clock: clock}},
		{"preview with drafts", site.Options{Clock: clock, Drafts: true}},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			fsys := corpusFS(t, 120)
			opts := Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: mode.opts, Preview: mode.opts.Drafts}
			b := NewBuilder(opts)
			for _, st := range steps {
				changed := st.edit(t, fsys)
				u, err := b.Rebuild(changed)
				// Build's files as published, against Rebuild's
				// minified as publishing them minifies them.
				cold, coldErr := inMemory(opts)
				if st.wantErr {
					if err == nil || coldErr == nil {
						t.Fatalf("%s: got errors %v and %v from Rebuild and Build; want both to fail", st.name, err, coldErr)
					}
					if err.Error() != coldErr.Error() {
						t.Errorf("%s: Rebuild error:\n%v\nwant Build's:\n%v", st.name, err, coldErr)
					}
					continue
				}
				if err != nil || coldErr != nil {
					t.Fatalf("%s: got errors %v (Rebuild) and %v (Build); want none", st.name, err, coldErr)
				}
				if diff := diffFiles(minified(t, u.Files), cold.Files); diff != "" {
					t.Fatalf("%s: Rebuild differs from Build: %s", st.name, diff)
				}
				checkPublishedFiles(t, st.name, u, cold.Files)
				if st.wantRefresh && !u.Refreshed {
					t.Errorf("%s: got a full load; want the site refreshed", st.name)
				}
				if st.wantFull != u.Full {
					t.Errorf("%s: got Full %v; want %v", st.name, u.Full, st.wantFull)
				}
				if st.wantRendered >= 0 && u.Rendered > st.wantRendered {
					t.Errorf("%s: got %d pages rendered; want at most %d", st.name, u.Rendered, st.wantRendered)
				}
				t.Logf("%s: %d pages rendered, %d files changed, %d removed", st.name, u.Rendered, len(u.Changed), len(u.Removed))
			}
		})
	}
}

// diffFiles describes the first difference between two sorted file
// lists, or returns "".
func diffFiles(got, want []output.File) string {
	g, w := map[string][]byte{}, map[string][]byte{}
	for _, f := range got {
		g[f.Path] = f.Data
	}
	for _, f := range want {
		w[f.Path] = f.Data
	}
	for i := 0; i < min(len(got), len(want)); i++ {
		if got[i].Path != want[i].Path {
			break
		}
		if !bytes.Equal(got[i].Data, want[i].Data) {
			return fmt.Sprintf("%s: got\n%s\nwant\n%s", got[i].Path, firstDiff(string(got[i].Data), string(want[i].Data)), "")
		}
	}
	for p := range w {
		if _, ok := g[p]; !ok {
			return fmt.Sprintf("%s: missing", p)
		}
	}
	for p := range g {
		if _, ok := w[p]; !ok {
			return fmt.Sprintf("%s: not in Build's output", p)
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("got %d files; want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Path != want[i].Path {
			return fmt.Sprintf("file %d: got %s; want %s (order)", i, got[i].Path, want[i].Path)
		}
	}
	return ""
}

// checkPublishedFiles: what a Rebuild publishes of the files that changed is
// what Build hands its sink, minified.
// minified returns files as publishing them makes them: minified, but
// for those minified already (output.File.Minified).
func minified(t *testing.T, files []output.File) []output.File {
	t.Helper()
	final, err := minify.Files(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	return final
}

// checkPublishedFiles checks that what u published of its changes is
// what a build publishes (files, minified or not yet).
func checkPublishedFiles(t *testing.T, step string, u *Update, files []output.File) {
	t.Helper()
	final := minified(t, files)
	want := map[string][]byte{}
	for _, f := range final {
		want[f.Path] = f.Data
	}
	if len(u.Published) != len(u.Changed) {
		t.Errorf("%s: got %d files published; want the %d changed", step, len(u.Published), len(u.Changed))
	}
	for _, f := range u.Published {
		if !bytes.Equal(f.Data, want[f.Path]) {
			t.Errorf("%s: %s published differs from Build's", step, f.Path)
		}
	}
}
