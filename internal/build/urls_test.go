package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// TestURLsAgreeWithFiles: every kind of address internal/urls gives is
// served by a file the build wrote (File of the URL), and File and URL
// are each other's inverse on it; every file a page's URL names is
// there, and every HTML file is the file of a URL.
func TestURLsAgreeWithFiles(t *testing.T) {
	fsys := corpusFS(t, 300)
	// What the corpus lacks: an alias, a picture to resize.
	var about string
	for name := range fsys {
		if strings.HasPrefix(name, "content/en/") && strings.HasSuffix(name, "/about.md") || name == "content/en/about.md" {
			about = name
		}
	}
	if about == "" {
		t.Fatal("the corpus has no content/en/about.md")
	}
	fsys[about].Data = []byte(strings.Replace(string(fsys[about].Data), "\ntitle:", "\naliases: [/old/about, /old-about.html]\ntitle:", 1) + "\n![A photo](/img/photo.png)\n")
	fsys["static/img/photo.png"] = &fstest.MapFile{Data: testPNG(t, 700, 400)}
	res, err := inMemory(Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}, unminified: true})
	if err != nil {
		t.Fatal(err)
	}
	written := map[string]bool{}
	for _, f := range res.Files {
		written[f.Path] = true
	}
	s := res.Site
	u := s.Config.URLs()
	var mission, partner *site.Page
	for _, p := range s.LangPages("en") {
		if mission == nil && p.HasCalendar() {
			mission = p
		}
		if partner == nil && p.Kind == site.KindPartner {
			partner = p
		}
	}
	if mission == nil || partner == nil {
		t.Fatal("the corpus has no dated mission or no partner")
	}
	var search string
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "fr/catalogue/search.") {
			search = strings.TrimSuffix(strings.TrimPrefix(f.Path, "fr/catalogue/search."), ".json")
		}
	}
	var script string
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "js/catalogue.") && strings.HasSuffix(f.Path, ".js") {
			script = f.Path
		}
	}
	if script == "" {
		t.Fatal("no fingerprinted js/catalogue.*.js written")
	}
	country := partner.Partner().Country
	tests := []struct {
		kind, url, file string
	}{
		{"Root", u.Root(), "index.html"},
		{"Home", u.Home("fr"), "fr/index.html"},
		{"Section", u.Section("fr", "partners"), ""},
		{"Member", u.Member(partner.Lang, "partners", partner.Slug), ""},
		{"Page", u.Page("en", "about"), "en/about/index.html"},
		{"Paged", u.Paged(u.Section("en", "partners"), 2), "en/partners/page/2/index.html"},
		{"Paged 1", u.Paged(u.Section("en", "partners"), 1), "en/partners/index.html"},
		{"NotFound", u.NotFound("fr"), "fr/404.html"},
		{"RootNotFound", u.RootNotFound(), "404.html"},
		{"Catalogue", u.Catalogue("fr"), "fr/catalogue/index.html"},
		{"Paged catalogue", u.Paged(u.Catalogue("en"), 2), "en/catalogue/page/2/index.html"},
		{"CatalogueFile", u.CatalogueFile("fr", "partners.json"), "fr/catalogue/partners.json"},
		{"SearchIndex", u.SearchIndex("fr", search), ""},
		{"Facet", u.Facet("fr", urls.FacetCountry), "fr/catalogue/pays/index.html"},
		{"FacetValue", u.FacetValue("en", urls.FacetCountry, strings.ToLower(country)), ""},
		{"Country", u.Country("fr", country), ""},
		{"Atom", u.Atom("fr"), ""},
		{"Calendar", u.Calendar("en"), "en/missions/calendar.ics"},
		{"MissionCalendar", u.MissionCalendar(mission.Lang, mission.Slug), ""},
		{"Sitemap", u.Sitemap("fr", 1), "fr/sitemap.xml"},
		{"SitemapIndex", u.SitemapIndex(), "sitemap.xml"},
		{"Robots", u.Robots(), "robots.txt"},
		{"Redirects", u.Redirects(), "_redirects"},
		{"Alias of a folder", u.Alias("/old/about"), "old/about/index.html"},
		{"Alias of a file", u.Alias("/old-about.html"), "old-about.html"},
		{"Static", u.Static(script), script},
		{"Variant", u.Static(urls.Variant("img/photo.png", 640)), "img/photo.640w.png"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			f := u.File(tt.url)
			if tt.file != "" && f != tt.file {
				t.Errorf("File(%q) = %q; want %q", tt.url, f, tt.file)
			}
			if !written[f] {
				t.Errorf("%s: %s is served by %s, which the build did not write", tt.kind, tt.url, f)
			}
			if back := u.URL(f); u.File(back) != f {
				t.Errorf("URL(%q) = %q, whose file is %q", f, back, u.File(back))
			}
		})
	}
	for _, p := range s.Pages {
		if !written[u.File(p.URL)] {
			t.Errorf("%s: its URL %s is served by %s, which the build did not write", p.File, p.URL, u.File(p.URL))
		}
	}
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".html") && u.File(u.URL(f.Path)) != f.Path {
			t.Errorf("%s: URL %s is served by %s", f.Path, u.URL(f.Path), u.File(u.URL(f.Path)))
		}
	}
}
