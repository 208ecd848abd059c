package build

import (
	"bytes"
	"image"
	pngpkg "image/png"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"consort/internal/output"
	"consort/internal/site"
	"consort/templates"
)

// TestEmitGivesTheSameFiles: a build that hands its final pages to
// Options.Emit as it renders them makes, emitted and returned together,
// byte for byte the files of a build that returns them all; the pages it
// keeps are those that a later stage still changes (an image to resize)
// or reads (noindex), and Stats counts all. The same holds when it also
// lets go of the pages' HTML as it goes (DropHTML), with the built-in
// theme and with a theme that shows other pages' bodies.
func TestEmitGivesTheSameFiles(t *testing.T) {
	for _, tc := range []struct {
		name     string
		dropHTML bool
		theme    map[string]string // templates/ files of the site
	}{
		{"emit", false, nil},
		{"emit, drop HTML", true, nil},
		{"emit, drop HTML, home shows partners' bodies", true, map[string]string{
			"templates/home.html": `{{define "layout"}}<h1>{{.Title}}</h1>{{range .PagesOf "partner"}}<section>{{$.HTML .}}</section>{{end}}{{end}}`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testEmit(t, tc.dropHTML, tc.theme)
		})
	}
}

func testEmit(t *testing.T, dropHTML bool, theme map[string]string) {
	fsys := fixture(t, "bilingual")
	for name, text := range theme {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	// A photo in one page: Process rewrites that page, so it is kept.
	var png bytes.Buffer
	if err := pngpkg.Encode(&png, image.NewRGBA(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	fsys["static/img/photo.png"] = &fstest.MapFile{Data: png.Bytes()}
	fsys["content/en/about.md"].Data = append(fsys["content/en/about.md"].Data, "\n![A photo of the team](/img/photo.png)\n"...)
	all, err := buildFixture(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	emitted := map[string][]byte{}
	opts := Options{Source: fsys, Theme: templates.FS, Static: fstest.MapFS{}, Site: site.Options{Clock: clock}, DropHTML: dropHTML}
	opts.Emit = func(f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := emitted[f.Path]; dup {
			t.Errorf("%s emitted twice", f.Path)
		}
		emitted[f.Path] = bytes.Clone(f.Data) // valid only until Emit returns
		return nil
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(emitted) == 0 {
		t.Fatal("got no page emitted; want the pages as they are rendered")
	}
	got := map[string][]byte{}
	for p, d := range emitted {
		got[p] = d
	}
	for _, f := range res.Files {
		if _, dup := got[f.Path]; dup {
			t.Errorf("%s: both emitted and returned", f.Path)
		}
		got[f.Path] = f.Data
	}
	for _, f := range all.Files {
		if d, ok := got[f.Path]; !ok {
			t.Errorf("%s: missing", f.Path)
		} else if !bytes.Equal(d, f.Data) {
			t.Errorf("%s: got different bytes when emitted", f.Path)
		}
		delete(got, f.Path)
	}
	for p := range got {
		t.Errorf("%s: made only when emitting", p)
	}
	for _, f := range all.Files {
		if f.Path == "en/about/index.html" && !bytes.Contains(f.Data, []byte(`width="40" height="30"`)) {
			t.Fatal("en/about/index.html has no width and height on its photo; the image stage did not see it")
		}
	}
	if _, ok := emitted["en/about/index.html"]; ok {
		t.Error("en/about/index.html (with a photo to resize) emitted; want it kept for the image stage")
	}
	for p, d := range emitted {
		if !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "404.html") || bytes.Contains(d, []byte("noindex")) {
			t.Errorf("%s: emitted; want only final HTML pages", p)
		}
	}
	if res.Stats.Files != all.Stats.Files || res.Stats.Bytes != all.Stats.Bytes {
		t.Errorf("stats: got %d files, %d bytes; want %d, %d", res.Stats.Files, res.Stats.Bytes, all.Stats.Files, all.Stats.Bytes)
	}
	// What was let go: the bodies only their own page shows, unless the
	// theme shows bodies elsewhere; the news, whose bodies the Atom
	// feed carries, keep theirs.
	hadHTML := map[string]bool{}
	for _, p := range all.Site.Pages {
		hadHTML[p.File] = len(p.HTML) > 0
	}
	kept := map[site.Kind]int{}
	dropped := map[site.Kind]int{}
	for _, p := range res.Site.Pages {
		if !hadHTML[p.File] {
			continue
		}
		if p.HTML == nil {
			dropped[p.Kind]++
		} else {
			kept[p.Kind]++
		}
	}
	switch {
	case !dropHTML || theme != nil:
		if len(dropped) > 0 {
			t.Errorf("pages without HTML after the build: %v; want none", dropped)
		}
	case dropped[site.KindPartner] == 0 || kept[site.KindPartner] > 0:
		t.Errorf("partners: %d without HTML, %d with; want every one without", dropped[site.KindPartner], kept[site.KindPartner])
	case kept[site.KindNews] == 0 || dropped[site.KindNews] > 0:
		t.Errorf("news: %d with HTML, %d without; want every one with (the Atom feed)", kept[site.KindNews], dropped[site.KindNews])
	}
}

// TestMenuPerPage: the menu is rendered once per state (render's Cached)
// and each page still gets its own: the current entry, a section above
// the page, or neither; in each language.
func TestMenuPerPage(t *testing.T) {
	res, err := buildFixture(t, fixture(t, "bilingual"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	nav := func(page string) string {
		_, after, _ := strings.Cut(files[page], `<nav class="site-nav"`)
		nav, _, _ := strings.Cut(after, "</nav>")
		return nav
	}
	tests := []struct {
		page, want, absent string
	}{
		{"en/about/index.html", `<a href="/en/about/" aria-current="page">`, `class="ancestor"`},
		{"en/partners/index.html", `<a href="/en/partners/" aria-current="page">`, `class="ancestor"`},
		{"en/partners/biomerieux/index.html", `<a href="/en/partners/" class="ancestor">`, `aria-current`},
		{"en/index.html", `<a href="/en/about/">`, `aria-current`},
		{"fr/about/index.html", `aria-current="page">Le projet</a>`, `class="ancestor"`},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			got := nav(tt.page)
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.absent) {
				t.Errorf("menu of %s: got %q; want %q and no %q", tt.page, got, tt.want, tt.absent)
			}
		})
	}
}
