package render

import (
	"html/template"
	"slices"
	"strings"

	"consort/internal/geomap"
	"consort/internal/site"
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
		d.mapView, d.mapDone = d.drawMap(), true
	}
	return d.mapView
}

func (d *Data) drawMap() *MapView {
	if d.Page == nil || d.atlas == nil {
		return nil
	}
	p := d.Page
	var pages []*site.Page
	world := false
	// A cluster's or a partner's map is small, in the page's aside:
	// fewer units make its markers bigger, and it shows less of Europe.
	var width, span float64
	switch {
	case p.Kind == site.KindHome:
		pages = append(d.PagesOf("clusters"), d.PagesOf("partners")...)
		world, span = true, 3200
	case p.Kind == site.KindSection && (p.Section == "clusters" || p.Section == "partners"):
		if d.Pager != nil && d.Pager.Number > 1 {
			// A list shows its map on its first page only: drawing
			// every place on each of its pages was quadratic.
			return nil
		}
		pages = d.PagesOf(p.Section)
		span = 3200
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
	for _, q := range pages {
		q = d.In(q)
		if pl, ok := d.place(q); ok {
			pl.Current = q == p
			places = append(places, pl)
		}
	}
	if len(places) == 0 {
		return nil
	}
	opts := geomap.Options{
		EuropeLabel: d.T("map_europe"),
		WorldLabel:  d.T("map_world"),
		World:       world,
		Width:       width,
		Span:        span,
	}
	for _, c := range d.PagesOf("clusters") {
		if cl := c.Cluster(); cl != nil && cl.Country != "" && !slices.Contains(opts.Shade, cl.Country) {
			opts.Shade = append(opts.Shade, cl.Country)
		}
	}
	for _, m := range d.PagesOf("missions") {
		if mi := m.Mission(); mi != nil && mi.Country != "" && !slices.Contains(opts.Markets, mi.Country) {
			opts.Markets = append(opts.Markets, mi.Country)
		}
	}
	dr := d.atlas.Draw(places, opts)
	return &MapView{
		Europe:  template.HTML(dr.Europe),
		World:   template.HTML(dr.World),
		Places:  dr.Places,
		Members: len(opts.Shade) > 0,
		Markets: len(opts.Markets) > 0 && dr.World != "",
	}
}

// place is the map point of a cluster or partner page with a location.
func (d *Data) place(p *site.Page) (geomap.Place, bool) {
	var loc *site.Location
	var where []string
	switch {
	case p.Cluster() != nil:
		c := p.Cluster()
		loc, where = c.Location, []string{c.City, d.Country(c.Country)}
	case p.Partner() != nil:
		v := p.Partner()
		loc, where = v.Location, []string{v.City, d.Country(v.Country)}
	}
	if loc == nil {
		return geomap.Place{}, false
	}
	where = slices.DeleteFunc(where, func(s string) bool { return s == "" })
	return geomap.Place{
		Lat: loc.Lat, Lon: loc.Lon,
		Name:  p.Title(),
		Where: strings.Join(where, ", "),
		URL:   p.URL,
		Kind:  string(p.Kind),
	}, true
}
