package render

import (
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/consort-ssg/consort/internal/geomap"
	"github.com/consort-ssg/consort/internal/site"
)

// MapView is a page's map, drawn at build time (internal/geomap): the
// SVG panels and the numbered places, which partials/map.html lists as
// the map's text alternative.
type MapView struct {
	Europe, World template.HTML
	Places        []geomap.Placed
	// Members and Markets say whether countries are shaded as the
	// consortium's or as target markets, for the legend.
	Members, Markets bool
}

// Map returns the map of the page: on the home, every cluster and
// partner; on the clusters' or partners' list, that section's pages; on
// a cluster, it and its members; on a partner, it and its cluster. It is
// nil when none of them has a location, and on the second and later pages
// of a list. The clusters' countries are
// shaded, and on a world panel the countries that missions go to (the
// target markets).
func (d *Data) Map() *MapView {
	if !d.mapDone {
		d.mapView, d.mapDone = d.maps.draw(d), true
	}
	return d.mapView
}

// Maps keeps the maps pages drew (Data.Map), with what drawing them read,
// for later renders of the same pages by any engine (Options.Maps):
// consort serve's Builder keeps one while what a map shows cannot have
// changed, that is while only templates or pages' bodies change, not the
// UI strings nor any page's front matter. It is safe for concurrent use.
type Maps struct {
	mu sync.Mutex
	m  map[mapKey]drawnMap
}

// NewMaps returns an empty Maps.
func NewMaps() *Maps { return &Maps{m: map[mapKey]drawnMap{}} }

// mapKey names the map of one output of a page.
type mapKey struct {
	lang, file string
	number     int // of a list's page
}

type drawnMap struct {
	view  *MapView
	reads []Key
}

// draw returns d's map, drawn by d unless m holds it; nil m draws.
func (m *Maps) draw(d *Data) *MapView {
	if m == nil || d.Page == nil {
		return d.drawMap()
	}
	k := mapKey{lang: d.Lang, file: d.Page.File}
	if d.Pager != nil {
		k.number = d.Pager.Number
	}
	m.mu.Lock()
	dm, ok := m.m[k]
	m.mu.Unlock()
	if !ok {
		// What drawing reads is recorded apart, for the pages that get
		// the map from m.
		own := d.reads
		d.reads = &Reads{}
		dm.view = d.drawMap()
		dm.reads = d.reads.list()
		d.reads = own
		m.mu.Lock()
		m.m[k] = dm
		m.mu.Unlock()
	}
	d.reads.merge(dm.reads)
	return dm.view
}

func (d *Data) drawMap() *MapView {
	if d.Page == nil || d.atlas == nil {
		return nil
	}
	p := d.Page
	var pages []*site.Page
	world := false
	listed := "" // the section that lists the places of a home or list map
	// A cluster's or a partner's map is small, in the page's aside:
	// fewer units make its markers bigger, and it shows less of Europe.
	var width, span float64
	switch {
	case p.Kind == site.KindHome:
		pages = append(d.PagesOf("clusters"), d.PagesOf("partners")...)
		world, span, listed = true, 3200, "partners"
	case p.Kind == site.KindSection && (p.Section == "clusters" || p.Section == "partners"):
		if d.Pager != nil && d.Pager.Number > 1 {
			// A list shows its map on its first page only: drawing
			// every place on each of its pages was quadratic.
			return nil
		}
		pages = d.PagesOf(p.Section)
		span, listed = 3200, p.Section
	case p.Kind == site.KindCluster:
		pages = append([]*site.Page{p}, p.Members...)
		width, span = 300, 1800
	case p.Kind == site.KindPartner:
		pages = []*site.Page{p}
		width, span = 300, 1800
		if p.ClusterPage != nil {
			pages = append(pages, p.ClusterPage)
		}
	default:
		return nil
	}
	var places []geomap.Place
	var countries []string // of each place
	for _, q := range pages {
		q = d.In(q)
		if pl, country, ok := d.place(q); ok {
			pl.Current = q == p
			places = append(places, pl)
			countries = append(countries, country)
		}
	}
	if len(places) == 0 {
		return nil
	}
	if listed != "" && len(places) > maxMapMarkers {
		places = d.byCountry(places, countries, listed)
	}
	opts := geomap.Options{
		EuropeLabel: d.T("map_europe"),
		WorldLabel:  d.T("map_world"),
		World:       world,
		Width:       width,
		Span:        span,
	}
	sh := d.shading()
	opts.Shade, opts.Markets = sh.members, sh.markets
	dr := d.atlas.Draw(places, opts)
	return &MapView{
		Europe:  template.HTML(dr.Europe),
		World:   template.HTML(dr.World),
		Places:  dr.Places,
		Members: len(opts.Shade) > 0,
		Markets: len(opts.Markets) > 0 && dr.World != "",
	}
}

// maxMapMarkers is how many places a home or list map draws one by one;
// with more, it draws one marker per country. A few dozen numbered
// markers is what a reader can take in (and what the text alternative
// beside the map can list); thousands would hide Europe under them.
const maxMapMarkers = 60

// byCountry groups places by country: one marker per country, at the
// median latitude and longitude of its places (a median, so that an
// overseas partner does not move France into the Atlantic), named for
// the country and its number of organisations, linking to the
// catalogue's page of that country, or else to the section that lists
// them. The countries with most places come first (then by code);
// places without a country are grouped under the section.
func (d *Data) byCountry(places []geomap.Place, countries []string, section string) []geomap.Place {
	var order []string
	members := map[string][]geomap.Place{}
	for i, pl := range places {
		c := countries[i]
		if members[c] == nil {
			order = append(order, c)
		}
		members[c] = append(members[c], pl)
	}
	slices.SortStableFunc(order, func(a, b string) int {
		if n := len(members[b]) - len(members[a]); n != 0 {
			return n
		}
		return strings.Compare(a, b)
	})
	out := make([]geomap.Place, 0, len(order))
	for _, c := range order {
		ms := members[c]
		lats, lons := make([]float64, len(ms)), make([]float64, len(ms))
		for i, m := range ms {
			lats[i], lons[i] = m.Lat, m.Lon
		}
		g := geomap.Place{
			Lat: median(lats), Lon: median(lons),
			Name:  d.Country(c),
			Where: d.N("catalogue_results", len(ms)),
			URL:   d.SectionURL(section),
			Kind:  "country",
		}
		if c == "" {
			if sec := d.Section(section); sec != nil {
				g.Name = sec.Title()
			}
		} else if u := d.URLs().Country(d.Lang, c); u != "" {
			g.URL = u
		}
		out = append(out, g)
	}
	return out
}

// median is the middle value of xs (the mean of the two middle ones for
// an even count); it sorts xs.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// place is the map point of a cluster or partner page with a location,
// and the page's country.
func (d *Data) place(p *site.Page) (geomap.Place, string, bool) {
	var loc *site.Location
	var where []string
	var country string
	switch {
	case p.Cluster() != nil:
		c := p.Cluster()
		loc, where, country = c.Location, []string{c.City, d.Country(c.Country)}, c.Country
	case p.Partner() != nil:
		v := p.Partner()
		loc, where, country = v.Location, []string{v.City, d.Country(v.Country)}, v.Country
	}
	if loc == nil {
		return geomap.Place{}, "", false
	}
	where = slices.DeleteFunc(where, func(s string) bool { return s == "" })
	return geomap.Place{
		Lat: loc.Lat, Lon: loc.Lon,
		Name:  p.Title(),
		Where: strings.Join(where, ", "),
		URL:   p.URL,
		Kind:  string(p.Kind),
	}, country, true
}
