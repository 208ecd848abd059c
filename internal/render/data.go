package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/geomap"
	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"
)

// Data is what every template receives as its dot.
type Data struct {
	site   *site.Site // templates: Site
	Page   *site.Page // nil on generated pages (catalogue, 404)
	Lang   string
	Locale *i18n.Locale

	Title       string // the page's title (h1)
	Description string // meta description
	URL         string // site path of the page: "/en/about/"
	Canonical   string // absolute URL
	Kind        string // template name: "page", "partner", "list", ...
	SiteTitle   string // the site's title in the page's language
	Home        string // URL of the home page of the page's language: "/en/"

	// Alternates lead to the page in every other language: the
	// translation when there is one, else the section or home page.
	Alternates []Alternate
	// Translations are the real translations only (for hreflang).
	Translations []Alternate
	Menu         []MenuItem
	Breadcrumbs  []Crumb

	// Lists.
	Children []*site.Page
	Pager    *Pager
	Upcoming []*site.Page
	Past     []*site.Page

	// Extra carries what a generated page (catalogue, facets) needs.
	Extra any

	// Preview is true in `consort serve`: drafts are marked.
	Preview bool

	assets *Assets
	atlas  *geomap.Atlas // draws Map
	engine *Engine       // its per-site caches (PagesOf, Cached, the maps' shading)
	reads  *Reads        // what the page read, when Options.Record (deps.go)
	// Map's result, drawn on the first call, or taken from maps.
	maps    *Maps
	mapView *MapView
	mapDone bool
	// plain: the page is executed again with the templates as written,
	// to report an error (Engine.asWritten).
	plain bool
}

// Alternate is a link to the page in another language.
type Alternate struct {
	Lang, Name, URL, Abs string
	IsTranslation        bool
}

// MenuItem is an entry of the main navigation.
type MenuItem struct {
	Title, URL string
	Current    bool // the page itself
	Ancestor   bool // the page is below this entry
}

// Crumb is a step of the breadcrumb trail.
type Crumb struct {
	Title, URL string
	Current    bool
}

// Pager splits a long list into pages.
type Pager struct {
	Number, Total int
	Prev, Next    string
	Pages         []PagerLink
}

// PagerLink is one numbered link of a pager, or a Gap where numbers are
// left out.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // stands for the pages left out between its neighbours
}

// pagerEdge is how many numbers a pager shows either side of the current
// page, besides the first and the last.
const pagerEdge = 2

// PagerLinks returns the numbered links of page n of total: all of them up
// to seven pages; beyond, the first and the last page and pagerEdge pages
// either side of n, with a Gap where numbers are left out (a gap of one
// page shows that page instead). Every
// page of a long list linking every other one would make the list's
// output grow with the square of its length.
func PagerLinks(n, total int, url func(k int) string) []PagerLink {
	var links []PagerLink
	for k := 1; k <= total; k++ {
		near := total <= 2*pagerEdge+3 || k == 1 || k == total || k >= n-pagerEdge && k <= n+pagerEdge
		// A gap of a single page shows that page.
		near = near || k == 2 && n-pagerEdge == 3 || k == total-1 && n+pagerEdge == total-2
		if near {
			links = append(links, PagerLink{Number: k, URL: url(k), Current: k == n})
			continue
		}
		links = append(links, PagerLink{Gap: true})
		if k < n {
			k = n - pagerEdge - 1
		} else {
			k = total - 1
		}
	}
	return links
}

// T returns the UI string key in the page's language.
func (d *Data) T(key string, args ...any) string {
	if len(args) == 0 {
		return d.Locale.T(key)
	}
	m := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		m[fmt.Sprint(args[i])] = args[i+1]
	}
	return d.Locale.T(key, m)
}

// N returns the plural form of key for count.
func (d *Data) N(key string, count int) string { return d.Locale.N(key, count) }

// Date formats a date in the page's language ("3 June 2020", "3 juin 2020").
func (d *Data) Date(v any) string {
	switch t := v.(type) {
	case site.Date:
		if t.IsZero() {
			return ""
		}
		if t.HasTime {
			return d.Locale.DateTime(t.Time)
		}
		return d.Locale.Date(t.Time)
	case time.Time:
		return d.Locale.Date(t)
	}
	return ""
}

// ISODate formats a date for <time datetime>.
func (d *Data) ISODate(v site.Date) string {
	if v.HasTime {
		return v.Format("2006-01-02T15:04")
	}
	return v.Format("2006-01-02")
}

// Number formats a count with the language's grouping.
func (d *Data) Number(n int) string { return d.Locale.Number(int64(n)) }

// Country names a country in the page's language.
func (d *Data) Country(code string) string { return d.Locale.Country(code) }

// Label is the label of a vocabulary key in the page's language.
func (d *Data) Label(vocab, key string) string {
	return d.site.Config.Vocabularies.Label(vocab, key, d.Lang)
}

// Abs makes a site path absolute with the base URL.
func (d *Data) Abs(p string) string { return d.site.Config.AbsURL(p) }

// SectionURL is the URL of a section in the page's language.
func (d *Data) SectionURL(section string) string { return d.URLs().Section(d.Lang, section) }

// URLs is where the outputs of the site live: every address a page
// shows comes from it.
func (d *Data) URLs() *urls.Site { return d.site.Config.URLs() }

// In returns the version of p in the page's language when there is one.
func (d *Data) In(p *site.Page) *site.Page {
	if p == nil || p.Lang == d.Lang {
		return p
	}
	if t := p.Translation(d.Lang); t != nil {
		d.readPageOf(t)
		return t
	}
	return p
}

// Asset returns the published path of a static file ("css/site.css" ->
// "/css/site.3f9a1c2b.css").
func (d *Data) Asset(name string) string { return d.URLs().Static(d.assets.File(name)) }

// Integrity returns the SRI hash of a static file, or "".
func (d *Data) Integrity(name string) string { return d.assets.Integrity(name) }

// HTML returns the page's rendered body. The Markdown renderer escapes
// everything but the markup it makes itself; raw HTML passes only when
// site.yaml allows it.
func (d *Data) HTML(p *site.Page) template.HTML {
	d.readBody(p)
	return template.HTML(p.HTML)
}

// readBody records that the body of p, another page, was read.
func (d *Data) readBody(p *site.Page) {
	if d.reads != nil && p != d.Page {
		d.reads.add(Key{ReadBody, p.File})
	}
}

// Join joins strings with sep.
func (d *Data) Join(list []string, sep string) string { return strings.Join(list, sep) }

// IsUpcoming reports whether a mission is still to come.
func (d *Data) IsUpcoming(p *site.Page) bool { return d.site.Upcoming(p) }

// Assets maps static files to their published names.
type Assets struct {
	paths     map[string]string
	integrity map[string]string
}

// NewAssets makes an asset map; paths maps "css/site.css" to
// "css/site.3f9a1c2b.css" and integrity to "sha384-...".
func NewAssets(paths, integrity map[string]string) *Assets {
	return &Assets{paths: paths, integrity: integrity}
}

// File returns the published file of a static file: its fingerprinted
// name, or its own.
func (a *Assets) File(name string) string {
	name = strings.TrimPrefix(name, "/")
	if a != nil {
		if p, ok := a.paths[name]; ok {
			return p
		}
	}
	return name
}

// Integrity returns the SRI of a static file, or "".
func (a *Assets) Integrity(name string) string {
	if a == nil {
		return ""
	}
	return a.integrity[strings.TrimPrefix(name, "/")]
}

// Item pairs the data of the page being rendered with another page, for
// partials that show a page in a list: {{template "partials/card.html" ($.With .)}}.
type Item struct {
	*Data
	P     *site.Page
	Level int // heading level of the item's title: 2 or 3
}

// With pairs d with p, for an item under a level-2 heading.
func (d *Data) With(p *site.Page) Item { return Item{d, p, 3} }

// Top pairs d with p, for an item right under the page's h1.
func (d *Data) Top(p *site.Page) Item { return Item{d, p, 2} }

// LangHomes maps each language to its home URL, for the root page's script.
func (d *Data) LangHomes() map[string]string {
	m := map[string]string{}
	for _, l := range d.site.Langs() {
		m[l] = d.URLs().Home(l)
	}
	return m
}

// PagesOf returns the pages of a section in the page's language, sorted
// as the section lists them. Every page of a language may ask for the
// same ones (a partner's map shades the clusters' countries and the
// missions' markets), and sorting a section in the language's collation
// for every page made rendering quadratic: the engine sorts each once
// per site.
func (d *Data) PagesOf(section string) []*site.Page {
	d.readList(d.Lang, section)
	return d.sortedPages(section)
}

// sortedPages is PagesOf, not recorded.
func (d *Data) sortedPages(section string) []*site.Page {
	sorted := func() ([]*site.Page, error) {
		return sortChildren(d.site, d.Locale, section, d.site.PagesOf(d.Lang, section)), nil
	}
	if d.engine == nil {
		ps, _ := sorted()
		return ps
	}
	ps, _ := d.engine.sections.get(d.site, d.Lang+"/"+section, sorted)
	return slices.Clone(ps)
}

// shading is what a language's maps shade: the clusters' countries and
// the missions' target markets, in the order of their sections.
type shading struct{ members, markets []string }

// shading returns the shading of the page's language, worked out once
// per site.
func (d *Data) shading() shading {
	if d.reads != nil {
		d.reads.add(Key{ReadShade, d.Lang})
	}
	work := func() (shading, error) {
		var sh shading
		for _, p := range d.sortedPages("clusters") {
			if cl := p.Cluster(); cl != nil && cl.Country != "" && !slices.Contains(sh.members, cl.Country) {
				sh.members = append(sh.members, cl.Country)
			}
		}
		for _, p := range d.sortedPages("missions") {
			if mi := p.Mission(); mi != nil && mi.Country != "" && !slices.Contains(sh.markets, mi.Country) {
				sh.markets = append(sh.markets, mi.Country)
			}
		}
		return sh, nil
	}
	if d.engine == nil {
		sh, _ := work()
		return sh
	}
	sh, _ := d.engine.shades.get(d.site, d.Lang, work)
	return sh
}

// Latest returns at most n pages of a section, sorted as the section lists them.
func (d *Data) Latest(section string, n int) []*site.Page {
	ps := d.PagesOf(section)
	if len(ps) > n {
		ps = ps[:n]
	}
	return ps
}

// Section returns the section page of the page's language, or nil.
func (d *Data) Section(section string) *site.Page {
	d.readPage("content/" + d.Lang + "/" + section + "/index.md")
	return d.site.Section(d.Lang, section)
}
