package render

import (
	"sort"
	"strconv"
	"strings"

	"github.com/consort-ssg/consort/internal/citation"
	"github.com/consort-ssg/consort/internal/site"
)

// ScholarlyList is what the deliverables' and publications' list pages
// show (Data.Extra): the same pages sorted or filtered in one of several
// ways, each a page of its own so that sorting and filtering need no
// script, and grouped (by work package, by year) in <details> elements.
type ScholarlyList struct {
	Sort, Filter string     // the current view: "number", "due", "year", "title"; "public", "open-access" or ""
	Views        []ListView // the links to every view
	Groups       []ListGroup
	Bib, CSL     string // the list's citation files (publications)
}

// ListView is a link to one view of a list.
type ListView struct {
	Label, URL string
	Current    bool
	Filter     bool // a filter rather than an order
}

// ListGroup is a group of a list: a work package, a year.
type ListGroup struct {
	Label string
	Pages []*site.Page
}

// DOIURL is the address a DOI resolves at.
func DOIURL(doi string) string { return "https://doi.org/" + doi }

// DOI returns the resolver address of a DOI, for templates.
func (d *Data) DOI(doi string) string { return DOIURL(doi) }

// CitationBib and CitationCSL are the URLs of a publication's citation files.
func (d *Data) CitationBib(p *site.Page) string { return d.URLs().Citation(p.URL, "bib") }

// CitationCSL is the URL of a publication's CSL-JSON file.
func (d *Data) CitationCSL(p *site.Page) string { return d.URLs().Citation(p.URL, "json") }

// Scholarly returns the list view of a deliverables or publications
// page, or nil on other pages.
func (d *Data) Scholarly() *ScholarlyList {
	l, _ := d.Extra.(*ScholarlyList)
	return l
}

// scholarlyViews returns the data of every view of the deliverables' or
// publications' section page p (d being the default's), or nil for other
// sections.
func (e *Engine) scholarlyViews(s *site.Site, d *Data, p *site.Page) []*Data {
	type view struct{ sort, filter, seg, label string }
	var views []view
	switch p.Section {
	case "deliverables":
		views = []view{{"number", "", "", "sort_number"}, {"due", "", "due/", "sort_due"}, {"number", "public", "public/", "show_public"}}
	case "publications":
		views = []view{{"year", "", "", "sort_year"}, {"title", "", "title/", "sort_title"}, {"year", "open-access", "open-access/", "show_open_access"}}
	default:
		return nil
	}
	pages := s.PagesOf(p.Lang, p.Section)
	var out []*Data
	for i, v := range views {
		dv := d
		if i > 0 {
			cp := *d
			dv = &cp
			dv.URL = p.URL + v.seg
			dv.Canonical = s.Config.AbsURL(dv.URL)
			dv.Title = p.Title() + " – " + d.T(v.label)
			dv.Breadcrumbs = append(append([]Crumb{}, d.Breadcrumbs...), Crumb{Title: d.T(v.label), URL: dv.URL, Current: true})
			dv.Breadcrumbs[len(dv.Breadcrumbs)-2].Current = false
		}
		l := &ScholarlyList{Sort: v.sort, Filter: v.filter}
		for _, w := range views {
			l.Views = append(l.Views, ListView{Label: d.T(w.label), URL: p.URL + w.seg, Current: w == v, Filter: w.filter != ""})
		}
		sel := filterPages(pages, v.filter)
		dv.Children = sel
		l.Groups = groupPages(dv, sel, v.sort)
		if p.Section == "publications" && len(pages) > 0 {
			l.Bib, l.CSL = d.URLs().Citations(p.Lang, "bib"), d.URLs().Citations(p.Lang, "json")
		}
		dv.Extra = l
		out = append(out, dv)
	}
	return out
}

func filterPages(pages []*site.Page, filter string) []*site.Page {
	var out []*site.Page
	for _, p := range pages {
		switch {
		case filter == "public" && p.Deliverable().Dissemination != "public":
		case filter == "open-access" && p.Publication().OpenAccess != "open":
		default:
			out = append(out, p)
		}
	}
	return out
}

// groupPages sorts pages in the order of a view and groups them: by work
// package in the order of numbers, by year newest first; the due-date and
// title orders are one group.
func groupPages(d *Data, pages []*site.Page, by string) []ListGroup {
	pages = append([]*site.Page{}, pages...)
	switch by {
	case "number", "due":
		sort.SliceStable(pages, func(i, j int) bool {
			a, b := pages[i].Deliverable(), pages[j].Deliverable()
			if by == "due" && !a.Due.Equal(b.Due.Time) {
				return a.Due.Before(b.Due.Time)
			}
			if c := compareNumbers(a.Number, b.Number); c != 0 {
				return c < 0
			}
			return pages[i].File < pages[j].File
		})
	case "year":
		pages = citation.Sorted(pages)
	case "title":
		sort.SliceStable(pages, func(i, j int) bool {
			if c := d.Locale.Compare(pages[i].Title(), pages[j].Title()); c != 0 {
				return c < 0
			}
			return pages[i].File < pages[j].File
		})
	}
	var groups []ListGroup
	for _, p := range pages {
		label := ""
		switch by {
		case "number":
			label = p.Deliverable().WorkPackage
		case "year":
			label = strconv.Itoa(p.Publication().Year)
		}
		if n := len(groups); n == 0 || groups[n-1].Label != label {
			groups = append(groups, ListGroup{Label: label})
		}
		groups[len(groups)-1].Pages = append(groups[len(groups)-1].Pages, p)
	}
	return groups
}

// compareNumbers orders deliverable numbers (D2.10 after D2.9) and work
// packages (WP10 after WP9) by their numbers.
func compareNumbers(a, b string) int {
	na, nb := numbersOf(a), numbersOf(b)
	for i := 0; i < len(na) && i < len(nb); i++ {
		if na[i] != nb[i] {
			return na[i] - nb[i]
		}
	}
	return len(na) - len(nb)
}

func numbersOf(s string) []int {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		n, _ := strconv.Atoi(f)
		out = append(out, n)
	}
	return out
}

// scholarly is the JSON-LD node of a publication (ScholarlyArticle) or a
// deliverable (CreativeWork).
func (d *Data) scholarly(p *site.Page, id string, consortium ld) ld {
	n := ld{"@id": id + "#work", "name": p.Title(), "inLanguage": p.Lang, "url": d.Abs(p.URL)}
	if f := &d.site.Config.Funding; f.Given() && !f.Legacy {
		g := ld{"@type": "Grant", "funder": ld{"@type": "Organization", "name": "European Union"}}
		if f.GrantAgreement != "" {
			g["identifier"] = f.GrantAgreement
		}
		if name := f.ProgrammeName(p.Lang); name != "" {
			g["name"] = name
		}
		n["funding"] = g
	}
	if pub := p.Publication(); pub != nil {
		n["@type"] = "ScholarlyArticle"
		n["headline"] = headline(p.Title())
		var authors []ld
		for _, a := range pub.Authors {
			authors = append(authors, ld{"@type": "Person", "name": a})
		}
		n["author"] = authors
		if pub.Year != 0 {
			n["datePublished"] = strconv.Itoa(pub.Year)
		}
		if pub.Venue != "" {
			n["isPartOf"] = ld{"@type": "Periodical", "name": pub.Venue}
			if pub.PublicationType == "conference" || pub.PublicationType == "chapter" || pub.PublicationType == "book" {
				n["isPartOf"] = ld{"@type": "CreativeWork", "name": pub.Venue}
			}
		}
		if pub.DOI != "" {
			n["identifier"] = ld{"@type": "PropertyValue", "propertyID": "DOI", "value": pub.DOI}
			n["sameAs"] = DOIURL(pub.DOI)
		}
		if pub.OpenAccess != "" {
			n["isAccessibleForFree"] = pub.OpenAccess == "open"
		}
		if pub.Repository != "" {
			n["workExample"] = ld{"@type": "CreativeWork", "url": pub.Repository}
		}
	}
	if del := p.Deliverable(); del != nil {
		n["@type"] = "CreativeWork"
		n["identifier"] = del.Number
		n["creator"] = consortium
		n["creativeWorkStatus"] = del.Status
		if !del.Delivered.IsZero() {
			n["dateCreated"] = ldDate(del.Delivered, "")
		}
		if del.DOI != "" {
			n["sameAs"] = DOIURL(del.DOI)
		}
		if del.File != "" {
			n["encoding"] = ld{"@type": "MediaObject", "contentUrl": d.absAsset(del.File)}
		}
		if del.Dissemination == "sensitive" {
			n["conditionsOfAccess"] = d.T("dissemination_sensitive")
		}
	}
	d.describe(n, p)
	return n
}
