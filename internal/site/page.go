package site

import (
	"github.com/consort-ssg/consort/internal/markdown"
)

// Page is one Markdown file of content/, parsed, validated and linked to
// its translations and to the pages it names.
type Page struct {
	Kind    Kind
	Lang    string // "en"
	File    string // "content/fr/partners/biocat.md", the name used in messages
	Rel     string // "partners/biocat.md", the path under the language folder
	Section string // "partners"; "" for home and plain pages
	Name    string // "biocat": the base name other pages use to refer to it
	Slug    string // the last URL segment
	URL     string // "/fr/partenaires/biocat/"
	Params  Params // the front matter, of the kind's type
	Hash    string // hex SHA-256 of the file's bytes
	Draft   bool

	// Synthetic is true for section and home pages made up because
	// content/ has no index.md for them.
	Synthetic bool
	// Unreadable is true for the stand-in of a content file that could
	// not be read (its problems say why): it keeps the pages that link to
	// it or name it from being reported too. Only a site loaded with
	// Options.KeepGoing has such pages.
	Unreadable bool

	Body     []byte // the Markdown after the front matter
	BodyLine int    // lines before the body in the file

	HTML     []byte             // the body rendered by markdown
	Headings []markdown.Heading // for tables of contents and anchor checks
	Links    []markdown.Link
	Images   []markdown.Image

	// Translations are the same page in the site's other languages, in
	// the order of site.yaml's languages.
	Translations []*Page
	// Key is what translations share: translationKey, or Rel.
	Key string

	// References resolved at load time.
	ClusterPage  *Page   // a partner's cluster
	Participants []*Page // a mission's clusters and partners
	Organisation *Page   // an interview's organisation
	// Backlinks: pages that name this one.
	Members    []*Page // partners whose cluster is this page
	Missions   []*Page // missions naming this page
	Interviews []*Page // interviews whose organisation is this page

	line map[string]int // field -> line, for messages
}

// Front returns the fields every kind has.
func (p *Page) Front() *Front { return p.Params.Common() }

// Title is the page's title.
func (p *Page) Title() string { return p.Front().Title }

// Summary is the page's one-sentence summary.
func (p *Page) Summary() string { return p.Front().Summary }

// Date is the page's date, which may be zero.
func (p *Page) Date() Date { return p.Front().Date }

// Weight orders pages in lists; lower first.
func (p *Page) Weight() int {
	switch v := p.Params.(type) {
	case *PageParams:
		return v.Weight
	case *Cluster:
		return v.Weight
	}
	return 0
}

// Translation returns the page in lang, or nil.
func (p *Page) Translation(lang string) *Page {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// Line returns the line of a field's key in the file, or 1.
func (p *Page) Line(field string) int {
	if l := p.line[field]; l > 0 {
		return l
	}
	return 1
}

// Cluster returns the cluster fields, or nil when the page is no cluster.
func (p *Page) Cluster() *Cluster { c, _ := p.Params.(*Cluster); return c }

// Partner returns the partner fields, or nil.
func (p *Page) Partner() *Partner { v, _ := p.Params.(*Partner); return v }

// Mission returns the mission fields, or nil.
func (p *Page) Mission() *Mission { v, _ := p.Params.(*Mission); return v }

// Interview returns the interview fields, or nil.
func (p *Page) Interview() *Interview { v, _ := p.Params.(*Interview); return v }

// News returns the news fields, or nil.
func (p *Page) News() *News { v, _ := p.Params.(*News); return v }

// IsList reports whether the page lists other pages (home and sections).
func (p *Page) IsList() bool { return p.Kind == KindSection || p.Kind == KindHome }
