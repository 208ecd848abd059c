// Package feeds makes the files of a site that machines read: per
// language a sitemap (with hreflang alternates) under a sitemap index at
// the root, an Atom feed of the news, an iCalendar file of the dated
// missions and one per mission; robots.txt; and for every alias in front
// matter a redirect page plus a _redirects file for the hosts that read
// one.
//
// Everything is derived from the loaded site and the rendered pages, in
// memory, as []output.File; the same input gives the same bytes. Times come
// from the site's clock (--clock), never from the wall clock.
package feeds

import (
	"net/url"
	"slices"
	"strings"

	"consort/internal/output"
	"consort/internal/site"
)

// Options are what the feeds need besides the site.
type Options struct {
	// Country names an ISO 3166 country code in a language, for the
	// location of calendar events; nil leaves the code as it is.
	Country func(lang, code string) string
}

// Files returns the sitemaps, robots.txt, Atom feeds, calendars and
// redirects of s. pages are the rendered HTML pages; every one under a
// language folder that does not ask robots not to index it goes into that
// language's sitemap. Aliases that clash with a page or with each other
// are returned as site.Problems.
func Files(s *site.Site, pages []output.File, opts Options) ([]output.File, error) {
	var files []output.File
	files = append(files, Sitemaps(s, pages)...)
	files = append(files, Robots(s))
	files = append(files, Atom(s)...)
	files = append(files, Calendars(s, opts)...)
	// An alias may not take the place of a page nor of a file made here.
	redirects, err := Redirects(s, append(slices.Clip(pages), files...))
	if err != nil {
		return nil, err
	}
	files = append(files, redirects...)
	output.Sort(files)
	return files, nil
}

// AtomURL is the site path of lang's news feed, or "" when lang has no news.
func AtomURL(s *site.Site, lang string) string {
	if len(s.PagesOf(lang, "news")) == 0 {
		return ""
	}
	return sectionPath(s, lang, "news") + "atom.xml"
}

// CalendarURL is the site path of lang's calendar of missions, or "" when
// no mission of lang has dates.
func CalendarURL(s *site.Site, lang string) string {
	for _, p := range s.PagesOf(lang, "missions") {
		if MissionICSURL(s, p) != "" {
			return sectionPath(s, lang, "missions") + "calendar.ics"
		}
	}
	return ""
}

// MissionICSURL is the site path of a mission's own .ics file, beside its
// page ("/en/missions/brazil-trip.ics"), or "" when p is no mission or has
// no dates yet.
func MissionICSURL(s *site.Site, p *site.Page) string {
	m := p.Mission()
	if m == nil || m.Start.IsZero() {
		return ""
	}
	return sectionPath(s, p.Lang, "missions") + p.Slug + ".ics"
}

// SitemapURL is the site path of the sitemap index.
const SitemapURL = "/sitemap.xml"

func sectionPath(s *site.Site, lang, section string) string {
	return "/" + lang + "/" + s.Config.SectionSlug(section, lang) + "/"
}

// filePath maps a site path to the file that serves it: "/en/x/" ->
// "en/x/index.html", "/old.html" -> "old.html".
func filePath(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// sitePath maps an output file of a page back to its site path:
// "en/x/index.html" -> "/en/x/".
func sitePath(file string) string {
	if file == "index.html" {
		return "/"
	}
	if strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

// host is the DNS name of the site's base URL, without port.
func host(s *site.Site) string {
	u, err := url.Parse(s.Config.BaseURL)
	if err != nil || u.Hostname() == "" {
		return "localhost"
	}
	return u.Hostname()
}
