package build

import (
	"slices"
	"strings"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// Sample is one page that stands for a page type in one language.
type Sample struct {
	Type string // "home", "list", "cluster", ..., "catalogue", "facet", "facet-value", "404"
	Lang string
	URL  string // site path: "/en/partners/biocat/"
}

// Name is a file name for the sample: "en-partner".
func (s Sample) Name() string { return s.Lang + "-" + s.Type }

// Samples returns one page of each type the build made, per language, in
// a fixed order: the home, a section list, a plain page, one page of each
// section's kind, the catalogue, a facet's list of values, a facet value,
// and the 404 page. A type the site has no page of is left out. The
// screenshots and the theme's accessibility tests go through these;
// files are the build's.
func (r *Result) Samples(files []output.File) []Sample {
	have := map[string]bool{}
	for _, f := range files {
		have[f.Path] = true
	}
	u := r.Site.Config.URLs()
	var out []Sample
	add := func(typ, lang, url string) {
		if url != "" && have[u.File(url)] {
			out = append(out, Sample{typ, lang, url})
		}
	}
	for _, lang := range r.Site.Langs() {
		first := map[site.Kind]string{}
		var list string
		for _, p := range r.Site.LangPages(lang) {
			if first[p.Kind] == "" {
				first[p.Kind] = p.URL
			}
			// The partners' list shows cards; prefer it to the first section.
			if p.Kind == site.KindSection && (list == "" || p.Section == "partners") {
				list = p.URL
			}
		}
		add("home", lang, first[site.KindHome])
		add("list", lang, list)
		for _, k := range []site.Kind{site.KindPage, site.KindCluster, site.KindPartner, site.KindMission, site.KindInterview, site.KindNews, site.KindDeliverable, site.KindPublication, site.KindAccessibility, site.KindPrivacy} {
			add(string(k), lang, first[k])
		}
		cat := u.Catalogue(lang)
		add("catalogue", lang, cat)
		var facet, value string
		for _, f := range files { // sorted by path
			rest, ok := strings.CutPrefix(f.Path, strings.TrimSuffix(u.File(cat), "index.html"))
			if !ok || !strings.HasSuffix(rest, "/index.html") || strings.HasPrefix(rest, "page/") {
				continue
			}
			switch strings.Count(rest, "/") {
			case 1:
				if facet == "" {
					facet = u.URL(f.Path)
				}
			case 2:
				if value == "" && !strings.Contains(rest, "/page/") {
					value = u.URL(f.Path)
				}
			}
		}
		add("facet", lang, facet)
		add("facet-value", lang, value)
		add("404", lang, u.NotFound(lang))
	}
	return slices.Clip(out)
}
