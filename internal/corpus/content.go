package corpus

import (
	"fmt"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"math/rand/v2"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// sectionInfo is a section's folder with its titles and summaries.
var sectionInfo = []struct {
	name, en, fr, enSummary, frSummary string
}{
	{"clusters", "Clusters", "Clusters", "The life sciences clusters of the consortium.", "Les clusters des sciences de la vie du consortium."},
	{"partners", "Partner organisations", "Organisations partenaires", "Companies, laboratories and hospitals working with the clusters.", "Entreprises, laboratoires et hôpitaux qui travaillent avec les clusters."},
	{"missions", "Missions", "Missions", "Exploratory trips, business missions and events abroad.", "Voyages exploratoires, missions d'affaires et événements à l'étranger."},
	{"interviews", "Interviews", "Entretiens", "Members of the consortium talk about their work.", "Les membres du consortium parlent de leur travail."},
	{"news", "News", "Actualités", "What is new in the consortium.", "Les nouvelles du consortium."},
}

var plainInfo = map[string][2]string{
	"about":      {"About the consortium", "À propos du consortium"},
	"objectives": {"Objectives", "Objectifs"},
	"contact":    {"Contact", "Contact"},
}

// contentFiles lists every content file of lang.
func (g *generator) contentFiles(folder string) []file {
	c := g.counts
	root := "content/" + folder + "/"
	lang := textLang(folder)
	var out []file
	add := func(p string, f func() []byte) { out = append(out, file{path: root + p, data: f}) }
	add("index.md", func() []byte { return g.home(lang) })
	for i, name := range plainPages {
		add(name+".md", func() []byte { return g.plain(lang, name, i) })
	}
	for i, s := range sectionInfo {
		add(s.name+"/index.md", func() []byte { return g.section(lang, i) })
	}
	for i := range c.Clusters {
		cl, _ := g.cluster(i)
		add("clusters/"+cl.name+".md", func() []byte { return g.clusterFile(lang, i) })
	}
	for i := range c.Partners {
		add("partners/"+g.partner(i).name+".md", func() []byte { return g.partnerFile(lang, i) })
	}
	for i := range c.Missions {
		add("missions/"+g.mission(i).name+".md", func() []byte { return g.missionFile(lang, i) })
	}
	for i := range c.Interviews {
		add("interviews/"+g.interview(i).name+".md", func() []byte { return g.interviewFile(lang, i) })
	}
	for i := range c.News {
		add("news/"+g.news(i).name+".md", func() []byte { return g.newsFile(lang, i) })
	}
	return out
}

// frontCommon writes title, summary and date.
func frontCommon(d *doc, title, summary, date string) {
	d.f("---\ntitle: %s\n", q(title))
	if summary != "" {
		d.f("summary: %s\n", q(summary))
	}
	if date != "" {
		d.f("date: %s\n", date)
	}
}

func (g *generator) home(lang string) []byte {
	r := g.rng(streamFile, "home/"+lang, 0)
	var d doc
	summary := "Four European life sciences clusters and their partners, one internationalisation strategy."
	if lang == "fr" {
		summary = "Quatre clusters européens des sciences de la vie et leurs partenaires, une même stratégie d'internationalisation."
	}
	frontCommon(&d, "BioX4Clusters", summary, "")
	d.f("---\n\n")
	g.body(&d, r, lang, "page", "", 300+r.IntN(200), nil)
	return d.Bytes()
}

func (g *generator) plain(lang, name string, i int) []byte {
	r := g.rng(streamFile, "plain/"+lang, i)
	var d doc
	t := plainInfo[name]
	title := t[0]
	if lang == "fr" {
		title = t[1]
	}
	frontCommon(&d, title, sentence(r, lang, 12, nil), "")
	d.f("weight: %d\n---\n\n", 10*(i+1))
	g.body(&d, r, lang, "page", "", 300+r.IntN(500), nil)
	return d.Bytes()
}

func (g *generator) section(lang string, i int) []byte {
	r := g.rng(streamFile, "section/"+lang, i)
	s := sectionInfo[i]
	title, summary := s.en, s.enSummary
	if lang == "fr" {
		title, summary = s.fr, s.frSummary
	}
	var d doc
	frontCommon(&d, title, summary, "")
	d.f("weight: %d\n---\n\n", 100+10*i)
	d.f("%s\n", paragraph(r, lang, 60, g.linker(r, lang, s.name)))
	return d.Bytes()
}

func (g *generator) clusterFile(lang string, i int) []byte {
	r := g.rng(streamFile, "cluster/"+lang, i)
	cl, p := g.cluster(i)
	var d doc
	frontCommon(&d, cl.title(lang), sentence(r, lang, 14, nil), date(r, 2005, 2015))
	short := strings.ToUpper(site.Slugify(p.City))
	if len(short) > 6 {
		short = short[:6]
	}
	role := "partner"
	if i == 0 {
		role = "coordinator"
	}
	d.f("shortName: %s\nrole: %s\norgType: cluster\ncountry: %s\nregion: %s\ncity: %s\n", q(short), role, p.Country, q(p.Region), q(p.City))
	d.f("website: https://www.%s.example.org/\n", cl.name)
	d.f("companies: %d\nsmes: %d\n", 50+r.IntN(400), 20+r.IntN(200))
	d.f("focus: %s\n", yamlList(pickN(r, competencies, 2+r.IntN(3))))
	d.f("projects: %s\n", yamlList([]string{"BioX4Clusters", fmt.Sprintf("CE4BIG-%d", r.IntN(9))}))
	d.f("location: {lat: %.2f, lon: %.2f}\n---\n\n", p.Lat, p.Lon)
	g.body(&d, r, lang, "cluster", "clusters", 300+r.IntN(500), nil)
	return d.Bytes()
}

func (g *generator) partnerFile(lang string, i int) []byte {
	r := g.rng(streamFile, "partner/"+lang, i)
	pr := g.partner(i)
	// The facts must be the same in both languages: draw them from a
	// source that does not depend on lang.
	f := g.rng(streamFile, "partner-facts", i)
	ci := f.IntN(g.counts.Clusters)
	cl, cp := g.cluster(ci)
	p := cp
	if f.IntN(3) == 0 {
		p = pick(f, places)
	}
	var d doc
	var summary string
	if lang == "fr" {
		summary = fmt.Sprintf("%s est membre du %s et travaille en %s.", pr.fr, cl.fr, strings.ToLower(vocabLabel("competency", pick(f, competencies))[1]))
	} else {
		summary = fmt.Sprintf("%s is a member of %s working in %s.", pr.en, cl.en, strings.ToLower(vocabLabel("competency", pick(f, competencies))[0]))
	}
	frontCommon(&d, pr.title(lang), summary, date(f, 2012, 2024))
	d.f("orgType: %s\ncluster: %s\ncountry: %s\nregion: %s\ncity: %s\n", pick(f, orgTypes), cl.name, p.Country, q(p.Region), q(p.City))
	d.f("website: https://www.%s.example.com/\n", pr.name)
	d.f("competencies: %s\n", yamlList(pickN(f, competencies, 1+f.IntN(3))))
	d.f("therapeuticAreas: %s\n", yamlList(pickN(f, therapeuticAreas, 1+f.IntN(2))))
	d.f("technologies: %s\n", yamlList(pickN(f, technologies, 1+f.IntN(3))))
	svc := f.Perm(len(services["en"]))[:1+f.IntN(3)]
	sortInts(svc)
	var sv []string
	for _, k := range svc {
		sv = append(sv, services[lang][k])
	}
	d.f("services: %s\n", yamlList(sv))
	d.f("markets: %s\n", yamlList(pickN(f, markets, 1+f.IntN(4))))
	d.f("founded: %d\nemployees: %d\n", 1950+f.IntN(74), 5+f.IntN(3000))
	d.f("location: {lat: %.3f, lon: %.3f}\n", p.Lat+f.Float64()/10, p.Lon+f.Float64()/10)
	if f.IntN(4) == 0 {
		alt := "The laboratory of " + pr.en
		if lang == "fr" {
			alt = "Le laboratoire de " + pr.fr
		}
		d.f("image: /img/lab.svg\nalt: %s\n", q(alt))
	}
	d.f("---\n\n")
	g.body(&d, r, lang, "partner", "partners", 300+r.IntN(500), &target{"clusters", cl.name, cl.title(lang)})
	return d.Bytes()
}

func (g *generator) missionFile(lang string, i int) []byte {
	r := g.rng(streamFile, "mission/"+lang, i)
	m := g.mission(i)
	f := g.rng(streamFile, "mission-facts", i)
	nr := g.rng(streamName, "mission", i)
	p := places[nr.IntN(len(places))]
	mt := missionTypes[nr.IntN(len(missionTypes))]
	var d doc
	start := date(f, 2012, 2027)
	frontCommon(&d, m.title(lang), sentence(r, lang, 14, nil), start)
	d.f("missionType: %s\ncountry: %s\ncity: %s\n", mt, p.Country, q(p.City))
	if f.IntN(10) > 0 {
		d.f("start: %s\nend: %s\ntimeZone: %s\n", q(start+" 09:00"), q(start+" 18:00"), p.TimeZone)
	}
	var cls, prs []string
	for range 2 + f.IntN(3) {
		cl, _ := g.cluster(f.IntN(g.counts.Clusters))
		if !contains(cls, cl.name) {
			cls = append(cls, cl.name)
		}
	}
	for range 1 + f.IntN(5) {
		if n := g.partner(f.IntN(g.counts.Partners)).name; !contains(prs, n) {
			prs = append(prs, n)
		}
	}
	d.f("clusters: %s\npartners: %s\n", yamlList(cls), yamlList(prs))
	if f.IntN(2) == 0 {
		d.f("registration: https://events.example.org/%s\n", m.name)
	}
	d.f("location: {lat: %.2f, lon: %.2f}\n---\n\n", p.Lat, p.Lon)
	g.body(&d, r, lang, "mission", "missions", 300+r.IntN(500), nil)
	return d.Bytes()
}

func (g *generator) interviewFile(lang string, i int) []byte {
	r := g.rng(streamFile, "interview/"+lang, i)
	iv := g.interview(i)
	f := g.rng(streamFile, "interview-facts", i)
	nr := g.rng(streamName, "interview", i)
	person := pick(nr, people)
	var d doc
	frontCommon(&d, iv.title(lang), sentence(r, lang, 14, nil), date(f, 2012, 2024))
	var orgName string
	if f.IntN(3) == 0 {
		cl, _ := g.cluster(f.IntN(g.counts.Clusters))
		orgName = cl.name
	} else {
		orgName = g.partner(f.IntN(g.counts.Partners)).name
	}
	role := f.IntN(len(roles["en"]))
	d.f("person: %s\nrole: %s\norganisation: %s\nquote: %s\n---\n\n", q(person), q(roles[lang][role]), orgName, q(sentence(r, lang, 16, nil)))
	g.body(&d, r, lang, "interview", "interviews", 300+r.IntN(500), nil)
	return d.Bytes()
}

func (g *generator) newsFile(lang string, i int) []byte {
	r := g.rng(streamFile, "news/"+lang, i)
	nw := g.news(i)
	f := g.rng(streamFile, "news-facts", i)
	var d doc
	day := date(f, 2012, 2024)
	frontCommon(&d, nw.title(lang), sentence(r, lang, 14, nil), day)
	d.f("author: %s\n", q(pick(f, people)))
	if f.IntN(2) == 0 {
		d.f("source: {name: %s, date: %s, url: %s}\n", q(pick(f, []string{"Le Progrès", "BioWorld", "Les Échos", "Science|Business"})), day, q("https://press.example.org/"+nw.name))
	}
	d.f("tags: %s\n---\n\n", yamlList(pickN(f, newsTags, 1+f.IntN(3))))
	g.body(&d, r, lang, "news", "news", 300+r.IntN(500), nil)
	return d.Bytes()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// linker returns a function that writes a Markdown link to a random page,
// as seen from a file of section from.
func (g *generator) linker(r *rand.Rand, lang, from string) func() string {
	return func() string {
		t := g.randomTarget(r, lang)
		return fmt.Sprintf("[%s](%s)", t.title, relLink(from, t))
	}
}

// body writes about words words of Markdown: sections under ## headings
// with paragraphs, one list, one table, links and sometimes an image. first,
// when set, is linked from the first paragraph.
func (g *generator) body(d *doc, r *rand.Rand, lang, kind, section string, words int, first *target) {
	link := g.linker(r, lang, section)
	hs := headings[kind][lang]
	n := 3 + r.IntN(len(hs)-2)
	per := words / (n + 1)
	intro := paragraph(r, lang, per, link)
	if first != nil {
		intro = fmt.Sprintf("%s [%s](%s).", intro, first.title, relLink(section, *first))
		if lang == "fr" {
			intro = fmt.Sprintf("%s Voir aussi : [%s](%s).", paragraph(r, lang, per, link), first.title, relLink(section, *first))
		}
	}
	d.f("%s\n\n", intro)
	image := r.IntN(5) == 0
	for i := range n {
		d.f("## %s\n\n", hs[i])
		switch {
		case strings.Contains(hs[i], "figures") || strings.Contains(hs[i], "Chiffres"):
			table(d, r, lang)
			d.f("%s\n\n", paragraph(r, lang, per/2, link))
		case i == 1:
			d.f("%s\n\n", paragraph(r, lang, per/2, link))
			for range 3 + r.IntN(4) {
				d.f("- %s\n", sentence(r, lang, 5+r.IntN(8), link))
			}
			d.f("\n")
		default:
			d.f("%s\n\n", paragraph(r, lang, per/2, link))
			d.f("%s\n\n", paragraph(r, lang, per/2, link))
		}
		if image && i == 0 {
			alt := "A laboratory bench with sequencing equipment"
			if lang == "fr" {
				alt = "Une paillasse de laboratoire avec des séquenceurs"
			}
			d.f("![%s](/img/lab.svg)\n\n", alt)
		}
	}
}

func table(d *doc, r *rand.Rand, lang string) {
	if lang == "fr" {
		d.f("| Année | Chiffre d'affaires (M€) | Salariés | Marchés |\n|---|--:|--:|---|\n")
	} else {
		d.f("| Year | Revenue (M€) | Employees | Markets |\n|---|--:|--:|---|\n")
	}
	year := 2015 + r.IntN(5)
	for i := range 3 + r.IntN(3) {
		d.f("| %d | %d,%d | %d | %s |\n", year+i, 1+r.IntN(90), r.IntN(10), 10+r.IntN(900), strings.Join(pickN(r, markets, 1+r.IntN(3)), ", "))
	}
	d.f("\n")
}

// paragraph returns about n words of sentences, some of them with a link.
func paragraph(r *rand.Rand, lang string, n int, link func() string) string {
	var parts []string
	for got := 0; got < n; {
		k := 8 + r.IntN(10)
		parts = append(parts, sentence(r, lang, k, link))
		got += k
	}
	return strings.Join(parts, " ")
}

// sentence returns a sentence of n words; link, when set, may put a link
// to another page in it.
func sentence(r *rand.Rand, lang string, n int, link func() string) string {
	pool := words[lang]
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pool[r.IntN(len(pool))]
	}
	switch k := r.IntN(20); {
	case k < 2 && n > 4:
		ws[1] = "*" + ws[1] + "*"
	case k < 4 && n > 4:
		ws[2] = "**" + ws[2] + "**"
	case k < 5 && n > 4:
		ws[3] = "`" + ws[3] + "`"
	case k < 7 && n > 6:
		ws[4] = `"` + ws[4]
		ws[5] = ws[5] + `"`
	}
	if link != nil && n > 6 && r.IntN(4) == 0 {
		ws[n/2] = link()
	}
	s := capitalize(strings.Join(ws, " "))
	end := "."
	switch k := r.IntN(30); {
	case k == 0:
		end = " ?"
		if lang == "en" {
			end = "?"
		}
	case k == 1:
		end = "!"
	case k < 5 && n > 8:
		// French typography puts no-break spaces before : and ;
		sep := [2]string{" --", ":"}
		if lang == "fr" {
			sep = [2]string{" ;", " :"}
		}
		mid := strings.SplitN(s, " ", n/2+1)
		s = strings.Join(mid[:n/2], " ") + sep[k%2] + " " + mid[n/2]
		end = "..."
		if k == 4 {
			end = "."
		}
	}
	return s + end
}

// siteYAML is the corpus's content/site.yaml in langs.
func siteYAML(langs []string) []byte {
	var d doc
	each := func(key string, val func(tl string) string) {
		d.f("%s\n", key)
		for _, l := range langs {
			d.f("  %s: %s\n", l, val(textLang(l)))
		}
	}
	tr := func(en, fr string) func(string) string {
		return func(tl string) string {
			if tl == "fr" {
				return fr
			}
			return en
		}
	}
	d.f("baseURL: https://www.example.org/\nlanguages:\n")
	for _, l := range langs {
		d.f("  - {code: %s, name: %s}\n", l, langName(l))
	}
	var titles []string
	for _, l := range langs {
		titles = append(titles, l+": BioX4Clusters")
	}
	d.f("title: {%s}\n", strings.Join(titles, ", "))
	each("description:", tr(q("A synthetic consortium of European life sciences clusters, for benchmarks."),
		q("Un consortium fictif de clusters européens des sciences de la vie, pour les mesures de performance.")))
	d.f("sections:\n")
	for _, s := range [][3]string{{"clusters", "clusters", "clusters"}, {"partners", "partners", "partenaires"}, {"missions", "missions", "missions"},
		{"interviews", "interviews", "entretiens"}, {"news", "news", "actualites"}, {"catalogue", "catalogue", "catalogue"}} {
		var parts []string
		for _, l := range langs {
			parts = append(parts, l+": "+tr(s[1], s[2])(textLang(l)))
		}
		d.f("  %s: {%s}\n", s[0], strings.Join(parts, ", "))
	}
	d.f("menus:\n")
	for _, lang := range langs {
		d.f("  %s:\n", lang)
		for _, p := range plainPages[:2] {
			d.f("    - {page: %s.md}\n", p)
		}
		for _, s := range sectionInfo {
			d.f("    - {page: %s/index.md}\n", s.name)
		}
		d.f("    - {page: contact.md}\n")
	}
	d.f("funding:\n  programme: other\n")
	nested := func(key string, val func(tl string) string) {
		d.f("  %s:\n", key)
		for _, l := range langs {
			d.f("    %s: %s\n", l, val(textLang(l)))
		}
	}
	nested("name", tr(q("A synthetic call"), q("Un appel fictif")))
	nested("acknowledgement", tr(q("This synthetic site received no funding; its text is random words."),
		q("Ce site fictif n'a reçu aucun financement ; son texte est fait de mots tirés au hasard.")))
	d.f("paginate: 12\nmarkdown: {unsafeHTML: false}\nvocabularies:\n")
	for _, v := range vocabulary {
		d.f("  %s:\n", v.name)
		for _, k := range v.keys {
			var parts []string
			for _, l := range langs {
				parts = append(parts, l+": "+q(tr(k[1], k[2])(textLang(l))))
			}
			d.f("    %s: {%s}\n", k[0], strings.Join(parts, ", "))
		}
	}
	return d.Bytes()
}

// langName is a language's name in itself, capitalised: "Deutsch".
func langName(code string) string {
	tag := language.Make(code)
	name := []rune(display.Self.Name(tag))
	if len(name) == 0 {
		return code
	}
	return cases.Upper(tag).String(string(name[:1])) + string(name[1:])
}
