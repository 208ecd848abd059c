package catalogue_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/catalogue"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schema compiles partners.schema.json, asserting formats (uri).
func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(catalogue.Schema))
	if err != nil {
		t.Fatalf("partners.schema.json: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("partners.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("partners.schema.json")
	if err != nil {
		t.Fatalf("partners.schema.json does not compile: %v", err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return sch.Validate(v)
}

func TestPartnersJSON(t *testing.T) {
	res := buildSite(t, fixture(t, "site"))
	out := files(res)
	sch := schema(t)
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			f, ok := out[lang+"/catalogue/partners.json"]
			if !ok {
				t.Fatalf("%s/catalogue/partners.json: missing", lang)
			}
			if err := validate(t, sch, f.Data); err != nil {
				t.Errorf("partners.json against its schema: %v", err)
			}
			if got, want := out[lang+"/catalogue/partners.schema.json"].Data, catalogue.Schema; !bytes.Equal(got, want) {
				t.Errorf("partners.schema.json: not published beside partners.json")
			}
			var doc catalogue.Document
			if err := json.Unmarshal(f.Data, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != 1 || doc.Lang != lang || doc.Count != 9 || len(doc.Partners) != 9 {
				t.Errorf("header: got version %d lang %s count %d (%d items); want 1 %s 9 (9)", doc.Version, doc.Lang, doc.Count, len(doc.Partners), lang)
			}
			if doc.Schema != "https://example.org/"+lang+"/catalogue/partners.schema.json" {
				t.Errorf("$schema: got %q", doc.Schema)
			}
			slugs := make([]string, len(doc.Partners))
			for i, p := range doc.Partners {
				slugs[i] = p.Slug
			}
			if !slices.IsSorted(slugs) {
				t.Errorf("records: got %q; want sorted by slug", slugs)
			}
			byslug := map[string]catalogue.JSONRecord{}
			for _, p := range doc.Partners {
				byslug[p.Slug] = p
			}
			lab := byslug["immunolab"]
			wantType := map[string]string{"en": "Contract research organisation (CRO)", "fr": "Société de recherche sous contrat (CRO)"}[lang]
			wantCountry := map[string]string{"en": "Germany", "fr": "Allemagne"}[lang]
			wantURL := map[string]string{"en": "https://example.org/en/partners/immunolab/", "fr": "https://example.org/fr/partenaires/immunolab/"}[lang]
			if lab.OrgType.Key != "cro" || lab.OrgType.Label != wantType || lab.Country.Name != wantCountry || lab.URL != wantURL {
				t.Errorf("immunolab: got type %+v, country %+v, url %s; want labels in %s and an absolute URL", lab.OrgType, lab.Country, lab.URL, lang)
			}
			if lab.Cluster == nil || lab.Cluster.Slug != "biom" || !strings.HasPrefix(lab.Cluster.URL, "https://example.org/"+lang+"/clusters/biom/") {
				t.Errorf("immunolab's cluster: got %+v", lab.Cluster)
			}
			biom := byslug["biom"]
			if biom.Kind != "cluster" || len(biom.Competencies) != 2 || biom.Cluster == nil || biom.Cluster.Slug != "biom" {
				t.Errorf("biom: got kind %s, competencies %v, cluster %+v; want a cluster record with its focus and itself as cluster", biom.Kind, biom.Competencies, biom.Cluster)
			}
			if evil := byslug["evil"]; evil.Name != "Evil <img src=x onerror=alert(1)> Labs" {
				t.Errorf("a name with markup: got %q; want it as plain text", evil.Name)
			}
			other := map[string]string{"en": "fr", "fr": "en"}[lang]
			if !strings.HasPrefix(lab.Translations[other], "https://example.org/"+other+"/") {
				t.Errorf("translations: got %v", lab.Translations)
			}
		})
	}
}

// TestSchemaRejects checks that the schema is not vacuous.
func TestSchemaRejects(t *testing.T) {
	sch := schema(t)
	good := `{"version":1,"lang":"en","title":"C","url":"https://x.org/en/catalogue/","count":1,"partners":[{"slug":"a","kind":"partner","name":"A","url":"https://x.org/en/partners/a/","summary":"","orgType":{"key":"lab","label":"Lab"},"country":{"code":"PL","name":"Poland"},"competencies":[],"therapeuticAreas":[],"technologies":[],"services":[],"markets":[],"cluster":null,"translations":{}}]}`
	if err := validate(t, sch, []byte(good)); err != nil {
		t.Fatalf("a minimal valid document: %v", err)
	}
	tests := []struct {
		name, old, new string
	}{
		{"other version", `"version":1`, `"version":2`},
		{"missing field", `"summary":"",`, ``},
		{"unknown field", `"summary":""`, `"summary":"","html":"<b>x</b>"`},
		{"lower-case country", `"code":"PL"`, `"code":"pl"`},
		{"relative page URL", `"url":"https://x.org/en/partners/a/"`, `"url":"partners/a/"`},
		{"bad kind", `"kind":"partner"`, `"kind":"person"`},
		{"bad slug", `"slug":"a"`, `"slug":"A b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(good, tt.old, tt.new, 1)
			if doc == good {
				t.Fatalf("the replacement of %q changed nothing", tt.old)
			}
			if err := validate(t, sch, []byte(doc)); err == nil {
				t.Errorf("got valid; want rejected")
			}
		})
	}
}

func TestCSV(t *testing.T) {
	res := buildSite(t, fixture(t, "site"))
	data := files(res)["fr/catalogue/partners.csv"].Data
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatalf("partners.csv: got %q...; want a UTF-8 BOM first", data[:min(10, len(data))])
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Errorf("partners.csv: want CRLF line ends (RFC 4180)")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 {
		t.Fatalf("rows: got %d; want a header and 9 organisations", len(rows))
	}
	if rows[0][0] != "Nom" || rows[0][3] != "Pays" {
		t.Errorf("header: got %q; want French column names", rows[0])
	}
	found := map[string][]string{}
	for _, r := range rows[1:] {
		found[r[len(r)-1]] = r
	}
	formula := found["https://example.org/fr/partenaires/formula/"]
	if formula == nil || !strings.HasPrefix(formula[0], "'=") {
		t.Errorf("a name that starts with =: got %q; want it prefixed with ' so spreadsheets show it as text", formula)
	}
	krakow := found["https://example.org/fr/clusters/lifescience-krakow/"]
	if krakow == nil || krakow[0] != "Klaster LifeScience Kraków" || krakow[3] != "Pologne" || krakow[8] != "Santé numérique" {
		t.Errorf("Klaster LifeScience Kraków: got %q", krakow)
	}
}

var itemRE = regexp.MustCompile(`<a class="cat-name" href="([^"]+)">`)

func TestFacetPages(t *testing.T) {
	res := buildSite(t, fixture(t, "site"))
	out := files(res)
	tests := []struct {
		name, path string
		links      []string // the organisations listed, in order
		contains   []string
	}{
		{"catalogue", "fr/catalogue/index.html",
			[]string{"/fr/partenaires/formula/", "/fr/clusters/biom/", "/fr/partenaires/biomerieux/", "/fr/partenaires/evil/", "/fr/partenaires/warsaw-hospital/", "/fr/partenaires/immunolab/", "/fr/partenaires/krakow-lab/", "/fr/clusters/lifescience-krakow/", "/fr/partenaires/krakow-diagnostics/"},
			[]string{`href="/fr/catalogue/pays/pl/">Pologne</a> <span class="cat-n">(4)</span>`, `<p class="cat-count" id="cat-count">9 organisations</p>`, `href="/fr/catalogue/partners.csv"`, `data-index="/fr/catalogue/search.`}},
		{"country", "fr/catalogue/pays/pl/index.html",
			[]string{"/fr/partenaires/evil/", "/fr/partenaires/warsaw-hospital/", "/fr/partenaires/krakow-lab/", "/fr/clusters/lifescience-krakow/"},
			[]string{"<h1>Pays : Pologne</h1>", "4 organisations", `href="/fr/catalogue/?pays=pl"`, `href="/fr/catalogue/pays/pl/" aria-current="page"`, `hreflang="en" href="https://example.org/en/catalogue/country/pl/"`}},
		{"type", "en/catalogue/type/cro/index.html", []string{"/en/partners/immunolab/"}, []string{"1 organisation"}},
		{"competency, clusters included", "en/catalogue/competency/oncology/index.html",
			[]string{"/en/clusters/biom/", "/en/partners/evil/", "/en/partners/krakow-lab/"}, nil},
		{"cluster, itself included", "fr/catalogue/cluster/lifescience-krakow/index.html",
			[]string{"/fr/partenaires/krakow-lab/", "/fr/clusters/lifescience-krakow/"}, nil},
		{"facet's own page", "fr/catalogue/competence/index.html", nil,
			[]string{`<a href="/fr/catalogue/competence/digital-health/">Santé numérique</a> <span class="cat-n">(2 organisations)</span>`}},
		{"no markup from content", "en/catalogue/index.html", nil,
			[]string{`Evil &lt;img src=x onerror=alert(1)&gt; Labs`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := out[tt.path]
			if !ok {
				t.Fatalf("%s: missing", tt.path)
			}
			html := string(f.Data)
			var links []string
			for _, m := range itemRE.FindAllStringSubmatch(html, -1) {
				links = append(links, m[1])
			}
			if tt.links != nil && !slices.Equal(links, tt.links) {
				t.Errorf("listed: got %q; want %q", links, tt.links)
			}
			for _, s := range tt.contains {
				if !strings.Contains(html, s) {
					t.Errorf("want %q in the page", s)
				}
			}
			if strings.Contains(html, "<img src=x") {
				t.Errorf("markup from a name reached the page")
			}
		})
	}
}

func TestPagination(t *testing.T) {
	fsys := fixture(t, "site")
	yaml := string(fsys["content/site.yaml"].Data) + "catalogue:\n  perPage: 4\n  slugs:\n    country: {fr: pays-et-territoires}\n"
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	out := files(buildSite(t, fsys))
	for path, want := range map[string]int{
		"en/catalogue/index.html":                            4,
		"en/catalogue/page/2/index.html":                     4,
		"en/catalogue/page/3/index.html":                     1,
		"fr/catalogue/pays-et-territoires/pl/index.html":     4,
		"fr/catalogue/pays-et-territoires/de/index.html":     3,
		"en/catalogue/competency/oncology/index.html":        3,
		"fr/catalogue/competence/oncology/page/2/index.html": 0,
	} {
		f, ok := out[path]
		if want == 0 {
			if ok {
				t.Errorf("%s: got a page; want none", path)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: missing", path)
			continue
		}
		if got := len(itemRE.FindAllString(string(f.Data), -1)); got != want {
			t.Errorf("%s: got %d organisations; want %d", path, got, want)
		}
	}
	page2 := string(out["en/catalogue/page/2/index.html"].Data)
	if strings.Contains(page2, "data-index=") {
		t.Errorf("page 2: got the search form; want it on the first page only")
	}
	if !strings.Contains(page2, `<a href="/en/catalogue/page/3/" rel="next">`) || !strings.Contains(page2, "showing 5 to 8") {
		t.Errorf("page 2: want a pager and the range shown")
	}
}

func TestConfigProblems(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown facet", "catalogue:\n  facets: [country, colour]\n", `catalogue.facets: "colour" is not a facet`},
		{"bad slug", "catalogue:\n  slugs:\n    country: {fr: Pays}\n", `catalogue.slugs.country: "Pays" is not a slug`},
		{"reserved slug", "catalogue:\n  slugs:\n    orgType: {en: page}\n", `catalogue.slugs.orgType: "page" is used by the catalogue itself`},
		{"same slug twice", "catalogue:\n  slugs:\n    orgType: {en: country}\n", `is also the en slug of`},
		{"negative perPage", "catalogue:\n  perPage: -1\n", `catalogue.perPage: -1 is negative`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, "site")
			fsys["content/site.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(fsys["content/site.yaml"].Data), tt.yaml...)}
			s, err := site.Load(fsys, site.Options{Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			eng, err := render.New(templates.FS, s.Langs())
			if err != nil {
				t.Fatal(err)
			}
			_, err = catalogue.Build(s, eng, render.Options{})
			var ps site.Problems
			if !errors.As(err, &ps) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want site.Problems with %q", err, tt.want)
			}
		})
	}
}

// TestDeterministic checks that two builds give the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := files(buildSite(t, fixture(t, "site"))), files(buildSite(t, fixture(t, "site")))
	for p, f := range a {
		if !bytes.Equal(f.Data, b[p].Data) {
			t.Errorf("%s: differs between two builds", p)
		}
	}
}

// TestHTMLValid runs the Nu HTML Checker on the catalogue's pages.
func TestHTMLValid(t *testing.T) {
	out := files(buildSite(t, fixture(t, "site")))
	dir := t.TempDir()
	var paths []string
	for _, p := range []string{"en/catalogue/index.html", "fr/catalogue/pays/pl/index.html", "fr/catalogue/competence/index.html", "en/catalogue/cluster/biom/index.html"} {
		file := filepath.Join(dir, strings.ReplaceAll(p, "/", "_"))
		if err := os.WriteFile(file, out[p].Data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, file)
	}
	msgs, err := browser.VNU(t, paths...)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		t.Errorf("vnu: %s", m)
	}
}

// TestPagerLinksFew: a long catalogue's pager links the first and last
// pages and those near the current one, with gaps, not every page (which
// made the catalogue's pages quadratic in their number).
func TestPagerLinksFew(t *testing.T) {
	fsys := fixture(t, "site")
	yaml := string(fsys["content/site.yaml"].Data) + "catalogue:\n  perPage: 1\n"
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	out := files(buildSite(t, fsys))
	page := string(out["en/catalogue/index.html"].Data)
	pager, _, _ := strings.Cut(page[strings.Index(page, `<nav class="pager"`):], "</nav>")
	if !strings.Contains(pager, `class="pager-gap"`) || strings.Contains(pager, `href="/en/catalogue/page/6/"`) {
		t.Errorf("pager of page 1: got %q; want pages 1 to 3, a gap and the last", pager)
	}
}
