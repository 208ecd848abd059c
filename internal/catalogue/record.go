package catalogue

import (
	"bytes"
	"sort"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
)

// Kinds of record: every partner page and every cluster page is one.
const (
	KindPartner = "partner"
	KindCluster = "cluster"
)

// Record is one organisation of the catalogue in one language: a partner
// page, or a cluster page (whose focus areas are its competencies and
// whose cluster is itself).
type Record struct {
	Page      *site.Page
	Kind      string // KindPartner or KindCluster
	Slug      string // the last segment of the page's URL
	Name      string
	ShortName string // clusters
	Summary   string
	OrgType   string // orgType key
	Country   string // ISO 3166-1 alpha-2
	Region    string
	City      string
	Website   string
	// Competencies are competency keys: a partner's competencies, a
	// cluster's focus.
	Competencies     []string
	TherapeuticAreas []string
	Technologies     []string
	Services         []string
	Markets          []string
	// Cluster is the cluster page the organisation belongs to (for a
	// cluster, itself), or nil.
	Cluster   *site.Page
	Founded   int
	Employees int
	Companies int // clusters
	SMEs      int // clusters
	Role      string
	Logo      string
	Location  *site.Location
}

// records returns the catalogue of lang: every partner and cluster page,
// sorted by name in the language's collation (then by kind and slug, so
// that the order is total).
func records(s *site.Site, lang string, loc *i18n.Locale) []*Record {
	var out []*Record
	for _, p := range s.PagesOf(lang, "partners") {
		v := p.Partner()
		if v == nil {
			continue
		}
		r := &Record{
			Page: p, Kind: KindPartner, Slug: p.Slug, Name: p.Title(), Summary: p.Summary(),
			OrgType: v.OrgType, Country: v.Country, Region: v.Region, City: v.City, Website: v.Website,
			Competencies: v.Competencies, TherapeuticAreas: v.TherapeuticAreas, Technologies: v.Technologies,
			Services: v.Services, Markets: v.Markets, Cluster: p.ClusterPage, Founded: v.Founded,
			Employees: v.Employees, Logo: v.Logo, Location: v.Location,
		}
		if r.Cluster != nil {
			if t := r.Cluster.Translation(lang); t != nil {
				r.Cluster = t
			}
		}
		out = append(out, r)
	}
	for _, p := range s.PagesOf(lang, "clusters") {
		v := p.Cluster()
		if v == nil {
			continue
		}
		out = append(out, &Record{
			Page: p, Kind: KindCluster, Slug: p.Slug, Name: p.Title(), ShortName: v.ShortName, Summary: p.Summary(),
			OrgType: v.OrgType, Country: v.Country, Region: v.Region, City: v.City, Website: v.Website,
			Competencies: v.Focus, Cluster: p, Companies: v.Companies, SMEs: v.SMEs, Role: v.Role,
			Logo: v.Logo, Location: v.Location,
		})
	}
	keys := make(map[*Record][]byte, len(out))
	for _, r := range out {
		keys[r] = loc.SortKey(r.Name)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if c := bytes.Compare(keys[a], keys[b]); c != 0 {
			return c < 0
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Slug < b.Slug
	})
	return out
}
