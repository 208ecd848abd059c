package catalogue

import (
	_ "embed"
	"encoding/json"
	"sort"
	"strings"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
)

// Version is the version of partners.json's format. It changes only when
// a field is removed or changes meaning; new fields may appear within a
// version.
const Version = 1

// Schema is the JSON Schema (draft 2020-12) of partners.json, published
// beside it as partners.schema.json.
//
//go:embed partners.schema.json
var Schema []byte

// Document is partners.json: the catalogue of one language.
type Document struct {
	Schema   string       `json:"$schema"`
	Version  int          `json:"version"`
	Lang     string       `json:"lang"`
	Title    string       `json:"title"`
	URL      string       `json:"url"` // the catalogue page
	Count    int          `json:"count"`
	Partners []JSONRecord `json:"partners"`
}

// Term is a vocabulary key with its label in the document's language.
type Term struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// Country is an ISO 3166-1 alpha-2 code with its name.
type Country struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Link names another page of the site.
type Link struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Point is a place on the map.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// JSONRecord is one organisation in partners.json. Every string is plain
// text (never HTML); every URL is absolute.
type JSONRecord struct {
	Slug             string            `json:"slug"`
	Kind             string            `json:"kind"`
	Name             string            `json:"name"`
	ShortName        string            `json:"shortName,omitempty"`
	URL              string            `json:"url"`
	Summary          string            `json:"summary"`
	OrgType          Term              `json:"orgType"`
	Country          Country           `json:"country"`
	Region           string            `json:"region,omitempty"`
	City             string            `json:"city,omitempty"`
	Website          string            `json:"website,omitempty"`
	Competencies     []Term            `json:"competencies"`
	TherapeuticAreas []Term            `json:"therapeuticAreas"`
	Technologies     []string          `json:"technologies"`
	Services         []string          `json:"services"`
	Markets          []Country         `json:"markets"`
	Cluster          *Link             `json:"cluster"`
	Role             string            `json:"role,omitempty"`
	Founded          int               `json:"founded,omitempty"`
	Employees        int               `json:"employees,omitempty"`
	Companies        int               `json:"companies,omitempty"`
	SMEs             int               `json:"smes,omitempty"`
	Logo             string            `json:"logo,omitempty"`
	Location         *Point            `json:"location,omitempty"`
	Translations     map[string]string `json:"translations"`
}

// absAsset makes a logo path absolute; https:// addresses are kept.
func absAsset(cfg *site.Config, p string) string {
	if p == "" || strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return p
	}
	return cfg.AbsURL(p)
}

// jsonDocument builds partners.json for lang, its records sorted by slug
// (then kind: a partner and a cluster may share a slug).
func jsonDocument(s *site.Site, lang string, loc *i18n.Locale, recs []*Record, title, pageURL, schemaURL string) ([]byte, error) {
	cfg := s.Config
	voc := cfg.Vocabularies
	terms := func(vocab string, keys []string) []Term {
		out := make([]Term, 0, len(keys))
		for _, k := range keys {
			out = append(out, Term{Key: k, Label: voc.Label(vocab, k, lang)})
		}
		return out
	}
	doc := Document{Schema: schemaURL, Version: Version, Lang: lang, Title: title, URL: cfg.AbsURL(pageURL), Count: len(recs), Partners: make([]JSONRecord, 0, len(recs))}
	for _, r := range recs {
		j := JSONRecord{
			Slug: r.Slug, Kind: r.Kind, Name: r.Name, ShortName: r.ShortName, URL: cfg.AbsURL(r.Page.URL),
			Summary: r.Summary, OrgType: Term{Key: r.OrgType, Label: voc.Label("orgType", r.OrgType, lang)},
			Country: Country{Code: r.Country, Name: loc.Country(r.Country)}, Region: r.Region, City: r.City,
			Website: r.Website, Competencies: terms("competency", r.Competencies),
			TherapeuticAreas: terms("therapeuticArea", r.TherapeuticAreas),
			Technologies:     nonNil(r.Technologies), Services: nonNil(r.Services), Markets: []Country{},
			Role: r.Role, Founded: r.Founded, Employees: r.Employees, Companies: r.Companies, SMEs: r.SMEs,
			Logo: absAsset(cfg, r.Logo), Translations: map[string]string{},
		}
		for _, m := range r.Markets {
			j.Markets = append(j.Markets, Country{Code: m, Name: loc.Country(m)})
		}
		if r.Cluster != nil {
			j.Cluster = &Link{Slug: r.Cluster.Slug, Name: r.Cluster.Title(), URL: cfg.AbsURL(r.Cluster.URL)}
		}
		if r.Location != nil {
			j.Location = &Point{Lat: r.Location.Lat, Lon: r.Location.Lon}
		}
		for _, t := range r.Page.Translations {
			j.Translations[t.Lang] = cfg.AbsURL(t.URL)
		}
		doc.Partners = append(doc.Partners, j)
	}
	sort.SliceStable(doc.Partners, func(i, j int) bool {
		a, b := doc.Partners[i], doc.Partners[j]
		if a.Slug != b.Slug {
			return a.Slug < b.Slug
		}
		return a.Kind > b.Kind // partner before cluster
	})
	return json.Marshal(doc)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
