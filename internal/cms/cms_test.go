package cms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// cmsBlock is the cms: block the tests add to the repository's own site.
const cmsBlock = "\ncms:\n  backend: test-repo\n"

// testSite returns the repository's site (content/ only) with a cms: block.
func testSite(t testing.TB) fstest.MapFS { return siteWith(t, cmsBlock) }

// siteWith returns the repository's site (content/ only) with block
// added to its site.yaml.
func siteWith(t testing.TB, block string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../..")
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		if p == site.ConfigFile {
			data = append(data, block...)
		}
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func testConfig(t testing.TB, fsys fs.FS) *site.Config {
	t.Helper()
	data, err := fs.ReadFile(fsys, site.ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg, ps := site.ParseConfig(data)
	if cfg == nil || len(ps.Errors()) > 0 {
		t.Fatalf("site.yaml: %v", ps)
	}
	if cfg.CMS == nil {
		t.Fatal("no cms: block")
	}
	return cfg
}

// parsed is a configuration as the CMS reads it: plain YAML.
type parsed = map[string]any

func parse(t testing.TB, data []byte) parsed {
	t.Helper()
	var v parsed
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("config does not parse: %v\n%s", err, data)
	}
	return v
}

func list(v any) []any   { l, _ := v.([]any); return l }
func mapOf(v any) parsed { m, _ := v.(parsed); return m }
func str(v any) string   { s, _ := v.(string); return s }
func names(fs []any) []string {
	var out []string
	for _, f := range fs {
		out = append(out, str(mapOf(f)["name"]))
	}
	return out
}

// kindOf says which kind each collection and index file holds.
func kindOf(coll string, index bool) site.Kind {
	switch {
	case coll == "pages" && index:
		return site.KindHome
	case coll == "pages":
		return site.KindPage
	case index:
		return site.KindSection
	}
	for _, k := range scaffold.SchemaKinds() {
		if site.SectionOf(k) == coll {
			return k
		}
	}
	return ""
}

// TestEveryField checks that the configuration, in every language, has a
// collection per kind with a section and names every field of every kind,
// in the order of the Go type, with the body last, and nothing else.
func TestEveryField(t *testing.T) {
	cfg := testConfig(t, testSite(t))
	configs := Configs(cfg)
	if len(configs) != len(cfg.Languages) {
		t.Fatalf("%d configurations for %d languages", len(configs), len(cfg.Languages))
	}
	for name, data := range configs {
		c := parse(t, data)
		seen := map[site.Kind]bool{}
		for _, coll := range list(c["collections"]) {
			cm := mapOf(coll)
			cname := str(cm["name"])
			forms := map[site.Kind][]any{kindOf(cname, false): list(cm["fields"])}
			if ix := mapOf(cm["index_file"]); ix != nil {
				if str(ix["name"]) != "index" {
					t.Errorf("%s: %s: index file %q, want index (consort's section pages are index.md)", name, cname, ix["name"])
				}
				forms[kindOf(cname, true)] = list(ix["fields"])
			}
			for k, fields := range forms {
				if k == "" {
					t.Errorf("%s: collection %q holds no kind", name, cname)
					continue
				}
				seen[k] = true
				checkFields(t, name+": "+cname+" ("+string(k)+")", scaffold.KindFields(k, cfg), fields, true)
			}
		}
		for _, k := range scaffold.SchemaKinds() {
			if !seen[k] {
				t.Errorf("%s: no form for kind %s", name, k)
			}
		}
	}
}

func checkFields(t *testing.T, where string, want []scaffold.Field, got []any, top bool) {
	t.Helper()
	var wantNames []string
	for _, f := range want {
		wantNames = append(wantNames, f.Name)
	}
	if top {
		wantNames = append(wantNames, "body")
	}
	if g := names(got); !slices.Equal(g, wantNames) {
		t.Errorf("%s: fields\n got %v\nwant %v", where, g, wantNames)
		return
	}
	for i, f := range want {
		gm := mapOf(got[i])
		if r, _ := gm["required"].(bool); r != f.Required {
			t.Errorf("%s: %s: required %v, consort requires it: %v", where, f.Path, r, f.Required)
		}
		if f.Fields != nil {
			checkFields(t, where, f.Fields, list(gm["fields"]), false)
		}
	}
}

// TestFrontMatterValidates fills in every field of every form from the
// configuration's own field list (widget, options, relations) the way the
// CMS writes it, in every language, and loads the site with consort.
func TestFrontMatterValidates(t *testing.T) {
	fsys := testSite(t)
	cfg := testConfig(t, fsys)
	c := parse(t, Configs(cfg)["config.yml"])
	existing := map[string]string{} // collection -> a file name in it
	for p := range fsys {
		parts := strings.Split(p, "/")
		if len(parts) == 4 && parts[1] == cfg.DefaultLang() && parts[3] != "index.md" {
			if existing[parts[2]] == "" || strings.TrimSuffix(parts[3], ".md") < existing[parts[2]] {
				existing[parts[2]] = strings.TrimSuffix(parts[3], ".md")
			}
		}
	}
	for _, coll := range list(c["collections"]) {
		cm := mapOf(coll)
		cname := str(cm["name"])
		folder := str(cm["folder"])
		for _, lang := range cfg.LangCodes() {
			fm := fill(t, list(cm["fields"]), existing, cname)
			p := strings.ReplaceAll(folder, "{{locale}}", lang) + "/cms-sample." + str(cm["extension"])
			fsys[p] = &fstest.MapFile{Data: frontMatter(t, fm), Mode: 0o644}
		}
	}
	s, err := site.Load(fsys, site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		for p := range fsys {
			if strings.Contains(p, "cms-sample") {
				t.Logf("%s:\n%s", p, fsys[p].Data)
			}
		}
		t.Fatalf("consort does not load the front matter the forms write: %v", err)
	}
	n := 0
	for _, p := range s.Pages {
		if strings.Contains(p.File, "cms-sample") {
			n++
			for _, l := range cfg.LangCodes() {
				if l != p.Lang && p.Translation(l) == nil {
					t.Errorf("%s: not paired with its %s translation", p.File, l)
				}
			}
		}
	}
	if want := len(list(c["collections"])) * len(cfg.Languages); n != want {
		t.Errorf("loaded %d sample pages, want %d", n, want)
	}
}

// fill gives every field a value its widget lets an editor enter.
func fill(t *testing.T, fields []any, existing map[string]string, coll string) parsed {
	t.Helper()
	out := parsed{}
	for _, f := range fields {
		fm := mapOf(f)
		name := str(fm["name"])
		var v any
		switch w := str(fm["widget"]); w {
		case "string", "text":
			v = sampleText(name, coll)
		case "markdown":
			continue // the body
		case "select":
			opts := list(fm["options"])
			if len(opts) == 0 {
				t.Fatalf("%s: select %s has no options", coll, name)
			}
			v = str(mapOf(opts[len(opts)-1])["value"])
			if name == "dissemination" {
				v = "public" // a sensitive deliverable links no file
			}
			if m, _ := fm["multiple"].(bool); m {
				v = []any{v, str(mapOf(opts[0])["value"])}
			}
		case "relation":
			target := existing[str(fm["collection"])]
			if target == "" {
				t.Fatalf("%s: relation %s: no entry of %v to refer to", coll, name, fm["collection"])
			}
			v = target
			if m, _ := fm["multiple"].(bool); m {
				v = []any{target}
			}
		case "datetime":
			if str(fm["format"]) != "YYYY-MM-DD" {
				t.Errorf("%s: %s: date format %v, consort writes YYYY-MM-DD", coll, name, fm["format"])
			}
			v = "2025-03-04"
			if name == "expiryDate" {
				v = "2030-12-31"
			}
		case "number":
			n := 1.0
			if m, ok := fm["min"].(int); ok && float64(m) > n {
				n = float64(m)
			}
			if str(fm["value_type"]) == "int" {
				v = int(n)
			} else {
				v = n + 0.25
			}
		case "boolean":
			v = false
		case "list":
			v = []any{"one", "two"}
			if name == "aliases" {
				v = []any{"/old/" + coll + "/"}
			}
		case "image":
			v = uploaded
		case "object":
			v = fill(t, list(fm["fields"]), existing, coll)
		default:
			t.Fatalf("%s: %s: widget %q not handled", coll, name, w)
		}
		out[name] = v
	}
	return out
}

// uploaded is an uploaded picture's path as the CMS writes it: the
// public folder and the file name.
const uploaded = "/" + DefaultMedia + "/photo.jpg"

// sveltiaFile is dist/sveltia-cms.js of the pinned @sveltia/cms.
func sveltiaFile(t testing.TB) string {
	return browser.Tool(t, "Sveltia CMS", "npm ci --ignore-scripts in .ci", "CONSORT_SVELTIA", ".ci/node_modules/@sveltia/cms/dist/sveltia-cms.js")
}

func sampleText(name, coll string) string {
	switch name {
	case "website", "registration", "url":
		return "https://www.example.org/"
	case "slug":
		return "sample-" + coll
	case "translationKey":
		return "cms-sample-" + coll
	case "translatedFrom":
		return "en"
	case "timeZone":
		return "Europe/Paris"
	case "doi":
		return "10.5281/zenodo.1234567"
	case "repository", "file":
		return "https://zenodo.org/records/1234567"
	case "number":
		return "D1.1"
	case "workPackage":
		return "WP1"
	}
	return "Sample " + name
}

func frontMatter(t *testing.T, fm parsed) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("---\n\nSome text.\n")
	return buf.Bytes()
}

// TestLabels checks that vocabulary selects carry the vocabulary's labels
// in each configuration's language, and collections their names.
func TestLabels(t *testing.T) {
	cfg := testConfig(t, testSite(t))
	for _, lang := range cfg.LangCodes() {
		c := parse(t, Configs(cfg)[ConfigName(cfg, lang)])
		var partners parsed
		for _, coll := range list(c["collections"]) {
			if str(mapOf(coll)["name"]) == "partners" {
				partners = mapOf(coll)
			}
		}
		if partners == nil {
			t.Fatalf("%s: no partners collection", lang)
		}
		if got, want := str(partners["label"]), label(sectionLabels["partners"], lang); got != want {
			t.Errorf("%s: partners labelled %q, want %q", lang, got, want)
		}
		for _, f := range list(partners["fields"]) {
			fm := mapOf(f)
			if str(fm["name"]) != "orgType" {
				continue
			}
			keys := cfg.Vocabularies.Keys("orgType")
			opts := list(fm["options"])
			if len(opts) != len(keys) {
				t.Fatalf("%s: orgType has %d options, want %d", lang, len(opts), len(keys))
			}
			for _, o := range opts {
				om := mapOf(o)
				key := str(om["value"])
				if !slices.Contains(keys, key) || str(om["label"]) != cfg.Vocabularies.Label("orgType", key, lang) {
					t.Errorf("%s: option %v, want a key of orgType labelled %q", lang, om, cfg.Vocabularies.Label("orgType", key, lang))
				}
			}
		}
	}
}

// TestSveltiaSchema validates every configuration against the JSON Schema
// that the pinned @sveltia/cms package ships ($CONSORT_SVELTIA names its
// dist/sveltia-cms.js; the schema is ../schema/sveltia-cms.json from it).
func TestSveltiaSchema(t *testing.T) {
	js := sveltiaFile(t)
	schemaPath := filepath.Join(filepath.Dir(filepath.Dir(js)), "schema", "sveltia-cms.json")
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sveltia-cms.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sveltia-cms.json")
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, testSite(t))
	for _, backend := range []site.CMSConfig{
		{Backend: "test-repo"},
		{Backend: "github", Repo: "owner/site", Branch: "main", AuthURL: "https://auth.example.org", EditorialWorkflow: true},
		{Backend: "gitlab", Repo: "group/sub/site", AppID: "abc123", APIRoot: "https://gitlab.example.org/api/v4", Media: "uploads"},
	} {
		cfg.CMS = &backend
		names := []string{}
		configs := Configs(cfg)
		for n := range configs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			var v any
			if err := yaml.Unmarshal(configs[n], &v); err != nil {
				t.Fatal(err)
			}
			j, _ := json.Marshal(v)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s %s: %s", backend.Backend, n, firstLines(fmt.Sprint(err), 30))
			}
		}
	}
}

func firstLines(s string, n int) string {
	l := strings.SplitN(s, "\n", n+1)
	if len(l) > n {
		l = l[:n]
	}
	return strings.Join(l, "\n")
}
