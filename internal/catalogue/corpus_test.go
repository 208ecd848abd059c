package catalogue_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/site"
)

// This file makes a large bilingual site for the catalogue's benchmarks:
// n partners and n/150 clusters per language, with accented places,
// camel-case names, vocabulary labels in both languages and summaries
// that mix fixed phrases with varied words, the way real ones do. It is
// the same for the same n (fixed seed).

type place struct{ city, cityFR, region, regionFR, country string }

var places = []place{
	{"Kraków", "Cracovie", "Lesser Poland", "Petite-Pologne", "PL"}, {"Warsaw", "Varsovie", "Masovia", "Mazovie", "PL"},
	{"Łódź", "Łódź", "Łódź Voivodeship", "Voïvodie de Łódź", "PL"}, {"Wrocław", "Wrocław", "Lower Silesia", "Basse-Silésie", "PL"},
	{"Gdańsk", "Gdańsk", "Pomerania", "Poméranie", "PL"}, {"Munich", "Munich", "Bavaria", "Bavière", "DE"},
	{"Martinsried", "Martinsried", "Bavaria", "Bavière", "DE"}, {"Würzburg", "Wurtzbourg", "Bavaria", "Bavière", "DE"},
	{"Berlin", "Berlin", "Berlin", "Berlin", "DE"}, {"Heidelberg", "Heidelberg", "Baden-Württemberg", "Bade-Wurtemberg", "DE"},
	{"Köln", "Cologne", "North Rhine-Westphalia", "Rhénanie-du-Nord-Westphalie", "DE"}, {"Lyon", "Lyon", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "FR"},
	{"Marcy-l'Étoile", "Marcy-l'Étoile", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "FR"}, {"Grenoble", "Grenoble", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "FR"},
	{"Nantes", "Nantes", "Pays de la Loire", "Pays de la Loire", "FR"}, {"Besançon", "Besançon", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "FR"},
	{"Évry", "Évry", "Île-de-France", "Île-de-France", "FR"}, {"Paris", "Paris", "Île-de-France", "Île-de-France", "FR"},
	{"Strasbourg", "Strasbourg", "Grand Est", "Grand Est", "FR"}, {"Montpellier", "Montpellier", "Occitanie", "Occitanie", "FR"},
	{"Barcelona", "Barcelone", "Catalonia", "Catalogne", "ES"}, {"Sant Cugat del Vallès", "Sant Cugat del Vallès", "Catalonia", "Catalogne", "ES"},
	{"Madrid", "Madrid", "Community of Madrid", "Communauté de Madrid", "ES"}, {"Málaga", "Malaga", "Andalusia", "Andalousie", "ES"},
	{"Turin", "Turin", "Piedmont", "Piémont", "IT"}, {"Milan", "Milan", "Lombardy", "Lombardie", "IT"}, {"Naples", "Naples", "Campania", "Campanie", "IT"},
	{"Leuven", "Louvain", "Flemish Brabant", "Brabant flamand", "BE"}, {"Gosselies", "Gosselies", "Wallonia", "Wallonie", "BE"},
	{"Liège", "Liège", "Wallonia", "Wallonie", "BE"}, {"Zürich", "Zurich", "Canton of Zürich", "Canton de Zurich", "CH"},
	{"Genève", "Genève", "Canton of Geneva", "Canton de Genève", "CH"}, {"Basel", "Bâle", "Basel-Stadt", "Bâle-Ville", "CH"},
	{"Göteborg", "Göteborg", "Västra Götaland", "Västra Götaland", "SE"}, {"Uppsala", "Uppsala", "Uppsala County", "Comté d'Uppsala", "SE"},
	{"Copenhagen", "Copenhague", "Capital Region", "Région capitale", "DK"}, {"Aarhus", "Aarhus", "Central Jutland", "Jutland-Central", "DK"},
	{"Oslo", "Oslo", "Oslo", "Oslo", "NO"}, {"Helsinki", "Helsinki", "Uusimaa", "Uusimaa", "FI"}, {"Tallinn", "Tallinn", "Harju", "Harju", "EE"},
	{"Brno", "Brno", "South Moravia", "Moravie-du-Sud", "CZ"}, {"Praha", "Prague", "Prague", "Prague", "CZ"},
	{"Budapest", "Budapest", "Central Hungary", "Hongrie centrale", "HU"}, {"Szeged", "Szeged", "Csongrád-Csanád", "Csongrád-Csanád", "HU"},
	{"Cluj-Napoca", "Cluj-Napoca", "Cluj", "Cluj", "RO"}, {"Ljubljana", "Ljubljana", "Central Slovenia", "Slovénie-Centrale", "SI"},
	{"Zagreb", "Zagreb", "Zagreb", "Zagreb", "HR"}, {"Wien", "Vienne", "Vienna", "Vienne", "AT"}, {"Graz", "Graz", "Styria", "Styrie", "AT"},
	{"Leiden", "Leyde", "South Holland", "Hollande-Méridionale", "NL"}, {"Utrecht", "Utrecht", "Utrecht", "Utrecht", "NL"},
	{"Dublin", "Dublin", "Leinster", "Leinster", "IE"}, {"Cambridge", "Cambridge", "East of England", "Est de l'Angleterre", "GB"},
	{"Oxford", "Oxford", "South East England", "Sud-Est de l'Angleterre", "GB"}, {"Lisboa", "Lisbonne", "Lisbon", "Lisbonne", "PT"},
	{"Porto", "Porto", "Norte", "Nord", "PT"}, {"Athína", "Athènes", "Attica", "Attique", "GR"}, {"Boston", "Boston", "Massachusetts", "Massachusetts", "US"},
	{"São Paulo", "São Paulo", "São Paulo", "São Paulo", "BR"}, {"Montréal", "Montréal", "Québec", "Québec", "CA"},
}

var orgTypes = []struct{ key, en, fr string }{
	{"sme", "SME", "PME"}, {"company", "Company", "Entreprise"}, {"cro", "Contract research organisation (CRO)", "Société de recherche sous contrat (CRO)"},
	{"lab", "Laboratory", "Laboratoire"}, {"hospital", "Hospital", "Hôpital"}, {"university", "University", "Université"},
	{"agency", "Regional development agency", "Agence régionale de développement"}, {"cluster", "Cluster organisation", "Organisation de cluster"},
}

var competencies = []struct{ key, en, fr string }{
	{"infectious-diseases", "Infectious diseases", "Maladies infectieuses"}, {"immunology", "Immunology", "Immunologie"},
	{"oncology", "Oncology", "Oncologie"}, {"biotechnology", "Biotechnology", "Biotechnologies"}, {"biomedicine", "Biomedicine", "Biomédecine"},
	{"medtech", "Medical technology", "Technologies médicales"}, {"diagnostics", "Diagnostics", "Diagnostic"}, {"vaccines", "Vaccines", "Vaccins"},
	{"personalised-medicine", "Personalised medicine", "Médecine personnalisée"}, {"biotherapies", "Biotherapies", "Biothérapies"},
	{"digital-health", "Digital health", "Santé numérique"}, {"neurology", "Neurology", "Neurologie"}, {"cardiology", "Cardiology", "Cardiologie"},
	{"dermatology", "Dermatology", "Dermatologie"}, {"rare-diseases", "Rare diseases", "Maladies rares"}, {"gene-therapy", "Gene therapy", "Thérapie génique"},
	{"cell-therapy", "Cell therapy", "Thérapie cellulaire"}, {"bioinformatics", "Bioinformatics", "Bio-informatique"}, {"imaging", "Medical imaging", "Imagerie médicale"},
	{"nutrition", "Nutrition and health", "Nutrition et santé"}, {"veterinary", "Animal health", "Santé animale"}, {"regulatory", "Regulatory affairs", "Affaires réglementaires"},
	{"clinical-trials", "Clinical trials", "Essais cliniques"}, {"manufacturing", "Bioproduction", "Bioproduction"}, {"ai", "Artificial intelligence", "Intelligence artificielle"},
	{"microbiome", "Microbiome", "Microbiome"}, {"ophthalmology", "Ophthalmology", "Ophtalmologie"}, {"respiratory", "Respiratory diseases", "Maladies respiratoires"},
}

var areas = []struct{ key, en, fr string }{
	{"cancer", "Cancer", "Cancer"}, {"infection", "Infections", "Infections"}, {"immune-disorders", "Immune disorders", "Maladies du système immunitaire"},
	{"cns", "Central nervous system", "Système nerveux central"}, {"cardiovascular", "Cardiovascular diseases", "Maladies cardiovasculaires"},
	{"metabolic", "Metabolic diseases", "Maladies métaboliques"},
}

var (
	namePrefixes = []string{"Bio", "Gen", "Immuno", "Onco", "Cell", "Neuro", "Vax", "Medi", "Thera", "Cyto", "Proteo", "Nano", "Pharma", "Cardio", "Derma", "Viro", "Clini", "Diagno", "Synth", "Myco", "Helio", "Acu", "Nova", "Astra", "Cura", "Vita", "Lumi", "Quanti", "Epi", "Endo"}
	nameSuffixes = []string{"tech", "gen", "lab", "ix", "ica", "on", "ova", "ys", "ara", "era", "is", "ium", "sense", "vance", "path", "logic", "works", "cure", "gene", "form", "nostics", "medix", "vita", "cell", "scan"}
	nameWords    = []string{"Labs", "Therapeutics", "Diagnostics", "Biosciences", "Pharma", "Research", "Solutions", "Systems", "GmbH", "SAS", "S.A.", "sp. z o.o.", "BV", "AB", "SpA", "Institute", "Biotech", "Medical", "Analytics", "Health"}
	services     = []struct{ en, fr string }{
		{"preclinical studies", "études précliniques"}, {"GMP manufacturing", "production BPF"}, {"biobanking", "biobanque"}, {"flow cytometry", "cytométrie en flux"},
		{"mass spectrometry", "spectrométrie de masse"}, {"regulatory consulting", "conseil réglementaire"}, {"clinical monitoring", "suivi clinique"},
		{"assay development", "développement de tests"}, {"animal models", "modèles animaux"}, {"genome sequencing", "séquençage du génome"},
		{"medical writing", "rédaction médicale"}, {"data management", "gestion des données"}, {"toxicology", "toxicologie"}, {"formulation", "formulation"},
		{"antibody engineering", "ingénierie des anticorps"}, {"cell culture", "culture cellulaire"}, {"imaging services", "services d'imagerie"},
		{"market access", "accès au marché"}, {"technology transfer", "transfert de technologie"}, {"quality control", "contrôle qualité"},
	}
	technologies = []string{"CRISPR", "mRNA", "NGS", "PCR", "ELISA", "organoids", "microfluidics", "AI", "monoclonal antibodies", "CAR-T", "exosomes", "biosensors", "3D bioprinting", "single-cell RNA-seq", "proteomics", "metabolomics", "nanoparticles", "viral vectors", "iPSC", "digital pathology"}
	extraEN      = []string{"biomarkers", "companion diagnostics", "patients", "hospitals", "start-ups", "investors", "public funding", "European projects", "export", "partnerships", "licensing", "scale-up", "pilot plant", "platform", "pipeline", "first-in-human", "phase II", "real-world evidence", "telemedicine", "wearables"}
	extraFR      = []string{"biomarqueurs", "diagnostic compagnon", "patients", "hôpitaux", "jeunes pousses", "investisseurs", "financements publics", "projets européens", "export", "partenariats", "licences", "passage à l'échelle", "usine pilote", "plateforme", "portefeuille", "première administration à l'homme", "phase II", "données de vie réelle", "télémédecine", "objets connectés"}
)

// corpus returns a site folder with n partners and n/150 clusters in
// English and French.
func corpus(n int) fstest.MapFS {
	r := rand.New(rand.NewPCG(20260115, uint64(n)))
	pick := func(k int) int { return r.IntN(k) }
	fsys := fstest.MapFS{}
	var y strings.Builder
	y.WriteString(`baseURL: https://www.example.eu/
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
title: {en: Big consortium, fr: Grand consortium}
description: {en: "A large generated site.", fr: "Un grand site généré."}
sections:
  clusters: {en: clusters, fr: clusters}
  partners: {en: partners, fr: partenaires}
  catalogue: {en: catalogue, fr: catalogue}
menus:
  en:
    - {title: Catalogue, url: /en/catalogue/}
  fr:
    - {title: Catalogue, url: /fr/catalogue/}
vocabularies:
  orgType:
`)
	for _, o := range orgTypes {
		fmt.Fprintf(&y, "    %s: {en: %q, fr: %q}\n", o.key, o.en, o.fr)
	}
	y.WriteString("  competency:\n")
	for _, c := range competencies {
		fmt.Fprintf(&y, "    %s: {en: %q, fr: %q}\n", c.key, c.en, c.fr)
	}
	y.WriteString("  therapeuticArea:\n")
	for _, a := range areas {
		fmt.Fprintf(&y, "    %s: {en: %q, fr: %q}\n", a.key, a.en, a.fr)
	}
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(y.String())}
	for _, lang := range []string{"en", "fr"} {
		fsys["content/"+lang+"/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\nHome.\n")}
	}
	write := func(lang, path string, front map[string]any, body string) {
		var b strings.Builder
		b.WriteString("---\n")
		for _, k := range []string{"title", "slug", "shortName", "summary", "orgType", "cluster", "country", "region", "city", "website", "competencies", "focus", "therapeuticAreas", "technologies", "services", "founded", "employees"} {
			v, ok := front[k]
			if !ok {
				continue
			}
			switch v := v.(type) {
			case string:
				fmt.Fprintf(&b, "%s: %q\n", k, v)
			case []string:
				q := make([]string, len(v))
				for i, s := range v {
					q[i] = fmt.Sprintf("%q", s)
				}
				fmt.Fprintf(&b, "%s: [%s]\n", k, strings.Join(q, ", "))
			default:
				fmt.Fprintf(&b, "%s: %v\n", k, v)
			}
		}
		b.WriteString("---\n\n")
		b.WriteString(body)
		fsys["content/"+lang+"/"+path] = &fstest.MapFile{Data: []byte(b.String())}
	}
	nClusters := max(1, n/150)
	type cluster struct {
		file string
		p    place
	}
	clusters := make([]cluster, nClusters)
	for i := range clusters {
		p := places[pick(len(places))]
		name := fmt.Sprintf("%s%s %s", namePrefixes[pick(len(namePrefixes))], nameSuffixes[pick(len(nameSuffixes))], p.region)
		file := site.Slugify(name) + fmt.Sprintf("-%d", i)
		clusters[i] = cluster{file, p}
		focus := []string{competencies[pick(len(competencies))].key, competencies[pick(len(competencies))].key}
		if focus[0] == focus[1] {
			focus = focus[:1]
		}
		for _, lang := range []string{"en", "fr"} {
			city, region := p.city, p.region
			summary := fmt.Sprintf("The life sciences cluster of %s, with %d member companies.", region, 50+pick(400))
			if lang == "fr" {
				city, region = p.cityFR, p.regionFR
				summary = fmt.Sprintf("Le cluster des sciences de la vie de la région %s, avec %d entreprises membres.", region, 50+pick(400))
			}
			write(lang, "clusters/"+file+".md", map[string]any{"title": name, "summary": summary, "orgType": "cluster", "country": p.country, "region": region, "city": city, "focus": focus}, summary+"\n")
		}
	}
	seen := map[string]int{}
	for i := 0; i < n; i++ {
		p := places[pick(len(places))]
		name := namePrefixes[pick(len(namePrefixes))] + nameSuffixes[pick(len(nameSuffixes))]
		switch pick(6) {
		case 0:
			name = strings.ToLower(name[:1]) + name[1:3] + strings.ToUpper(name[3:4]) + name[4:] // bioMérieux-style
		case 1:
			name += " " + p.city
		case 2:
			name = name[:len(name)/2] + strings.ToUpper(name[len(name)/2:len(name)/2+1]) + name[len(name)/2+1:]
		}
		if pick(2) == 0 {
			name += " " + nameWords[pick(len(nameWords))]
		}
		file := site.Slugify(name)
		seen[file]++
		if k := seen[file]; k > 1 {
			file += fmt.Sprintf("-%d", k)
		}
		ot := orgTypes[pick(6)]
		comps := []string{competencies[pick(len(competencies))].key}
		for pick(2) == 0 && len(comps) < 4 {
			if c := competencies[pick(len(competencies))].key; !strings.Contains(strings.Join(comps, " "), c) {
				comps = append(comps, c)
			}
		}
		cl := clusters[pick(nClusters)]
		var svcs []struct{ en, fr string }
		for range 1 + pick(3) {
			svcs = append(svcs, services[pick(len(services))])
		}
		tech := []string{technologies[pick(len(technologies))]}
		area := areas[pick(len(areas))].key
		founded, employees := 1950+pick(75), 2+pick(5000)
		extra := pick(len(extraEN))
		for _, lang := range []string{"en", "fr"} {
			city, region := p.city, p.region
			compLabels, svcLabels := []string{}, []string{}
			for _, c := range comps {
				for _, cc := range competencies {
					if cc.key == c {
						if lang == "en" {
							compLabels = append(compLabels, strings.ToLower(cc.en))
						} else {
							compLabels = append(compLabels, strings.ToLower(cc.fr))
						}
					}
				}
			}
			for _, s := range svcs {
				if lang == "en" {
					svcLabels = append(svcLabels, s.en)
				} else {
					svcLabels = append(svcLabels, s.fr)
				}
			}
			var summary string
			if lang == "en" {
				summary = fmt.Sprintf("%s in %s working on %s; offers %s with %s for %s.", ot.en, city, strings.Join(compLabels, " and "), strings.Join(svcLabels, ", "), tech[0], extraEN[extra])
			} else {
				city, region = p.cityFR, p.regionFR
				summary = fmt.Sprintf("%s à %s spécialisée en %s ; propose %s avec %s pour %s.", ot.fr, city, strings.Join(compLabels, " et "), strings.Join(svcLabels, ", "), tech[0], extraFR[extra])
			}
			front := map[string]any{"title": name, "summary": summary, "orgType": ot.key, "cluster": cl.file, "country": p.country, "region": region, "city": city,
				"website": "https://www." + site.Slugify(name) + ".example", "competencies": comps, "therapeuticAreas": []string{area}, "technologies": tech,
				"services": svcLabels, "founded": founded, "employees": employees}
			body := summary + "\n\n" + strings.Repeat(summary+" ", 2) + "\n"
			write(lang, "partners/"+file+".md", front, body)
		}
	}
	return fsys
}
