package catalogue

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"
)

// The facets a catalogue can offer, by their site.yaml name.
const (
	FacetCountry    = urls.FacetCountry
	FacetOrgType    = urls.FacetOrgType
	FacetCompetency = urls.FacetCompetency
	FacetCluster    = urls.FacetCluster
)

// facetNames are the facets in their default order.
var facetNames = []string{FacetCountry, FacetOrgType, FacetCompetency, FacetCluster}

// defaultSlugs are each facet's URL segment and query parameter per
// language unless site.yaml's catalogue.slugs says otherwise (see
// urls.Site.FacetSlug); here to tell the facets there are.
var defaultSlugs = urls.DefaultFacetSlugs()

// DefaultPerPage is how many organisations a catalogue page lists before
// it is split into numbered pages, unless site.yaml's catalogue.perPage
// says otherwise.
const DefaultPerPage = 100

// reserved are segments under the catalogue a facet slug cannot take: the
// numbered pages, the downloads and the query parameter of the search box.
var reserved = map[string]bool{"page": true, "q": true, "partners": true, "search": true}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// config is site.yaml's catalogue block with its defaults filled in.
type config struct {
	facets  []string
	slugs   map[string]map[string]string // facet -> lang -> slug
	perPage int
}

// newConfig checks site.yaml's catalogue block and fills in defaults.
func newConfig(c *site.Config) (*config, error) {
	cc := c.Catalogue
	cfg := &config{facets: cc.Facets, slugs: map[string]map[string]string{}, perPage: cc.PerPage}
	var ps site.Problems
	add := func(field, format string, args ...any) {
		ps = append(ps, site.Problem{File: site.ConfigFile, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if len(cfg.facets) == 0 {
		cfg.facets = facetNames
	}
	seen := map[string]bool{}
	for _, f := range cfg.facets {
		if defaultSlugs[f] == nil {
			add("catalogue.facets", "%q is not a facet; the catalogue has %s", f, strings.Join(facetNames, ", "))
		}
		if seen[f] {
			add("catalogue.facets", "%q is listed twice", f)
		}
		seen[f] = true
	}
	for f := range cc.Slugs {
		if defaultSlugs[f] == nil {
			add("catalogue.slugs."+f, "%q is not a facet; the catalogue has %s", f, strings.Join(facetNames, ", "))
		}
	}
	if cfg.perPage < 0 {
		add("catalogue.perPage", "%d is negative; write how many organisations a page lists, e.g. %d", cfg.perPage, DefaultPerPage)
	}
	if cfg.perPage <= 0 {
		cfg.perPage = DefaultPerPage
	}
	for _, lang := range c.LangCodes() {
		used := map[string]string{}
		for _, f := range facetNames {
			slug := c.URLs().FacetSlug(f, lang)
			switch {
			case !slugRE.MatchString(slug):
				add("catalogue.slugs."+f, "%q is not a slug; use lower-case letters, digits and hyphens, e.g. %q", slug, site.Slugify(slug))
			case reserved[slug]:
				add("catalogue.slugs."+f, "%q is used by the catalogue itself; choose another %s slug", slug, lang)
			case used[slug] != "" && seen[f] && seen[used[slug]]:
				add("catalogue.slugs."+f, "%q is also the %s slug of %s; each facet needs its own", slug, lang, used[slug])
			}
			used[slug] = f
			if cfg.slugs[f] == nil {
				cfg.slugs[f] = map[string]string{}
			}
			cfg.slugs[f][lang] = slug
		}
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return cfg, nil
}
