package scaffold

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/site"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

const agreementConfig = `title: {en: T, fr: T}
languages: [{code: en, name: English}]
vocabularies:
  orgType: {sme: {en: SME}, cluster: {en: Cluster}}
  competency: {oncology: {en: Oncology}, vaccines: {en: Vaccines}}
  missionType: {event: {en: Event}}
  therapeuticArea: {cancer: {en: Cancer}}
`

// goValid loads a one-page site whose page of kind k has the given front
// matter, and reports whether consort accepts the file, with its problems.
func goValid(t *testing.T, k site.Kind, fm string) (bool, string) {
	t.Helper()
	file := "content/en/about.md"
	switch k {
	case site.KindHome:
		file = "content/en/index.md"
	case site.KindSection:
		file = "content/en/news/index.md"
	case site.KindPage:
	default:
		file = "content/en/" + site.SectionOf(k) + "/x.md"
	}
	fsys := fstest.MapFS{
		"content/site.yaml": {Data: []byte(agreementConfig)},
		file:                {Data: []byte("---\n" + fm + "\n---\nText.\n")},
	}
	_, err := site.Load(fsys, site.Options{Clock: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Drafts: true, Future: true})
	if err == nil {
		return true, ""
	}
	var mine []string
	for _, p := range err.(site.Problems).Errors() {
		if p.File == file {
			mine = append(mine, p.String())
		}
	}
	return len(mine) == 0, strings.Join(mine, "; ")
}

func compileSchemas(t *testing.T, cfg *site.Config) map[site.Kind]*jsonschema.Schema {
	t.Helper()
	out := map[site.Kind]*jsonschema.Schema{}
	for _, sf := range SchemaFiles() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schemas(cfg)[sf.File]))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft7)
		url := "https://consort.invalid/" + sf.File
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		sch, err := c.Compile(url)
		if err != nil {
			t.Fatalf("%s does not compile: %v", sf.File, err)
		}
		out[sf.Kind] = sch
	}
	return out
}

// schemaValid reads front matter as an editor's YAML tool would (YAML to
// JSON values) and validates it.
func schemaValid(t *testing.T, sch *jsonschema.Schema, fm string) (bool, string) {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(fm), &v); err != nil {
		t.Fatalf("front matter of the table does not parse: %v", err)
	}
	if v == nil {
		v = map[string]any{}
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		return false, err.Error()
	}
	return true, ""
}

// TestSchemasAgreeWithValidation validates a table of valid and invalid
// front matter with consort (site.Load) and with the generated JSON
// Schemas (through an independent JSON Schema validator): both must say
// the same. Rows marked gap are what JSON Schema cannot express; for them
// the test pins that consort refuses what the schema lets through, so that
// a gap closed or opened is noticed.
func TestSchemasAgreeWithValidation(t *testing.T) {
	cfg, ps := site.ParseConfig([]byte(agreementConfig))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	schemas := compileSchemas(t, cfg)
	tests := []struct {
		name string
		kind site.Kind
		fm   string
		gap  string // why JSON Schema cannot agree: consort refuses, the schema accepts
		// stricter says why the schema refuses what consort accepts.
		stricter string
	}{
		// Every kind.
		{"page minimal", site.KindPage, "title: About", "", ""},
		{"page all common fields", site.KindPage, "title: About\nsummary: S\ndate: 2020-06-03\ndraft: false\nslug: about-us\ntranslationKey: about\naliases: [/old/about/]\nimage: /img/a.jpg\nalt: A photo\npublishDate: 2020-01-01\nexpiryDate: 2030-01-01\ntranslatedFrom: fr@0123456789ab\nweight: 3", "", ""},
		{"home", site.KindHome, "title: Home\nweight: 1", "", ""},
		{"section", site.KindSection, "title: News", "", ""},
		{"cluster full", site.KindCluster, "title: C\nshortName: C\nrole: coordinator\norgType: cluster\ncountry: FR\nregion: R\ncity: Lyon\nwebsite: https://c.example/\ncompanies: 10\nsmes: 5\nfocus: [oncology]\nprojects: [P]\nlogo: /img/c.svg\nlocation: {lat: 45.7, lon: 4.8}\nweight: 1", "", ""},
		{"partner full", site.KindPartner, "title: P\norgType: sme\ncountry: PL\nregion: R\ncity: Kraków\nwebsite: http://p.example\ncompetencies: [oncology, vaccines]\ntherapeuticAreas: [cancer]\ntechnologies: [t]\nservices: [s]\nmarkets: [US, BR]\nfounded: 1998\nemployees: 40\nlogo: https://p.example/logo.png\nlocation: {lat: -10, lon: 170}", "", ""},
		{"mission full", site.KindMission, "title: M\nmissionType: event\ncountry: BR\ncity: São Paulo\nstart: 2026-03-01 09:30\nend: 2026-03-04\ntimeZone: America/Sao_Paulo\nregistration: https://r.example/form\nlocation: {lat: 1, lon: 2}", "", ""},
		{"mission planned", site.KindMission, "title: M\nmissionType: event", "", ""},
		{"interview full", site.KindInterview, "title: I\nperson: Jane Doe\nrole: Director\nquote: Q", "", ""},
		{"news full", site.KindNews, "title: N\ndate: 2020-06-03\nauthor: A\nsource: {name: Pharma, date: 2020-05-01, url: https://x.example/a}\ntags: [a, b]", "", ""},

		// title
		{"title missing", site.KindPage, "summary: S", "", ""},
		{"title blank", site.KindPage, "title: '   '", "", ""},
		{"title null", site.KindPage, "title:", "", ""},
		{"title a number", site.KindPage, "title: 1984", "", ""},
		{"title a boolean", site.KindPage, "title: true", "", ""},
		{"title a list", site.KindPage, "title: [a]", "", ""},
		// unknown and mistyped fields
		{"unknown field", site.KindPage, "title: T\ncolour: red", "", ""},
		{"field of another kind", site.KindPage, "title: T\norgType: sme", "", ""},
		{"summary a map", site.KindPage, "title: T\nsummary: {a: b}", "", ""},
		{"empty optional text", site.KindPage, "title: T\nsummary:", "", ""},
		// draft
		{"draft yes", site.KindPage, "title: T\ndraft: yes", "", ""},
		{"draft quoted", site.KindPage, "title: T\ndraft: 'true'", "", ""},
		{"draft a number", site.KindPage, "title: T\ndraft: 1", "", ""},
		// slug
		{"slug bad", site.KindPage, "title: T\nslug: About Us", "", ""},
		{"slug double hyphen", site.KindPage, "title: T\nslug: a--b", "", ""},
		{"slug a number", site.KindPage, "title: T\nslug: 12", "", "consort reads the number 12 as the text \"12\"; the schema wants text in fields with a pattern"},
		// dates
		{"date with time", site.KindPage, "title: T\ndate: 2020-06-03 14:30", "", ""},
		{"date T time", site.KindPage, "title: T\ndate: 2020-06-03T14:30", "", ""},
		{"date RFC 3339", site.KindPage, "title: T\ndate: 2020-06-03T14:30:00Z", "", ""},
		{"date bad month", site.KindPage, "title: T\ndate: 2020-13-03", "", ""},
		{"date words", site.KindPage, "title: T\ndate: June 3, 2020", "", ""},
		{"date a number", site.KindPage, "title: T\ndate: 2020", "", ""},
		{"date not in the calendar", site.KindPage, "title: T\ndate: 2021-02-30", "days per month", ""},
		{"expiry before publish", site.KindPage, "title: T\npublishDate: 2021-01-02\nexpiryDate: 2021-01-01", "comparing two fields", ""},
		// aliases
		{"alias one string", site.KindPage, "title: T\naliases: /old/", "", ""},
		{"alias root", site.KindPage, "title: T\naliases: [/]", "", ""},
		{"alias relative", site.KindPage, "title: T\naliases: [old/]", "", ""},
		{"alias dot dot", site.KindPage, "title: T\naliases: [/a/../b/]", "", ""},
		{"alias double slash", site.KindPage, "title: T\naliases: [/a//b/]", "", ""},
		{"alias query", site.KindPage, "title: T\naliases: ['/a?x=1']", "", ""},
		{"alias bad escape", site.KindPage, "title: T\naliases: ['/a%zz/']", "", ""},
		{"alias escaped dots", site.KindPage, "title: T\naliases: ['/a/%2e%2e/b/']", "the decoded form of escapes", ""},
		// image and alt
		{"image without alt", site.KindPage, "title: T\nimage: /img/a.jpg", "", ""},
		{"image with blank alt", site.KindPage, "title: T\nimage: /img/a.jpg\nalt: ' '", "", ""},
		{"image empty, no alt", site.KindPage, "title: T\nimage: ''", "", ""},
		{"image relative", site.KindPage, "title: T\nimage: img/a.jpg\nalt: A", "", ""},
		{"image https", site.KindPage, "title: T\nimage: https://x.example/a.jpg\nalt: A", "", ""},
		// translatedFrom
		{"translatedFrom language only", site.KindPage, "title: T\ntranslatedFrom: fr", "", ""},
		{"translatedFrom full hash", site.KindPage, "title: T\ntranslatedFrom: fr@" + strings.Repeat("a", 64), "", ""},
		{"translatedFrom short hash", site.KindPage, "title: T\ntranslatedFrom: fr@abc", "", ""},
		{"translatedFrom upper case", site.KindPage, "title: T\ntranslatedFrom: FR@0123456789ab", "", ""},
		// weight
		{"weight float", site.KindPage, "title: T\nweight: 1.5", "", "yaml.v3 truncates 1.5 to 1 in a whole-number field; the schema asks for a whole number"},
		{"weight whole float", site.KindPage, "title: T\nweight: 2.0", "", ""},
		{"weight quoted", site.KindPage, "title: T\nweight: '3'", "", ""},
		// cluster
		{"cluster without orgType", site.KindCluster, "title: C\ncountry: FR", "", ""},
		{"cluster bad orgType", site.KindCluster, "title: C\norgType: smee\ncountry: FR", "", ""},
		{"cluster without country", site.KindCluster, "title: C\norgType: sme", "", ""},
		{"cluster country lower case", site.KindCluster, "title: C\norgType: sme\ncountry: fr", "", ""},
		{"cluster country name", site.KindCluster, "title: C\norgType: sme\ncountry: France", "", ""},
		{"cluster country UK", site.KindCluster, "title: C\norgType: sme\ncountry: UK", "", ""},
		{"cluster bad role", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nrole: leader", "", ""},
		{"cluster negative smes", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nsmes: -1", "", ""},
		{"cluster focus one key", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nfocus: oncology", "", ""},
		{"cluster focus unknown key", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nfocus: [oncology, genomics]", "", ""},
		{"cluster website without scheme", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nwebsite: www.c.example", "", ""},
		{"cluster website ftp", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nwebsite: ftp://c.example/", "", ""},
		{"cluster latitude out of range", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nlocation: {lat: 95, lon: 4}", "", ""},
		{"cluster location unknown key", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nlocation: {lat: 45, lng: 4}", "", ""},
		{"cluster location text", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nlocation: Lyon", "", ""},
		{"cluster logo with dot dot", site.KindCluster, "title: C\norgType: sme\ncountry: FR\nlogo: /img/../x.svg", "", ""},
		// partner
		{"partner founded 0", site.KindPartner, "title: P\norgType: sme\ncountry: FR\nfounded: 0", "", ""},
		{"partner founded 98", site.KindPartner, "title: P\norgType: sme\ncountry: FR\nfounded: 98", "", ""},
		{"partner bad market", site.KindPartner, "title: P\norgType: sme\ncountry: FR\nmarkets: [US, EU]", "", ""},
		{"partner bad therapeutic area", site.KindPartner, "title: P\norgType: sme\ncountry: FR\ntherapeuticAreas: [oncology]", "", ""},
		{"partner employees text", site.KindPartner, "title: P\norgType: sme\ncountry: FR\nemployees: many", "", ""},
		// mission
		{"mission without type", site.KindMission, "title: M", "", ""},
		{"mission end without start", site.KindMission, "title: M\nmissionType: event\nend: 2026-03-04", "", ""},
		{"mission end before start", site.KindMission, "title: M\nmissionType: event\nstart: 2026-03-04\nend: 2026-03-01", "comparing two fields", ""},
		{"mission bad time zone", site.KindMission, "title: M\nmissionType: event\ntimeZone: Paris time", "", ""},
		{"mission unknown time zone", site.KindMission, "title: M\nmissionType: event\ntimeZone: Mars/Olympus", "the IANA time zone database", ""},
		{"mission country lower case", site.KindMission, "title: M\nmissionType: event\ncountry: br", "", ""},
		{"mission clusters one name", site.KindMission, "title: M\nmissionType: event\nclusters: []", "", ""},
		// interview
		{"interview without person", site.KindInterview, "title: I", "", ""},
		{"interview blank person", site.KindInterview, "title: I\nperson: ' '", "", ""},
		// news
		{"news without date", site.KindNews, "title: N", "", ""},
		{"news source without name", site.KindNews, "title: N\ndate: 2020-06-03\nsource: {url: https://x.example/}", "", ""},
		{"news source bad url", site.KindNews, "title: N\ndate: 2020-06-03\nsource: {name: X, url: x.example}", "", ""},
		{"news source unknown key", site.KindNews, "title: N\ndate: 2020-06-03\nsource: {name: X, page: 3}", "", ""},
		{"news tags one string", site.KindNews, "title: N\ndate: 2020-06-03\ntags: launch", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gov, gomsg := goValid(t, tt.kind, tt.fm)
			sv, smsg := schemaValid(t, schemas[tt.kind], tt.fm)
			if tt.stricter != "" {
				if !gov || sv {
					t.Errorf("stricter (%s): consort valid = %v, schema valid = %v; want the schema to refuse what consort accepts\nconsort: %s\nschema: %s", tt.stricter, gov, sv, gomsg, smsg)
				}
				return
			}
			if tt.gap != "" {
				if gov || !sv {
					t.Errorf("gap (%s): consort valid = %v, schema valid = %v; want consort to refuse what the schema accepts\nconsort: %s\nschema: %s", tt.gap, gov, sv, gomsg, smsg)
				}
				return
			}
			if gov != sv {
				t.Errorf("consort valid = %v; schema valid = %v\nconsort: %s\nschema: %s", gov, sv, gomsg, smsg)
			}
		})
	}
}

// TestKindTypes checks that the types the schemas and skeletons are made
// from are those site.Load decodes each kind into.
func TestKindTypes(t *testing.T) {
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(agreementConfig)}}
	files := map[site.Kind]string{
		site.KindHome: "content/en/index.md", site.KindSection: "content/en/news/index.md", site.KindPage: "content/en/about.md",
		site.KindCluster: "content/en/clusters/c.md", site.KindPartner: "content/en/partners/p.md", site.KindMission: "content/en/missions/m.md",
		site.KindInterview: "content/en/interviews/i.md", site.KindNews: "content/en/news/n.md",
		site.KindDeliverable: "content/en/deliverables/d.md", site.KindPublication: "content/en/publications/p.md",
	}
	fm := map[site.Kind]string{
		site.KindCluster: "orgType: sme\ncountry: FR\n", site.KindPartner: "orgType: sme\ncountry: FR\n",
		site.KindMission: "missionType: event\n", site.KindInterview: "person: P\n", site.KindNews: "date: 2020-01-01\n",
		site.KindDeliverable: "workPackage: WP1\nnumber: D1.1\ndue: 2025-01-01\ndissemination: public\nstatus: planned\n",
		site.KindPublication: "authors: [A B]\nyear: 2024\n",
	}
	for k, f := range files {
		fsys[f] = &fstest.MapFile{Data: []byte("---\ntitle: T\n" + fm[k] + "---\n")}
	}
	s, err := site.Load(fsys, site.Options{Clock: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for k, f := range files {
		p := s.Page(f)
		if p == nil {
			t.Fatalf("%s not loaded", f)
		}
		if got, want := reflect.TypeOf(p.Params).Elem(), kindTypes[k]; got != want || p.Kind != k {
			t.Errorf("%s: kind %s of type %s; want kind %s of type %s", f, p.Kind, got, k, want)
		}
	}
	if len(kindTypes) != len(files) || len(SchemaFiles()) != len(files) {
		t.Errorf("kindTypes has %d kinds, SchemaFiles %d; want %d", len(kindTypes), len(SchemaFiles()), len(files))
	}
}

// TestFieldDocs: every field of every kind has its one-line help in
// English and French, so skeletons and schemas never miss one.
func TestFieldDocs(t *testing.T) {
	for k, typ := range kindTypes {
		var walk func(fields []field, prefix string)
		walk = func(fields []field, prefix string) {
			for _, f := range fields {
				for _, lang := range []string{"en", "fr"} {
					d := fieldDoc[string(k)+"."+prefix+f.name]
					if d == nil {
						d = fieldDoc[prefix+f.name]
					}
					if d[lang] == "" {
						t.Errorf("%s field %s%s has no %s help in fieldDoc", k, prefix, f.name, lang)
					}
				}
				walk(f.sub, prefix+f.name+".")
			}
		}
		walk(fieldsOf(typ), "")
		for _, lang := range []string{"en", "fr"} {
			if kindDoc[k][lang] == "" {
				t.Errorf("kind %s has no %s sentence", k, lang)
			}
		}
	}
}

// TestSchemasStable: the same input gives the same bytes, and the
// published schemas for the shipped site are what the generator makes.
func TestSchemasStable(t *testing.T) {
	cfg, _ := site.ParseConfig([]byte(agreementConfig))
	a, b := Schemas(cfg), Schemas(cfg)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
		if !json.Valid(a[name]) {
			t.Errorf("%s is not JSON", name)
		}
	}
}
