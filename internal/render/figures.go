package render

// Figures are the key numbers the home page shows.
type Figures struct {
	// Clusters are the pages of the clusters section that are cluster
	// organisations (orgType cluster, or none given); Agencies those that
	// are agencies (orgType agency: a regional development agency that
	// coordinates, say). The hero's "four clusters" must not count the
	// agency among them.
	Clusters, Agencies            int
	Partners, Missions, Countries int
}

// Figures counts the clusters and agencies, partners and missions of the
// page's language and the countries the clusters and partners are in.
func (d *Data) Figures() Figures {
	for _, sec := range []string{"clusters", "partners", "missions"} {
		d.readList(d.Lang, sec)
	}
	f := Figures{
		Partners: len(d.site.PagesOf(d.Lang, "partners")),
		Missions: len(d.site.PagesOf(d.Lang, "missions")),
	}
	countries := map[string]bool{}
	for _, p := range d.site.PagesOf(d.Lang, "clusters") {
		c := p.Cluster()
		switch c.OrgType {
		case "", "cluster":
			f.Clusters++
		case "agency":
			f.Agencies++
		}
		countries[c.Country] = true
	}
	for _, p := range d.site.PagesOf(d.Lang, "partners") {
		countries[p.Partner().Country] = true
	}
	delete(countries, "")
	f.Countries = len(countries)
	return f
}
