package build_test

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/tools/txtar"
)

// publishClock is after the Paris summit and before the trade fair.
var publishClock = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func publishingSite(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "publishing", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
	}
	return fsys
}

func buildFiles(t *testing.T, fsys fstest.MapFS, opts site.Options) map[string][]byte {
	t.Helper()
	if opts.Clock.IsZero() {
		opts.Clock = publishClock
	}
	res, err := rendered(build.Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: opts})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range res.Files {
		m[f.Path] = f.Data
	}
	return m
}

var stylesheetRE = regexp.MustCompile(`<link rel="stylesheet" href="/(css/site\.([0-9a-f]{10})\.css)" integrity="([^"]+)">`)

func stylesheet(t *testing.T, files map[string][]byte) (path, integrity string) {
	t.Helper()
	m := stylesheetRE.FindSubmatch(files["en/about/index.html"])
	if m == nil {
		t.Fatalf("no fingerprinted stylesheet link in en/about/index.html")
	}
	// html/template writes a "+" of the base64 hash as &#43;.
	return string(m[1]), html.UnescapeString(string(m[3]))
}

func sri(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

func TestFingerprint(t *testing.T) {
	base := buildFiles(t, publishingSite(t), site.Options{})
	path, integrity := stylesheet(t, base)
	if _, ok := base["css/site.css"]; ok {
		t.Errorf("css/site.css is published besides %s", path)
	}
	if got := sri(base[path]); got != integrity {
		t.Errorf("integrity %s; want %s, the SRI of %s", integrity, got, path)
	}
	t.Run("integrity holds once minified", func(t *testing.T) {
		min, err := minify.Files(context.Background(), mapFiles(base))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range min {
			if f.Path == path && sri(f.Data) != integrity {
				t.Errorf("minifying again changed %s: its integrity no longer matches", path)
			}
		}
	})
	t.Run("every page uses the new name", func(t *testing.T) {
		for p, d := range base {
			if strings.HasSuffix(p, ".html") && bytes.Contains(d, []byte(`"/css/site.css"`)) {
				t.Errorf("%s still links /css/site.css", p)
			}
		}
	})
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		same   bool
	}{
		{"same input", func(fstest.MapFS) {}, true},
		{"content changes", func(fs fstest.MapFS) {
			fs["content/en/about.md"].Data = append(fs["content/en/about.md"].Data, "More.\n"...)
		}, true},
		{"stylesheet changes", func(fs fstest.MapFS) {
			css, _ := static.FS.ReadFile("css/site.css")
			fs["static/css/site.css"] = &fstest.MapFile{Data: append(css, "\n.new { color: red }\n"...)}
		}, false},
		{"only a comment of the stylesheet changes", func(fs fstest.MapFS) {
			css, _ := static.FS.ReadFile("css/site.css")
			fs["static/css/site.css"] = &fstest.MapFile{Data: append(css, "\n/* a note */\n"...)}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := publishingSite(t)
			tt.change(fsys)
			got, gotIntegrity := stylesheet(t, buildFiles(t, fsys, site.Options{}))
			if (got == path) != tt.same {
				t.Errorf("name %s, before %s; want the same name: %v", got, path, tt.same)
			}
			if (gotIntegrity == integrity) != tt.same {
				t.Errorf("integrity %s, before %s; want the same: %v", gotIntegrity, integrity, tt.same)
			}
		})
	}
}

// TestClockReproducible builds twice with the same --clock while the
// machine's local time zone says different days (UTC+14 and UTC-12 are
// always on different dates): the outputs must be byte-identical.
func TestClockReproducible(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	var runs []map[string][]byte
	for _, zone := range []*time.Location{time.FixedZone("UTC+14", 14*3600), time.FixedZone("UTC-12", -12*3600)} {
		time.Local = zone
		runs = append(runs, buildFiles(t, publishingSite(t), site.Options{Clock: publishClock}))
	}
	if time.Now().In(time.FixedZone("", 14*3600)).Format("2006-01-02") == time.Now().In(time.FixedZone("", -12*3600)).Format("2006-01-02") {
		t.Fatal("the two zones are on the same day; the test proves nothing")
	}
	a, b := runs[0], runs[1]
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			t.Errorf("%s differs between the two builds", p)
		}
	}
	// The clock does matter: a year later the past and upcoming lists
	// and the calendar stamps change.
	later := buildFiles(t, publishingSite(t), site.Options{Clock: publishClock.AddDate(1, 0, 0)})
	for _, p := range []string{"en/missions/index.html", "en/missions/calendar.ics"} {
		if bytes.Equal(a[p], later[p]) {
			t.Errorf("%s is the same a year later; want the clock to show", p)
		}
	}
}

func TestAliasRedirect(t *testing.T) {
	files := buildFiles(t, publishingSite(t), site.Options{})
	for _, p := range []string{"about-us/index.html", "en/old-about/index.html"} {
		t.Run(p, func(t *testing.T) {
			page := string(files[p])
			for _, want := range []string{
				`<meta http-equiv="refresh" content="0; url=https://consort.example.org/en/about/">`,
				`<link rel="canonical" href="https://consort.example.org/en/about/">`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("lacks %s:\n%s", want, page)
				}
			}
		})
	}
	if got, want := string(files["_redirects"]), "/about-us/ /en/about/ 301\n/en/old-about/ /en/about/ 301\n"; got != want {
		t.Errorf("_redirects = %q; want %q", got, want)
	}
	if _, ok := files["en/about/index.html"]; !ok {
		t.Errorf("the page itself is gone")
	}
}

func TestExclusion(t *testing.T) {
	tests := []struct {
		name    string
		opts    site.Options
		present []string
		absent  []string
	}{
		{"default", site.Options{},
			[]string{"en/about/index.html", "en/missions/fair/index.html", "en/missions/later/index.html"},
			[]string{"en/draft/index.html", "en/scheduled/index.html", "en/expired/index.html", "en/news/tomorrow/index.html"}},
		{"--drafts", site.Options{Drafts: true},
			[]string{"en/draft/index.html"},
			[]string{"en/scheduled/index.html", "en/expired/index.html", "en/news/tomorrow/index.html"}},
		{"--future", site.Options{Future: true},
			[]string{"en/scheduled/index.html", "en/news/tomorrow/index.html"},
			[]string{"en/draft/index.html", "en/expired/index.html"}},
		{"clock before expiry and after publishDate", site.Options{Clock: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)},
			[]string{"en/expired/index.html"},
			[]string{"en/scheduled/index.html"}},
		{"clock after publishDate", site.Options{Clock: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)},
			[]string{"en/scheduled/index.html", "en/news/tomorrow/index.html"},
			[]string{"en/expired/index.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := buildFiles(t, publishingSite(t), tt.opts)
			for _, p := range tt.present {
				if _, ok := files[p]; !ok {
					t.Errorf("%s missing", p)
				}
			}
			for _, p := range tt.absent {
				if _, ok := files[p]; ok {
					t.Errorf("%s published", p)
				}
				url := "https://consort.example.org/" + strings.TrimSuffix(p, "index.html")
				for _, feed := range []string{"en/sitemap.xml", "en/news/atom.xml"} {
					if bytes.Contains(files[feed], []byte(url)) {
						t.Errorf("%s lists %s", feed, url)
					}
				}
			}
		})
	}
}

func TestMissionLists(t *testing.T) {
	files := buildFiles(t, publishingSite(t), site.Options{})
	list := string(files["en/missions/index.html"])
	up, past, ok := strings.Cut(list, `id="h-past"`)
	if !ok {
		t.Fatalf("no past section in:\n%s", list)
	}
	tests := []struct {
		name, link string
		upcoming   bool
	}{
		{"dated in the future: upcoming", `/en/missions/fair/`, true},
		{"no dates: upcoming", `/en/missions/later/`, true},
		{"over: past", `/en/missions/paris/`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inUp, inPast := strings.Contains(up, tt.link), strings.Contains(past, tt.link)
			if inUp != tt.upcoming || inPast == tt.upcoming {
				t.Errorf("in upcoming: %v, in past: %v; want upcoming %v", inUp, inPast, tt.upcoming)
			}
		})
	}
	t.Run("calendar link on a dated mission only", func(t *testing.T) {
		if !bytes.Contains(files["en/missions/fair/index.html"], []byte(`href="/en/missions/fair.ics"`)) {
			t.Errorf("en/missions/fair/ does not link its .ics")
		}
		if bytes.Contains(files["en/missions/later/index.html"], []byte(`add-to-calendar`)) {
			t.Errorf("en/missions/later/ links an .ics though it has no dates")
		}
		if _, ok := files["en/missions/fair.ics"]; !ok {
			t.Errorf("en/missions/fair.ics not made")
		}
	})
}

var ldOpenRE = regexp.MustCompile(`<script type="?application/ld\+json"?>`)

// jsonLD returns the structured data of a page, parsed.
func jsonLD(t *testing.T, page []byte) map[string]map[string]any {
	t.Helper()
	loc := ldOpenRE.FindIndex(page)
	if loc == nil {
		t.Fatalf("no JSON-LD in the page")
	}
	// The script ends at the first </script>: the JSON before it must be
	// whole, whatever the content says.
	rest := page[loc[1]:]
	j := bytes.Index(rest, []byte("</script>"))
	var doc struct {
		Context string           `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(rest[:j], &doc); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, rest[:j])
	}
	if doc.Context != "https://schema.org" {
		t.Errorf("@context = %q", doc.Context)
	}
	byType := map[string]map[string]any{}
	for _, n := range doc.Graph {
		byType[n["@type"].(string)] = n
	}
	return byType
}

// get follows a path of keys ("address.addressCountry") in a node.
func get(n map[string]any, path string) any {
	var v any = n
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestJSONLD(t *testing.T) {
	files := buildFiles(t, publishingSite(t), site.Options{})
	minified, err := minify.Files(context.Background(), mapFiles(files))
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://consort.example.org"
	type check struct {
		typ, path string
		want      any
	}
	tests := []struct {
		name, page string
		checks     []check
	}{
		{"home", "en/index.html", []check{
			{"WebSite", "name", "Example Consortium"},
			{"WebSite", "publisher.@type", "Organization"},
			{"WebPage", "inLanguage", "en"},
		}},
		{"cluster: Organization", "en/clusters/alpha/index.html", []check{
			{"Organization", "name", "Alpha Cluster"},
			{"Organization", "alternateName", "Alpha"},
			{"Organization", "url", "https://alpha.example.org/"},
			{"Organization", "logo", base + "/img/alpha.svg"},
			{"Organization", "address.addressCountry", "FR"},
			{"Organization", "address.addressLocality", "Lyon"},
			{"Organization", "geo.latitude", 45.76},
			{"Organization", "knowsAbout", []any{"Diagnostics"}},
			{"WebPage", "mainEntity.@id", base + "/en/clusters/alpha/#organization"},
			{"BreadcrumbList", "itemListElement", nil}, // checked below
		}},
		{"partner: Organization member of its cluster", "en/partners/beta/index.html", []check{
			{"Organization", "foundingDate", "1998"},
			{"Organization", "numberOfEmployees.value", 120.0},
			{"Organization", "memberOf.@id", base + "/en/clusters/alpha/#organization"},
		}},
		{"mission: Event with time zone", "en/missions/paris/index.html", []check{
			{"Event", "name", "Paris summit"},
			{"Event", "startDate", "2025-03-29T09:00:00+01:00"},
			{"Event", "endDate", "2025-03-30T17:30:00+02:00"},
			{"Event", "eventStatus", "https://schema.org/EventScheduled"},
			{"Event", "location.address.addressCountry", "FR"},
			{"Event", "location.name", "Paris, France"},
			{"Event", "location.geo.longitude", 2.3522},
		}},
		{"mission: all-day Event", "en/missions/fair/index.html", []check{
			{"Event", "startDate", "2026-06-10"},
			{"Event", "endDate", "2026-06-12"},
			{"Event", "offers.url", "https://fair.example.org/"},
		}},
		{"mission without dates", "en/missions/later/index.html", []check{
			{"Event", "startDate", nil},
			{"Event", "eventStatus", nil},
		}},
		{"news: NewsArticle", "en/news/launch/index.html", []check{
			{"NewsArticle", "headline", "Launch </script><script>alert(1)</script> day"},
			{"NewsArticle", "datePublished", "2025-05-01"},
			{"NewsArticle", "author.name", "Ada Lovelace"},
			{"NewsArticle", "publisher.name", "Example Consortium"},
			{"NewsArticle", "keywords", "launch"},
		}},
		{"interview: Article about a Person", "en/interviews/grace/index.html", []check{
			{"Article", "about.@type", "Person"},
			{"Article", "about.name", "Grace Hopper"},
			{"Article", "about.jobTitle", "Director"},
			{"Article", "about.worksFor.@id", base + "/en/clusters/alpha/#organization"},
		}},
		{"section: CollectionPage", "en/missions/index.html", []check{
			{"CollectionPage", "url", base + "/en/missions/"},
		}},
	}
	for _, tt := range tests {
		for _, min := range []bool{false, true} {
			name := tt.name
			page := files[tt.page]
			if min {
				name += ", minified"
				for _, f := range minified {
					if f.Path == tt.page {
						page = f.Data
					}
				}
			}
			t.Run(name, func(t *testing.T) {
				nodes := jsonLD(t, page)
				for _, c := range tt.checks {
					n, ok := nodes[c.typ]
					if !ok {
						t.Errorf("no %s node", c.typ)
						continue
					}
					if c.path == "itemListElement" {
						items, _ := n["itemListElement"].([]any)
						if len(items) != 3 || get(items[2].(map[string]any), "item") != base+"/en/clusters/alpha/" {
							t.Errorf("breadcrumb = %v; want Home, Clusters, Alpha Cluster", items)
						}
						continue
					}
					got := get(n, c.path)
					if gj, _ := json.Marshal(got); string(gj) != mustJSON(c.want) {
						t.Errorf("%s.%s = %s; want %s", c.typ, c.path, gj, mustJSON(c.want))
					}
				}
			})
		}
	}
}

func mapFiles(m map[string][]byte) []output.File {
	var files []output.File
	for p, d := range m {
		files = append(files, output.File{Path: p, Data: d})
	}
	output.Sort(files)
	return files
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestHeadMetadata(t *testing.T) {
	files := buildFiles(t, publishingSite(t), site.Options{})
	const base = "https://consort.example.org"
	tests := []struct {
		name, page string
		want, not  []string
	}{
		{"translated page", "en/about/index.html", []string{
			`<html lang="en"`,
			`<link rel="canonical" href="` + base + `/en/about/">`,
			`<link rel="alternate" hreflang="en" href="` + base + `/en/about/">`,
			`<link rel="alternate" hreflang="fr" href="` + base + `/fr/about/">`,
			`<link rel="alternate" hreflang="x-default" href="` + base + `/en/about/">`,
			`<meta property="og:title" content="About">`,
			`<meta property="og:description" content="Who we are.">`,
			`<meta property="og:url" content="` + base + `/en/about/">`,
			`<meta property="og:locale" content="en_US">`,
			`<meta property="og:locale:alternate" content="fr_FR">`,
			`<meta name="twitter:card" content="summary">`,
			`<link rel="alternate" type="application/atom&#43;xml" title="News – Example Consortium" href="/en/news/atom.xml">`,
			`<link rel="alternate" type="text/calendar" title="Missions – Example Consortium" href="/en/missions/calendar.ics">`,
		}, nil},
		{"untranslated page", "en/news/launch/index.html", []string{
			`<meta property="og:type" content="article">`,
			`<meta property="article:published_time" content="2025-05-01">`,
		}, []string{`hreflang="x-default"`, `og:locale:alternate`}},
		{"cluster logo as image", "en/clusters/alpha/index.html", []string{
			`<meta property="og:image" content="` + base + `/img/alpha.svg">`,
			`<meta name="twitter:image" content="` + base + `/img/alpha.svg">`,
		}, nil},
		{"404", "en/404.html", []string{`<meta name="robots" content="noindex">`}, []string{`rel="canonical"`, `application/ld+json`}},
		{"French page, no French news", "fr/about/index.html", []string{`<html lang="fr"`, `<meta property="og:locale" content="fr_FR">`}, []string{`atom.xml`, `calendar.ics`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(files[tt.page])
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("lacks %s", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(page, n) {
					t.Errorf("has %s", n)
				}
			}
		})
	}
}

func TestAliasClash(t *testing.T) {
	fsys := publishingSite(t)
	fsys["content/fr/about.md"].Data = []byte("---\ntitle: À propos\naliases: [/en/about/]\n---\nx\n")
	_, err := inMemory(build.Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: publishClock}})
	var ps site.Problems
	if !errors.As(err, &ps) || !strings.Contains(ps.Error(), "content/fr/about.md:3: aliases: /en/about/ is already the address of content/en/about.md") {
		t.Errorf("got %v; want the alias clash reported on content/fr/about.md:3", err)
	}
}
