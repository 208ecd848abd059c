package feeds

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// UsesHTML reports whether a feed shows the HTML of p's body: the Atom
// feed carries the full text of each news item. A build that lets go of
// pages' HTML once they are rendered keeps these.
func UsesHTML(p *site.Page) bool { return p.Kind == site.KindNews }

// Atom returns an Atom feed (RFC 4287) of the news of each language that
// has any, at "<lang>/<news slug>/atom.xml", newest first, with the full
// content of every item.
//
// An entry's id is a tag URI (RFC 4151) made of the site's host, the
// item's date and its file under the language folder
// ("tag:www.example.org,2020-06-03:en/news/ce4big.md"): it does not change
// from build to build nor when the slug or the base URL's path changes.
// The feed's id is the address of the news section. The feed's author is
// the site; an entry with an author names it too.
func Atom(s *site.Site) []output.File {
	var files []output.File
	u := s.Config.URLs()
	for _, lang := range s.Langs() {
		if !s.HasNewsFeed(lang) {
			continue
		}
		feedURL := u.Atom(lang)
		files = append(files, output.File{Path: u.File(feedURL), Data: atomFeed(s, lang, feedURL)})
	}
	return files
}

func atomFeed(s *site.Site, lang, feedURL string) []byte {
	items := s.PagesOf(lang, "news")
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.Date().Equal(b.Date().Time) {
			return a.Date().After(b.Date().Time)
		}
		return a.File < b.File
	})
	title := s.Config.Title[lang]
	section := s.Config.URLs().Section(lang, "news")
	if sec := s.Section(lang, "news"); sec != nil {
		section = sec.URL
		title = sec.Title() + " – " + title
	}
	var updated time.Time
	for _, p := range items {
		if u := entryUpdated(p); u.After(updated) {
			updated = u
		}
	}

	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`)
	xmlText(&b, lang)
	b.WriteString("\">\n")
	element(&b, "id", "", s.Config.AbsURL(section))
	element(&b, "title", ` type="text"`, title)
	if d := s.Config.Description[lang]; d != "" {
		element(&b, "subtitle", ` type="text"`, d)
	}
	element(&b, "updated", "", rfc3339(updated))
	link(&b, "self", "application/atom+xml", "", s.Config.AbsURL(feedURL))
	link(&b, "alternate", "text/html", lang, s.Config.AbsURL(section))
	for _, other := range s.Langs() {
		if other != lang && s.HasNewsFeed(other) {
			link(&b, "alternate", "application/atom+xml", other, s.Config.AbsURL(s.Config.URLs().Atom(other)))
		}
	}
	b.WriteString("<author>\n")
	element(&b, "name", "", s.Config.Title[lang])
	element(&b, "uri", "", s.Config.AbsURL(s.Config.URLs().Home(lang)))
	b.WriteString("</author>\n")
	b.WriteString("<generator>consort</generator>\n")
	for _, p := range items {
		atomEntry(&b, s, p)
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

func atomEntry(b *bytes.Buffer, s *site.Site, p *site.Page) {
	n := p.News()
	b.WriteString("<entry>\n")
	element(b, "id", "", "tag:"+host(s)+","+p.Date().Format("2006-01-02")+":"+p.Lang+"/"+p.Rel)
	element(b, "title", ` type="text"`, p.Title())
	link(b, "alternate", "text/html", p.Lang, s.Config.AbsURL(p.URL))
	for _, t := range p.Translations {
		link(b, "alternate", "text/html", t.Lang, s.Config.AbsURL(t.URL))
	}
	element(b, "published", "", rfc3339(p.Date().Time))
	element(b, "updated", "", rfc3339(entryUpdated(p)))
	if n != nil && n.Author != "" {
		b.WriteString("<author>\n")
		element(b, "name", "", n.Author)
		b.WriteString("</author>\n")
	}
	if n != nil {
		for _, tag := range n.Tags {
			b.WriteString(`<category term="`)
			xmlText(b, tag)
			b.WriteString("\"/>\n")
		}
	}
	if sum := p.Summary(); sum != "" {
		cdataElement(b, "summary", ` type="text"`, []byte(sum))
	}
	cdataElement(b, "content", ` type="html"`, absolutize(s, p.HTML))
	b.WriteString("</entry>\n")
}

// entryUpdated is when an item last changed as far as its front matter
// tells: the later of its date and its publishDate.
func entryUpdated(p *site.Page) time.Time {
	t := p.Date().Time
	if pd := p.Front().PublishDate; pd.After(t) {
		t = pd.Time
	}
	return t
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func element(b *bytes.Buffer, name, attrs, text string) {
	b.WriteString("<" + name + attrs + ">")
	xmlText(b, text)
	b.WriteString("</" + name + ">\n")
}

// cdataElement writes an element whose text may be long (an item's
// summary and HTML) as CDATA sections.
//
// Written with character references instead (encoding/xml's &#34; for
// every quote, &#xA; for every line), the XML minifier rewrites each one
// and moves the rest of the text each time: a 4 MB post cost 16 times a
// 1 MB one. It passes a CDATA section on as it is (or as text with &lt;
// and &amp;, when that is shorter), in one pass; the HTML's white space,
// which <pre> needs, is kept too.
func cdataElement(b *bytes.Buffer, name, attrs string, text []byte) {
	b.WriteString("<" + name + attrs + "><![CDATA[")
	cdata(b, text)
	b.WriteString("]]></" + name + ">\n")
}

// cdata writes text inside a CDATA section: "]]>" is written as text,
// "]]&gt;", between two sections (not split across two sections: the
// minifier turns short sections into text and would join "]]" and ">"
// again), and the characters XML does not allow become U+FFFD, as
// encoding/xml's escaping does.
func cdata(b *bytes.Buffer, text []byte) {
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			if c == '>' && i >= 2 && text[i-1] == ']' && text[i-2] == ']' {
				b.Write(text[start : i-2])
				b.WriteString("]]>]]&gt;<![CDATA[")
				start = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if !xmlChar(r, size) {
			b.Write(text[start:i])
			b.WriteRune(utf8.RuneError)
			start = i + size
		}
		i += size
	}
	b.Write(text[start:])
}

// xmlChar reports whether a decoded rune may appear in an XML document
// (XML 1.0, production Char).
func xmlChar(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // not UTF-8
		return false
	case r == 0x09 || r == 0x0A || r == 0x0D:
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

func link(b *bytes.Buffer, rel, typ, hreflang, href string) {
	b.WriteString(`<link rel="` + rel + `" type="` + typ + `"`)
	if hreflang != "" {
		b.WriteString(` hreflang="`)
		xmlText(b, hreflang)
		b.WriteString(`"`)
	}
	b.WriteString(` href="`)
	xmlText(b, href)
	b.WriteString("\"/>\n")
}

// rootRelRE finds href, src and srcset values that start with a slash,
// quoted or not (a body is minified HTML: internal/site): links within
// the site, which a feed reader cannot resolve. absolutize leaves those
// that start with two (another host's).
var rootRelRE = regexp.MustCompile("\\b(href|src|srcset)=(\"/[^\"]*\"|/[^\\s\"'=<>`]*)")

// absolutize makes the site-relative links and images of rendered HTML
// absolute, for use outside the site.
func absolutize(s *site.Site, html []byte) []byte {
	return rootRelRE.ReplaceAllFunc(html, func(m []byte) []byte {
		attr, val, _ := strings.Cut(string(m), "=")
		val = strings.Trim(val, `"`)
		if strings.HasPrefix(val, "//") {
			return m
		}
		if attr == "srcset" {
			parts := strings.Split(val, ",")
			for i, part := range parts {
				part = strings.TrimSpace(part)
				if strings.HasPrefix(part, "/") && !strings.HasPrefix(part, "//") {
					part = s.Config.AbsURL(part)
				}
				parts[i] = part
			}
			return []byte(attr + `="` + strings.Join(parts, ", ") + `"`)
		}
		return []byte(attr + `="` + s.Config.AbsURL(val) + `"`)
	})
}
