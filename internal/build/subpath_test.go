package build

import (
	"bufio"
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/net/html"
)

// TestSubPath publishes sites under https://example.github.io/biox4clusters/,
// as a GitHub Pages project site is, and at the root of a host: served by
// a host that answers only under the base URL's path, every page and every
// file any output names is there (zero broken links or assets), and no
// output names an address of the site without the path: HTML attributes,
// srcset, inline JSON, CSS url(), JSON, XML, ICS, robots.txt, _redirects,
// citation files.
func TestSubPath(t *testing.T) {
	sites := map[string]fstest.MapFS{
		"shipped":    shippedWithEverything(t),
		"publishing": fixture(t, "publishing/site"),
		"scholarly":  fixture(t, "scholarly"),
		"languages":  fixture(t, "multilingual"),
		"corpus":     corpusFS(t, 400), // pagers, facet pages, maps
	}
	for _, base := range []string{"https://example.github.io/biox4clusters/", "https://example.org/"} {
		for _, name := range []string{"shipped", "publishing", "scholarly", "languages", "corpus"} {
			t.Run(name+" at "+base, func(t *testing.T) {
				res, err := inMemory(Options{Source: sites[name], Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock, BaseURL: base}})
				if err != nil {
					t.Fatal(err)
				}
				c := newCrawl(t, res.Files, base)
				c.run()
				t.Logf("%d files; %d addresses fetched, %d search prefixes", len(res.Files), c.fetched, c.prefixes)
				if c.fetched < len(res.Files)/2 {
					t.Errorf("fetched %d addresses for %d files; the crawl missed most of the site", c.fetched, len(res.Files))
				}
			})
		}
	}
}

// shippedWithEverything is the repository's site with what it does not
// use yet: a CMS with a script of the site's own, an alias, a picture to
// resize, a Markdown link and image from the root.
func shippedWithEverything(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../..")
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := fsys["content/site.yaml"]
	cfg.Data = append(cfg.Data, "\ncms:\n  backend: test-repo\n  script: /admin/sveltia-cms.js\n"...)
	about := fsys["content/en/about.md"]
	if about == nil {
		t.Fatal("the shipped site has no content/en/about.md")
	}
	about.Data = bytes.Replace(about.Data, []byte("\ntitle:"), []byte("\naliases: [/en/who-we-are/, /old-about.html]\ntitle:"), 1)
	about.Data = append(about.Data, "\n![A photo of the partners](/img/photo.png)\n\nSee [the catalogue](/en/catalogue/) and [our goals](objectives.md#top).\n"...)
	fsys["static/img/photo.png"] = &fstest.MapFile{Data: testPNG(t, 1400, 800)}
	fsys["static/admin/sveltia-cms.js"] = &fstest.MapFile{Data: []byte("/* the CMS */\n")}
	return fsys
}

// crawl fetches a built site from a host that serves it under its base
// URL's path only, and reads every output for the addresses it names.
type crawl struct {
	errorf   func(format string, args ...any) // t.Errorf
	files    map[string][]byte
	base     *url.URL
	prefix   string // "/biox4clusters", "" at the root
	srv      *httptest.Server
	seen     map[string]bool
	fetched  int
	prefixes int
}

func newCrawl(t *testing.T, files []output.File, base string) *crawl {
	c := &crawl{errorf: t.Errorf, files: map[string][]byte{}, seen: map[string]bool{}}
	c.base, _ = url.Parse(base)
	c.prefix = strings.TrimSuffix(c.base.Path, "/")
	for _, f := range files {
		c.files[f.Path] = f.Data
	}
	c.srv = httptest.NewServer(http.HandlerFunc(c.serve))
	t.Cleanup(c.srv.Close)
	return c
}

// serve answers as a static host of the output at the base URL's path:
// 404 for anything outside it, and for a folder without its slash (the
// site always writes it).
func (c *crawl) serve(w http.ResponseWriter, r *http.Request) {
	p, ok := strings.CutPrefix(r.URL.Path, c.prefix+"/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	data, ok := c.files[p]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

// run reads every output for the addresses it names, checks that those
// of the site carry the base URL's path, and fetches each once.
func (c *crawl) run() {
	names := make([]string, 0, len(c.files))
	for name := range c.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		from, _ := url.Parse(c.base.Scheme + "://" + c.base.Host + c.prefix + "/" + name)
		for _, ref := range refsOf(name, c.files[name]) {
			c.check(name, from, ref)
		}
		for _, ref := range prefixesOf(name, c.files[name]) {
			c.prefixes++
			c.checkPrefix(name, from, ref)
		}
	}
}

// checkPrefix checks that ref, an address named in file, carries the base
// URL's path when it is one of the site's, and returns it resolved; nil
// when it is not an address of the site or does not carry the path.
func (c *crawl) checkPrefix(file string, from *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "data:") {
		return nil
	}
	u, err := url.Parse(ref)
	if err != nil {
		c.errorf("%s: %q is not an address", file, ref)
		return nil
	}
	abs := from.ResolveReference(u)
	if (abs.Scheme != "http" && abs.Scheme != "https") || !strings.EqualFold(abs.Host, c.base.Host) {
		return nil // another site, mailto:
	}
	if abs.Path != c.prefix+"/" && !strings.HasPrefix(abs.Path, c.prefix+"/") {
		c.errorf("%s: %q is an address of the site without its path %s/", file, ref, c.prefix)
		return nil
	}
	return abs
}

// check checks one address named in file: it carries the base URL's path
// and the host serves it.
func (c *crawl) check(file string, from *url.URL, ref string) {
	abs := c.checkPrefix(file, from, ref)
	if abs == nil {
		return
	}
	key := abs.EscapedPath()
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.fetched++
	resp, err := http.Get(c.srv.URL + key)
	if err != nil {
		c.errorf("%s: %q: %v", file, ref, err)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.errorf("%s: %q: got %d from a host serving the site at %s/ only", file, ref, resp.StatusCode, c.prefix)
	}
}

var (
	cssURL     = regexp.MustCompile(`url\(\s*['"]?([^'")\s]+)`)
	absURL     = regexp.MustCompile(`https?://[^\s"'<>\\,;(){}]+`)
	xmlHref    = regexp.MustCompile(`\bhref=["']([^"']+)`)
	rootInText = regexp.MustCompile(`^/[^/\s]`)
	scriptPath = regexp.MustCompile(`["'](/[A-Za-z][^"'\s]*)["']`) // a quoted path from the root in an inline script
)

// refsOf returns the addresses an output names, by its kind. Addresses
// from the site's root are what a host would look up; absolute ones are
// checked when they are the site's host.
func refsOf(name string, data []byte) []string {
	switch ext := path.Ext(name); {
	case ext == ".html":
		return htmlRefs(data)
	case ext == ".css":
		return submatches(cssURL, data)
	case ext == ".json":
		var v any
		if json.Unmarshal(data, &v) != nil {
			return nil
		}
		return jsonRefs(v, nil)
	case ext == ".xml" || ext == ".bib" || ext == ".csv" || name == "robots.txt":
		return append(absURL.FindAllString(string(data), -1), submatches(xmlHref, data)...)
	case ext == ".ics":
		return icsRefs(data)
	case path.Base(name) == "_redirects":
		var refs []string
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) >= 2 && !strings.HasPrefix(f[0], "#") {
				refs = append(refs, f[0], f[1])
			}
		}
		return refs
	}
	return nil // scripts, images, fonts
}

// htmlRefs returns the addresses of an HTML page's attributes, srcset
// lists, inline JSON and styles.
func htmlRefs(data []byte) []string {
	var refs []string
	z := html.NewTokenizer(bytes.NewReader(data))
	inJSON, inScript, inStyle := false, false, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return refs
		case html.TextToken:
			switch {
			case inJSON:
				var v any
				if json.Unmarshal(z.Text(), &v) == nil {
					refs = jsonRefs(v, refs)
				}
			case inScript:
				refs = append(refs, submatches(scriptPath, z.Text())...)
			case inStyle:
				refs = append(refs, submatches(cssURL, z.Text())...)
			}
		case html.EndTagToken:
			inJSON, inScript, inStyle = false, false, false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			inJSON, inScript, inStyle = false, tok.Data == "script", tok.Data == "style"
			for _, a := range tok.Attr {
				switch {
				case tok.Data == "script" && a.Key == "type" && strings.Contains(a.Val, "json"):
					inJSON, inScript = true, false
				case a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "poster" || a.Key == "data" && tok.Data == "object":
					refs = append(refs, a.Val)
				case a.Key == "srcset" || a.Key == "imagesrcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				case a.Key == "content" || strings.HasPrefix(a.Key, "data-"):
					if absURL.MatchString(a.Val) && strings.HasPrefix(a.Val, "http") || rootInText.MatchString(a.Val) {
						refs = append(refs, a.Val)
					}
				case a.Key == "style":
					refs = append(refs, submatches(cssURL, []byte(a.Val))...)
				}
			}
		}
	}
}

// prefixesOf returns what an output names that starts addresses without
// being one: the catalogue search index's URL prefixes, to which its
// script adds a page's slug.
func prefixesOf(name string, data []byte) []string {
	if !strings.HasPrefix(path.Base(name), "search.") || path.Ext(name) != ".json" {
		return nil
	}
	var index struct{ Prefix []string }
	if err := json.Unmarshal(data, &index); err != nil {
		return []string{"(not JSON: " + err.Error() + ")"}
	}
	return index.Prefix
}

// jsonRefs appends the strings of a JSON value that are addresses: from
// the site's root, or absolute (but a search index's prefixes: see
// prefixesOf).
func jsonRefs(v any, refs []string) []string {
	switch v := v.(type) {
	case string:
		if rootInText.MatchString(v) && !strings.ContainsAny(v, " \n") || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
			refs = append(refs, v)
		}
	case []any:
		for _, e := range v {
			refs = jsonRefs(e, refs)
		}
	case map[string]any:
		for k, e := range v {
			if k != "prefix" {
				refs = jsonRefs(e, refs)
			}
		}
	}
	return refs
}

// icsRefs returns the URL properties of an iCalendar file, its long
// lines unfolded.
func icsRefs(data []byte) []string {
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n\t", "")
	var refs []string
	for _, line := range strings.Split(text, "\r\n") {
		if v, ok := strings.CutPrefix(line, "URL:"); ok {
			refs = append(refs, v)
		} else if strings.Contains(line, "http") {
			refs = append(refs, absURL.FindAllString(strings.ReplaceAll(line, `\,`, ","), -1)...)
		}
	}
	return refs
}

func submatches(re *regexp.Regexp, data []byte) []string {
	var out []string
	for _, m := range re.FindAllSubmatch(data, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// TestSubPathCrawlCatches: the crawl reports an address of the site
// without its path and a missing file, so that TestSubPath can fail.
func TestSubPathCrawlCatches(t *testing.T) {
	files := []output.File{
		{Path: "index.html", Data: []byte(`<!DOCTYPE html><a href="/biox4clusters/en/">ok</a><a href="/en/">bare</a><img src="/biox4clusters/img/gone.png" alt=""><script type="application/ld+json">{"url":"https://example.github.io/fr/"}</script><script>location.replace("/de/")</script>`)},
		{Path: "en/index.html", Data: []byte(`<!DOCTYPE html><link rel=stylesheet href="../css/site.css"><link rel=stylesheet href="../css/gone.css">`)},
		{Path: "css/site.css", Data: []byte(`a{background:url(/img/x.svg)}`)},
		{Path: "sitemap.xml", Data: []byte(`<urlset><url><loc>https://example.github.io/biox4clusters/fr/</loc></url></urlset>`)},
	}
	var got []string
	c := newCrawl(t, files, "https://example.github.io/biox4clusters/")
	c.errorf = func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) }
	c.run()
	want := []string{
		`index.html: "/en/" is an address of the site without its path /biox4clusters/`,
		`index.html: "/biox4clusters/img/gone.png": got 404 from a host serving the site at /biox4clusters/ only`,
		`index.html: "https://example.github.io/fr/" is an address of the site without its path /biox4clusters/`,
		`index.html: "/de/" is an address of the site without its path /biox4clusters/`,
		`en/index.html: "../css/gone.css": got 404 from a host serving the site at /biox4clusters/ only`,
		`css/site.css: "/img/x.svg" is an address of the site without its path /biox4clusters/`,
		`sitemap.xml: "https://example.github.io/biox4clusters/fr/": got 404 from a host serving the site at /biox4clusters/ only`,
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the crawl reported\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCMSScriptOfTheSite: a CMS script kept in static/ (cms.script:
// /admin/sveltia-cms.js) is loaded from the name it is published under,
// with the Subresource Integrity hash of the bytes published.
func TestCMSScriptOfTheSite(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://example.github.io/biox4clusters/"} {
		res, err := inMemory(Options{Source: shippedWithEverything(t), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock, BaseURL: base}})
		if err != nil {
			t.Fatal(err)
		}
		prefix := strings.TrimSuffix(strings.TrimPrefix(base, "https://example.github.io"), "/")
		prefix = strings.TrimPrefix(prefix, "https://example.org")
		m := regexp.MustCompile(`<script src="?([^" >]+)"? integrity="?([^" >]+)"?`).FindStringSubmatch(file(t, res, "admin/index.html"))
		if m == nil {
			t.Fatalf("base %s: admin/index.html loads no script with an integrity hash:\n%s", base, file(t, res, "admin/index.html"))
		}
		name, ok := strings.CutPrefix(m[1], prefix+"/")
		if !ok {
			t.Errorf("base %s: script %s is not under %s/", base, m[1], prefix)
		}
		data := []byte(file(t, res, name))
		sum := sha512.Sum384(data)
		if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); m[2] != want {
			t.Errorf("base %s: integrity %s; want %s, the hash of %s as published", base, m[2], want, name)
		}
	}
}
