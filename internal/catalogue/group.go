package catalogue

import (
	"bytes"
	"sort"
	"strings"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
)

// Groups that are searched but not offered as filters.
const (
	groupCity   = "city"
	groupRegion = "region"
	groupArea   = "area" // therapeutic areas
)

// Search weights. A word found in an organisation's name counts most, then
// in its competencies, then its type, cluster and place, then its summary,
// technologies and services.
const (
	weightName = 10
	weightText = 1
)

var groupWeights = map[string]int{
	FacetCompetency: 6,
	FacetOrgType:    4,
	FacetCluster:    4,
	FacetCountry:    3,
	groupCity:       3,
	groupRegion:     2,
	groupArea:       2,
}

// Value is one value of a facet (or of a searched group): a country, an
// organisation type, a competency, a cluster.
type Value struct {
	Key   string // vocabulary key, country code, cluster page name, city
	Slug  string // URL segment: "de", "cro", "immunology", "biocat"
	Label string // shown to readers, in the page's language
	URL   string // the value's facet page; "" for groups without pages
	Count int    // organisations with this value
	// Records are the display indexes of the organisations with this value.
	Records []int
}

// group is a set of values that records point to.
type group struct {
	key    string
	facet  bool // offered as a filter, with pages
	multi  bool // a record may have several values
	weight int
	values []*Value
	rec    [][]int // per record, in display order: its value indexes
}

// groupKeys returns the keys of record r in group g: vocabulary keys,
// a country code, a cluster page's name.
func groupKeys(g string, r *Record) []string {
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	switch g {
	case FacetCountry:
		return one(r.Country)
	case FacetOrgType:
		return one(r.OrgType)
	case FacetCompetency:
		return r.Competencies
	case FacetCluster:
		if r.Cluster == nil {
			return nil
		}
		return one(r.Cluster.Name)
	case groupCity:
		return one(r.City)
	case groupRegion:
		return one(r.Region)
	case groupArea:
		return r.TherapeuticAreas
	}
	return nil
}

// buildGroup collects the values of group key over recs, labels them in
// lang and sorts them by label in the language's collation.
func buildGroup(key string, facet bool, recs []*Record, s *site.Site, lang string, loc *i18n.Locale) *group {
	g := &group{key: key, facet: facet, multi: key == FacetCompetency || key == groupArea, weight: groupWeights[key], rec: make([][]int, len(recs))}
	byKey := map[string]*Value{}
	clusters := map[string]*site.Page{}
	for i, r := range recs {
		for _, k := range groupKeys(key, r) {
			v := byKey[k]
			if v == nil {
				v = &Value{Key: k}
				byKey[k] = v
				if key == FacetCluster {
					clusters[k] = r.Cluster
				}
			}
			if n := len(v.Records); n == 0 || v.Records[n-1] != i { // a key listed twice
				v.Records = append(v.Records, i)
			}
		}
	}
	voc := s.Config.Vocabularies
	for k, v := range byKey {
		v.Count = len(v.Records)
		switch key {
		case FacetCountry:
			v.Slug, v.Label = strings.ToLower(k), loc.Country(k)
		case FacetOrgType:
			v.Slug, v.Label = k, voc.Label("orgType", k, lang)
		case FacetCompetency:
			v.Slug, v.Label = k, voc.Label("competency", k, lang)
		case FacetCluster:
			v.Slug, v.Label = clusters[k].Slug, clusters[k].Title()
		case groupArea:
			v.Label = voc.Label("therapeuticArea", k, lang)
		default:
			v.Label = k
		}
		g.values = append(g.values, v)
	}
	sortKeys := map[*Value][]byte{}
	for _, v := range g.values {
		sortKeys[v] = loc.SortKey(v.Label)
	}
	sort.Slice(g.values, func(i, j int) bool {
		a, b := g.values[i], g.values[j]
		if c := bytes.Compare(sortKeys[a], sortKeys[b]); c != 0 {
			return c < 0
		}
		return a.Key < b.Key
	})
	for vi, v := range g.values {
		for _, ri := range v.Records {
			g.rec[ri] = append(g.rec[ri], vi)
		}
	}
	return g
}
