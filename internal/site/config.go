package site

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"consort/internal/urls"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// Config is content/site.yaml.
type Config struct {
	BaseURL      string                       `yaml:"baseURL"`
	Languages    []Language                   `yaml:"languages"`
	Title        map[string]string            `yaml:"title"`
	Description  map[string]string            `yaml:"description"`
	Sections     map[string]map[string]string `yaml:"sections"`
	Menus        map[string][]MenuEntry       `yaml:"menus"`
	Funding      Funding                      `yaml:"funding"`
	Paginate     int                          `yaml:"paginate"`
	Markdown     MarkdownConfig               `yaml:"markdown"`
	Vocabularies Vocabularies                 `yaml:"vocabularies"`
	Catalogue    CatalogueConfig              `yaml:"catalogue"`
	CMS          *CMSConfig                   `yaml:"cms"` // nil: no /admin/
	// Accessibility is what the accessibility statement says (legal.go).
	Accessibility Accessibility `yaml:"accessibility"`

	lines map[string]int // field -> line in site.yaml, for messages made after parsing
	urls  *urls.Site     // made from the above by setURLs
}

// Line returns the line of a field of site.yaml ("accessibility.reviewed"),
// or of the nearest field above it that has one, or 0.
func (c *Config) Line(field string) int {
	for f := field; f != ""; {
		if l := c.lines[f]; l > 0 {
			return l
		}
		i := strings.LastIndex(f, ".")
		if i < 0 {
			break
		}
		f = f[:i]
	}
	return 0
}

// Language is one language of the site.
type Language struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

// MenuEntry is one item of a language's main menu: a page of the site
// (a path under content/<lang>/) or a URL, with an optional title.
type MenuEntry struct {
	Page  string `yaml:"page"`
	URL   string `yaml:"url"`
	Title string `yaml:"title"`
}

// MarkdownConfig says how Markdown is rendered.
type MarkdownConfig struct {
	UnsafeHTML bool `yaml:"unsafeHTML"`
}

// CatalogueConfig configures the partner catalogue (internal/catalogue
// checks it and fills in defaults).
type CatalogueConfig struct {
	// Facets are the facets shown, in order: country, orgType,
	// competency, cluster.
	Facets []string `yaml:"facets"`
	// Slugs localise each facet's URL segment: facet -> lang -> slug,
	// e.g. country: {en: country, fr: pays}.
	Slugs map[string]map[string]string `yaml:"slugs"`
	// PerPage is how many organisations a catalogue or facet page lists
	// before it is split into pages.
	PerPage int `yaml:"perPage"`
}

// Vocabularies maps a vocabulary name (orgType, competency, missionType,
// therapeuticArea) to its keys, each with a label per language.
type Vocabularies map[string]map[string]map[string]string

// Label returns the label of key in vocab for lang, falling back to the key.
func (v Vocabularies) Label(vocab, key, lang string) string {
	if l, ok := v[vocab][key][lang]; ok && l != "" {
		return l
	}
	return key
}

// Keys returns the keys of a vocabulary, sorted.
func (v Vocabularies) Keys(vocab string) []string {
	keys := make([]string, 0, len(v[vocab]))
	for k := range v[vocab] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (v Vocabularies) check(field, vocab, key string, required bool) []FieldError {
	if key == "" {
		if required {
			return []FieldError{{field, fmt.Sprintf("missing; write one of the %s keys of content/site.yaml: %s", vocab, strings.Join(v.Keys(vocab), ", "))}}
		}
		return nil
	}
	if _, ok := v[vocab][key]; ok {
		return nil
	}
	keys := v.Keys(vocab)
	msg := fmt.Sprintf("%q is not %s of content/site.yaml", key, withArticle(vocab))
	if s := didYouMean(key, keys); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else if len(keys) > 0 {
		msg += "; use one of " + strings.Join(keys, ", ") + ", or add it to vocabularies." + vocab
	} else {
		msg += "; add it under vocabularies." + vocab
	}
	return []FieldError{{field, msg}}
}

// Sections a site has: the kinds' folders plus the generated catalogue.
var sectionNames = []string{"clusters", "partners", "missions", "interviews", "news", "catalogue", "accessibility", "privacy", "deliverables", "publications"}

// LangCodes returns the site's language codes, the default first.
func (c *Config) LangCodes() []string {
	out := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		out[i] = l.Code
	}
	return out
}

// DefaultLang is the first language.
func (c *Config) DefaultLang() string { return c.Languages[0].Code }

// SectionSlug returns the URL slug of a section in lang.
func (c *Config) SectionSlug(section, lang string) string { return c.URLs().SectionSlug(section, lang) }

// URLs returns where the outputs of the site live (see internal/urls):
// every address of the site comes from it.
func (c *Config) URLs() *urls.Site {
	if c.urls == nil { // a Config not read by parseConfig (tests)
		return newURLs(c)
	}
	return c.urls
}

// setURLs makes the URLs of the configuration as it is now; Load calls
// it again when a --base-url overrides site.yaml's.
func (c *Config) setURLs() { c.urls = newURLs(c) }

func newURLs(c *Config) *urls.Site {
	return urls.New(urls.Config{BaseURL: c.BaseURL, Sections: c.Sections, FacetSlugs: c.Catalogue.Slugs, Facets: c.Catalogue.Facets})
}

// CheckBaseURL reports whether s can be a site's base URL: an http or
// https address of the root of a host, such as https://www.example.org/.
//
// A path is refused: pages link to each other by site paths ("/en/about/"),
// which a site published under https://www.example.org/project/ would
// send to the host's own pages; the site would build and every link
// would be broken.
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return fmt.Errorf("%q is not an absolute web address; write it like https://www.example.org/", s)
	}
	if strings.ContainsAny(s, "?#") { // a query or fragment, even an empty one
		return fmt.Errorf("%q has a query or fragment; write the address alone, like https://www.example.org/", s)
	}
	if p := strings.TrimSuffix(u.EscapedPath(), "/"); p != "" {
		return fmt.Errorf("%q has a path (%s/): consort makes sites served at the root of their host, since pages link to each other as /en/...; publish the site at the root of a host, such as https://%s.%s/, and give that address", s, p, lastSegment(p), strings.TrimPrefix(u.Hostname(), "www."))
	}
	return nil
}

// lastSegment is the last segment of a URL path, lower case, for an example
// host name in a message.
func lastSegment(p string) string {
	seg := Slugify(p[strings.LastIndex(p, "/")+1:])
	if seg == "" {
		return "project"
	}
	return seg
}

// AbsURL returns the absolute URL of a URL of the site ("/en/about/").
func (c *Config) AbsURL(p string) string { return c.URLs().Abs(p) }

// ParseConfig reads content/site.yaml on its own, for tools that need the
// languages and vocabularies of a site whose content may not load. The
// Config is nil when the file cannot be read at all.
func ParseConfig(data []byte) (*Config, Problems) { return parseConfig(data, ConfigFile) }

func parseConfig(data []byte, file string) (*Config, Problems) {
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, Problems{yamlProblem(file, data, 0, err)}
	}
	if tooDeep(&node, 0) {
		return nil, Problems{{File: file, Line: 1, Msg: deepMsg}}
	}
	if hasAlias(&node, 0) {
		return nil, Problems{{File: file, Line: aliasLine(&node, 0), Msg: "YAML anchors and aliases (&name, *name) are not supported; write the value out in full"}}
	}
	c := &Config{}
	d := newDecoder()
	d.decodeStruct(&node, c, "")
	var ps Problems
	for _, p := range d.problems {
		ps = append(ps, Problem{File: file, Line: p.Line, Field: p.Field, Msg: p.Msg})
	}
	line := func(field string) int {
		for f := field; f != ""; {
			if l := d.lines[f]; l > 0 {
				return l
			}
			i := strings.LastIndex(f, ".")
			if i < 0 {
				break
			}
			f = f[:i]
		}
		return 0
	}
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{File: file, Line: line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if len(c.Languages) == 0 {
		c.Languages = []Language{{Code: "en", Name: "English"}, {Code: "fr", Name: "Français"}}
	}
	seen := map[string]bool{}
	for _, l := range c.Languages {
		if !slugRE.MatchString(l.Code) || len(l.Code) > 8 {
			add("languages", "%q is not a language code; use a BCP 47 code such as en or fr", l.Code)
		}
		if seen[l.Code] {
			add("languages", "%q is listed twice", l.Code)
		}
		seen[l.Code] = true
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	} else if err := CheckBaseURL(c.BaseURL); err != nil {
		add("baseURL", "%v", err)
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	for _, l := range c.Languages {
		if c.Title[l.Code] == "" {
			add("title", "missing for %s; give the site's title in every language", l.Code)
		}
	}
	for sec, slugs := range c.Sections {
		if !contains(sectionNames, sec) {
			msg := fmt.Sprintf("%q is not a section", sec)
			if s := didYouMean(sec, sectionNames); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; sections are " + strings.Join(sectionNames, ", ")
			}
			add("sections."+sec, "%s", msg)
		}
		for lang, slug := range slugs {
			if !seen[lang] {
				add("sections."+sec, "%q is not a language of this site", lang)
			}
			if !slugRE.MatchString(slug) {
				add("sections."+sec, "%q is not a slug; use lower-case letters, digits and hyphens, e.g. %q", slug, Slugify(slug))
			}
		}
	}
	for lang := range c.Menus {
		if !seen[lang] {
			add("menus."+lang, "%q is not a language of this site", lang)
		}
	}
	if c.CMS != nil {
		checkCMS(c.CMS, add)
	}
	if c.Paginate <= 0 {
		c.Paginate = 12
	}
	for vocab, keys := range c.Vocabularies {
		for key, labels := range keys {
			for _, l := range c.Languages {
				if labels[l.Code] == "" {
					add("vocabularies."+vocab, "%s has no %s label; add `%s: ...`", key, l.Code, l.Code)
				}
			}
		}
	}
	failed := map[string]bool{}
	for _, p := range d.problems {
		failed[p.Field] = true
	}
	addSev := func(field string, sev Severity, format string, args ...any) {
		ps = append(ps, Problem{File: file, Line: line(field), Field: field, Msg: fmt.Sprintf(format, args...), Severity: sev})
	}
	checkFunding(&c.Funding, c.LangCodes(), failed, addSev)
	checkAccessibility(&c.Accessibility, c.LangCodes(), failed, addSev)
	c.lines = d.lines
	c.setURLs()
	return c, ps
}

// yamlProblem explains why text, the YAML of file, does not parse; offset
// is the line of file before the text's first (the front matter's ---).
func yamlProblem(file string, text []byte, offset int, err error) Problem {
	line, msg := explainYAML(string(text), err)
	what := "front matter is not valid YAML: "
	if file == ConfigFile {
		what = "is not valid YAML: "
	}
	if line > 0 {
		line += offset
	}
	return Problem{File: file, Line: line, Msg: what + msg}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Slugify turns a title into an ASCII slug: "Klaster LifeScience Kraków" ->
// "klaster-lifescience-krakow".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case r == 'ø' || r == 'Ø':
			r = 'o'
		case r == 'ß':
			b.WriteString("ss")
			dash = false
			continue
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
			dash = false
			continue
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			dash = false
			continue
		}
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
