package render

// Figures are the key numbers the home page shows.
type Figures struct {
	Clusters, Partners, Missions, Countries int
}

// Figures counts the clusters, partners and missions of the page's
// language and the countries the clusters and partners are in.
func (d *Data) Figures() Figures {
	for _, sec := range []string{"clusters", "partners", "missions"} {
		d.readList(d.Lang, sec)
	}
	f := Figures{
		Clusters: len(d.Site.PagesOf(d.Lang, "clusters")),
		Partners: len(d.Site.PagesOf(d.Lang, "partners")),
		Missions: len(d.Site.PagesOf(d.Lang, "missions")),
	}
	countries := map[string]bool{}
	for _, p := range d.Site.PagesOf(d.Lang, "clusters") {
		countries[p.Cluster().Country] = true
	}
	for _, p := range d.Site.PagesOf(d.Lang, "partners") {
		countries[p.Partner().Country] = true
	}
	delete(countries, "")
	f.Countries = len(countries)
	return f
}
