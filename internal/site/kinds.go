package site

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/i18n"

	"gopkg.in/yaml.v3"
)

// Kind names what a page is; the section folder a file lives in decides it.
type Kind string

// The kinds of page.
const (
	KindHome      Kind = "home"      // content/<lang>/index.md
	KindSection   Kind = "section"   // content/<lang>/<section>/index.md
	KindPage      Kind = "page"      // any other file outside the sections
	KindCluster   Kind = "cluster"   // clusters/
	KindPartner   Kind = "partner"   // partners/
	KindMission   Kind = "mission"   // missions/
	KindInterview Kind = "interview" // interviews/
	KindNews      Kind = "news"      // news/
)

// Sections are the folders whose files are of a kind of their own.
var sectionKinds = map[string]Kind{
	"clusters":   KindCluster,
	"partners":   KindPartner,
	"missions":   KindMission,
	"interviews": KindInterview,
	"news":       KindNews,
	// scholarly.go
	"deliverables": KindDeliverable,
	"publications": KindPublication,
}

// SectionOf returns the section folder holding pages of kind k, or "".
func SectionOf(k Kind) string {
	for s, kk := range sectionKinds {
		if kk == k {
			return s
		}
	}
	return ""
}

// Date is a calendar date, optionally with a time of day ("2020-06-03",
// "2020-06-03 14:30"). The zero Date means "not given".
type Date struct {
	time.Time
	HasTime bool
}

// UnmarshalYAML accepts YYYY-MM-DD, and YYYY-MM-DD HH:MM or YYYY-MM-DDTHH:MM.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("want a date like 2020-06-03, got %s", describe(n))
	}
	t, hasTime, err := ParseDate(n.Value)
	if err != nil {
		return err
	}
	d.Time, d.HasTime = t, hasTime
	return nil
}

// ParseDate parses the date forms content may use.
func ParseDate(s string) (t time.Time, hasTime bool, err error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, nil
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, false, nil
	}
	// yaml may hand over full timestamps ("2020-06-03T00:00:00Z").
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, t.Hour() != 0 || t.Minute() != 0, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date; write YYYY-MM-DD, e.g. 2020-06-03", s)
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Location is a point on the map.
type Location struct {
	Lat float64 `yaml:"lat"`
	Lon float64 `yaml:"lon"`
}

// Source names where a news item first appeared.
type Source struct {
	Name string `yaml:"name"`
	Date Date   `yaml:"date"`
	URL  string `yaml:"url"`
}

// Front holds the fields every kind of page has.
type Front struct {
	Title          string   `yaml:"title"`
	Summary        string   `yaml:"summary"`
	Date           Date     `yaml:"date"`
	Draft          bool     `yaml:"draft"`
	Slug           string   `yaml:"slug"`
	TranslationKey string   `yaml:"translationKey"`
	Aliases        []string `yaml:"aliases"`
	Image          string   `yaml:"image"`
	Alt            string   `yaml:"alt"`
	PublishDate    Date     `yaml:"publishDate"`
	ExpiryDate     Date     `yaml:"expiryDate"`
	TranslatedFrom string   `yaml:"translatedFrom"`
}

// Params is implemented by the front matter type of every kind.
type Params interface {
	// Common returns the fields all kinds share.
	Common() *Front
	// Validate checks the fields against the site's vocabularies and
	// returns every problem found.
	Validate(v Vocabularies) []FieldError
}

// Common implements Params.
func (f *Front) Common() *Front { return f }

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TranslatedFromRE is the form of translatedFrom: the language of the
// source and, after @, a prefix (8 to 64 hex digits) of the SHA-256 of the
// source file when it was translated: "fr@3f9a0c1b2d4e". The language
// alone ("fr") is accepted but cannot tell whether the translation is stale.
var TranslatedFromRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(@[0-9a-f]{8,64})?$`)

func (f *Front) validate() []FieldError {
	var errs []FieldError
	if strings.TrimSpace(f.Title) == "" {
		errs = append(errs, FieldError{"title", "missing; every page needs a title"})
	}
	if f.Slug != "" && !slugRE.MatchString(f.Slug) {
		errs = append(errs, FieldError{"slug", fmt.Sprintf("%q is not a slug; use lower-case letters, digits and hyphens, e.g. %q", f.Slug, Slugify(f.Slug))})
	}
	if f.Image != "" && strings.TrimSpace(f.Alt) == "" {
		errs = append(errs, FieldError{"alt", "missing; an image needs a text alternative for readers who cannot see it; describe it in alt"})
	}
	if f.Image != "" {
		if msg := checkAssetPath(f.Image); msg != "" {
			errs = append(errs, FieldError{"image", msg})
		}
	}
	for _, a := range f.Aliases {
		if msg := checkAlias(a); msg != "" {
			errs = append(errs, FieldError{"aliases", msg})
		}
	}
	if f.TranslatedFrom != "" && !TranslatedFromRE.MatchString(f.TranslatedFrom) {
		errs = append(errs, FieldError{"translatedFrom", fmt.Sprintf("%q is not a translation record; write the source's language and the hash `consort new --translate` printed, e.g. fr@3f9a0c1b2d4e, or run `consort new --translate --update` on this file", f.TranslatedFrom)})
	}
	if !f.ExpiryDate.IsZero() && !f.PublishDate.IsZero() && f.ExpiryDate.Before(f.PublishDate.Time) {
		errs = append(errs, FieldError{"expiryDate", "is before publishDate; the page would never be shown"})
	}
	return errs
}

// checkAlias returns what is wrong with an alias path, or "".
func checkAlias(a string) string {
	if !strings.HasPrefix(a, "/") {
		return fmt.Sprintf("%q must be a path on this site starting with /, e.g. /old/page/", a)
	}
	if u, err := url.PathUnescape(a); err != nil || u != a && strings.ContainsAny(u, "\\\x00") {
		return fmt.Sprintf("%q is not a clean path", a)
	}
	if !cleanURLPath(a) {
		return fmt.Sprintf("%q is not a clean path; no .., //, backslashes or control characters", a)
	}
	return ""
}

// cleanURLPath reports whether p, a path starting with "/", stays inside
// the site once decoded.
func cleanURLPath(p string) bool {
	dec, err := url.PathUnescape(p)
	if err != nil {
		return false
	}
	for _, s := range []string{p, dec} {
		if strings.ContainsAny(s, "\\\x00?#") {
			return false
		}
		segs := strings.Split(s, "/")
		for i, seg := range segs {
			if seg == ".." || seg == "." {
				return false
			}
			// "//host/x" is another site to a browser, and "/a//b" is no
			// clean output path: only the leading and trailing slash may
			// leave a segment empty.
			if seg == "" && i != 0 && i != len(segs)-1 {
				return false
			}
			for _, r := range seg {
				if r < 0x20 || r == 0x7f {
					return false
				}
			}
		}
	}
	return true
}

// checkAssetPath returns what is wrong with an image or logo path, or "".
func checkAssetPath(p string) string {
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return ""
	}
	if !strings.HasPrefix(p, "/") {
		return fmt.Sprintf("%q must be a path in static/ starting with /, e.g. /img/logo.svg, or an https:// address", p)
	}
	if !cleanURLPath(p) {
		return fmt.Sprintf("%q is not a clean path; no .., //, backslashes or control characters", p)
	}
	return ""
}

func checkWebsite(field, s string) []FieldError {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return []FieldError{{field, fmt.Sprintf("%q is not a web address; write it in full, e.g. https://www.example.org/", s)}}
	}
	return nil
}

func checkCountry(field, c string, required bool) []FieldError {
	if c == "" {
		if required {
			return []FieldError{{field, "missing; write the ISO 3166 code of the country, e.g. FR"}}
		}
		return nil
	}
	if i18n.ValidCountry(c) {
		return nil
	}
	msg := fmt.Sprintf("%q is not an ISO 3166 code", c)
	if up := strings.ToUpper(c); i18n.ValidCountry(up) {
		msg += "; write " + up
	} else if code, ok := i18n.CountryCode(c); ok {
		msg += "; write " + code
	} else {
		msg += "; write the two-letter code, e.g. FR, DE, ES"
	}
	return []FieldError{{field, msg}}
}

func checkLocation(l *Location) []FieldError {
	if l == nil {
		return nil
	}
	var errs []FieldError
	if l.Lat < -90 || l.Lat > 90 {
		errs = append(errs, FieldError{"location.lat", fmt.Sprintf("%g is not a latitude; want a number from -90 to 90", l.Lat)})
	}
	if l.Lon < -180 || l.Lon > 180 {
		errs = append(errs, FieldError{"location.lon", fmt.Sprintf("%g is not a longitude; want a number from -180 to 180", l.Lon)})
	}
	return errs
}

func checkCount(field string, n int) []FieldError {
	if n < 0 {
		return []FieldError{{field, fmt.Sprintf("%d is negative; want a count of 0 or more", n)}}
	}
	return nil
}

// PageParams is the front matter of plain pages, home pages and section pages.
type PageParams struct {
	Front  `yaml:",inline"`
	Weight int `yaml:"weight"`
}

// Validate implements Params.
func (p *PageParams) Validate(v Vocabularies) []FieldError { return p.Front.validate() }

// Organisation is what clusters and partners have in common: an
// organisation of a type (a key of the orgType vocabulary), in a country,
// with a website, a logo and a place on the map. Cluster and Partner
// embed it, so their fields read as the cluster's or partner's own, in Go
// and in templates alike (.Params.Country).
type Organisation struct {
	OrgType  string    `yaml:"orgType"`
	Country  string    `yaml:"country"`
	Region   string    `yaml:"region"`
	City     string    `yaml:"city"`
	Website  string    `yaml:"website"`
	Logo     string    `yaml:"logo"`
	Location *Location `yaml:"location"`
}

// validate checks the fields an organisation must have right: orgType and
// country are required.
func (o *Organisation) validate(v Vocabularies) []FieldError {
	errs := v.check("orgType", "orgType", o.OrgType, true)
	errs = append(errs, checkCountry("country", o.Country, true)...)
	errs = append(errs, checkWebsite("website", o.Website)...)
	if o.Logo != "" {
		if msg := checkAssetPath(o.Logo); msg != "" {
			errs = append(errs, FieldError{"logo", msg})
		}
	}
	return append(errs, checkLocation(o.Location)...)
}

// Cluster is a member of the consortium: a cluster organisation or an agency.
type Cluster struct {
	Front        `yaml:",inline"`
	ShortName    string `yaml:"shortName"`
	Role         string `yaml:"role"`
	Organisation `yaml:",inline"`
	Companies    int      `yaml:"companies"`
	SMEs         int      `yaml:"smes"`
	Focus        []string `yaml:"focus"`
	Projects     []string `yaml:"projects"`
	Weight       int      `yaml:"weight"`
}

// Roles a cluster may have in the consortium.
var clusterRoles = []string{"coordinator", "partner"}

// Validate implements Params.
func (c *Cluster) Validate(v Vocabularies) []FieldError {
	errs := c.Front.validate()
	if c.Role != "" && c.Role != "coordinator" && c.Role != "partner" {
		errs = append(errs, FieldError{"role", hint(c.Role, clusterRoles)})
	}
	errs = append(errs, c.Organisation.validate(v)...)
	errs = append(errs, checkCount("companies", c.Companies)...)
	errs = append(errs, checkCount("smes", c.SMEs)...)
	for _, f := range c.Focus {
		errs = append(errs, v.check("focus", "competency", f, true)...)
	}
	return errs
}

// Partner is an entry of the partner catalogue.
type Partner struct {
	Front            `yaml:",inline"`
	Organisation     `yaml:",inline"`
	Cluster          string   `yaml:"cluster"`
	Competencies     []string `yaml:"competencies"`
	TherapeuticAreas []string `yaml:"therapeuticAreas"`
	Technologies     []string `yaml:"technologies"`
	Services         []string `yaml:"services"`
	Markets          []string `yaml:"markets"`
	Founded          int      `yaml:"founded"`
	Employees        int      `yaml:"employees"`
}

// Validate implements Params.
func (p *Partner) Validate(v Vocabularies) []FieldError {
	errs := p.Front.validate()
	errs = append(errs, p.Organisation.validate(v)...)
	for _, c := range p.Competencies {
		errs = append(errs, v.check("competencies", "competency", c, true)...)
	}
	for _, t := range p.TherapeuticAreas {
		errs = append(errs, v.check("therapeuticAreas", "therapeuticArea", t, true)...)
	}
	for _, m := range p.Markets {
		errs = append(errs, checkCountry("markets", m, true)...)
	}
	if p.Founded != 0 && (p.Founded < 1000 || p.Founded > 2100) {
		errs = append(errs, FieldError{"founded", fmt.Sprintf("%d is not a year; write the year the organisation was founded, e.g. 1998", p.Founded)})
	}
	return append(errs, checkCount("employees", p.Employees)...)
}

// Mission is a trip, business mission, event, training or expert visit.
type Mission struct {
	Front        `yaml:",inline"`
	MissionType  string    `yaml:"missionType"`
	Country      string    `yaml:"country"`
	City         string    `yaml:"city"`
	Start        Date      `yaml:"start"`
	End          Date      `yaml:"end"`
	TimeZone     string    `yaml:"timeZone"`
	Clusters     []string  `yaml:"clusters"`
	Partners     []string  `yaml:"partners"`
	Registration string    `yaml:"registration"`
	Location     *Location `yaml:"location"`
}

// Validate implements Params.
func (m *Mission) Validate(v Vocabularies) []FieldError {
	errs := m.Front.validate()
	errs = append(errs, v.check("missionType", "missionType", m.MissionType, true)...)
	errs = append(errs, checkCountry("country", m.Country, false)...)
	errs = append(errs, checkWebsite("registration", m.Registration)...)
	if !m.End.IsZero() && m.Start.IsZero() {
		errs = append(errs, FieldError{"start", "missing; a mission with an end date needs a start date"})
	}
	if !m.End.IsZero() && !m.Start.IsZero() && m.End.Before(m.Start.Time) {
		errs = append(errs, FieldError{"end", fmt.Sprintf("%s is before start %s", m.End.Format("2006-01-02"), m.Start.Format("2006-01-02"))})
	}
	if m.TimeZone != "" {
		if _, err := time.LoadLocation(m.TimeZone); err != nil || strings.Contains(m.TimeZone, "..") {
			errs = append(errs, FieldError{"timeZone", fmt.Sprintf("%q is not a time zone; write an IANA name such as Europe/Paris or America/Sao_Paulo", m.TimeZone)})
		}
	}
	return append(errs, checkLocation(m.Location)...)
}

// Interview is a conversation with a person of the consortium; the body's
// level-2 headings are the questions.
type Interview struct {
	Front        `yaml:",inline"`
	Person       string `yaml:"person"`
	Role         string `yaml:"role"`
	Organisation string `yaml:"organisation"`
	Quote        string `yaml:"quote"`
}

// Validate implements Params.
func (iv *Interview) Validate(v Vocabularies) []FieldError {
	errs := iv.Front.validate()
	if strings.TrimSpace(iv.Person) == "" {
		errs = append(errs, FieldError{"person", "missing; write the name of the person interviewed"})
	}
	return errs
}

// News is an article or a piece of press coverage.
type News struct {
	Front  `yaml:",inline"`
	Author string   `yaml:"author"`
	Source *Source  `yaml:"source"`
	Tags   []string `yaml:"tags"`
}

// Validate implements Params.
func (n *News) Validate(v Vocabularies) []FieldError {
	errs := n.Front.validate()
	if n.Date.IsZero() {
		errs = append(errs, FieldError{"date", "missing; news needs the date it was published, e.g. 2020-06-03"})
	}
	if n.Source != nil {
		if n.Source.Name == "" {
			errs = append(errs, FieldError{"source.name", "missing; name the publication the article comes from"})
		}
		errs = append(errs, checkWebsite("source.url", n.Source.URL)...)
	}
	return errs
}

func newParams(k Kind) Params {
	switch k {
	case KindCluster:
		return &Cluster{}
	case KindPartner:
		return &Partner{}
	case KindMission:
		return &Mission{}
	case KindInterview:
		return &Interview{}
	case KindNews:
		return &News{}
	case KindDeliverable:
		return &Deliverable{}
	case KindPublication:
		return &Publication{}
	}
	return &PageParams{}
}

func hint(got string, want []string) string {
	msg := fmt.Sprintf("%q is not one of %s", got, strings.Join(want, ", "))
	if s := didYouMean(got, want); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg
}
