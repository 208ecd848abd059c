package scaffold

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/site"
)

// siteYAML is the configuration of a new site, every setting commented.
const siteYAML = `# The configuration of a consort site. Every setting is explained; change
# the values, keep the keys. Content lives in content/<language>/.

# The address the site is published at (consort build --base-url overrides it).
baseURL: https://www.example.org/

# The languages of the site; the first is the default one. Each has a
# folder content/<code>/ and UI strings in templates/i18n/<code>.yaml.
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}

# The site's name and one-sentence description, in every language.
title: {en: Example Consortium, fr: Consortium Exemple}
description:
  en: "An example consortium site made by consort new site; replace this sentence."
  fr: "Un site de consortium d'exemple créé par consort new site ; remplacez cette phrase."

# The URL slug of each section, per language: content/fr/partners/ is
# published under /fr/partenaires/. The folder names stay in English.
sections:
  clusters: {en: clusters, fr: clusters}
  partners: {en: partners, fr: partenaires}
  missions: {en: missions, fr: missions}
  interviews: {en: interviews, fr: entretiens}
  news: {en: news, fr: actualites}
  catalogue: {en: catalogue, fr: catalogue}

# The main navigation of each language: a page (a path under
# content/<lang>/), or a title and a url. consort check reports pages no
# menu, list or link leads to.
menus:
  en:
    - {page: about.md}
    - {page: clusters/index.md}
    - {page: partners/index.md}
    - {page: missions/index.md}
    - {page: interviews/index.md}
    - {page: news/index.md}
  fr:
    - {page: about.md}
    - {page: clusters/index.md}
    - {page: partners/index.md}
    - {page: missions/index.md}
    - {page: interviews/index.md}
    - {page: news/index.md}

# The EU funding block in the footer of every page: the EU emblem with
# "Funded by" or "Co-funded by the European Union" in the page's language.
# programme: horizon-europe, cosme, smp, interreg, erasmus-plus, life or
# other; consort check says what your programme still asks for, and
# consort help funding explains every field.
funding:
  programme: other
  name:
    en: "Name of the programme or call"
    fr: "Nom du programme ou de l'appel"
  statement: funded          # or co-funded
  # grantAgreement: "101057437"
  # disclaimer: standard
  acknowledgement:
    en: "This project received funding from the European Union."
    fr: "Ce projet a bénéficié d'un financement de l'Union européenne."

# How many pages a list shows before it is split into pages.
paginate: 12

# unsafeHTML: true publishes raw HTML written in Markdown; keep it false
# unless every editor is trusted with scripts.
markdown: {unsafeHTML: false}

# The keys front matter may use for orgType, focus and competencies,
# missionType and therapeuticAreas, each with its label in every language.
vocabularies:
  orgType:
    agency: {en: Regional development agency, fr: Agence régionale de développement}
    cluster: {en: Cluster organisation, fr: Organisation de cluster}
    company: {en: Company, fr: Entreprise}
    sme: {en: SME, fr: PME}
    lab: {en: Laboratory, fr: Laboratoire}
  competency:
    biotechnology: {en: Biotechnology, fr: Biotechnologies}
    diagnostics: {en: Diagnostics, fr: Diagnostic}
    medtech: {en: Medical technology, fr: Technologies médicales}
    internationalisation: {en: Internationalisation, fr: Internationalisation}
  missionType:
    business-mission: {en: Business mission, fr: Mission d'affaires}
    event: {en: Event, fr: Événement}
    training: {en: Training, fr: Formation}
  therapeuticArea:
    cancer: {en: Cancer, fr: Cancer}
    infectious-diseases: {en: Infectious diseases, fr: Maladies infectieuses}
`

// exampleLogo is the logo of the example cluster, so that the example
// shows how static files are used.
const exampleLogo = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="48" viewBox="0 0 120 48"><rect width="120" height="48" rx="6" fill="#1d5f8a"/><text x="60" y="30" font-family="sans-serif" font-size="16" fill="#fff" text-anchor="middle">Example</text></svg>
`

// examplePage is one page of a new site, in every language.
type examplePage struct {
	kind   site.Kind
	rel    string
	title  map[string]string
	values map[string]map[string]string // lang -> field -> YAML value
	body   map[string]string
}

func both(en, fr string) map[string]string { return map[string]string{"en": en, "fr": fr} }

func sameValues(v map[string]string) map[string]map[string]string {
	return map[string]map[string]string{"en": v, "fr": v}
}

// examples are the pages of a new site: home and about, the list page of
// each section, one example of each kind.
func examples(now time.Time) []examplePage {
	today := now.Format("2006-01-02")
	with := func(extra map[string]string) map[string]map[string]string {
		v := map[string]string{"draft": ""}
		for k, x := range extra {
			v[k] = x
		}
		return sameValues(v)
	}
	section := func(sec, en, fr, sumEN, sumFR string) examplePage {
		return examplePage{kind: site.KindSection, rel: sec + "/index.md", title: both(en, fr),
			values: map[string]map[string]string{"en": {"draft": "", "summary": quote(sumEN)}, "fr": {"draft": "", "summary": quote(sumFR)}},
			body:   both(sumEN, sumFR)}
	}
	return []examplePage{
		{kind: site.KindHome, rel: "index.md", title: both("Example Consortium", "Consortium Exemple"),
			values: map[string]map[string]string{
				"en": {"draft": "", "summary": quote("Four regions working together to help their companies grow abroad.")},
				"fr": {"draft": "", "summary": quote("Quatre régions unies pour aider leurs entreprises à se développer à l'étranger.")}},
			body: both("Welcome. This site was made by `consort new site`: replace this text, and [read about the project](about.md).",
				"Bienvenue. Ce site a été créé par `consort new site` : remplacez ce texte, et [découvrez le projet](about.md).")},
		{kind: site.KindPage, rel: "about.md", title: both("About the project", "À propos du projet"),
			values: map[string]map[string]string{"en": {"draft": "", "weight": "1"}, "fr": {"draft": "", "weight": "1"}},
			body: both("## Objectives\n\nSay what the consortium wants to achieve. Its members are listed on [the clusters page](clusters/index.md).\n\n## Funding\n\nSay who funds it.",
				"## Objectifs\n\nDites ce que le consortium veut accomplir. Ses membres sont présentés sur [la page des clusters](clusters/index.md).\n\n## Financement\n\nDites qui le finance.")},
		section("clusters", "Clusters", "Clusters", "The members of the consortium.", "Les membres du consortium."),
		section("partners", "Partners", "Partenaires", "Companies and laboratories of the clusters.", "Les entreprises et laboratoires des clusters."),
		section("missions", "Missions", "Missions", "Trips, events and business missions.", "Voyages, événements et missions d'affaires."),
		section("interviews", "Interviews", "Entretiens", "Conversations with the people of the consortium.", "Rencontres avec les acteurs du consortium."),
		section("news", "News", "Actualités", "What is new in the consortium.", "Les nouvelles du consortium."),
		{kind: site.KindCluster, rel: "clusters/example-cluster.md", title: both("Example Cluster", "Example Cluster"),
			values: with(map[string]string{"shortName": "Example", "role": "coordinator", "orgType": "cluster", "country": "FR", "city": "Lyon",
				"website": "https://www.example.org/", "focus": "[biotechnology, diagnostics]", "logo": "/img/example-logo.svg", "location": "{lat: 45.76, lon: 4.84}"}),
			body: both("The coordinator of the consortium. Its member [Example Company](../partners/example-company.md) is in the partner catalogue.",
				"Le coordinateur du consortium. Son membre [Example Company](../partners/example-company.md) figure au catalogue des partenaires.")},
		{kind: site.KindPartner, rel: "partners/example-company.md", title: both("Example Company", "Example Company"),
			values: with(map[string]string{"orgType": "sme", "cluster": "example-cluster", "country": "FR", "city": "Lyon",
				"competencies": "[diagnostics]", "therapeuticAreas": "[infectious-diseases]", "markets": "[US, BR]", "founded": "2010", "employees": "25"}),
			body: both("A company of [Example Cluster](../clusters/example-cluster.md) that makes diagnostic tests.",
				"Une entreprise d'[Example Cluster](../clusters/example-cluster.md) qui fabrique des tests de diagnostic.")},
		{kind: site.KindMission, rel: "missions/example-mission.md", title: both("Business mission to Brazil", "Mission d'affaires au Brésil"),
			values: with(map[string]string{"missionType": "business-mission", "country": "BR", "city": "São Paulo", "timeZone": "America/Sao_Paulo",
				"clusters": "[example-cluster]", "partners": "[example-company]"}),
			body: both("A mission whose dates are still to be announced: without start and end it is listed as planned.",
				"Une mission dont les dates restent à fixer : sans start ni end, elle est annoncée comme prévue.")},
		{kind: site.KindInterview, rel: "interviews/example-interview.md", title: both("Meeting a cluster manager", "Rencontre avec une responsable de cluster"),
			values: map[string]map[string]string{
				"en": {"draft": "", "person": "Jane Example", "role": "Cluster manager", "organisation": "example-cluster", "date": today, "quote": quote("Our companies grow faster together.")},
				"fr": {"draft": "", "person": "Jane Example", "role": "Responsable de cluster", "organisation": "example-cluster", "date": today, "quote": quote("Nos entreprises grandissent plus vite ensemble.")}},
			body: both("Jane Example runs Example Cluster.\n\n## What does the cluster do?\n\nIt helps its companies find partners abroad.",
				"Jane Example dirige Example Cluster.\n\n## Que fait le cluster ?\n\nIl aide ses entreprises à trouver des partenaires à l'étranger.")},
		{kind: site.KindNews, rel: "news/example-news.md", title: both("The consortium is launched", "Lancement du consortium"),
			values: with(map[string]string{"date": today, "author": "Jane Example", "tags": "[launch]"}),
			body: both("The consortium held its first meeting. Read [about the project](../about.md#objectives).",
				"Le consortium a tenu sa première réunion. Découvrez [le projet](../about.md#objectifs).")},
	}
}

// NewSite plans the files of a new consortium site: content/site.yaml with
// every setting commented, home and about pages and the list page of each
// section in English and French, one example of each kind (the French
// pages recording that they were translated from the English ones), the
// example's logo, the JSON Schemas and the remark configuration that maps
// them to content files. It builds and checks clean as it is.
func NewSite(now time.Time) ([]File, error) { return newSite(now, []byte(siteYAML)) }

func newSite(now time.Time, yml []byte) ([]File, error) {
	cfg, ps := site.ParseConfig(yml)
	if cfg == nil || len(ps.Errors()) > 0 {
		return nil, fmt.Errorf("the built-in site.yaml does not parse: %v", ps)
	}
	files := []File{{Path: site.ConfigFile, Data: yml}, {Path: "static/img/example-logo.svg", Data: []byte(exampleLogo)}}
	for _, ex := range examples(now) {
		var en []byte
		for _, lang := range cfg.LangCodes() {
			name := strings.TrimSuffix(ex.rel[strings.LastIndex(ex.rel, "/")+1:], ".md")
			text := lang // the language of the example's texts
			if _, ok := ex.title[text]; !ok {
				text = "en"
			}
			sk := skeleton{kind: ex.kind, lang: lang, title: ex.title[text], name: name, cfg: cfg, now: now, values: ex.values[text], body: ex.body[text]}
			if lang != cfg.DefaultLang() {
				sk.translatedFrom = NewRecord(cfg.DefaultLang(), en).String()
			}
			data := []byte(sk.text())
			if lang == cfg.DefaultLang() {
				en = data
			}
			files = append(files, File{Path: "content/" + lang + "/" + ex.rel, Data: data})
		}
	}
	files = append(files, SchemaSet(cfg)...)
	files = append(files, RemarkConfig(cfg))
	return files, nil
}

// SchemaDir is where a site keeps the JSON Schemas of its front matter:
// inside content/, hidden, so that it travels with the content and is not
// published.
const SchemaDir = "content/.schemas"

// SchemaSet plans the JSON Schema files of a site (content/.schemas/<kind>.json);
// RemarkConfig plans content/.remarkrc.mjs, which maps them to content files for the remark
// linter (and so the VS Code remark extension).
func SchemaSet(cfg *site.Config) []File {
	schemas := Schemas(cfg)
	var files []File
	for _, sf := range SchemaFiles() {
		files = append(files, File{Path: SchemaDir + "/" + sf.File, Data: schemas[sf.File]})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// RemarkConfig is .remarkrc.mjs for remark-lint-frontmatter-schema. The
// plugin gives a file the last schema whose pattern matches, and its
// patterns' * also crosses folders; so plain pages come first, then the
// kinds, then section and home pages. Each pattern has a form for
// relative paths (remark-cli) and for absolute ones (editor extensions).
func RemarkConfig(cfg *site.Config) File {
	var b strings.Builder
	b.WriteString(`// Written by consort new schemas: checks the front matter of content/
// against content/.schemas/*.json in VS Code (extension unifiedjs.vscode-remark)
// and with npx remark content. See the README of consort.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schemas = {
`)
	// The plugin resolves schemas and patterns from the folder of the
	// remark config, content/.
	entry := func(file string, patterns ...string) {
		var all []string
		for _, p := range patterns {
			p = strings.TrimPrefix(p, "content/")
			all = append(all, fmt.Sprintf("'%s'", p), fmt.Sprintf("'*/%s'", p))
		}
		fmt.Fprintf(&b, "  './%s/%s': [%s],\n", strings.TrimPrefix(SchemaDir, "content/"), file, strings.Join(all, ", "))
	}
	entry("page.json", "content/*.md")
	for _, sf := range SchemaFiles() {
		if sec := site.SectionOf(sf.Kind); sec != "" {
			entry(sf.File, "content/*/"+sec+"/*.md")
		}
	}
	var secs []string
	for _, sf := range SchemaFiles() {
		if sec := site.SectionOf(sf.Kind); sec != "" {
			secs = append(secs, "content/*/"+sec+"/index.md")
		}
	}
	entry("section.json", secs...)
	var homes []string
	for _, l := range cfg.LangCodes() {
		homes = append(homes, "content/"+l+"/index.md")
	}
	entry("home.json", homes...)
	b.WriteString(`};

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, {schemas}]],
};
`)
	return File{Path: "content/.remarkrc.mjs", Data: []byte(b.String())}
}
