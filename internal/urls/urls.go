// Package urls is the one place that knows where every output of a site
// lives: the address of each page, section, paginated list, catalogue and
// facet page, data file, feed, calendar, sitemap, alias, fingerprinted
// asset and resized image, and the file each is written to. Every other
// package asks it; none joins an address from pieces.
//
// A Site is made once per build from site.yaml (its base URL and slugs);
// content/site.yaml's loader keeps it (site.Config.URLs). Each kind of
// address has one method, which returns the site-relative URL that pages
// link with: "/en/partners/biocat/". That URL carries the path of the base
// URL, when it has one, so that it is what a browser needs; the other forms
// are derived from it, in one place each:
//
//	Abs(u)    the absolute URL, for canonical links, feeds and sitemaps
//	File(u)   the file of the output folder that serves u: "en/partners/biocat/index.html"
//	URL(file) the inverse of File
//
// A URL is never derived from a file path by hand, nor a file path from a
// URL: that keeps the address of a file and the file apart, so that a site
// published under a sub-path (https://example.github.io/project/) writes
// the same files and links to them with the prefix.
//
// Slugs are lower-case words, checked where site.yaml is read; the methods
// do not escape them.
package urls

import (
	"net/url"
	"path"
	"strconv"
	"strings"
)

// Config is what addresses depend on, from content/site.yaml.
type Config struct {
	// BaseURL is the address the site is published at:
	// "https://www.example.org/"; "" or "/" for a site without one.
	BaseURL string
	// Sections are the localised slugs of sections: section -> lang ->
	// slug; a section or language not listed uses the section's name.
	Sections map[string]map[string]string
	// FacetSlugs are the catalogue's facet slugs as site.yaml writes
	// them (catalogue.slugs): facet -> lang -> slug; the rest are the
	// defaults (see FacetSlug).
	FacetSlugs map[string]map[string]string
	// Facets are the facets the catalogue shows (catalogue.facets);
	// nil: all of them.
	Facets []string
}

// Site is where the outputs of one site live. Its methods are safe for
// concurrent use.
type Site struct {
	origin   string // "https://www.example.org": the base URL without its path
	prefix   string // the base URL's path without the final slash: "" at the root
	sections map[string]map[string]string
	facets   map[string]map[string]string
	country  bool // the catalogue has a country facet
}

// New returns the Site of c.
func New(c Config) *Site {
	s := &Site{sections: c.Sections, facets: c.FacetSlugs, country: c.Facets == nil || len(c.Facets) == 0}
	for _, f := range c.Facets {
		if f == FacetCountry {
			s.country = true
		}
	}
	base := strings.TrimSuffix(c.BaseURL, "/")
	if u, err := url.Parse(c.BaseURL); err == nil && u.Host != "" {
		s.prefix = strings.TrimSuffix(u.EscapedPath(), "/")
	}
	s.origin = strings.TrimSuffix(base, s.prefix)
	return s
}

// at is the URL of site path p ("/en/"): the base URL's path, then p.
// Every URL the methods return goes through it.
func (s *Site) at(p string) string { return s.prefix + p }

// Rooted returns the URL of p, a path from the site's root as authors
// write it in Markdown, front matter and menus ("/en/about/",
// "/img/logo.svg"): p under the base URL's path. Anything else (a
// relative reference, "//host/x", an address with a scheme, "#top") is
// returned as it is.
func (s *Site) Rooted(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return p
	}
	return s.at(p)
}

// SitePath returns u, a URL of the site, as a path from the site's root,
// the base URL's path taken off: "/project/en/about/" -> "/en/about/",
// "/project" -> "/"; the inverse of Rooted. ok is false when u is not
// under the base URL's path.
func (s *Site) SitePath(u string) (p string, ok bool) {
	if s.prefix == "" {
		return u, strings.HasPrefix(u, "/")
	}
	rest, ok := strings.CutPrefix(u, s.prefix)
	switch {
	case !ok:
		return u, false
	case rest == "":
		return "/", true
	case rest[0] == '/':
		return rest, true
	case rest[0] == '?' || rest[0] == '#':
		return "/" + rest, true
	}
	return u, false
}

// Prefix is the base URL's path without its final slash ("/project"), or
// "" for a site at the root of its host: what a server of the output
// folder serves it under.
func (s *Site) Prefix() string { return s.prefix }

// Abs returns the absolute URL of u, a URL of the site.
func (s *Site) Abs(u string) string { return s.origin + u }

// File returns the file of the output folder that serves u, a URL of the
// site: "/en/about/" -> "en/about/index.html", "/en/404.html" ->
// "en/404.html". A query or fragment is not part of it.
func (s *Site) File(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	u, _ = s.SitePath(u)
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// URL returns the URL that serves file, a path of the output folder:
// "en/about/index.html" -> "/en/about/"; the inverse of File.
func (s *Site) URL(file string) string {
	if file == "index.html" {
		return s.at("/")
	}
	if strings.HasSuffix(file, "/index.html") {
		return s.at("/" + strings.TrimSuffix(file, "index.html"))
	}
	return s.at("/" + file)
}

// Root is the URL of the site's root: the language chooser.
func (s *Site) Root() string { return s.at("/") }

// Home is the URL of a language's home page: "/en/".
func (s *Site) Home(lang string) string { return s.at("/" + lang + "/") }

// SectionSlug is the slug of a section in lang: its localised name, or
// the section's own.
func (s *Site) SectionSlug(section, lang string) string {
	if slug := s.sections[section][lang]; slug != "" {
		return slug
	}
	return section
}

// Section is the URL of a section's list in lang: "/fr/partenaires/".
func (s *Site) Section(lang, section string) string {
	return s.at("/" + lang + "/" + s.SectionSlug(section, lang) + "/")
}

// Member is the URL of a page of a section: "/fr/partenaires/biocat/".
func (s *Site) Member(lang, section, slug string) string {
	return s.Section(lang, section) + slug + "/"
}

// Page is the URL of a page outside the sections, by the slugs of its
// folders and its own: Page("en", "about", "team") is "/en/about/team/".
// With no slug it is the home page.
func (s *Site) Page(lang string, slugs ...string) string {
	p := "/" + lang + "/"
	for _, slug := range slugs {
		p += slug + "/"
	}
	return s.at(p)
}

// Paged is the URL of page n of a list whose first page is at first:
// first itself for n 1, else "first/page/n/".
func (s *Site) Paged(first string, n int) string {
	if n <= 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

// NotFound is the URL of a language's 404 page: "/en/404.html".
func (s *Site) NotFound(lang string) string { return s.at("/" + lang + "/404.html") }

// RootNotFound is the URL of the 404 page at the root, where hosts look
// for it.
func (s *Site) RootNotFound() string { return s.at("/404.html") }

// The catalogue's facets.
const (
	FacetCountry    = "country"
	FacetOrgType    = "orgType"
	FacetCompetency = "competency"
	FacetCluster    = "cluster"
)

// DefaultFacetSlugs are each facet's URL segment and query parameter per
// language unless site.yaml's catalogue.slugs says otherwise; languages
// not listed use the English one.
func DefaultFacetSlugs() map[string]map[string]string {
	return map[string]map[string]string{
		FacetCountry:    {"en": "country", "fr": "pays", "de": "land", "it": "paese", "es": "pais", "pl": "kraj", "nl": "land"},
		FacetOrgType:    {"en": "type", "fr": "type", "de": "typ", "it": "tipo", "es": "tipo", "pl": "typ", "nl": "soort"},
		FacetCompetency: {"en": "competency", "fr": "competence", "de": "kompetenz", "it": "competenza", "es": "competencia", "pl": "kompetencja", "nl": "competentie"},
		FacetCluster:    {"en": "cluster", "fr": "cluster", "de": "cluster", "it": "cluster", "es": "cluster", "pl": "klaster", "nl": "cluster"},
	}
}

var defaultFacetSlugs = DefaultFacetSlugs()

// FacetSlug is a facet's URL segment (and query parameter) in lang: the
// one site.yaml gives, else the default for the language, else the
// English one; "" for a facet the catalogue does not know.
func (s *Site) FacetSlug(facet, lang string) string {
	if slug := s.facets[facet][lang]; slug != "" {
		return slug
	}
	if slug := defaultFacetSlugs[facet][lang]; slug != "" {
		return slug
	}
	return defaultFacetSlugs[facet]["en"]
}

// Catalogue is the URL of a language's catalogue: "/fr/catalogue/".
func (s *Site) Catalogue(lang string) string { return s.Section(lang, "catalogue") }

// CatalogueFile is the URL of a file of the catalogue's folder:
// "/fr/catalogue/partners.json".
func (s *Site) CatalogueFile(lang, name string) string { return s.Catalogue(lang) + name }

// SearchIndex is the URL of the catalogue's search index, named by a
// hash of its content: "/fr/catalogue/search.1a2b3c4d.json".
func (s *Site) SearchIndex(lang, hash string) string {
	return s.CatalogueFile(lang, "search."+hash+".json")
}

// Facet is the URL of a facet's page, which lists its values:
// "/fr/catalogue/pays/".
func (s *Site) Facet(lang, facet string) string {
	return s.Catalogue(lang) + s.FacetSlug(facet, lang) + "/"
}

// FacetValue is the URL of the page of a facet's value:
// "/fr/catalogue/pays/de/".
func (s *Site) FacetValue(lang, facet, value string) string {
	return s.Facet(lang, facet) + value + "/"
}

// Refine is the URL of the catalogue filtered by a facet's value, as its
// script reads it: "/fr/catalogue/?pays=de".
func (s *Site) Refine(lang, facet, value string) string {
	return s.Catalogue(lang) + "?" + s.FacetSlug(facet, lang) + "=" + value
}

// Country is the URL of the catalogue's page of a country's organisations
// ("/fr/catalogue/pays/de/"), where a map of many places links a
// country's marker; "" when the catalogue has no country facet.
func (s *Site) Country(lang, code string) string {
	if !s.country || code == "" {
		return ""
	}
	return s.FacetValue(lang, FacetCountry, strings.ToLower(code))
}

// Atom is the URL of a language's news feed: "/en/news/atom.xml".
func (s *Site) Atom(lang string) string { return s.Section(lang, "news") + "atom.xml" }

// Calendar is the URL of a language's calendar of missions:
// "/en/missions/calendar.ics".
func (s *Site) Calendar(lang string) string { return s.Section(lang, "missions") + "calendar.ics" }

// Citation is the URL of a publication's citation file in format ("bib"
// for BibTeX, "json" for CSL-JSON), beside its page:
// "/en/publications/open-atlas/citation.bib".
func (s *Site) Citation(page, format string) string { return page + "citation." + format }

// Citations is the URL of the citation file of a language's whole list
// of publications in format: "/en/publications/publications.bib".
func (s *Site) Citations(lang, format string) string {
	return s.Section(lang, "publications") + "publications." + format
}

// MissionCalendar is the URL of a mission's own calendar file, beside
// its page: "/en/missions/brazil-trip.ics".
func (s *Site) MissionCalendar(lang, slug string) string {
	return s.Section(lang, "missions") + slug + ".ics"
}

// Sitemap is the URL of part n (from 1) of a language's sitemap:
// "/en/sitemap.xml", then "/en/sitemap-2.xml"...
func (s *Site) Sitemap(lang string, n int) string {
	if n <= 1 {
		return s.at("/" + lang + "/sitemap.xml")
	}
	return s.at("/" + lang + "/sitemap-" + strconv.Itoa(n) + ".xml")
}

// SitemapIndex is the URL of the sitemap index, at the root.
func (s *Site) SitemapIndex() string { return s.at("/sitemap.xml") }

// Robots is the URL of robots.txt.
func (s *Site) Robots() string { return s.at("/robots.txt") }

// Redirects is the URL of the _redirects file that Netlify, Cloudflare
// Pages and GitLab Pages read redirect rules from.
func (s *Site) Redirects() string { return s.at("/_redirects") }

// Alias is the URL at which an alias of front matter ("/old/page",
// "/old%20page/", "/old.html") is served: a folder's unless its last
// segment names a file. alias is a clean path, as site checks it.
func (s *Site) Alias(alias string) string {
	dec, err := url.PathUnescape(alias)
	if err != nil {
		dec = alias
	}
	if !strings.HasSuffix(dec, "/") && !strings.Contains(path.Base(dec), ".") {
		dec += "/" // "/old/page" is served by /old/page/index.html
	}
	return s.at(dec)
}

// Static is the URL of a static file by its path in the output folder:
// "css/site.3f9a1c2b5d.css" -> "/css/site.3f9a1c2b5d.css".
func (s *Site) Static(file string) string { return s.at("/" + strings.TrimPrefix(file, "/")) }

// StaticFile returns the file of a static file of the site that src, an
// address in a page, names ("/img/a%20b.jpg" -> "img/a b.jpg"); ok is
// false for an address elsewhere.
func (s *Site) StaticFile(src string) (file string, ok bool) {
	if !strings.HasPrefix(src, "/") || strings.HasPrefix(src, "//") {
		return "", false
	}
	src, _, _ = strings.Cut(src, "?")
	src, _, _ = strings.Cut(src, "#")
	p, err := url.PathUnescape(src)
	if err != nil {
		return "", false
	}
	p, ok = s.SitePath(path.Clean(p))
	if !ok {
		return "", false
	}
	return strings.TrimPrefix(p, "/"), true
}

// Fingerprinted is the file name under which a static file is published
// with a hash of its content: ("css/site.css", "1a2b3c4d5e") ->
// "css/site.1a2b3c4d5e.css".
func Fingerprinted(file, hash string) string {
	ext := path.Ext(file)
	return strings.TrimSuffix(file, ext) + "." + hash + ext
}

// Variant is the file name of a copy of an image resized to width
// pixels: ("img/photo.jpg", 640) -> "img/photo.640w.jpg".
func Variant(file string, width int) string {
	ext := path.Ext(file)
	return strings.TrimSuffix(file, ext) + "." + strconv.Itoa(width) + "w" + ext
}

// VariantSrc is the address of a resized copy in a srcset, beside the
// image's own address src: ("/img/my%20photo.jpg", "img/my photo.640w.jpg")
// -> "/img/my%20photo.640w.jpg".
func VariantSrc(src, variant string) string {
	return path.Join(path.Dir(src), url.PathEscape(path.Base(variant)))
}

// AliasFrom is an alias as a _redirects rule names it: its URL, escaped,
// without the folder's slash that Alias adds ("/old%20page").
func (s *Site) AliasFrom(alias string) string {
	dec, err := url.PathUnescape(alias)
	if err != nil {
		dec = alias
	}
	return (&url.URL{Path: s.at(dec)}).EscapedPath()
}
