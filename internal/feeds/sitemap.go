package feeds

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"sort"
	"strings"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// maxURLs is the most <url> elements one sitemap may hold (sitemaps.org).
const maxURLs = 50000

// NoIndex reports whether an HTML page asks search engines not to index
// it (<meta name="robots" content="noindex">); Sitemaps leaves such
// pages out.
func NoIndex(page []byte) bool {
	// The expression only where the word is, found by its last letter
	// (rare in pages, and found fast): most pages lack it.
	const word = "noindex"
	for _, x := range []byte{'x', 'X'} {
		for i := 0; ; {
			j := bytes.IndexByte(page[i:], x)
			if j < 0 {
				break
			}
			i += j + 1
			if i >= len(word) && bytes.EqualFold(page[i-len(word):i], []byte(word)) {
				return noindexRE.Match(page)
			}
		}
	}
	return false
}

// noindexRE finds <meta name="robots" content="...noindex...">.
var noindexRE = regexp.MustCompile(`(?i)<meta\s+name="?robots"?\s+content="?[^">]*noindex`)

type sitemapURL struct {
	Loc        string
	LastMod    string
	Alternates []alternate // hreflang -> absolute URL, x-default last
}

type alternate struct{ Lang, Href string }

// Sitemaps returns one sitemap per language ("en/sitemap.xml", split into
// "en/sitemap-2.xml"... past 50,000 URLs) and the sitemap index
// "sitemap.xml" at the root that lists them.
//
// A language's sitemap lists every rendered page under its folder, except
// 404 pages and pages marked noindex. A page that has translations carries
// an xhtml:link for each version, itself included, and x-default for the
// version in the default language; lastmod is the later of the page's
// date and publishDate when it has one.
func Sitemaps(s *site.Site, pages []output.File) []output.File {
	u := s.Config.URLs()
	byURL := map[string]*site.Page{}
	for _, p := range s.Pages {
		byURL[p.URL] = p
	}
	perLang := map[string][]sitemapURL{}
	for _, f := range pages {
		if f.Ext() != ".html" || strings.HasSuffix(f.Path, "404.html") || NoIndex(f.Data) {
			continue
		}
		lang, _, ok := strings.Cut(f.Path, "/")
		if !ok || !isLang(s, lang) {
			continue
		}
		entry := sitemapURL{Loc: u.Abs(u.URL(f.Path))}
		if p := byURL[u.URL(f.Path)]; p != nil {
			if d := entryUpdated(p); !d.IsZero() {
				entry.LastMod = d.Format("2006-01-02")
			}
			entry.Alternates = alternates(s, p)
		}
		perLang[lang] = append(perLang[lang], entry)
	}
	var files []output.File
	var index []string
	for _, lang := range s.Langs() {
		entries := perLang[lang]
		if len(entries) == 0 {
			continue
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].Loc < entries[j].Loc })
		for n := 0; n*maxURLs < len(entries); n++ {
			part := u.Sitemap(lang, n+1)
			files = append(files, output.File{Path: u.File(part), Data: urlset(entries[n*maxURLs : min((n+1)*maxURLs, len(entries))])})
			index = append(index, u.Abs(part))
		}
	}
	files = append(files, output.File{Path: u.File(u.SitemapIndex()), Data: sitemapIndex(index)})
	return files
}

// alternates lists p and its translations with x-default, or nothing when
// p has no translation.
func alternates(s *site.Site, p *site.Page) []alternate {
	if len(p.Translations) == 0 {
		return nil
	}
	var out []alternate
	def := ""
	for _, lang := range s.Langs() {
		v := p
		if lang != p.Lang {
			v = p.Translation(lang)
		}
		if v == nil {
			continue
		}
		out = append(out, alternate{lang, s.Config.AbsURL(v.URL)})
		if lang == s.Config.DefaultLang() {
			def = s.Config.AbsURL(v.URL)
		}
	}
	if def != "" {
		out = append(out, alternate{"x-default", def})
	}
	return out
}

func isLang(s *site.Site, code string) bool {
	for _, l := range s.Langs() {
		if l == code {
			return true
		}
	}
	return false
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

func urlset(urls []sitemapURL) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, u := range urls {
		b.WriteString("<url>\n<loc>")
		xmlText(&b, u.Loc)
		b.WriteString("</loc>\n")
		if u.LastMod != "" {
			b.WriteString("<lastmod>" + u.LastMod + "</lastmod>\n")
		}
		for _, a := range u.Alternates {
			b.WriteString(`<xhtml:link rel="alternate" hreflang="`)
			xmlText(&b, a.Lang)
			b.WriteString(`" href="`)
			xmlText(&b, a.Href)
			b.WriteString(`"/>` + "\n")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func sitemapIndex(locs []string) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, l := range locs {
		b.WriteString("<sitemap>\n<loc>")
		xmlText(&b, l)
		b.WriteString("</loc>\n</sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return b.Bytes()
}

// xmlText writes s escaped for XML text and attribute values.
func xmlText(b *bytes.Buffer, s string) {
	xml.EscapeText(b, []byte(s)) //nolint:errcheck // a bytes.Buffer does not fail
}
