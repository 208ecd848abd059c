// Package feeds makes the files of a site that machines read: per
// language a sitemap (with hreflang alternates) under a sitemap index at
// the root, an Atom feed of the news, an iCalendar file of the dated
// missions and one per mission; robots.txt; and for every alias in front
// matter a redirect page plus a _redirects file for the hosts that read
// one.
//
// Everything is derived from the loaded site and the rendered pages, in
// memory, as []output.File; the same input gives the same bytes. Times come
// from the site's clock (--clock), never from the wall clock. Every
// address in them, and every file's path, comes from internal/urls.
package feeds

import (
	"net/url"
	"slices"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// Options are what the feeds need besides the site.
type Options struct {
	// Bundle names countries in each language (the location of
	// calendar events); nil leaves the ISO 3166 codes as they are.
	Bundle *i18n.Bundle
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

// host is the DNS name of the site's base URL, without port.
func host(s *site.Site) string {
	u, err := url.Parse(s.Config.BaseURL)
	if err != nil || u.Hostname() == "" {
		return "localhost"
	}
	return u.Hostname()
}
