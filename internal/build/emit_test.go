package build

import (
	"context"
	"fmt"

	"bytes"
	"github.com/consort-ssg/consort/internal/minify"
	"image"
	pngpkg "image/png"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"
)

// TestStreamingGivesTheSameFiles: Build hands the final pages to its sink
// as it renders them and the rest at the end, each path once, and the
// files are byte for byte those of a Builder (which holds every page
// until the end), minified; the pages it streams are those that no later
// stage changes (an image to resize) or reads (noindex, 404). Stats
// counts what the sink got. It lets go of the pages' HTML as it goes,
// unless a template shows other pages' bodies (the news keep theirs: the
// Atom feed shows them); with the built-in theme and with one that shows
// other pages' bodies.
func TestStreamingGivesTheSameFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		theme map[string]string // templates/ files of the site
	}{
		{"built-in theme", nil},
		{"home shows partners' bodies", map[string]string{
			"templates/home.html": `{{define "layout"}}<h1>{{.Title}}</h1>{{range .PagesOf "partner"}}<section>{{$.HTML .}}</section>{{end}}{{end}}`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testStreaming(t, tc.theme)
		})
	}
}

// pathSink records what a build hands it and fails on a path given twice.
type pathSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (s *pathSink) Add(f output.File) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.files[f.Path]; dup {
		return fmt.Errorf("%s handed on twice", f.Path)
	}
	s.files[f.Path] = bytes.Clone(f.Data) // lent for the call only (Sink)
	return nil
}

func testStreaming(t *testing.T, theme map[string]string) {
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
	opts := Options{Source: fsys, Theme: templates.FS, Static: fstest.MapFS{}, Site: site.Options{Clock: clock}}
	held, err := NewBuilder(opts).Rebuild(nil)
	if err != nil {
		t.Fatal(err)
	}
	all, err := minify.Files(context.Background(), held.Files)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	streamed := map[string]bool{}
	opts.minifying = func(p string, s bool) {
		mu.Lock()
		defer mu.Unlock()
		if s {
			streamed[p] = true
		}
	}
	sink := &pathSink{files: map[string][]byte{}}
	res, err := Build(context.Background(), opts, sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(streamed) == 0 {
		t.Fatal("got no page streamed; want the pages as they are rendered")
	}
	got := mapsClone(sink.files)
	bytesOut := int64(0)
	for _, f := range all {
		bytesOut += int64(len(f.Data))
		if d, ok := got[f.Path]; !ok {
			t.Errorf("%s: missing", f.Path)
		} else if !bytes.Equal(d, f.Data) {
			t.Errorf("%s: got different bytes from Build", f.Path)
		}
		delete(got, f.Path)
	}
	for p := range got {
		t.Errorf("%s: made only by Build", p)
	}
	if !bytes.Contains(sink.files["en/about/index.html"], []byte(`width=40 height=30`)) {
		t.Fatal("en/about/index.html has no width and height on its photo; the image stage did not see it")
	}
	if streamed["en/about/index.html"] {
		t.Error("en/about/index.html (with a photo to resize) streamed; want it kept for the image stage")
	}
	for p := range streamed {
		if !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "404.html") || bytes.Contains(sink.files[p], []byte("noindex")) {
			t.Errorf("%s: streamed; want only final HTML pages", p)
		}
	}
	if res.Stats.Files != len(all) || res.Stats.Bytes != bytesOut {
		t.Errorf("stats: got %d files, %d bytes; want %d, %d", res.Stats.Files, res.Stats.Bytes, len(all), bytesOut)
	}
	// What was let go: the bodies only their own page shows, unless the
	// theme shows bodies elsewhere; the news, whose bodies the Atom
	// feed carries, keep theirs.
	hadHTML := map[string]bool{}
	for _, p := range held.Site.Pages {
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
	case theme != nil:
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

func mapsClone(m map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
