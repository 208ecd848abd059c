package build

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// TestRebuildFollowsReads gives the plain pages' template (page.html) a
// read of another page through each route a template has, edits what it
// reads, and checks that the incremental build renders the reading page
// again (its output shows the edit, as a cold Build's does) without
// rendering every page.
func TestRebuildFollowsReads(t *testing.T) {
	const (
		news  = "content/en/news/news-00002.md"
		fr    = "content/fr/objectives.md"
		title = "title"
		body  = "body"
	)
	routes := []struct {
		name string
		// read is added to page.html; partial, when set, is
		// partials/peek.html.
		read, partial string
		// target is the file edited, edit what of it.
		target, edit string
	}{
		{name: "range over a section", read: `{{range .PagesOf "news"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "the latest of a section", read: `{{range .Latest "news" 50}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "range over a section of the site", read: `{{range .Site.PagesOf "en" "news"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "range over every page", read: `{{range .Site.Pages}}{{if eq .File "` + news + `"}}<i>{{.Title}}</i>{{end}}{{end}}`, target: news, edit: title},
		{name: "range over a language's pages", read: `{{range .Site.LangPages "en"}}{{if eq .File "` + news + `"}}<i>{{.Title}}</i>{{end}}{{end}}`, target: news, edit: title},
		{name: "lookup by path", read: `{{with .Site.Page "` + news + `"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "lookup by name", read: `{{with .Site.Lookup "en" "news" "news-00002"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "a section page", read: `{{with .Section "news"}}<i>{{.Title}}</i>{{end}}`, target: "content/en/news/index.md", edit: title},
		{name: "a translation", read: `{{range .Page.Translations}}<i>{{.Title}}</i>{{end}}`, target: fr, edit: title},
		{name: "a partial", read: `{{template "partials/peek.html" .}}`, partial: `{{range .PagesOf "news"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "a partial given an item", read: `{{template "partials/peek.html" ($.With .Page)}}`, partial: `{{with .Site.Page "` + news + `"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "a cached partial", read: `{{.Cached "partials/peek.html" "key"}}`, partial: `{{with .Site.Page "` + news + `"}}<i>{{.Title}}</i>{{end}}`, target: news, edit: title},
		{name: "another page's body", read: `{{with .Site.Page "` + news + `"}}<i>{{$.HTML .}}</i>{{end}}`, target: news, edit: body},
	}
	pageHTML, err := fs.ReadFile(templates.FS, "page.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys0 := corpusFS(t, 120)
	for _, rt := range routes {
		t.Run(rt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range fsys0 {
				fsys[k] = &fstest.MapFile{Data: bytes.Clone(v.Data)}
			}
			fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(strings.Replace(string(pageHTML), "</article>", rt.read+"</article>", 1))}
			if rt.partial != "" {
				fsys["templates/partials/peek.html"] = &fstest.MapFile{Data: []byte(rt.partial)}
			}
			opts := Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}}
			b := NewBuilder(opts)
			first, err := b.Rebuild(nil)
			if err != nil {
				t.Fatal(err)
			}
			const reader = "en/objectives/index.html"
			var want string
			if rt.edit == title {
				old := regexp.MustCompile(`(?m)^title: (.*)$`).FindStringSubmatch(string(fsys[rt.target].Data))[1]
				if !bytes.Contains(fileData(first.Files, reader), []byte("<i>"+strings.Trim(old, `"`)+"</i>")) {
					t.Fatalf("%s does not show %q before the edit: the route reads nothing", reader, old)
				}
				want = "<i>Retitled Page</i>"
				replace(rt.target, `(?m)^title: .*$`, "title: Retitled Page")(t, fsys)
			} else {
				want = "A sentence only the edit wrote."
				replace(rt.target, `(?s)\n---\n`, "\n---\n"+want+"\n\n")(t, fsys)
			}
			u, err := b.Rebuild([]string{rt.target})
			if err != nil {
				t.Fatal(err)
			}
			cold, err := inMemory(opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := diffFiles(minified(t, u.Files), cold.Files); diff != "" {
				t.Fatalf("Rebuild differs from Build: %s", diff)
			}
			if !bytes.Contains(fileData(u.Files, reader), []byte(want)) {
				t.Errorf("%s does not show %q after the edit", reader, want)
			}
			if u.Full || u.Rendered >= len(u.Site.Pages) {
				t.Errorf("rendered %d pages of %d (full %v); want only those that read the edit", u.Rendered, len(u.Site.Pages), u.Full)
			}
			t.Logf("%d pages rendered", u.Rendered)
		})
	}
}

func fileData(files []output.File, p string) []byte {
	for _, f := range files {
		if f.Path == p {
			return f.Data
		}
	}
	return nil
}
