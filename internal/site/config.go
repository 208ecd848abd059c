package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/urls"

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

	// borrowed records the per-language values filled in from the
	// default language (see FillLanguages), as field + "/" + lang.
	borrowed map[string]bool
}

// Line returns the line of a field of site.yaml ("accessibility.reviewed"),
// or of the nearest field above it that has one, or 0.
func (c *Config) Line(field string) int { return nearestLine(c.lines, field) }

// nearestLine returns the line of field ("location.lat") in lines, or of
// the nearest field above it that has one ("location"), or 0.
func nearestLine(lines map[string]int, field string) int {
	for f := field; f != ""; {
		if l := lines[f]; l > 0 {
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

	borrowed bool // from the default language's menu: its page may not exist
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

// URLsAt returns the URLs of the site published at baseURL instead of
// site.yaml's baseURL ("" keeps it), as --base-url gives: for tools that
// need the site's addresses before it loads (consort serve's first lines).
func (c *Config) URLsAt(baseURL string) *urls.Site {
	if baseURL == "" {
		return c.URLs()
	}
	at := *c
	at.BaseURL = strings.TrimRight(baseURL, "/") + "/"
	return newURLs(&at)
}

func newURLs(c *Config) *urls.Site {
	return urls.New(urls.Config{BaseURL: c.BaseURL, Sections: c.Sections, FacetSlugs: c.Catalogue.Slugs, Facets: c.Catalogue.Facets})
}

// CheckBaseURL reports whether s can be a site's base URL: an http or
// https address, at the root of a host (https://www.example.org/) or
// under a path (https://example.github.io/project/), without a query,
// fragment or user info. Under a path, every address the site emits
// carries the path (see package urls).
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return fmt.Errorf("%q is not an absolute web address; write it like https://www.example.org/ or https://example.github.io/project/", s)
	}
	if strings.ContainsAny(s, "?#") { // a query or fragment, even an empty one
		return fmt.Errorf("%q has a query or fragment; write the address alone, like https://www.example.org/", s)
	}
	if p := strings.TrimRight(u.Path, "/"); p != "" { // a slash too many at the end is harmless
		if strings.Contains(p, "//") || path.Clean(p) != p {
			return fmt.Errorf("%q has an unclean path (%s); write it like https://example.github.io/project/", s, p)
		}
	}
	return nil
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
	c.lines = d.lines
	line := c.Line
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{File: file, Line: line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if len(c.Languages) == 0 {
		c.Languages = []Language{{Code: "en", Name: "English"}, {Code: "fr", Name: "Français"}}
	}
	seen := map[string]bool{}
	bad := map[string]bool{} // codes refused: no fallback warnings for them
	for i, l := range c.Languages {
		// Reported at the entry's own line, under the field's name.
		at := func(format string, args ...any) {
			ps = append(ps, Problem{File: file, Line: line("languages." + strconv.Itoa(i)), Field: "languages", Msg: fmt.Sprintf(format, args...)})
		}
		if !slugRE.MatchString(l.Code) || len(l.Code) > 8 {
			at("%q is not a language code; use a BCP 47 code in lower case such as de, pl or pt-br", l.Code)
			bad[l.Code] = true
		} else if err := i18n.CheckLanguage(l.Code); err != nil {
			at("%v", err)
			bad[l.Code] = true
		}
		if seen[l.Code] {
			at("%q is listed twice", l.Code)
		}
		seen[l.Code] = true
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	} else if err := CheckBaseURL(c.BaseURL); err != nil {
		add("baseURL", "%v", err)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/") + "/"
	if c.Title[c.DefaultLang()] == "" {
		add("title", "missing for %s, the default language; give the site's title in every language", c.DefaultLang())
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
			if labels[c.DefaultLang()] == "" {
				add("vocabularies."+vocab+"."+key, "%s has no %s label, the default language's; add `%s: ...`", key, c.DefaultLang(), c.DefaultLang())
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
	ps = append(ps, c.fillFallbacks(file, line, bad)...)
	c.setURLs()
	return c, ps
}

// fillFallbacks gives every language the per-language values of
// site.yaml it lacks, from the default language, and returns one warning
// per value filled in, at the value's line.
func (c *Config) fillFallbacks(file string, line func(string) int, bad map[string]bool) Problems {
	var ps Problems
	fill := func(field string, m map[string]string) {
		missing := slices.DeleteFunc(c.FillLanguages(field, m), func(l string) bool { return bad[l] })
		if len(missing) > 0 {
			ps = append(ps, Problem{File: file, Line: line(field), Field: field, Severity: Warning, Code: FallbackCode, Msg: c.FallbackMessage(missing)})
		}
	}
	fill("title", c.Title)
	if len(c.Description) > 0 {
		fill("description", c.Description)
	}
	for _, f := range []struct {
		field string
		m     map[string]string
	}{{"funding.name", c.Funding.Name}, {"funding.acknowledgement", c.Funding.Acknowledgement}, {"funding.disclaimer", c.Funding.Disclaimer.Text}} {
		if len(f.m) > 0 {
			// Filled in silently: checkFunding already says what each
			// language of the funding block lacks.
			c.FillLanguages(f.field, f.m)
		}
	}
	for _, sec := range sortedKeys(c.Sections) {
		if len(c.Sections[sec]) > 0 {
			fill("sections."+sec, c.Sections[sec])
		}
	}
	for _, vocab := range sortedKeys(c.Vocabularies) {
		for _, key := range sortedKeys(c.Vocabularies[vocab]) {
			fill("vocabularies."+vocab+"."+key, c.Vocabularies[vocab][key])
		}
	}
	if def := c.Menus[c.DefaultLang()]; len(def) > 0 {
		var missing []string
		for _, l := range c.Languages[1:] {
			if _, ok := c.Menus[l.Code]; !ok {
				c.Menus[l.Code] = c.borrowMenu(def, l.Code)
				if !bad[l.Code] {
					missing = append(missing, l.Code)
				}
			}
		}
		if len(missing) > 0 {
			ps = append(ps, Problem{File: file, Line: line("menus"), Field: "menus", Severity: Warning, Code: FallbackCode,
				Msg: fmt.Sprintf("no menu for %s; %s uses the %s menu, with its pages in each language where they exist; add `%s:` with its entries", strings.Join(missing, ", "), pronoun(missing), c.DefaultLang(), missing[0])})
		}
	}
	return ps
}

// FallbackCode is the Problem.Code of a per-language value of site.yaml
// that a language lacks and takes from the default language.
const FallbackCode = "site-string"

// FillLanguages gives the map m of a per-language value (title,
// description, a vocabulary label...) the default language's value for
// every site language it lacks, and returns those languages in site
// order. field names the value for Borrowed. m must not be nil when a
// language is missing.
func (c *Config) FillLanguages(field string, m map[string]string) []string {
	def := m[c.DefaultLang()]
	var missing []string
	for _, l := range c.Languages[1:] {
		if m[l.Code] == "" {
			missing = append(missing, l.Code)
			if def != "" {
				m[l.Code] = def
				if c.borrowed == nil {
					c.borrowed = map[string]bool{}
				}
				c.borrowed[field+"/"+l.Code] = true
			}
		}
	}
	return missing
}

// Borrowed reports whether the value of field for lang was filled in
// from the default language by FillLanguages.
func (c *Config) Borrowed(field, lang string) bool { return c.borrowed[field+"/"+lang] }

// FallbackMessage is the text of the warning for a value that the
// languages missing take from the default language.
func (c *Config) FallbackMessage(missing []string) string {
	def := c.DefaultLang()
	return fmt.Sprintf("no %s; %s shows the %s text; add `%s: ...`", strings.Join(missing, ", "), pronoun(missing), def, missing[0])
}

func pronoun(langs []string) string {
	if len(langs) == 1 {
		return "it"
	}
	return "each"
}

// borrowMenu is the menu of lang made from the default language's: page
// entries stay (the menu shows those that exist in lang); a url entry on
// this site is moved to lang's folder and section slugs.
func (c *Config) borrowMenu(def []MenuEntry, lang string) []MenuEntry {
	out := make([]MenuEntry, 0, len(def))
	prefix := "/" + c.DefaultLang() + "/"
	for _, e := range def {
		if rest, ok := strings.CutPrefix(e.URL, prefix); ok {
			seg, tail, _ := strings.Cut(rest, "/")
			for _, sec := range sectionNames {
				if seg != "" && seg == c.SectionSlug(sec, c.DefaultLang()) {
					seg = c.SectionSlug(sec, lang)
					break
				}
			}
			e.URL = "/" + lang + "/" + seg
			if seg != "" && (tail != "" || strings.HasSuffix(rest, "/")) {
				e.URL += "/" + tail
			}
		}
		e.borrowed = true
		out = append(out, e)
	}
	return out
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
