package site

import (
	"net/mail"
	"net/url"
	"sort"
	"strings"
	"time"
)

// The kinds of the pages consort writes itself from site.yaml.
const (
	// KindAccessibility is the accessibility statement, on the model of
	// Commission Implementing Decision (EU) 2018/1523, made from the
	// accessibility: block of site.yaml.
	KindAccessibility Kind = "accessibility"
	// KindPrivacy is the privacy page: the site sets no cookies and asks
	// nothing of other sites (see ThirdParties).
	KindPrivacy Kind = "privacy"
)

// Accessibility is the `accessibility:` block of site.yaml: what the
// accessibility statement says.
type Accessibility struct {
	// Status is full, partial or none: the site is fully, partially or
	// not compliant with the standard.
	Status string `yaml:"status"`
	// Standard is what the site is measured against; EN 301 549 (WCAG
	// 2.1 level AA) when empty.
	Standard string `yaml:"standard"`
	// Exceptions are the content known not to be accessible, per
	// language: one line each, with why and what to use instead.
	Exceptions map[string][]string `yaml:"exceptions"`
	// Method is how the site was assessed: self-assessment or third-party.
	Method string `yaml:"method"`
	// Prepared is when the statement was first written; Reviewed when it
	// was last reviewed.
	Prepared Date `yaml:"prepared"`
	Reviewed Date `yaml:"reviewed"`
	// Contact is where readers report a problem: an e-mail address of a
	// service (not a person's) and/or a form's address.
	Contact Contact `yaml:"contact"`
	// Enforcement is the national body readers turn to when the answer
	// does not satisfy them.
	Enforcement Body `yaml:"enforcement"`
	// Law is the national legislation the statement answers, per language.
	Law map[string]string `yaml:"law"`
}

// Contact is where readers write.
type Contact struct {
	Email string `yaml:"email"`
	URL   string `yaml:"url"`
}

// Body is an organisation with a name per language and a web address.
type Body struct {
	Name map[string]string `yaml:"name"`
	URL  string            `yaml:"url"`
}

// Given reports whether site.yaml has an accessibility block.
func (a *Accessibility) Given() bool {
	return a.Status != "" || !a.Reviewed.IsZero() || a.Contact != (Contact{}) || len(a.Enforcement.Name) > 0 || len(a.Exceptions) > 0
}

var accessibilityStatuses = []string{"full", "partial", "none"}

// checkAccessibility validates the accessibility block.
func checkAccessibility(a *Accessibility, langs []string, failed map[string]bool, add func(field string, sev Severity, format string, args ...any)) {
	if !a.Given() {
		return
	}
	if a.Status == "" {
		add("accessibility", Error, "status is missing; write full, partial or none (fully, partially or not compliant with %s)", a.StandardName())
	} else if !contains(accessibilityStatuses, a.Status) {
		add("accessibility.status", Error, "%s; full, partial or none say whether the site is fully, partially or not compliant", hint(a.Status, accessibilityStatuses))
	}
	if a.Status != "" && a.Status != "full" && len(a.Exceptions) == 0 {
		add("accessibility", Warning, "exceptions are missing; a site that is not fully compliant lists what is not accessible, why, and what to use instead, per language")
	}
	if a.Method != "" && a.Method != "self-assessment" && a.Method != "third-party" {
		add("accessibility.method", Error, "%s", hint(a.Method, []string{"self-assessment", "third-party"}))
	}
	if a.Reviewed.IsZero() && !failed["accessibility.reviewed"] {
		add("accessibility", Error, "reviewed is missing; write the date of the last review of the statement, e.g. reviewed: 2026-01-15")
	}
	if a.Contact.Email == "" && a.Contact.URL == "" {
		add("accessibility", Error, "contact is missing; give an e-mail address of a service (contact: {email: accessibility@example.org}) or the address of a form (url:)")
	}
	if e := a.Contact.Email; e != "" {
		if addr, err := mail.ParseAddress(e); err != nil || addr.Address != e || addr.Name != "" {
			add("accessibility.contact.email", Error, "%q is not an e-mail address; write it alone, e.g. accessibility@example.org", e)
		}
	}
	for _, fe := range checkWebsite("accessibility.contact.url", a.Contact.URL) {
		add(fe.Field, Error, "%s", fe.Msg)
	}
	if len(a.Enforcement.Name) == 0 {
		add("accessibility", Error, "enforcement is missing; name the national body that handles complaints and give its address, e.g. enforcement: {name: {en: ..., fr: ...}, url: https://...}")
	} else {
		for _, lang := range langs {
			if a.Enforcement.Name[lang] == "" {
				add("accessibility.enforcement.name", Error, "missing for %s; name the enforcement body in every language of the site", lang)
			}
		}
		if a.Enforcement.URL == "" {
			add("accessibility.enforcement", Error, "url is missing; give the web address of the enforcement body")
		}
		for _, fe := range checkWebsite("accessibility.enforcement.url", a.Enforcement.URL) {
			add(fe.Field, Error, "%s", fe.Msg)
		}
	}
	if len(a.Exceptions) > 0 {
		for _, lang := range langs {
			if len(a.Exceptions[lang]) == 0 {
				add("accessibility.exceptions", Error, "missing for %s; list the exceptions in every language of the site", lang)
			}
		}
	}
	for _, m := range []struct {
		field string
		keys  []string
	}{{"accessibility.exceptions", sortedKeys(a.Exceptions)}, {"accessibility.enforcement.name", sortedKeys(a.Enforcement.Name)}, {"accessibility.law", sortedKeys(a.Law)}} {
		for _, lang := range m.keys {
			if !contains(langs, lang) {
				add(m.field, Error, "%q is not a language of this site (%s)", lang, strings.Join(langs, ", "))
			}
		}
	}
	if !a.Prepared.IsZero() && !a.Reviewed.IsZero() && a.Reviewed.Before(a.Prepared.Time) {
		add("accessibility.reviewed", Error, "%s is before prepared %s", a.Reviewed.Format("2006-01-02"), a.Prepared.Format("2006-01-02"))
	}
}

// checkReview warns when the statement's last review is over a year old.
func checkReview(a *Accessibility, now time.Time, add func(field string, sev Severity, format string, args ...any)) {
	if a.Reviewed.IsZero() {
		return
	}
	// Due on the anniversary of the review: late from the day after.
	if due := a.Reviewed.AddDate(1, 0, 1); !now.Before(due) {
		age := now.Sub(a.Reviewed.Time)
		add("accessibility.reviewed", Warning, "the statement was last reviewed on %s, %d days ago; review it at least once a year, then write the date of the review", a.Reviewed.Format("2006-01-02"), int(age.Hours()/24))
	}
	if a.Reviewed.After(now) {
		add("accessibility.reviewed", Warning, "%s is in the future; write the date the statement was last reviewed", a.Reviewed.Format("2006-01-02"))
	}
}

// StandardName is the standard the site is measured against.
func (a *Accessibility) StandardName() string {
	if a.Standard != "" {
		return a.Standard
	}
	return "EN 301 549 (WCAG 2.1 AA)"
}

// legalSlugs are the default URL segments of the generated pages per
// language; sections: accessibility: {fr: ...} in site.yaml overrides them.
var legalSlugs = map[Kind]map[string]string{
	KindAccessibility: {"en": "accessibility", "fr": "accessibilite", "de": "barrierefreiheit", "it": "accessibilita", "es": "accesibilidad", "pl": "dostepnosc", "nl": "toegankelijkheid", "pt": "acessibilidade"},
	KindPrivacy:       {"en": "privacy", "fr": "confidentialite", "de": "datenschutz", "it": "privacy", "es": "privacidad", "pl": "prywatnosc", "nl": "privacy", "pt": "privacidade"},
}

// legalTitles are the generated pages' titles per language.
var legalTitles = map[Kind]map[string]string{
	KindAccessibility: {"en": "Accessibility statement", "fr": "Déclaration d’accessibilité", "de": "Erklärung zur Barrierefreiheit", "it": "Dichiarazione di accessibilità", "es": "Declaración de accesibilidad", "pl": "Deklaracja dostępności", "nl": "Toegankelijkheidsverklaring", "pt": "Declaração de acessibilidade"},
	KindPrivacy:       {"en": "Privacy", "fr": "Confidentialité", "de": "Datenschutz", "it": "Privacy", "es": "Privacidad", "pl": "Prywatność", "nl": "Privacy", "pt": "Privacidade"},
}

func legalText(m map[string]string, lang string) string {
	if t := m[lang]; t != "" {
		return t
	}
	if t := m[baseLang(lang)]; t != "" {
		return t
	}
	return m["en"]
}

// LegalSlug is the URL segment of a generated page in lang.
func (c *Config) LegalSlug(k Kind, lang string) string {
	if s := c.Sections[string(k)][lang]; s != "" {
		return s
	}
	return legalText(legalSlugs[k], lang)
}

// LegalURL is the URL of a generated page in lang, or "" when the site
// has none (no accessibility block).
func (s *Site) LegalURL(k Kind, lang string) string {
	p := s.byFile["content/"+lang+"/"+string(k)+".md"]
	if p == nil {
		return ""
	}
	return p.URL
}

// legalPages makes the accessibility statement (when site.yaml has an
// accessibility block) and the privacy page of every language, unless
// content/ has a page at the same place, which then replaces them.
func (l *loader) legalPages(pages []*Page) []*Page {
	have := map[string]bool{}
	for _, p := range pages {
		have[p.File] = true
		have[p.URL] = true
	}
	var out []*Page
	for _, k := range []Kind{KindAccessibility, KindPrivacy} {
		if k == KindAccessibility && !l.cfg.Accessibility.Given() {
			continue
		}
		for _, lang := range l.cfg.LangCodes() {
			slug := l.cfg.LegalSlug(k, lang)
			rel := string(k) + ".md"
			p := &Page{Kind: k, Lang: lang, File: "content/" + lang + "/" + rel, Rel: rel, Name: string(k), Slug: slug, Synthetic: true,
				Params: &PageParams{Front: Front{Title: legalText(legalTitles[k], lang)}}}
			p.URL, p.Key = l.cfg.URLs().Page(lang, slug), "legal:"+string(k)
			if have[p.File] || have[p.URL] {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

// ThirdParties returns the hosts, sorted, of other sites a reader's
// browser would fetch something from on this site's pages: images and
// logos given by their https:// address in front matter or Markdown.
// The theme itself asks nothing of other sites.
func (s *Site) ThirdParties() []string {
	hosts := map[string]bool{}
	add := func(u string) {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "//") {
			return
		}
		if pu, err := url.Parse(u); err == nil && pu.Host != "" {
			hosts[strings.ToLower(pu.Hostname())] = true
		}
	}
	for _, p := range s.Pages {
		add(p.Front().Image)
		add(logoOf(p))
		for _, img := range p.Images {
			add(img.Dest)
		}
	}
	out := make([]string, 0, len(hosts))
	for h := range hosts {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

func logoOf(p *Page) string {
	switch v := p.Params.(type) {
	case *Cluster:
		return v.Logo
	case *Partner:
		return v.Logo
	}
	return ""
}
