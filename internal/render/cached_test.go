package render_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
)

// TestItemCached: an item's Cached partial is rendered once per page
// shown, heading level and language, and every later page gets that HTML:
// the probe shows the URL of the page that rendered it first, so every
// page of a language shows the same one; the item's page and level are
// told apart.
func TestItemCached(t *testing.T) {
	s, err := site.Load(os.DirFS("../.."), site.Options{Clock: minClock})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := render.New(theme(t, map[string]string{
		"page.html":           `{{define "layout"}}{{range .PagesOf "partners"}}{{($.With .).Cached "partials/probe.html"}}{{($.Top .).Cached "partials/probe.html"}}{{end}}{{end}}`,
		"partials/probe.html": `<i>{{.Level}}|{{.P.Title}}|{{.URL}}</i>`,
	}), s.Langs())
	if err != nil {
		t.Fatal(err)
	}
	probeRE := regexp.MustCompile(`<i>(\d)\|([^|]*)\|([^<]*)</i>`)
	byLang := map[string]string{}
	pages := 0
	for _, f := range renderEvery(t, s, eng) {
		lang, _, _ := strings.Cut(f.Path, "/")
		probes := probeRE.FindAllStringSubmatch(string(f.Data), -1)
		if len(probes) == 0 {
			continue
		}
		pages++
		var b strings.Builder
		for i, m := range probes {
			if want := fmt.Sprint(3 - i%2); m[1] != want {
				t.Fatalf("%s: probe %d: level %s; want %s", f.Path, i, m[1], want)
			}
			if i%2 == 1 && m[2] != probes[i-1][2] {
				t.Fatalf("%s: probe %d shows %q, the one before %q: the level is not the key", f.Path, i, m[2], probes[i-1][2])
			}
			b.WriteString(m[0])
		}
		if prev, ok := byLang[lang]; !ok {
			byLang[lang] = b.String()
		} else if prev != b.String() {
			t.Errorf("%s: the cards differ from another page's of %s: not cached\n got %s\nwant %s", f.Path, lang, b.String(), prev)
		}
	}
	if pages < 4 || len(byLang) < 2 {
		t.Fatalf("%d pages in %d languages showed the probe; want several in each", pages, len(byLang))
	}
	if byLang["en"] == byLang["fr"] {
		t.Error("English and French pages show the same cards: the language is not the key")
	}
}
