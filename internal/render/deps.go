package render

import (
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/consort-ssg/consort/internal/site"
)

// What a page read of the site is recorded by the code that hands it
// out, when Options.Record is set: Data's methods (PagesOf, Latest,
// Section, In, HTML, QA, Figures, Map, Cached...), the page's own data
// (its list, breadcrumbs, language links, menu) and .Site's lookups in
// templates (SiteView). The incremental build of `consort serve` renders
// a page again only when something it read changed; see Key for what a
// read covers.
//
// A template reaches other pages only through those: every page it is
// handed, and the pages those link to (ClusterPage, Members,
// Participants, Missions, Organisation, Interviews, Translations), are
// covered by the read that handed out the first. What is not covered is
// a page two links away (.Page.ClusterPage.Members) and the body of
// another page read from its fields (.HTML of a page in a range) rather
// than with {{$.HTML .}}: the preview may show those stale until the
// next full rebuild; consort build always renders everything.

// A Key is one thing a render read.
type Key struct {
	Kind ReadKind
	Name string
}

// ReadKind says what a Key names.
type ReadKind uint8

const (
	// ReadPage is a page's front matter, URL, slug, draft state and links,
	// and those of the pages it links to; Name is its file. A page that
	// does not exist may be read (it may appear).
	ReadPage ReadKind = iota + 1
	// ReadCard is what the render's own code (not a template) read of
	// a page: its front matter and URL, as the menu, the breadcrumbs and
	// the language links show them; Name is its file.
	ReadCard
	// ReadBody is a page's body (HTML, headings, links, images); Name is
	// its file.
	ReadBody
	// ReadList is a section's pages in a language, their order, and each
	// one as ReadPage; Name is lang + "/" + section.
	ReadList
	// ReadLang is every page of a language, each one as ReadPage; Name is
	// the language, "" for every language.
	ReadLang
	// ReadName is a lookup of a page by section and name in any language
	// (site.Site.Lookup); Name is section + "/" + name.
	ReadName
	// ReadShade is the maps' shading of a language (the clusters'
	// countries and the missions' markets); Name is the language.
	ReadShade
)

// Reads collects the Keys read while rendering one page (all the pages
// of a paginated list), from the goroutines that render them.
type Reads struct {
	mu   sync.Mutex
	keys map[Key]struct{}
}

func (r *Reads) add(k Key) {
	if r == nil {
		return
	}
	r.mu.Lock()
	if r.keys == nil {
		r.keys = map[Key]struct{}{}
	}
	r.keys[k] = struct{}{}
	r.mu.Unlock()
}

func (r *Reads) merge(keys []Key) {
	if r == nil || len(keys) == 0 {
		return
	}
	r.mu.Lock()
	if r.keys == nil {
		r.keys = make(map[Key]struct{}, len(keys))
	}
	for _, k := range keys {
		r.keys[k] = struct{}{}
	}
	r.mu.Unlock()
}

// list returns the keys read, sorted.
func (r *Reads) list() []Key {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Key, 0, len(r.keys))
	for k := range r.keys {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b Key) int {
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Reads returns what rendering the job read of the site, sorted; nil
// unless it was made with Options.Record. Jobs of one page share their
// reads: ask once they are all rendered.
func (j Job) Reads() []Key { return j.Data.reads.list() }

// readPage records that the page of file was read.
func (d *Data) readPage(file string) {
	if d.reads != nil {
		d.reads.add(Key{ReadPage, file})
	}
}

// readCard records that the title or URL of the page of file was read.
func (d *Data) readCard(file string) {
	if d.reads != nil {
		d.reads.add(Key{ReadCard, file})
	}
}

func (d *Data) readPageOf(p *site.Page) {
	if d.reads != nil && p != nil {
		d.reads.add(Key{ReadPage, p.File})
	}
}

func (d *Data) readList(lang, section string) {
	if d.reads != nil {
		d.reads.add(Key{ReadList, lang + "/" + section})
	}
}

// SiteView is .Site as templates see it: the site, with the lookups
// that hand out pages recorded (see Key).
type SiteView struct {
	*site.Site
	reads *Reads
}

// Pages returns every page of the site.
func (v SiteView) Pages() []*site.Page {
	v.reads.add(Key{ReadLang, ""})
	return v.Site.Pages
}

// Page returns the page of a content file, or nil.
func (v SiteView) Page(file string) *site.Page {
	v.reads.add(Key{ReadPage, file})
	return v.Site.Page(file)
}

// Lookup returns the page of a section by name in lang, or in another
// language; nil when there is none.
func (v SiteView) Lookup(lang, section, name string) *site.Page {
	v.reads.add(Key{ReadName, section + "/" + name})
	p := v.Site.Lookup(lang, section, name)
	if p != nil {
		v.reads.add(Key{ReadPage, p.File})
	}
	return p
}

// Home returns the home page of lang.
func (v SiteView) Home(lang string) *site.Page {
	v.reads.add(Key{ReadPage, "content/" + lang + "/index.md"})
	return v.Site.Home(lang)
}

// Section returns the section page of lang, or nil.
func (v SiteView) Section(lang, section string) *site.Page {
	v.reads.add(Key{ReadPage, "content/" + lang + "/" + section + "/index.md"})
	return v.Site.Section(lang, section)
}

// PagesOf returns the pages of a section in lang, in file order.
func (v SiteView) PagesOf(lang, section string) []*site.Page {
	v.reads.add(Key{ReadList, lang + "/" + section})
	return v.Site.PagesOf(lang, section)
}

// LangPages returns every page of lang.
func (v SiteView) LangPages(lang string) []*site.Page {
	v.reads.add(Key{ReadLang, lang})
	return v.Site.LangPages(lang)
}

// Site is the site, for templates ({{.Site.Config.DefaultLang}},
// {{.Site.Page "content/en/about.md"}}): a SiteView, whose lookups are
// recorded when the render records what pages read (Options.Record).
// It is a method, and the site an unexported field, so that templates
// get *Data itself as their dot in every render: text/template finds a
// field of a struct it embeds (a wrapper's .Title, .URL, .Lang) by
// reflect's breadth-first search, which took a fifth of a page's
// template time.
func (d *Data) Site() SiteView { return SiteView{d.site, d.reads} }

// Shading returns what the maps of lang shade, for comparing two loads
// of a site (a ReadShade key): the clusters' countries, then the
// missions' markets, in their sections' order.
func (e *Engine) Shading(s *site.Site, lang string) (members, markets []string) {
	d := &Data{site: s, Lang: lang, Locale: e.Bundle.Locale(lang)}
	sh := d.shading()
	return sh.members, sh.markets
}

// recordFrame records what the data every page gets shows of the site
// besides the page itself: the pages of its menu.
func (d *Data) recordFrame(p *site.Page) {
	d.readPageOf(p) // and, so, the pages it links to
	for _, e := range d.site.Config.Menus[d.Lang] {
		if e.Page != "" {
			d.readCard("content/" + d.Lang + "/" + path.Clean(e.Page))
		}
	}
}

// sectionCard is the section page of lang, its title and URL recorded
// as read.
func (d *Data) sectionCard(lang, section string) *site.Page {
	if section == "" {
		return nil
	}
	d.readCard("content/" + lang + "/" + section + "/index.md")
	return d.site.Section(lang, section)
}
