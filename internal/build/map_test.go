package build

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// TestMapOfManyPlaces builds a corpus of some hundred partners: its home
// and partners' maps draw one marker per country, each linking to the
// catalogue's page of that country in the page's language, which exists.
func TestMapOfManyPlaces(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: 400, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	res, err := inMemory(Options{unminified: true, Source: os.DirFS(dir), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	pin := regexp.MustCompile(`<a href="([^"]*)" aria-label="([^"]*)" class="gm-pin gm-country">`)
	for _, tt := range []struct{ page, prefix string }{
		{"en/index.html", "/en/catalogue/country/"},
		{"fr/index.html", "/fr/catalogue/pays/"},
		{"en/partners/index.html", "/en/catalogue/country/"},
	} {
		t.Run(tt.page, func(t *testing.T) {
			html, ok := files[tt.page]
			if !ok {
				t.Fatalf("no %s in the output", tt.page)
			}
			pins := pin.FindAllStringSubmatch(html, -1)
			if len(pins) == 0 || len(pins) > 60 {
				t.Fatalf("got %d country markers; want 1 to 60", len(pins))
			}
			if strings.Contains(html, `class="gm-pin gm-partner"`) {
				t.Error("got a marker per partner; want one per country")
			}
			for _, m := range pins {
				url, label := m[1], m[2]
				if !strings.HasPrefix(url, tt.prefix) {
					t.Errorf("marker %q links to %s; want a page under %s", label, url, tt.prefix)
				}
				if _, ok := files[strings.TrimPrefix(url, "/")+"index.html"]; !ok {
					t.Errorf("marker %q links to %s, which the build does not make", label, url)
				}
				if !regexp.MustCompile(`^\d+\. .+, \d+ organisations?$`).MatchString(label) {
					t.Errorf("marker label %q; want \"N. Country, K organisations\"", label)
				}
			}
		})
	}
}
