// Package citation writes the citations of a site's publications for
// reference managers: BibTeX (.bib) and CSL-JSON (.json, the format of
// Zotero, Mendeley and citeproc), one file per publication beside its page
// and one per language for the whole list beside the section page.
//
//	/en/publications/<slug>/citation.bib, citation.json
//	/en/publications/publications.bib, publications.json
//
// The file names are made by the URL functions below, which say where
// each file is; pages link to them with the same functions.
package citation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// Section is the section whose pages are cited.
const Section = "publications"

// Files returns the citation files of every publication and of each
// language's list.
func Files(s *site.Site) ([]output.File, error) {
	u := s.Config.URLs()
	var out []output.File
	for _, lang := range s.Langs() {
		pubs := Sorted(s.PagesOf(lang, Section))
		if len(pubs) == 0 {
			continue
		}
		keys := Keys(pubs)
		for i, p := range pubs {
			csl, err := CSL(pubs[i:i+1], keys[i:i+1], s.Config.AbsURL)
			if err != nil {
				return nil, err
			}
			out = append(out,
				output.File{Path: u.File(u.Citation(p.URL, "bib")), Data: BibTeX(pubs[i:i+1], keys[i:i+1], s.Config.AbsURL)},
				output.File{Path: u.File(u.Citation(p.URL, "json")), Data: csl})
		}
		if sec := s.Section(lang, Section); sec != nil {
			csl, err := CSL(pubs, keys, s.Config.AbsURL)
			if err != nil {
				return nil, err
			}
			out = append(out,
				output.File{Path: u.File(u.Citations(lang, "bib")), Data: BibTeX(pubs, keys, s.Config.AbsURL)},
				output.File{Path: u.File(u.Citations(lang, "json")), Data: csl})
		}
	}
	return out, nil
}

// Sorted orders publications newest first, then by title.
func Sorted(pages []*site.Page) []*site.Page {
	out := append([]*site.Page{}, pages...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Publication(), out[j].Publication()
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		if out[i].Title() != out[j].Title() {
			return out[i].Title() < out[j].Title()
		}
		return out[i].File < out[j].File
	})
	return out
}

// Keys returns the citation keys of pubs, unique among them: the first
// author's family name, the year and the first long word of the title,
// in ASCII lower case ("puzio2020clusters"), with b, c... when two agree.
func Keys(pubs []*site.Page) []string {
	keys := make([]string, len(pubs))
	seen := map[string]int{}
	for i, p := range pubs {
		pub := p.Publication()
		family := "anonymous"
		if len(pub.Authors) > 0 {
			if f, _ := splitName(pub.Authors[0]); f != "" {
				family = f
			}
		}
		word := ""
		for _, w := range strings.Fields(p.Title()) {
			if w = asciiWord(w); len(w) > 3 {
				word = w
				break
			}
		}
		k := asciiWord(family) + strconv.Itoa(pub.Year) + word
		if k == "" {
			k = "publication"
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k += string(rune('a' + n - 1))
		}
		keys[i] = k
	}
	return keys
}

func asciiWord(s string) string {
	return strings.ReplaceAll(site.Slugify(s), "-", "")
}

// splitName returns the family and given names of "Family, Given" or
// "Given Family".
func splitName(name string) (family, given string) {
	name = strings.TrimSpace(name)
	if f, g, ok := strings.Cut(name, ","); ok {
		return strings.TrimSpace(f), strings.TrimSpace(g)
	}
	if i := strings.LastIndexFunc(name, unicode.IsSpace); i > 0 {
		return name[i+1:], strings.TrimSpace(name[:i])
	}
	return name, ""
}

// bibTypes maps a publication's type to its BibTeX entry type and the
// field that holds the venue.
var bibTypes = map[string][2]string{
	"article":    {"article", "journal"},
	"conference": {"inproceedings", "booktitle"},
	"book":       {"book", "publisher"},
	"chapter":    {"incollection", "booktitle"},
	"report":     {"techreport", "institution"},
	"thesis":     {"phdthesis", "school"},
	"other":      {"misc", "howpublished"},
}

// BibTeX writes pubs as BibTeX entries with the given keys; abs makes a
// page's URL absolute.
func BibTeX(pubs []*site.Page, keys []string, abs func(string) string) []byte {
	var b bytes.Buffer
	for i, p := range pubs {
		pub := p.Publication()
		t, ok := bibTypes[pub.PublicationType]
		if !ok {
			t = bibTypes["article"]
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "@%s{%s,\n", t[0], keys[i])
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
			}
		}
		var authors []string
		for _, a := range pub.Authors {
			f, g := splitName(a)
			if g == "" {
				authors = append(authors, "{"+bibEscape(f)+"}")
			} else {
				authors = append(authors, bibEscape(f)+", "+bibEscape(g))
			}
		}
		field("author", strings.Join(authors, " and "))
		field("title", "{"+bibEscape(p.Title())+"}")
		field(t[1], bibEscape(pub.Venue))
		field("year", strconv.Itoa(pub.Year))
		field("volume", bibEscape(pub.Volume))
		field("number", bibEscape(pub.Issue))
		field("pages", strings.ReplaceAll(bibEscape(pub.Pages), "-", "--"))
		field("doi", bibEscape(pub.DOI))
		field("url", bibEscape(urlOf(p, abs)))
		field("langid", p.Lang)
		b.WriteString("}\n")
	}
	return b.Bytes()
}

// urlOf is where a reader finds the publication: its open copy, else its
// page on the site.
func urlOf(p *site.Page, abs func(string) string) string {
	if r := p.Publication().Repository; r != "" {
		return r
	}
	return abs(p.URL)
}

var bibEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`,
	"~", `\textasciitilde{}`, "^", `\textasciicircum{}`, "\n", " ", "\r", " ")

// bibEscape escapes what TeX gives a meaning to; other characters are
// written as UTF-8, which BibTeX readers of today take.
func bibEscape(s string) string { return bibEscaper.Replace(s) }

// cslTypes maps a publication's type to CSL's.
var cslTypes = map[string]string{
	"article": "article-journal", "conference": "paper-conference", "book": "book", "chapter": "chapter",
	"report": "report", "thesis": "thesis", "other": "document",
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	Author         []cslName `json:"author,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	Page           string    `json:"page,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	URL            string    `json:"URL,omitempty"`
	Language       string    `json:"language,omitempty"`
	Abstract       string    `json:"abstract,omitempty"`
}

// CSL writes pubs as a CSL-JSON array.
func CSL(pubs []*site.Page, keys []string, abs func(string) string) ([]byte, error) {
	items := make([]cslItem, len(pubs))
	for i, p := range pubs {
		pub := p.Publication()
		t, ok := cslTypes[pub.PublicationType]
		if !ok {
			t = cslTypes["article"]
		}
		it := cslItem{ID: keys[i], Type: t, Title: p.Title(), Volume: pub.Volume, Issue: pub.Issue, Page: pub.Pages, DOI: pub.DOI, URL: urlOf(p, abs), Language: p.Lang, Abstract: p.Summary()}
		for _, a := range pub.Authors {
			f, g := splitName(a)
			if g == "" {
				it.Author = append(it.Author, cslName{Literal: f})
			} else {
				it.Author = append(it.Author, cslName{Family: f, Given: g})
			}
		}
		if pub.Year != 0 {
			it.Issued = &cslDate{[][]int{{pub.Year}}}
		}
		switch pub.PublicationType {
		case "book", "report", "thesis":
			it.Publisher = pub.Venue
		default:
			it.ContainerTitle = pub.Venue
		}
		items[i] = it
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
