package urls

import "testing"

// TestForms: the URL of every kind carries the base URL's path when it
// has one, the file does not, and Abs puts the origin before the URL.
func TestForms(t *testing.T) {
	cfg := Config{Sections: map[string]map[string]string{"partners": {"fr": "partenaires"}}, FacetSlugs: map[string]map[string]string{FacetCountry: {"de": "land"}}}
	for _, tt := range []struct {
		base, prefix, origin string
	}{
		{"", "", ""},
		{"https://www.example.org/", "", "https://www.example.org"},
		{"https://example.github.io/biox4clusters/", "/biox4clusters", "https://example.github.io"},
	} {
		cfg.BaseURL = tt.base
		s := New(cfg)
		for _, c := range []struct{ url, path, file string }{
			{s.Root(), "/", "index.html"},
			{s.Home("en"), "/en/", "en/index.html"},
			{s.Section("fr", "partners"), "/fr/partenaires/", "fr/partenaires/index.html"},
			{s.Member("fr", "partners", "biocat"), "/fr/partenaires/biocat/", "fr/partenaires/biocat/index.html"},
			{s.Page("en", "about", "team"), "/en/about/team/", "en/about/team/index.html"},
			{s.Paged(s.Section("en", "news"), 3), "/en/news/page/3/", "en/news/page/3/index.html"},
			{s.NotFound("fr"), "/fr/404.html", "fr/404.html"},
			{s.Facet("de", FacetCountry), "/de/catalogue/land/", "de/catalogue/land/index.html"},
			{s.Country("fr", "DE"), "/fr/catalogue/pays/de/", "fr/catalogue/pays/de/index.html"},
			{s.Refine("fr", FacetOrgType, "lab"), "/fr/catalogue/?type=lab", "fr/catalogue/index.html"},
			{s.Atom("en"), "/en/news/atom.xml", "en/news/atom.xml"},
			{s.MissionCalendar("en", "boston"), "/en/missions/boston.ics", "en/missions/boston.ics"},
			{s.Citation(s.Member("en", "publications", "atlas"), "bib"), "/en/publications/atlas/citation.bib", "en/publications/atlas/citation.bib"},
			{s.Citations("en", "json"), "/en/publications/publications.json", "en/publications/publications.json"},
			{s.Sitemap("en", 2), "/en/sitemap-2.xml", "en/sitemap-2.xml"},
			{s.Alias("/old/page"), "/old/page/", "old/page/index.html"},
			{s.Alias("/old%20page.html"), "/old page.html", "old page.html"},
			{s.Static(Fingerprinted("css/site.css", "1a2b")), "/css/site.1a2b.css", "css/site.1a2b.css"},
		} {
			if c.url != tt.prefix+c.path {
				t.Errorf("base %q: got %q; want %q", tt.base, c.url, tt.prefix+c.path)
			}
			if f := s.File(c.url); f != c.file {
				t.Errorf("base %q: File(%q) = %q; want %q", tt.base, c.url, f, c.file)
			}
			if a := s.Abs(c.url); a != tt.origin+tt.prefix+c.path {
				t.Errorf("base %q: Abs(%q) = %q", tt.base, c.url, a)
			}
		}
		if f, ok := s.StaticFile(tt.prefix + "/img/a%20b.jpg"); !ok || f != "img/a b.jpg" {
			t.Errorf("base %q: StaticFile = %q, %v", tt.base, f, ok)
		}
		for _, p := range []string{"/en/about/", "/img/logo.svg", "/", "/en/?q=1#top"} {
			u := s.Rooted(p)
			if u != tt.prefix+p {
				t.Errorf("base %q: Rooted(%q) = %q", tt.base, p, u)
			}
			if back, ok := s.SitePath(u); !ok || back != p {
				t.Errorf("base %q: SitePath(%q) = %q, %v; want %q", tt.base, u, back, ok, p)
			}
		}
		for _, p := range []string{"about.md", "../img/x.jpg", "//cdn.example.org/x.js", "https://example.org/", "#top", "mailto:a@example.org", ""} {
			if u := s.Rooted(p); u != p {
				t.Errorf("base %q: Rooted(%q) = %q; want it as it is", tt.base, p, u)
			}
		}
		if got := s.URL("en/about/index.html"); got != tt.prefix+"/en/about/" {
			t.Errorf("base %q: URL = %q", tt.base, got)
		}
	}
	sub := New(Config{BaseURL: "https://example.github.io/biox4clusters/"})
	for _, u := range []string{"/other-site/", "/biox4clustersX/en/", "/en/"} {
		if p, ok := sub.SitePath(u); ok {
			t.Errorf("SitePath(%q) = %q, true; want it outside the site", u, p)
		}
		if f, ok := sub.StaticFile(u + "x.jpg"); ok {
			t.Errorf("StaticFile(%q) = %q, true; want it outside the site", u+"x.jpg", f)
		}
	}
	if p, ok := sub.SitePath("/biox4clusters"); !ok || p != "/" {
		t.Errorf("SitePath of the prefix alone = %q, %v; want /", p, ok)
	}
	if got := New(Config{Facets: []string{FacetOrgType}}).Country("en", "DE"); got != "" {
		t.Errorf("without a country facet: got %q; want none", got)
	}
	if got, want := VariantSrc("/img/my%20photo.jpg", "img/my photo.640w.jpg"), "/img/my%20photo.640w.jpg"; got != want {
		t.Errorf("VariantSrc = %q; want %q", got, want)
	}
}
