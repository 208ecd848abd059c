package feeds_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/feeds"
	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/tools/txtar"
)

// clock is the build time of every test: after the Paris summit, before
// the other missions.
var clock = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// loadSite loads a txtar site from testdata.
func loadSite(t *testing.T, name string, opts site.Options) *site.Site {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if opts.Clock.IsZero() {
		opts.Clock = clock
	}
	s, err := site.Load(fsys, opts)
	if err != nil {
		t.Fatalf("loading %s: %v", name, err)
	}
	return s
}

// renderedPages stands in for the renderer: one HTML file per page, a 404
// page per language, a page that asks not to be indexed and the root.
func renderedPages(s *site.Site) []output.File {
	var files []output.File
	for _, p := range s.Pages {
		files = append(files, output.File{Path: strings.TrimPrefix(p.URL, "/") + "index.html", Data: []byte("<!DOCTYPE html><title>" + p.Title() + "</title>")})
	}
	for _, lang := range s.Langs() {
		files = append(files, output.File{Path: lang + "/404.html", Data: []byte("<!DOCTYPE html><title>404</title>")})
	}
	files = append(files,
		output.File{Path: "en/private/index.html", Data: []byte(`<!DOCTYPE html><meta name="robots" content="noindex, nofollow"><title>x</title>`)},
		output.File{Path: "en/news/page/2/index.html", Data: []byte(`<!DOCTYPE html><title>News, page 2</title>`)},
		output.File{Path: "index.html", Data: []byte(`<!DOCTYPE html><title>Choose</title>`)},
		output.File{Path: "css/site.css", Data: []byte(`body{}`)},
	)
	return files
}

func allFiles(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	bundle, err := i18n.LoadDir(templates.FS, "i18n", s.Langs())
	if err != nil {
		t.Fatal(err)
	}
	files, err := feeds.Files(s, renderedPages(s), feeds.Options{Bundle: bundle})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range files {
		if _, dup := m[f.Path]; dup {
			t.Errorf("%s is made twice", f.Path)
		}
		m[f.Path] = f.Data
	}
	return m
}

func TestFilesList(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	files := allFiles(t, s)
	want := []string{
		"_redirects",
		"about-us/index.html",
		"en/calendar.ics", // not made: see below
		"en/missions/brazil.ics",
		"en/missions/calendar.ics",
		"en/missions/fair.ics",
		"en/missions/paris-summit.ics",
		"en/missions/webinar.ics",
		"en/news/atom.xml",
		"en/sitemap.xml",
		"en/who-we-are/index.html",
		"fr/actualites/atom.xml",
		"fr/missions/calendar.ics",
		"fr/missions/paris-summit.ics",
		"fr/sitemap.xml",
		"robots.txt",
		"sitemap.xml",
	}
	for _, name := range want {
		_, ok := files[name]
		if name == "en/calendar.ics" {
			if ok {
				t.Errorf("%s made; calendars live in the missions section", name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s not made", name)
		}
	}
	if _, ok := files["en/missions/china.ics"]; ok {
		t.Errorf("en/missions/china.ics made for a mission without dates")
	}
	if len(files) != len(want)-1 {
		var got []string
		for k := range files {
			got = append(got, k)
		}
		t.Errorf("got %d files %v; want %d", len(files), got, len(want)-1)
	}
}

func TestURLs(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	tests := []struct {
		name, got, want string
	}{
		{"atom en", feedURL(s, "en"), "/en/news/atom.xml"},
		{"atom fr", feedURL(s, "fr"), "/fr/actualites/atom.xml"},
		{"calendar en", calendarURL(s, "en"), "/en/missions/calendar.ics"},
		{"mission ics", missionURL(s, s.Page("content/en/missions/fair.md")), "/en/missions/fair.ics"},
		{"undated mission", missionURL(s, s.Page("content/en/missions/china.md")), ""},
		{"not a mission", missionURL(s, s.Page("content/en/about.md")), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q; want %q", tt.got, tt.want)
			}
		})
	}
}

type xmlURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func TestSitemaps(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	files := allFiles(t, s)

	var index struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &index); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	var locs []string
	for _, sm := range index.Sitemaps {
		locs = append(locs, sm.Loc)
	}
	if got, want := strings.Join(locs, " "), "https://consort.example.org/en/sitemap.xml https://consort.example.org/fr/sitemap.xml"; got != want {
		t.Errorf("sitemap index lists %s; want %s", got, want)
	}

	var en xmlURLSet
	if err := xml.Unmarshal(files["en/sitemap.xml"], &en); err != nil {
		t.Fatalf("en/sitemap.xml: %v", err)
	}
	byLoc := map[string]int{}
	for i, u := range en.URLs {
		byLoc[u.Loc] = i
	}
	base := "https://consort.example.org"
	tests := []struct {
		name    string
		loc     string
		listed  bool
		lastmod string
		links   string // hreflang=href, space separated
	}{
		{"translated page", base + "/en/about/", true, "", "en=" + base + "/en/about/ fr=" + base + "/fr/about/ x-default=" + base + "/en/about/"},
		{"home", base + "/en/", true, "", "en=" + base + "/en/ fr=" + base + "/fr/ x-default=" + base + "/en/"},
		{"news with date", base + "/en/news/first/", true, "2024-03-05", "en=" + base + "/en/news/first/ fr=" + base + "/fr/actualites/first/ x-default=" + base + "/en/news/first/"},
		{"untranslated page has no alternates; lastmod its publishDate", base + "/en/news/second/", true, "2024-04-12", ""},
		{"generated page", base + "/en/news/page/2/", true, "", ""},
		{"noindex page", base + "/en/private/", false, "", ""},
		{"404", base + "/en/404.html", false, "", ""},
		{"root chooser", base + "/", false, "", ""},
		{"alias", base + "/about-us/", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, ok := byLoc[tt.loc]
			if ok != tt.listed {
				t.Fatalf("listed = %v; want %v", ok, tt.listed)
			}
			if !ok {
				return
			}
			u := en.URLs[i]
			if u.LastMod != tt.lastmod {
				t.Errorf("lastmod = %q; want %q", u.LastMod, tt.lastmod)
			}
			var links []string
			for _, l := range u.Links {
				if l.Rel != "alternate" {
					t.Errorf("rel = %q; want alternate", l.Rel)
				}
				links = append(links, l.HrefLang+"="+l.Href)
			}
			if got := strings.Join(links, " "); got != tt.links {
				t.Errorf("links\n got %s\nwant %s", got, tt.links)
			}
		})
	}
}

// TestSitemapSchema validates every sitemap against the sitemaps.org XSD
// (with the xhtml:link extension) and the index against the protocol's
// sitemapindex, with xmllint (Debian's libxml2-utils).
func TestSitemapSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CONSORT_REQUIRE_XMLLINT") != "" {
			t.Fatal("xmllint is not installed; apt-get install libxml2-utils")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils)")
	}
	s := loadSite(t, "site.txtar", site.Options{})
	files := allFiles(t, s)
	dir := t.TempDir()
	tests := []struct{ name, file, schema string }{
		{"index", "sitemap.xml", "siteindex.xsd"},
		{"en", "en/sitemap.xml", "sitemap-hreflang.xsd"},
		{"fr", "fr/sitemap.xml", "sitemap-hreflang.xsd"},
		{"minified en", "en/sitemap.xml", "sitemap-hreflang.xsd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := files[tt.file]
			if strings.HasPrefix(tt.name, "minified") {
				data = minifyXML(t, tt.file, data)
			}
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".xml")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			schema, _ := filepath.Abs(filepath.Join("testdata", tt.schema))
			out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, path).CombinedOutput()
			if err != nil {
				t.Errorf("xmllint: %v\n%s", err, out)
			}
		})
	}
	t.Run("schema rejects a broken sitemap", func(t *testing.T) {
		path := filepath.Join(dir, "broken.xml")
		broken := bytes.Replace(files["en/sitemap.xml"], []byte("<loc>"), []byte("<location>"), 1)
		broken = bytes.Replace(broken, []byte("</loc>"), []byte("</location>"), 1)
		os.WriteFile(path, broken, 0o644)
		schema, _ := filepath.Abs(filepath.Join("testdata", "sitemap-hreflang.xsd"))
		if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, path).CombinedOutput(); err == nil {
			t.Errorf("xmllint accepted <location>: %s", out)
		}
	})
}

func TestRobots(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{BaseURL: "https://preview.example.net/"})
	got := string(feeds.Robots(s).Data)
	want := "User-agent: *\nAllow: /\n\nSitemap: https://preview.example.net/sitemap.xml\n"
	if got != want {
		t.Errorf("robots.txt\n got %q\nwant %q", got, want)
	}
}

func TestRedirects(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	files := allFiles(t, s)
	tests := []struct{ name, file string }{
		{"alias with slash", "about-us/index.html"},
		{"alias without slash", "en/who-we-are/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(files[tt.file])
			for _, want := range []string{
				`<html lang="en">`,
				`<link rel="canonical" href="https://consort.example.org/en/about/">`,
				`<meta http-equiv="refresh" content="0; url=https://consort.example.org/en/about/">`,
				`<meta name="robots" content="noindex">`,
				`<a href="https://consort.example.org/en/about/">About</a>`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %s:\n%s", tt.file, want, page)
				}
			}
		})
	}
	if got, want := string(files["_redirects"]), "/about-us/ /en/about/ 301\n/en/who-we-are /en/about/ 301\n"; got != want {
		t.Errorf("_redirects\n got %q\nwant %q", got, want)
	}
}

func TestRedirectProblems(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, aliases, want string
	}{
		{"alias of a page", "content/fr/about.md", "[/en/about/]", "content/fr/about.md:3: aliases: /en/about/ is already the address of content/en/about.md; remove the alias"},
		{"alias of a generated page", "content/fr/about.md", "[/en/news/page/2/]", "content/fr/about.md:3: aliases: /en/news/page/2/ is already the address of /en/news/page/2/; remove the alias"},
		{"alias of two pages", "content/fr/about.md", "[/About-Us/]", "content/fr/about.md:3: aliases: /About-Us/ is also an alias of content/en/about.md; an old address can lead to one page only"},
		{"encoded alias", "content/fr/about.md", "[/vieille%20page/]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range ar.Files {
				data := f.Data
				if f.Name == tt.file {
					data = bytes.Replace(data, []byte("title: À propos\n"), []byte("title: À propos\naliases: "+tt.aliases+"\n"), 1)
				}
				fsys[f.Name] = &fstest.MapFile{Data: data}
			}
			s, err := site.Load(fsys, site.Options{Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			files, err := feeds.Redirects(s, renderedPages(s))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("got %v; want no problem", err)
				}
				for _, f := range files {
					if f.Path == "_redirects" && !strings.Contains(string(f.Data), "/vieille%20page/ /fr/about/ 301\n") {
						t.Errorf("_redirects = %q; want the alias percent-encoded", f.Data)
					}
					if strings.HasPrefix(f.Path, "vieille") && f.Path != "vieille page/index.html" {
						t.Errorf("alias page at %q; want the decoded path", f.Path)
					}
				}
				return
			}
			var ps site.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v; want site.Problems", err)
			}
			if got := ps.Error(); got != tt.want {
				t.Errorf("got %s; want %s", got, tt.want)
			}
		})
	}
}

func TestNoIndex(t *testing.T) {
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"meta noindex", `<head><meta name="robots" content="noindex"></head>`, true},
		{"upper case", `<HEAD><META NAME=ROBOTS CONTENT="NOINDEX, follow"></HEAD>`, true},
		{"word in the text only", `<p>noindex is a robots value</p>`, false},
		{"no word", `<p>nothing to see, no index</p>`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := feeds.NoIndex([]byte(tt.page)); got != tt.want {
				t.Errorf("NoIndex(%q) = %v; want %v", tt.page, got, tt.want)
			}
		})
	}
}

// feedURL, calendarURL and missionURL are the addresses of a site's feeds
// that exist, or "".
func feedURL(s *site.Site, lang string) string {
	if !s.HasNewsFeed(lang) {
		return ""
	}
	return s.Config.URLs().Atom(lang)
}

func calendarURL(s *site.Site, lang string) string {
	if !s.HasCalendar(lang) {
		return ""
	}
	return s.Config.URLs().Calendar(lang)
}

func missionURL(s *site.Site, p *site.Page) string {
	if !p.HasCalendar() {
		return ""
	}
	return s.Config.URLs().MissionCalendar(p.Lang, p.Slug)
}
