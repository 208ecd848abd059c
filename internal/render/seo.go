package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/text/language"
)

// Social is what OpenGraph and Twitter cards say about a page
// (templates/partials/meta.html writes it).
type Social struct {
	Type             string   // og:type: "website" or "article"
	Locale           string   // og:locale: "en_US"
	LocaleAlternates []string // og:locale:alternate, one per translation
	Image, ImageAlt  string   // absolute URL of the page's image or logo, and its text alternative
	Card             string   // twitter:card: "summary_large_image" with a picture, else "summary"
	Published        string   // article:published_time
}

// Social returns the OpenGraph and Twitter card data of the page.
func (d *Data) Social() Social {
	sc := Social{Type: "website", Locale: ogLocale(d.Lang), Card: "summary"}
	for _, t := range d.Translations {
		if t.Lang != d.Lang {
			sc.LocaleAlternates = append(sc.LocaleAlternates, ogLocale(t.Lang))
		}
	}
	p := d.Page
	if p == nil {
		return sc
	}
	if p.Kind == site.KindNews || p.Kind == site.KindInterview {
		sc.Type = "article"
		if !p.Date().IsZero() {
			sc.Published = ldDate(p.Date(), "")
		}
	}
	if img := p.Front().Image; img != "" {
		sc.Image, sc.ImageAlt, sc.Card = d.absAsset(img), p.Front().Alt, "summary_large_image"
	} else if logo := logoOf(p); logo != "" {
		sc.Image, sc.ImageAlt = d.absAsset(logo), p.Title()
	}
	return sc
}

// ogLocale turns a language code into OpenGraph's language_TERRITORY,
// with the most likely territory when the code names none ("fr" -> "fr_FR").
func ogLocale(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

func logoOf(p *site.Page) string {
	if c := p.Cluster(); c != nil {
		return c.Logo
	}
	if c := p.Partner(); c != nil {
		return c.Logo
	}
	return ""
}

// absAsset makes an image path of front matter absolute.
func (d *Data) absAsset(p string) string {
	if strings.HasPrefix(p, "/") {
		return d.Abs(p)
	}
	return p
}

// FeedLink is a feed or calendar a page announces with <link rel="alternate">.
type FeedLink struct{ Type, Title, URL string }

// Feeds returns the Atom feed and the calendar of the page's language,
// for feed readers and calendar apps to discover.
func (d *Data) Feeds() []FeedLink {
	var out []FeedLink
	if d.site.HasNewsFeed(d.Lang) {
		out = append(out, FeedLink{"application/atom+xml", d.sectionTitle("news"), d.URLs().Atom(d.Lang)})
	}
	if d.site.HasCalendar(d.Lang) {
		out = append(out, FeedLink{"text/calendar", d.sectionTitle("missions"), d.URLs().Calendar(d.Lang)})
	}
	return out
}

func (d *Data) sectionTitle(section string) string {
	if sec := d.site.Section(d.Lang, section); sec != nil {
		return sec.Title() + " – " + d.SiteTitle
	}
	return d.SiteTitle
}

// CalendarFile is the URL of a mission's own .ics file, or "" when the
// mission has no dates yet.
func (d *Data) CalendarFile(p *site.Page) string {
	if !p.HasCalendar() {
		return ""
	}
	return d.URLs().MissionCalendar(p.Lang, p.Slug)
}

// JSONLD returns the page's structured data (schema.org, as JSON-LD) for
// a <script type="application/ld+json">: a @graph with the page (WebPage,
// CollectionPage for lists, plus the WebSite on homes), what it is about
// (Organization for clusters and partners, Event for missions, NewsArticle
// for news, Article about a Person for interviews) and its BreadcrumbList.
//
// It is written as encoding/json writes it (appendJSON): <, > and & as
// \u003c, \u003e and \u0026, so no text of the content can close the
// script element.
func (d *Data) JSONLD() template.JS {
	if d.Kind == "404" {
		return ""
	}
	root := d.Abs(d.URLs().Root())
	consortium := ld{"@type": "Organization", "@id": root + "#organization", "name": d.SiteTitle, "url": root}
	var graph []ld
	page := ld{"@type": "WebPage", "@id": d.Canonical, "url": d.Canonical, "name": d.Title, "inLanguage": d.Lang,
		"isPartOf": ref(root + "#website")}
	if d.Description != "" {
		page["description"] = d.Description
	}
	p := d.Page
	if (p == nil && d.URL == d.URLs().Root()) || (p != nil && p.Kind == site.KindHome) { // the root chooser and the homes
		graph = append(graph,
			ld{"@type": "WebSite", "@id": root + "#website", "url": d.Abs(d.Home), "name": d.SiteTitle, "inLanguage": d.Lang, "publisher": consortium})
	}
	if p != nil {
		if p.IsList() && p.Kind != site.KindHome {
			page["@type"] = "CollectionPage"
		}
		if entity := d.entity(p, consortium); entity != nil {
			entity["mainEntityOfPage"] = ref(d.Canonical)
			page["mainEntity"] = ref(entity["@id"].(string))
			graph = append(graph, entity)
		}
	}
	if len(d.Breadcrumbs) > 1 {
		var items []ld
		for i, c := range d.Breadcrumbs {
			items = append(items, ld{"@type": "ListItem", "position": i + 1, "name": c.Title, "item": d.Abs(c.URL)})
		}
		page["breadcrumb"] = ref(d.Canonical + "#breadcrumb")
		graph = append(graph, ld{"@type": "BreadcrumbList", "@id": d.Canonical + "#breadcrumb", "itemListElement": items})
	}
	graph = append([]ld{page}, graph...)
	b, err := appendJSON(make([]byte, 0, 4096), ld{"@context": "https://schema.org", "@graph": graph})
	if err != nil { // only plain values above: cannot happen
		return ""
	}
	return template.JS(b)
}

// entity is the node the page is about, or nil.
func (d *Data) entity(p *site.Page, consortium ld) ld {
	id := d.Abs(p.URL)
	switch p.Kind {
	case site.KindCluster, site.KindPartner:
		return d.organization(p)
	case site.KindMission:
		return d.event(p, id+"#event")
	case site.KindPublication, site.KindDeliverable:
		return d.scholarly(p, id, consortium)
	case site.KindNews:
		n := p.News()
		a := ld{"@type": "NewsArticle", "@id": id + "#article", "headline": headline(p.Title()), "inLanguage": p.Lang,
			"publisher": consortium, "author": consortium}
		if !p.Date().IsZero() {
			a["datePublished"] = ldDate(p.Date(), "")
			a["dateModified"] = ldDate(p.Date(), "")
			if pd := p.Front().PublishDate; pd.After(p.Date().Time) {
				a["dateModified"] = ldDate(pd, "")
			}
		}
		if n.Author != "" {
			a["author"] = ld{"@type": "Person", "name": n.Author}
		}
		if len(n.Tags) > 0 {
			a["keywords"] = strings.Join(n.Tags, ", ")
		}
		if n.Source != nil && n.Source.URL != "" {
			a["isBasedOn"] = n.Source.URL
		}
		d.describe(a, p)
		return a
	case site.KindInterview:
		iv := p.Interview()
		person := ld{"@type": "Person", "name": iv.Person}
		if iv.Role != "" {
			person["jobTitle"] = iv.Role
		}
		if org := p.Organisation; org != nil {
			person["worksFor"] = ref(d.Abs(d.In(org).URL) + "#organization")
		}
		a := ld{"@type": "Article", "@id": id + "#article", "headline": headline(p.Title()), "inLanguage": p.Lang,
			"about": person, "publisher": consortium, "author": consortium}
		if !p.Date().IsZero() {
			a["datePublished"] = ldDate(p.Date(), "")
		}
		d.describe(a, p)
		return a
	}
	return nil
}

// describe adds the summary and image of p to a node.
func (d *Data) describe(n ld, p *site.Page) {
	if s := p.Summary(); s != "" {
		n["description"] = s
	}
	if img := p.Front().Image; img != "" {
		n["image"] = d.absAsset(img)
	}
}

func (d *Data) organization(p *site.Page) ld {
	id := d.Abs(p.URL) + "#organization"
	o := ld{"@type": "Organization", "@id": id, "name": p.Title()}
	var country, region, city, website, logo string
	var loc *site.Location
	var knows []string
	if c := p.Cluster(); c != nil {
		country, region, city, website, logo, loc = c.Country, c.Region, c.City, c.Website, c.Logo, c.Location
		for _, k := range c.Focus {
			knows = append(knows, d.Label("competency", k))
		}
		if c.ShortName != "" {
			o["alternateName"] = c.ShortName
		}
		o["memberOf"] = ref(d.Abs(d.URLs().Root()) + "#organization")
	}
	if c := p.Partner(); c != nil {
		country, region, city, website, logo, loc = c.Country, c.Region, c.City, c.Website, c.Logo, c.Location
		for _, k := range c.Competencies {
			knows = append(knows, d.Label("competency", k))
		}
		if c.Founded != 0 {
			o["foundingDate"] = strconv.Itoa(c.Founded)
		}
		if c.Employees != 0 {
			o["numberOfEmployees"] = ld{"@type": "QuantitativeValue", "value": c.Employees}
		}
		if cl := p.ClusterPage; cl != nil {
			o["memberOf"] = ref(d.Abs(d.In(cl).URL) + "#organization")
		}
	}
	o["url"] = d.Abs(p.URL)
	if website != "" {
		o["url"] = website
		o["sameAs"] = []string{website}
	}
	if logo != "" {
		o["logo"] = d.absAsset(logo)
	}
	if len(knows) > 0 {
		o["knowsAbout"] = knows
	}
	if addr := address(country, region, city); addr != nil {
		o["address"] = addr
	}
	if loc != nil {
		o["geo"] = ld{"@type": "GeoCoordinates", "latitude": loc.Lat, "longitude": loc.Lon}
	}
	if s := p.Summary(); s != "" {
		o["description"] = s
	}
	return o
}

func (d *Data) event(p *site.Page, id string) ld {
	m := p.Mission()
	e := ld{"@type": "Event", "@id": id, "name": p.Title(), "url": d.Abs(p.URL), "inLanguage": p.Lang,
		"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"}
	if !m.Start.IsZero() {
		e["startDate"] = ldDate(m.Start, m.TimeZone)
		e["eventStatus"] = "https://schema.org/EventScheduled"
		end := m.End
		if end.IsZero() {
			end = m.Start
		}
		e["endDate"] = ldDate(end, m.TimeZone)
	}
	if m.City != "" || m.Country != "" || m.Location != nil {
		place := ld{"@type": "Place"}
		var name []string
		if m.City != "" {
			name = append(name, m.City)
		}
		if m.Country != "" {
			name = append(name, d.Country(m.Country))
		}
		if len(name) > 0 {
			place["name"] = strings.Join(name, ", ")
		}
		if addr := address(m.Country, "", m.City); addr != nil {
			place["address"] = addr
		}
		if m.Location != nil {
			place["geo"] = ld{"@type": "GeoCoordinates", "latitude": m.Location.Lat, "longitude": m.Location.Lon}
		}
		e["location"] = place
	}
	var orgs []ld
	for _, o := range p.Participants {
		o = d.In(o)
		orgs = append(orgs, ld{"@type": "Organization", "@id": d.Abs(o.URL) + "#organization", "name": o.Title(), "url": d.Abs(o.URL)})
	}
	if len(orgs) > 0 {
		e["organizer"] = orgs
	}
	if m.Registration != "" {
		e["offers"] = ld{"@type": "Offer", "url": m.Registration}
	}
	d.describe(e, p)
	return e
}

func address(country, region, city string) ld {
	if country == "" && region == "" && city == "" {
		return nil
	}
	a := ld{"@type": "PostalAddress"}
	if country != "" {
		a["addressCountry"] = country
	}
	if region != "" {
		a["addressRegion"] = region
	}
	if city != "" {
		a["addressLocality"] = city
	}
	return a
}

// ldDate formats a date for schema.org (ISO 8601): the date alone, or the
// date and time with the zone's offset when a time zone is known.
func ldDate(t site.Date, tz string) string {
	if !t.HasTime {
		return t.Format("2006-01-02")
	}
	if loc, err := time.LoadLocation(tz); tz != "" && err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, loc).Format(time.RFC3339)
	}
	return t.Format("2006-01-02T15:04")
}

// headline shortens a title to the 110 characters search engines show.
func headline(s string) string {
	if utf8.RuneCountInString(s) <= 110 {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:109])) + "…"
}
