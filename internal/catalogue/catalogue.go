// Package catalogue builds the partner catalogue of every language: every
// partner and cluster page as one list, with
//
//   - /<lang>/<catalogue>/: a page that lists every organisation in HTML,
//     with links to a page per facet value (country, organisation type,
//     competency, cluster) and their counts; with JavaScript, a search box
//     and facet filters (static/js/catalogue.js) refine the list as the
//     visitor types;
//   - /<lang>/<catalogue>/<facet>/ and /<lang>/<catalogue>/<facet>/<value>/:
//     the facet pages, pre-rendered;
//   - partners.json, its JSON Schema partners.schema.json, partners.csv;
//   - search.<hash>.json: the search index and the little the result list
//     needs, which the script loads on the first search.
//
// Build returns the files; it writes nothing. Every address above (the
// folder names are localised: "/fr/catalogue/pays/de/") comes from
// internal/urls, which render's maps also ask for a country's page.
package catalogue

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Script is the static file of the search script; build embeds it from
// static/js/.
const Script = "js/catalogue.js"

// Files of the catalogue folder of each language.
const (
	JSONFile   = "partners.json"
	SchemaFile = "partners.schema.json"
	CSVFile    = "partners.csv"
)

// Build makes the catalogue files of every language of s. eng renders the
// pages with the theme's catalogue.html and facet.html layouts; a theme
// without them gets the data files only.
func Build(s *site.Site, eng *render.Engine, opts render.Options) ([]output.File, error) {
	cfg, err := newConfig(s.Config)
	if err != nil {
		return nil, err
	}
	langs := s.Langs()
	cats := make([]*langCatalogue, len(langs))
	for i, lang := range langs {
		cats[i] = newLangCatalogue(s, cfg, lang, eng.Bundle.Locale(lang))
	}
	results := make([][]output.File, len(langs))
	errs := make([]error, len(langs))
	var wg sync.WaitGroup
	for i, c := range cats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = c.files(eng, opts, cats)
		}()
	}
	wg.Wait()
	var files []output.File
	for i := range langs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files = append(files, results[i]...)
	}
	output.Sort(files)
	return files, nil
}

// langCatalogue is the catalogue of one language.
type langCatalogue struct {
	s      *site.Site
	cfg    *config
	lang   string
	loc    *i18n.Locale
	base   string // "/fr/catalogue/"
	recs   []*Record
	groups []*group // the facets, in cfg order, then the groups only searched
	facets []*Facet
	items  []Item
}

func newLangCatalogue(s *site.Site, cfg *config, lang string, loc *i18n.Locale) *langCatalogue {
	u := s.Config.URLs()
	c := &langCatalogue{s: s, cfg: cfg, lang: lang, loc: loc, base: u.Catalogue(lang)}
	c.recs = records(s, lang, loc)
	for _, f := range cfg.facets {
		g := buildGroup(f, true, c.recs, s, lang, loc)
		c.groups = append(c.groups, g)
		slug := cfg.slugs[f][lang]
		fc := &Facet{Key: f, Slug: slug, URL: u.Facet(lang, f), Legend: loc.T(legendKeys[f]), Values: g.values}
		for _, v := range g.values {
			v.URL = u.FacetValue(lang, f, v.Slug)
		}
		fc.List = valueList(fc, loc)
		c.facets = append(c.facets, fc)
	}
	// Facets site.yaml leaves out are still searched.
	for _, k := range append(append([]string{}, facetNames...), groupCity, groupRegion, groupArea) {
		if !slices.Contains(cfg.facets, k) {
			c.groups = append(c.groups, buildGroup(k, false, c.recs, s, lang, loc))
		}
	}
	c.items = make([]Item, len(c.recs))
	for i, r := range c.recs {
		c.items[i] = c.item(i, r)
	}
	return c
}

// legendKeys are the UI strings naming each facet.
var legendKeys = map[string]string{
	FacetCountry:    "country",
	FacetOrgType:    "org_type",
	FacetCompetency: "competencies",
	FacetCluster:    "cluster",
}

// files renders everything of the language.
func (c *langCatalogue) files(eng *render.Engine, opts render.Options, all []*langCatalogue) ([]output.File, error) {
	var files []output.File
	u := c.s.Config.URLs()
	title := c.loc.T("catalogue_title")
	doc, err := jsonDocument(c.s, c.lang, c.loc, c.recs, title, c.base, u.Abs(u.CatalogueFile(c.lang, SchemaFile)))
	if err != nil {
		return nil, err
	}
	csvData, err := csvFile(c.s, c.lang, c.loc, c.recs)
	if err != nil {
		return nil, err
	}
	search, err := c.searchData()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(search)
	searchURL := u.SearchIndex(c.lang, hex.EncodeToString(sum[:4]))
	file := func(name string) string { return u.File(u.CatalogueFile(c.lang, name)) }
	files = append(files,
		output.File{Path: file(JSONFile), Data: doc},
		output.File{Path: file(SchemaFile), Data: Schema},
		output.File{Path: file(CSVFile), Data: csvData},
		output.File{Path: u.File(searchURL), Data: search},
	)
	if !eng.Has("catalogue") || !eng.Has("facet") {
		return files, nil
	}
	pages, err := c.pages(eng, opts, all, searchURL)
	if err != nil {
		return nil, err
	}
	return append(files, pages...), nil
}

// searchFile is what the script loads (see index.go for the encodings).
// Clusters lists the records that are clusters: their count, then the list.
type searchFile struct {
	Version  int           `json:"v"`
	Lang     string        `json:"lang"`
	Prefix   [2]string     `json:"prefix"` // URL of a partner, of a cluster, before the slug
	Groups   []searchGroup `json:"groups"`
	Names    []string      `json:"names"`
	Slugs    []string      `json:"slugs"` // "" when the name gives it (defaultSlug)
	Clusters string        `json:"clusters"`
	Terms    string        `json:"terms"`
	Postings string        `json:"postings"`
}

type searchGroup struct {
	Key    string   `json:"key"`
	Param  string   `json:"param,omitempty"` // facets: URL parameter
	Weight int      `json:"w"`
	Multi  bool     `json:"multi,omitempty"`
	Labels []string `json:"labels"`
	Slugs  []string `json:"slugs,omitempty"`
	Recs   string   `json:"recs"`
}

func (c *langCatalogue) searchData() ([]byte, error) {
	ix := buildIndex(c.recs, c.groups, c.lang)
	f := searchFile{Version: Version, Lang: c.lang, Terms: encodeTerms(ix.terms), Postings: encodePostings(ix.posts)}
	f.Prefix[0] = c.s.Config.URLs().Section(c.lang, "partners")
	f.Prefix[1] = c.s.Config.URLs().Section(c.lang, "clusters")
	var kinds []int
	for i, r := range c.recs {
		f.Names = append(f.Names, r.Name)
		slug := r.Slug
		if slug == defaultSlug(r.Name) {
			slug = ""
		}
		f.Slugs = append(f.Slugs, slug)
		if r.Kind == KindCluster {
			kinds = append(kinds, i)
		}
	}
	f.Clusters = string(appendList(appendVarint(nil, len(kinds)), kinds))
	for _, g := range c.groups {
		sg := searchGroup{Key: g.key, Weight: g.weight, Multi: g.multi, Labels: []string{}, Recs: encodeGroupRecords(g)}
		if g.facet {
			sg.Param = c.cfg.slugs[g.key][c.lang]
		}
		for _, v := range g.values {
			sg.Labels = append(sg.Labels, v.Label)
			if g.facet {
				sg.Slugs = append(sg.Slugs, v.Slug)
			}
		}
		f.Groups = append(f.Groups, sg)
	}
	return json.Marshal(f)
}

// Facet is one facet of the catalogue in one language.
type Facet struct {
	Key    string // FacetCountry, ...
	Slug   string // URL segment and query parameter: "pays"
	URL    string // the facet's page: "/fr/catalogue/pays/"
	Legend string // its name: "Pays"
	Values []*Value
	// List is the list of the values' links with their counts, rendered
	// once per language: every facet page shows it.
	List template.HTML
}

// valueList renders the links to a facet's values with their counts.
func valueList(f *Facet, loc *i18n.Locale) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString("<ul>")
	for _, v := range f.Values {
		b.WriteString(`<li><a href="`)
		b.WriteString(esc(v.URL))
		b.WriteString(`">`)
		b.WriteString(esc(v.Label))
		b.WriteString(`</a> <span class="cat-n">(`)
		b.WriteString(esc(loc.Number(int64(v.Count))))
		b.WriteString(")</span></li>\n")
	}
	b.WriteString("</ul>")
	return template.HTML(b.String())
}

// markCurrent marks the link to url in a value list as the current page.
func markCurrent(list template.HTML, url string) template.HTML {
	esc := template.HTMLEscapeString(url)
	return template.HTML(strings.Replace(string(list), `<a href="`+esc+`">`, `<a href="`+esc+`" aria-current="page">`, 1))
}

// Item is one organisation in a list.
type Item struct {
	Name string
	URL  string
	Meta string // "Laboratory · Kraków, Poland"
	Tags string // competencies: "Immunology, Oncology"
	// HTML is the list item as the default theme shows it, rendered once
	// per language and reused by every page that lists the organisation.
	HTML template.HTML
}

// item is record i in a list: its name, type, place and competencies (in
// the order of the competency facet, as the script shows them).
func (c *langCatalogue) item(i int, r *Record) Item {
	voc := c.s.Config.Vocabularies
	meta := voc.Label("orgType", r.OrgType, c.lang) + " · "
	if r.City != "" {
		meta += r.City + ", "
	}
	meta += c.loc.Country(r.Country)
	var tags []string
	for _, g := range c.groups {
		if g.key == FacetCompetency {
			for _, v := range g.rec[i] {
				tags = append(tags, g.values[v].Label)
			}
		}
	}
	it := Item{Name: r.Name, URL: r.Page.URL, Meta: meta, Tags: strings.Join(tags, ", ")}
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<li class="cat-item"><a class="cat-name" href="`)
	b.WriteString(esc(it.URL))
	b.WriteString(`">`)
	b.WriteString(esc(it.Name))
	b.WriteString(`</a> <span class="cat-meta">`)
	b.WriteString(esc(it.Meta))
	b.WriteString(`</span>`)
	if it.Tags != "" {
		b.WriteString(` <span class="cat-tags">`)
		b.WriteString(esc(it.Tags))
		b.WriteString(`</span>`)
	}
	b.WriteString("</li>\n")
	it.HTML = template.HTML(b.String())
	return it
}

// pluralTemplates returns, for the script, a UI string with a count in
// each CLDR plural category of the language ("one", "other", ...), with
// "{n}" where the count goes; the script picks one with Intl.PluralRules.
func pluralTemplates(loc *i18n.Locale, lang, key string) map[string]string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	names := map[plural.Form]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many"}
	out := map[string]string{}
	for _, n := range []int{2, 0, 1, 3, 5, 11, 21, 100, 1000000} {
		form := names[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
		if _, done := out[form]; done {
			continue
		}
		s := loc.N(key, n)
		num := loc.Number(int64(n))
		if !strings.Contains(s, num) {
			continue
		}
		out[form] = strings.Replace(s, num, "{n}", 1)
	}
	if out["other"] == "" {
		out["other"] = "{n}"
	}
	return out
}

// Search is what the catalogue page gives the script, in data- attributes.
type Search struct {
	Index   string // URL of search.<hash>.json
	Results string // JSON: plural templates of the result count
	Script  string // static file of the script
}

// View is the Extra of catalogue.html and facet.html.
type View struct {
	Base   string // the catalogue page: "/fr/catalogue/"
	Total  int    // organisations in the list (all pages)
	Items  []Item // this page's
	Facets []*Facet
	// Facet and Value are the facet page's (Value is nil on a facet's own
	// page, which lists its values).
	Facet *Facet
	Value *Value
	// List is Facet.List with Value marked as the current page.
	List template.HTML
	// Refine is the catalogue page with this facet value as a filter.
	Refine              string
	JSON, CSV, Schema   string
	Search              *Search // the first catalogue page only
	Pager               *render.Pager
	First, Last, Number int // this page's items: First to Last of Total
}

func (c *langCatalogue) pages(eng *render.Engine, opts render.Options, all []*langCatalogue, searchURL string) ([]output.File, error) {
	var jobs []render.Job
	title := c.loc.T("catalogue_title")
	results, _ := json.Marshal(pluralTemplates(c.loc, c.lang, "catalogue_results"))
	u := c.s.Config.URLs()
	newView := func() *View {
		return &View{Base: c.base, Facets: c.facets, JSON: u.CatalogueFile(c.lang, JSONFile), CSV: u.CatalogueFile(c.lang, CSVFile), Schema: u.CatalogueFile(c.lang, SchemaFile)}
	}
	crumbs := func(d *render.Data, extra ...render.Crumb) {
		d.Breadcrumbs = append(d.Breadcrumbs, render.Crumb{Title: title, URL: c.base})
		d.Breadcrumbs = append(d.Breadcrumbs, extra...)
		d.Breadcrumbs[len(d.Breadcrumbs)-1].Current = true
	}
	// The catalogue, paginated.
	all0 := make([]int, len(c.recs))
	for i := range all0 {
		all0[i] = i
	}
	for _, pg := range c.paginate(c.base, all0) {
		d := eng.NewData(c.s, c.lang, pg.url, opts)
		d.Title, d.Description = title, c.loc.T("catalogue_description")
		v := newView()
		c.fill(v, pg)
		if pg.number == 1 {
			v.Search = &Search{Index: searchURL, Results: string(results), Script: Script}
		}
		d.Extra = v
		crumbs(d)
		c.alternates(eng, d, all, func(o *langCatalogue) string { return o.base })
		jobs = append(jobs, render.Job{Layout: "catalogue", Data: d})
	}
	for _, f := range c.facets {
		d := eng.NewData(c.s, c.lang, f.URL, opts)
		d.Title = f.Legend
		d.Description = c.loc.T("catalogue_facet_description", map[string]any{"Facet": f.Legend})
		v := newView()
		v.Facet, v.List = f, f.List
		v.Total = len(c.recs)
		d.Extra = v
		crumbs(d, render.Crumb{Title: f.Legend, URL: f.URL})
		c.alternates(eng, d, all, func(o *langCatalogue) string {
			if of := o.facet(f.Key); of != nil {
				return of.URL
			}
			return ""
		})
		jobs = append(jobs, render.Job{Layout: "facet", Data: d})
		for _, val := range f.Values {
			for _, pg := range c.paginate(val.URL, val.Records) {
				d := eng.NewData(c.s, c.lang, pg.url, opts)
				d.Title = c.loc.T("catalogue_value_title", map[string]any{"Facet": f.Legend, "Value": val.Label})
				d.Description = c.loc.N("catalogue_results", val.Count)
				v := newView()
				v.Facet, v.Value = f, val
				v.List = markCurrent(f.List, val.URL)
				v.Refine = u.Refine(c.lang, f.Key, val.Slug)
				c.fill(v, pg)
				d.Extra = v
				crumbs(d, render.Crumb{Title: f.Legend, URL: f.URL}, render.Crumb{Title: val.Label, URL: val.URL})
				c.alternates(eng, d, all, func(o *langCatalogue) string {
					if ov := o.value(f.Key, val.Key); ov != nil {
						return ov.URL
					}
					return ""
				})
				jobs = append(jobs, render.Job{Layout: "facet", Data: d})
			}
		}
	}
	return eng.RenderJobs(c.s, jobs)
}

// facet returns the facet of key, or nil.
func (c *langCatalogue) facet(key string) *Facet {
	for _, f := range c.facets {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// value returns the value of a facet by its key, or nil.
func (c *langCatalogue) value(facet, key string) *Value {
	f := c.facet(facet)
	if f == nil {
		return nil
	}
	for _, v := range f.Values {
		if v.Key == key {
			return v
		}
	}
	return nil
}

// alternates points the language switcher at the same page in the other
// languages (urlIn returns "" when that language has no such page: its
// catalogue page is used).
func (c *langCatalogue) alternates(eng *render.Engine, d *render.Data, all []*langCatalogue, urlIn func(*langCatalogue) string) {
	d.Alternates, d.Translations = nil, nil
	for _, o := range all {
		if o == c {
			continue
		}
		name := eng.Bundle.Locale(o.lang).LanguageName(o.lang)
		u := urlIn(o)
		a := render.Alternate{Lang: o.lang, Name: name, URL: u, IsTranslation: u != ""}
		if u == "" {
			a.URL = o.base
		}
		a.Abs = c.s.Config.URLs().Abs(a.URL)
		d.Alternates = append(d.Alternates, a)
		if a.IsTranslation {
			d.Translations = append(d.Translations, a)
		}
	}
	if len(d.Translations) > 0 && !strings.Contains(d.URL, "/page/") {
		self := render.Alternate{Lang: c.lang, Name: d.Locale.LanguageName(c.lang), URL: d.URL, Abs: d.Canonical, IsTranslation: true}
		d.Translations = append([]render.Alternate{self}, d.Translations...)
	} else {
		d.Translations = nil
	}
}

// page is one page of a paginated list.
type page struct {
	url           string
	number, total int
	recs          []int // this page's records
	all           int   // records in the list
	first         string
}

func (c *langCatalogue) paginate(first string, recs []int) []page {
	per := c.cfg.perPage
	total := max(1, (len(recs)+per-1)/per)
	out := make([]page, total)
	for n := 1; n <= total; n++ {
		out[n-1] = page{url: c.s.Config.URLs().Paged(first, n), number: n, total: total, recs: recs[(n-1)*per : min(n*per, len(recs))], all: len(recs), first: first}
	}
	return out
}

// fill puts a page of a list into v.
func (c *langCatalogue) fill(v *View, pg page) {
	v.Total = pg.all
	v.Number = pg.number
	v.Items = make([]Item, len(pg.recs))
	for i, r := range pg.recs {
		v.Items[i] = c.items[r]
	}
	if len(pg.recs) > 0 {
		v.First = (pg.number-1)*c.cfg.perPage + 1
		v.Last = v.First + len(pg.recs) - 1
	}
	if pg.total < 2 {
		return
	}
	url := func(n int) string { return c.s.Config.URLs().Paged(pg.first, n) }
	p := &render.Pager{Number: pg.number, Total: pg.total}
	if pg.number > 1 {
		p.Prev = url(pg.number - 1)
	}
	if pg.number < pg.total {
		p.Next = url(pg.number + 1)
	}
	// The first, the last and a few either side, as the section lists:
	// every page linking every other made the catalogue's pages
	// quadratic in their number.
	p.Pages = render.PagerLinks(pg.number, pg.total, url)
	v.Pager = p
}
