package render

import (
	"net/url"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// Statement is what templates/accessibility.html shows: the fields of
// site.yaml's accessibility block in the page's language.
type Statement struct {
	Status       string // full, partial, none
	Standard     string
	Law          string
	Exceptions   []string
	Method       string // self-assessment, third-party or ""
	Prepared     site.Date
	Reviewed     site.Date
	Email        string
	Form         string
	Authority    string // the enforcement body's name
	AuthorityURL string
}

// Accessibility returns the accessibility statement in the page's language.
func (d *Data) Accessibility() Statement {
	a := &d.site.Config.Accessibility
	return Statement{Status: a.Status, Standard: a.StandardName(), Law: a.Law[d.Lang], Exceptions: a.Exceptions[d.Lang], Method: a.Method,
		Prepared: a.Prepared, Reviewed: a.Reviewed, Email: a.Contact.Email, Form: a.Contact.URL, Authority: a.Enforcement.Name[d.Lang], AuthorityURL: a.Enforcement.URL}
}

// LegalURL is the URL of the accessibility statement ("accessibility")
// or the privacy page ("privacy") in the page's language, or "".
func (d *Data) LegalURL(kind string) string { return d.site.LegalURL(site.Kind(kind), d.Lang) }

// Host is the site's host name, as readers see it in the address bar.
func (d *Data) Host() string {
	if u, err := url.Parse(d.site.Config.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return d.SiteTitle
}

// ThirdParties lists the other sites the pages load images from, joined
// for a sentence.
func (d *Data) ThirdParties() string { return strings.Join(d.site.ThirdParties(), ", ") }
