// Package render turns a loaded site into HTML files with html/template.
//
// Templates live in a folder (the site's templates/ over the embedded
// default theme): base.html is the frame of every page and defines
// {{block "layout" .}}; each kind has a file (home.html, list.html,
// page.html, cluster.html, partner.html, mission.html, interview.html,
// news.html, 404.html, catalogue.html, facet.html, language.html) that
// defines "layout"; partials/*.html are shared by all. UI strings come
// from i18n/<lang>.yaml. Every template receives a *Data.
//
// render makes the jobs of a site (a layout and its Data per output:
// PageJobs, SiteJobs, Jobs) and executes them (RenderJob, RenderJobs); it
// writes and minifies nothing: internal/build schedules the jobs and
// hands each page on. Every address a page shows (its own, its
// translations', menus, pagers, feeds, assets, the maps' country links)
// comes from internal/urls, through Data.URLs; render joins none itself.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/consort-ssg/consort/internal/geomap"
	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/sync/errgroup"
)

// Layouts returns the names of the template files every theme has
// besides base.html and partials/ (home is home.html).
func Layouts() []string {
	return []string{"home", "list", "page", "cluster", "partner", "mission", "interview", "news", "404", "language", "accessibility", "privacy", "deliverable", "publication"}
}

// Engine holds parsed templates and UI strings.
type Engine struct {
	// layouts are the templates executed, by layout: minified when
	// minified is true; plain are the same templates as written, kept
	// to report an error of a minified one at its line (nil when
	// layouts are the written ones).
	layouts  map[string]*template.Template
	plain    map[string]*template.Template
	minified bool
	Bundle   *i18n.Bundle
	bufs     sync.Pool // *bytes.Buffer for Execute
	atlas    *geomap.Atlas
	// What every page of a language may ask for, worked out once per
	// site (see siteMemo).
	sections siteMemo[[]*site.Page] // PagesOf, by lang + "/" + section
	shades   siteMemo[shading]      // the maps' shading, by lang
	parts    siteMemo[cachedPart]   // Cached
	// otherBodies is ShowsOtherBodies.
	otherBodies bool
	uses        map[string][]string // Uses, by layout
}

// New parses the templates in fsys (base.html, partials/, the layouts,
// i18n/) for the given languages. Errors name the template file and line.
//
// The HTML of each template is minified once, as it is parsed
// (minify.Minifier.Template), and the pages it renders are minified
// already: RenderJob marks them output.File.Minified, and a build does
// not minify them again. What is the same on every page (the frame, the
// labels, the markup around each value) is so minified once instead of
// on every page; a page's body comes minified from internal/site. The
// one exception is a template that includes another inside <pre>,
// <textarea>, <script> or <style>, or leaves one of those open for
// another template to close: the included text would be minified
// without knowing it is there, so the templates are kept as written and
// their pages left to the build's minifier (Minified reports which).
func New(fsys fs.FS, langs []string) (*Engine, error) { return newEngine(fsys, langs, true) }

// NewUnminified is New with the templates kept as written, for a caller
// that reads pages as the templates write them.
func NewUnminified(fsys fs.FS, langs []string) (*Engine, error) {
	return newEngine(fsys, langs, false)
}

func newEngine(fsys fs.FS, langs []string, minified bool) (*Engine, error) {
	bundle, err := i18n.LoadDir(fsys, "i18n", langs)
	if err != nil {
		return nil, fmt.Errorf("templates/%w", err)
	}
	src, err := readTemplates(fsys)
	if err != nil {
		return nil, err
	}
	e := &Engine{Bundle: bundle, atlas: geomap.New()}
	// The templates as written are parsed first, so that every error
	// names the line the author wrote.
	if e.layouts, err = parseLayouts(src); err != nil {
		return nil, err
	}
	if minified && !inheritsContext(src) {
		min, err := minifyTemplates(src)
		if err != nil {
			return nil, err
		}
		if layouts, err := parseLayouts(min); err == nil {
			e.plain, e.layouts, e.minified = e.layouts, layouts, true
		}
		// A minified template that no longer parses is the minifier's
		// doing, not the author's: the templates stay as written.
	}
	e.otherBodies = showsOtherBodies(e.layouts)
	e.uses = map[string][]string{}
	for name, t := range e.layouts {
		e.uses[name] = usesOf(t)
	}
	return e, nil
}

// Minified reports whether the pages the engine renders are minified
// already (see New).
func (e *Engine) Minified() bool { return e.minified }

// templateSources are the template files of a theme, by name
// ("base.html", "partials/nav.html", "partner.html"), with the names of
// the layouts found.
type templateSources struct {
	files    map[string][]byte
	partials []string // sorted
	layouts  []string // Layouts, and catalogue and facet when there
}

// readTemplates reads base.html, partials/*.html and the layouts of fsys.
func readTemplates(fsys fs.FS) (templateSources, error) {
	ts := templateSources{files: map[string][]byte{}}
	read := func(name, missing string) error {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("templates/%s: %w%s", name, err, missing)
		}
		ts.files[name] = b
		return nil
	}
	if err := read("base.html", ""); err != nil {
		return ts, err
	}
	ts.partials, _ = fs.Glob(fsys, "partials/*.html")
	sort.Strings(ts.partials)
	for _, name := range ts.partials {
		if err := read(name, ""); err != nil {
			return ts, err
		}
	}
	ts.layouts = Layouts()
	for _, extra := range []string{"catalogue", "facet"} {
		if _, err := fs.Stat(fsys, extra+".html"); err == nil {
			ts.layouts = append(ts.layouts, extra)
		}
	}
	for _, name := range ts.layouts {
		if err := read(name+".html", "; every theme needs it"); err != nil {
			return ts, err
		}
	}
	return ts, nil
}

// parseLayouts parses the templates of ts, one set per layout: base.html
// and the partials, and the layout's file.
func parseLayouts(ts templateSources) (map[string]*template.Template, error) {
	base := template.New("base.html").Option("missingkey=error")
	if _, err := base.Parse(string(ts.files["base.html"])); err != nil {
		return nil, templateError(err)
	}
	for _, name := range ts.partials {
		if _, err := base.New(name).Parse(string(ts.files[name])); err != nil {
			return nil, templateError(err)
		}
	}
	layouts := map[string]*template.Template{}
	for _, name := range ts.layouts {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(name + ".html").Parse(string(ts.files[name+".html"])); err != nil {
			return nil, templateError(err)
		}
		layouts[name] = t
	}
	return layouts, nil
}

// minifyTemplates returns ts with the HTML of every template minified.
func minifyTemplates(ts templateSources) (templateSources, error) {
	mz := minify.New()
	min := ts
	min.files = make(map[string][]byte, len(ts.files))
	for name, src := range ts.files {
		b, err := mz.Template(src)
		if err != nil {
			return ts, fmt.Errorf("templates/%s: %w", name, err)
		}
		min.files[name] = b
	}
	return min, nil
}

// rawRegionRE matches an element whose text the HTML minifier keeps or
// reads as another language, from its start tag to the first end tag of
// such an element, or to the end of the file when none follows.
var rawRegionRE = regexp.MustCompile(`(?is)<(?:pre|textarea|script|style)\b.*?(?:(</(?:pre|textarea|script|style)\s*>)|\z)`)

// callRE matches an action that executes another template there.
var callRE = regexp.MustCompile(`\{\{-?\s*(?:template|block|define)\b|\.Cached\b`)

// inheritsContext reports whether a template of ts includes another one
// inside <pre>, <textarea>, <script> or <style>, or leaves one open at
// its end: whether some template's text lands where minifying it alone
// would change it.
func inheritsContext(ts templateSources) bool {
	for _, src := range ts.files {
		for _, m := range rawRegionRE.FindAllSubmatchIndex(src, -1) {
			if m[2] < 0 || callRE.Match(src[m[0]:m[1]]) {
				return true // left open (for another template to close), or holding another
			}
		}
	}
	return false
}

var tmplErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):`)

// templateError rewrites "template: partner.html:12: ..." as
// "templates/partner.html:12: ...".
func templateError(err error) error {
	msg := err.Error()
	if m := tmplErrRE.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("templates/%s:%s:%s", m[1], m[2], strings.TrimPrefix(msg, m[0]))
	}
	return fmt.Errorf("templates: %s", strings.TrimPrefix(msg, "template: "))
}

// Has reports whether the engine has a layout.
func (e *Engine) Has(layout string) bool { return e.layouts[layout] != nil }

// Execute renders data with a layout into HTML.
func (e *Engine) Execute(layout string, d *Data) ([]byte, error) {
	var out []byte
	err := e.execute(layout, d, func(page []byte) error {
		out = bytes.Clone(page)
		return nil
	})
	return out, err
}

// execute renders d with layout into a buffer of the engine's pool and
// calls use with the page, which is valid only until use returns.
func (e *Engine) execute(layout string, d *Data, use func(page []byte) error) error {
	t := e.layouts[layout]
	if t == nil {
		return fmt.Errorf("templates/%s.html: no such layout", layout)
	}
	d.Kind = layout
	// A buffer of an earlier page already has the room: the page is
	// written without growing one (which allocated twice its size), and
	// what is kept is copied out at its exact size, not the buffer's
	// doubled capacity.
	buf, _ := e.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer e.bufs.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "base.html", d); err != nil {
		return fmt.Errorf("rendering %s with %s", d.URL, templateError(e.asWritten(layout, d, err)))
	}
	return use(buf.Bytes())
}

// asWritten returns the error of executing d with the layout's templates
// as written, when err came from the minified ones: the same error, at
// the line and column the author wrote. Execution is deterministic: a
// template that failed minified fails as written.
func (e *Engine) asWritten(layout string, d *Data, err error) error {
	if e.plain == nil {
		return err
	}
	d.plain = true
	defer func() { d.plain = false }()
	if err2 := e.plain[layout].ExecuteTemplate(io.Discard, "base.html", d); err2 != nil {
		return err2
	}
	return err
}

// Options are what a render needs besides the site.
type Options struct {
	Assets  *Assets
	Preview bool
	// Record makes each page's jobs record what they read of the site
	// (Job.Reads), for an incremental build.
	Record bool
	// Maps, when set, keeps the pages' maps for later renders (Maps).
	Maps *Maps
}

// Jobs returns the jobs of every page of the site (PageJobs, in site
// order) followed by SiteJobs.
func (e *Engine) Jobs(s *site.Site, opts Options) []Job {
	var jobs []Job
	for _, p := range s.Pages {
		jobs = append(jobs, e.PageJobs(s, p, opts)...)
	}
	return append(jobs, e.SiteJobs(s, opts)...)
}

// Job is one file to render: a layout and the data it receives.
type Job struct {
	Layout string
	Data   *Data
}

// PageJobs returns the jobs of page p: one, or one per page of a
// paginated list. Render is PageJobs of every page plus SiteJobs; an
// incremental build (consort serve) asks only for the pages that changed.
func (e *Engine) PageJobs(s *site.Site, p *site.Page, opts Options) []Job {
	var jobs []Job
	for _, d := range e.pageData(s, p, opts) {
		jobs = append(jobs, Job{layoutOf(p), d})
	}
	return jobs
}

// SiteJobs returns the jobs that belong to no page: each language's 404
// page and the root language chooser.
func (e *Engine) SiteJobs(s *site.Site, opts Options) []Job {
	var jobs []Job
	for _, lang := range s.Langs() {
		d := e.NewData(s, lang, s.Config.URLs().NotFound(lang), opts)
		d.Title = d.T("not_found_title")
		d.Description = d.T("not_found_text")
		d.Canonical = ""
		jobs = append(jobs, Job{"404", d})
	}
	u := s.Config.URLs()
	root := e.NewData(s, s.Config.DefaultLang(), u.Root(), opts)
	root.Title = s.Config.Title[s.Config.DefaultLang()]
	root.Description = s.Config.Description[s.Config.DefaultLang()]
	root.Alternates = nil
	for _, lang := range s.Langs() {
		root.Translations = append(root.Translations, Alternate{Lang: lang, Name: e.Bundle.Locale(lang).LanguageName(lang), URL: u.Home(lang), Abs: u.Abs(u.Home(lang)), IsTranslation: true})
	}
	return append(jobs, Job{"language", root})
}

// RenderJobs executes jobs in parallel and returns their files in the
// same order; when the default language's 404 page is among them, a copy
// at /404.html follows.
func (e *Engine) RenderJobs(s *site.Site, jobs []Job) ([]output.File, error) {
	files := make([]output.File, len(jobs))
	g := new(errgroup.Group)
	g.SetLimit(renderWorkers)
	for i, j := range jobs {
		g.Go(func() error {
			return e.RenderJob(j, func(f output.File) error {
				files[i] = output.File{Path: f.Path, Data: bytes.Clone(f.Data), Minified: f.Minified}
				return nil
			})
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return append(files, RootNotFound(s, files)...), nil
}

// renderWorkers is how many jobs RenderJobs executes at once.
const renderWorkers = 8

// RenderJob executes job j and calls use with its file, whose Data is a
// buffer of the engine's: valid only until use returns, and use may
// change it (a minifier that works in place).
func (e *Engine) RenderJob(j Job, use func(output.File) error) error {
	return e.execute(j.Layout, j.Data, func(page []byte) error {
		return use(output.File{Path: j.Data.site.Config.URLs().File(j.Data.URL), Data: page, Minified: e.minified})
	})
}

// RootNotFound returns the copy at the root of the default language's
// 404 page, where hosts look for it, when files hold that page.
func RootNotFound(s *site.Site, files []output.File) []output.File {
	u := s.Config.URLs()
	for _, f := range files {
		if f.Path == u.File(u.NotFound(s.Config.DefaultLang())) {
			return []output.File{{Path: u.File(u.RootNotFound()), Data: f.Data, Minified: f.Minified}}
		}
	}
	return nil
}

// LayoutOf names the layout a page is rendered with: "home", "list" for
// section pages, else its kind.
func LayoutOf(p *site.Page) string { return layoutOf(p) }

func layoutOf(p *site.Page) string {
	switch p.Kind {
	case site.KindHome:
		return "home"
	case site.KindSection:
		return "list"
	}
	return string(p.Kind)
}

// NewData makes the template data shared by every page of lang at url:
// locale, menu and language links to the other homes. Generated pages
// (catalogue, facets) start from it.
func (e *Engine) NewData(s *site.Site, lang, url string, opts Options) *Data {
	u := s.Config.URLs()
	d := &Data{site: s, Lang: lang, Locale: e.Bundle.Locale(lang), URL: url, Canonical: u.Abs(url), SiteTitle: s.Config.Title[lang], Home: u.Home(lang), Preview: opts.Preview, assets: opts.Assets, atlas: e.atlas, engine: e}
	d.maps = opts.Maps
	d.Menu = menu(s, lang, url)
	for _, other := range s.Langs() {
		if other == lang {
			continue
		}
		d.Alternates = append(d.Alternates, Alternate{Lang: other, Name: e.Bundle.Locale(other).LanguageName(other), URL: u.Home(other), Abs: u.Abs(u.Home(other))})
	}
	d.Breadcrumbs = []Crumb{{Title: d.T("home"), URL: d.Home}}
	return d
}

// pageData returns the data of every output of p: one, or one per page of
// a paginated list.
func (e *Engine) pageData(s *site.Site, p *site.Page, opts Options) []*Data {
	d := e.NewData(s, p.Lang, p.URL, opts)
	d.Page = p
	if opts.Record {
		d.reads = &Reads{}
		d.recordFrame(p)
	}
	d.Title = p.Title()
	d.Description = p.Summary()
	if d.Description == "" {
		d.Description = s.Config.Description[p.Lang]
	}
	e.pageAlternates(s, p, d)
	pageCrumbs(s, p, d)
	if p.Kind != site.KindSection {
		return []*Data{d}
	}
	if views := e.scholarlyViews(s, d, p); views != nil {
		return views
	}
	return listData(s, p, d)
}

// pageAlternates points the language switcher of p at its translations,
// or else at the same section or the home page in each other language.
func (e *Engine) pageAlternates(s *site.Site, p *site.Page, d *Data) {
	u := s.Config.URLs()
	d.Alternates = nil
	for _, other := range s.Langs() {
		if other == p.Lang {
			continue
		}
		a := Alternate{Lang: other, Name: e.Bundle.Locale(other).LanguageName(other)}
		if t := p.Translation(other); t != nil {
			a.URL, a.IsTranslation = t.URL, true
			d.Translations = append(d.Translations, Alternate{Lang: other, Name: a.Name, URL: t.URL, Abs: u.Abs(t.URL), IsTranslation: true})
		} else if sec := d.sectionCard(other, p.Section); p.Section != "" && sec != nil {
			a.URL = sec.URL
		} else {
			a.URL = u.Home(other)
		}
		a.Abs = u.Abs(a.URL)
		d.Alternates = append(d.Alternates, a)
	}
	if len(d.Translations) > 0 {
		d.Translations = append([]Alternate{{Lang: p.Lang, Name: d.Locale.LanguageName(p.Lang), URL: p.URL, Abs: d.Canonical, IsTranslation: true}}, d.Translations...)
	}
}

// pageCrumbs sets the breadcrumb trail of p: home, its section, itself;
// none on a home page.
func pageCrumbs(s *site.Site, p *site.Page, d *Data) {
	if p.Kind == site.KindHome {
		d.Breadcrumbs = nil
		return
	}
	if p.Section != "" && p.Kind != site.KindSection {
		if sec := d.sectionCard(p.Lang, p.Section); sec != nil {
			d.Breadcrumbs = append(d.Breadcrumbs, Crumb{Title: sec.Title(), URL: sec.URL})
		}
	}
	d.Breadcrumbs = append(d.Breadcrumbs, Crumb{Title: p.Title(), URL: p.URL, Current: true})
}

// listData fills in the pages a section page p lists: the missions
// upcoming and past, or the others paginated, a Data per page.
func listData(s *site.Site, p *site.Page, d *Data) []*Data {
	d.readList(p.Lang, p.Section)
	children := sortChildren(s, d.Locale, p.Section, s.PagesOf(p.Lang, p.Section))
	if p.Section == "missions" {
		for _, c := range children {
			if s.Upcoming(c) {
				d.Upcoming = append(d.Upcoming, c)
			} else {
				d.Past = append(d.Past, c)
			}
		}
		d.Children = children
		return []*Data{d}
	}
	per := s.Config.Paginate
	if len(children) <= per {
		d.Children = children
		return []*Data{d}
	}
	total := (len(children) + per - 1) / per
	u := s.Config.URLs()
	pageURL := func(n int) string { return u.Paged(p.URL, n) }
	var out []*Data
	for n := 1; n <= total; n++ {
		dn := d
		if n > 1 {
			cp := *d
			dn = &cp
			dn.URL = pageURL(n)
			dn.Canonical = u.Abs(dn.URL)
		}
		dn.Children = children[(n-1)*per : min(n*per, len(children))]
		pg := &Pager{Number: n, Total: total}
		if n > 1 {
			pg.Prev = pageURL(n - 1)
		}
		if n < total {
			pg.Next = pageURL(n + 1)
		}
		pg.Pages = PagerLinks(n, total, pageURL)
		dn.Pager = pg
		out = append(out, dn)
	}
	return out
}

// sortChildren orders a section's pages: news and interviews newest
// first, missions by start date, clusters coordinator first, the rest by
// weight then title in the language's collation.
func sortChildren(s *site.Site, loc *i18n.Locale, section string, pages []*site.Page) []*site.Page {
	out := append([]*site.Page{}, pages...)
	byTitle := func(a, b *site.Page) bool {
		if a.Weight() != b.Weight() {
			return a.Weight() < b.Weight()
		}
		if c := loc.Compare(a.Title(), b.Title()); c != 0 {
			return c < 0
		}
		return a.File < b.File
	}
	var less func(a, b *site.Page) bool
	switch section {
	case "news", "interviews":
		less = func(a, b *site.Page) bool {
			if !a.Date().Equal(b.Date().Time) {
				return a.Date().After(b.Date().Time)
			}
			return byTitle(a, b)
		}
	case "missions":
		less = func(a, b *site.Page) bool {
			ua, ub := s.Upcoming(a), s.Upcoming(b)
			if ua != ub {
				return ua
			}
			sa, sb := a.Mission().Start, b.Mission().Start
			if !sa.Equal(sb.Time) {
				if sa.IsZero() || sb.IsZero() {
					return sb.IsZero() // dated before undated
				}
				if ua {
					return sa.Before(sb.Time)
				}
				return sa.After(sb.Time)
			}
			return byTitle(a, b)
		}
	case "clusters":
		less = func(a, b *site.Page) bool {
			ca, cb := a.Cluster().Role == "coordinator", b.Cluster().Role == "coordinator"
			if ca != cb {
				return ca
			}
			return byTitle(a, b)
		}
	default:
		less = byTitle
	}
	sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

// menu builds the main navigation of lang from site.yaml.
func menu(s *site.Site, lang, current string) []MenuItem {
	var items []MenuItem
	for _, e := range s.Config.Menus[lang] {
		it := MenuItem{Title: e.Title, URL: s.Config.URLs().Rooted(e.URL)}
		if e.Page != "" {
			p := s.Page("content/" + lang + "/" + path.Clean(e.Page))
			if p == nil {
				continue
			}
			it.URL = p.URL
			if it.Title == "" {
				it.Title = p.Title()
			}
		}
		it.Current = it.URL == current
		it.Ancestor = !it.Current && it.URL != s.Config.URLs().Home(lang) && strings.HasPrefix(current, it.URL)
		items = append(items, it)
	}
	return items
}
