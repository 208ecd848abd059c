package build_test

// The default theme on the shipped site (content/ at the module root), as
// published (minified): the structure every page must have, axe-core in
// headless Chromium, and the Nu HTML Checker. The browser tests skip
// without Chromium, axe-core or vnu.jar, and fail instead in CI
// (CONSORT_REQUIRE_BROWSER=1; .ci/run installs them).

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

type a11ySite struct {
	res   *build.Result
	files []output.File
}

// a11yBuild builds the shipped site and minifies it, as consort build does.
func a11yBuild(t *testing.T) *a11ySite {
	t.Helper()
	res, err := inMemory(build.Options{
		Source: os.DirFS("../.."), Theme: templates.FS, Static: static.FS,
		Site: site.Options{Clock: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		t.Fatalf("the shipped site does not build: %v", err)
	}
	files := res.Files
	return &a11ySite{res: res, files: files}
}

// pages are the HTML files, by path.
func (s *a11ySite) pages() []output.File {
	var out []output.File
	for _, f := range s.files {
		if path.Ext(f.Path) == ".html" {
			out = append(out, f)
		}
	}
	return out
}

// a11yPage is a parsed page and what the checks need to know of it.
type a11yPage struct {
	path string
	doc  *html.Node
	base string // the site's base URL, "https://www.example.org/"
	lang string // the site's default language
}

// pageChecks are what every page of the theme must have.
var pageChecks = []struct {
	name  string
	check func(p a11yPage) error
}{
	{"html lang is the page's language", func(p a11yPage) error {
		lang := attr(find(p.doc, atom.Html)[0], "lang")
		want := strings.SplitN(p.path, "/", 2)[0]
		if p.path == "index.html" || p.path == "404.html" { // the root chooser and the host's 404: the default language
			want = p.lang
		}
		if lang != want {
			return fmt.Errorf("got lang %q; want %q", lang, want)
		}
		return nil
	}},
	{"one h1", func(p a11yPage) error {
		if n := len(find(p.doc, atom.H1)); n != 1 {
			return fmt.Errorf("got %d h1; want 1", n)
		}
		return nil
	}},
	{"canonical link to itself, or noindex on a 404 page", func(p a11yPage) error {
		var canon []string
		for _, l := range find(p.doc, atom.Link) {
			if attr(l, "rel") == "canonical" {
				canon = append(canon, attr(l, "href"))
			}
		}
		if path.Base(p.path) == "404.html" {
			for _, m := range find(p.doc, atom.Meta) {
				if attr(m, "name") == "robots" && strings.Contains(attr(m, "content"), "noindex") && len(canon) == 0 {
					return nil
				}
			}
			return fmt.Errorf("a 404 page: got canonical %q and no robots noindex; want noindex and no canonical", canon)
		}
		want := p.base + strings.TrimSuffix(p.path, "index.html")
		if len(canon) != 1 || canon[0] != want {
			return fmt.Errorf("got canonical %q; want [%q]", canon, want)
		}
		return nil
	}},
	{"skip link first, to the main landmark", func(p a11yPage) error {
		first := firstFocusable(find(p.doc, atom.Body)[0])
		if first == nil || first.DataAtom != atom.A || !strings.HasPrefix(attr(first, "href"), "#") {
			return fmt.Errorf("the first focusable element is not a link to #main: %v", describe(first))
		}
		id := strings.TrimPrefix(attr(first, "href"), "#")
		for _, m := range find(p.doc, atom.Main) {
			if attr(m, "id") == id {
				if n := len(find(p.doc, atom.Main)); n != 1 {
					return fmt.Errorf("got %d main elements; want 1", n)
				}
				return nil
			}
		}
		return fmt.Errorf("the skip link goes to #%s, which is not the <main>", id)
	}},
	{"headings in order", func(p a11yPage) error {
		level := 0
		var err error
		walk(find(p.doc, atom.Body)[0], func(n *html.Node) {
			l := headingLevel(n)
			if l == 0 || err != nil {
				return
			}
			if l > level+1 {
				err = fmt.Errorf("h%d %q follows h%d", l, text(n), level)
			}
			level = l
		})
		return err
	}},
	{"language links with hreflang and lang", func(p a11yPage) error {
		for _, a := range find(p.doc, atom.A) {
			if h := attr(a, "hreflang"); h != "" && attr(a, "lang") != h {
				return fmt.Errorf("link %q: hreflang %q, lang %q; want both", text(a), h, attr(a, "lang"))
			}
		}
		return nil
	}},
	{"links and images have a text", func(p a11yPage) error {
		for _, a := range find(p.doc, atom.A) {
			if strings.TrimSpace(text(a)) == "" && attr(a, "aria-label") == "" {
				return fmt.Errorf("a link to %q without text", attr(a, "href"))
			}
		}
		for _, img := range find(p.doc, atom.Img) {
			if _, ok := attrOK(img, "alt"); !ok {
				return fmt.Errorf("an image %q without alt", attr(img, "src"))
			}
		}
		return nil
	}},
	{"no script but the catalogue's, none from another host", func(p a11yPage) error {
		for _, s := range find(p.doc, atom.Script) {
			src, typ := attr(s, "src"), attr(s, "type")
			switch {
			case typ == "application/ld+json":
			case src == "" && p.path == "index.html": // the root chooser's redirect
			case src == "" && len(text(s)) <= 200: // a flag for CSS, such as the catalogue's cat-js
			case strings.HasPrefix(src, "/js/") && (attrHas(s, "defer") || attrHas(s, "async")):
			default:
				return fmt.Errorf("script src=%q type=%q: want none, or a deferred one of the site's", src, typ)
			}
		}
		for _, l := range find(p.doc, atom.Link) {
			if href := attr(l, "href"); attr(l, "rel") == "stylesheet" && !strings.HasPrefix(href, "/") {
				return fmt.Errorf("stylesheet %q from another host", href)
			}
		}
		return nil
	}},
	{"ids are unique", func(p a11yPage) error {
		seen := map[string]bool{}
		var err error
		walk(p.doc, func(n *html.Node) {
			if id := attr(n, "id"); id != "" && n.Type == html.ElementNode {
				if seen[id] && err == nil {
					err = fmt.Errorf("id %q twice", id)
				}
				seen[id] = true
			}
		})
		return err
	}},
}

// TestEveryPage checks the structure of every page of the shipped site.
func TestEveryPage(t *testing.T) {
	s := a11yBuild(t)
	pages := s.pages()
	if len(pages) < 100 {
		t.Fatalf("got %d pages; want the shipped site's 100 and more", len(pages))
	}
	for _, f := range pages {
		doc, err := html.Parse(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		p := a11yPage{path: f.Path, doc: doc, base: s.res.Site.Config.BaseURL, lang: s.res.Site.Config.DefaultLang()}
		for _, c := range pageChecks {
			if err := c.check(p); err != nil {
				t.Errorf("%s: %s: %v", f.Path, c.name, err)
			}
		}
	}
}

// TestPageChecksCatch makes sure the checks fail on pages that lack what
// they look for.
func TestPageChecksCatch(t *testing.T) {
	const good = `<!DOCTYPE html><html lang="en"><head><link rel="canonical" href="https://x.org/en/a/"></head>` +
		`<body><a href="#main">Skip</a><main id="main"><h1>T</h1><h2>S</h2><a href="/fr/a/" hreflang="fr" lang="fr">Français</a></main></body></html>`
	tests := []struct {
		name, check, from, to string
	}{
		{"no lang", "html lang is the page's language", `lang="en"`, ``},
		{"two h1", "one h1", `<h2>S</h2>`, `<h1>S</h1>`},
		{"canonical elsewhere", "canonical link to itself, or noindex on a 404 page", `/en/a/`, `/en/b/`},
		{"no skip link", "skip link first, to the main landmark", `<a href="#main">Skip</a>`, ``},
		{"skipped level", "headings in order", `<h2>S</h2>`, `<h3>S</h3>`},
		{"hreflang without lang", "language links with hreflang and lang", ` lang="fr"`, ``},
		{"empty link", "links and images have a text", `Français`, ``},
		{"third-party script", "no script but the catalogue's, none from another host", `</main>`, `</main><script src="https://cdn.example/x.js"></script>`},
		{"duplicate id", "ids are unique", `<h1>`, `<h1 id="main">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := slices.IndexFunc(pageChecks, func(c struct {
				name  string
				check func(p a11yPage) error
			}) bool {
				return c.name == tt.check
			})
			if i < 0 {
				t.Fatalf("no check %q", tt.check)
			}
			parse := func(src string) a11yPage {
				doc, err := html.Parse(strings.NewReader(src))
				if err != nil {
					t.Fatal(err)
				}
				return a11yPage{path: "en/a/index.html", doc: doc, base: "https://x.org/"}
			}
			if err := pageChecks[i].check(parse(good)); err != nil {
				t.Fatalf("the good page fails: %v", err)
			}
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("%q is not in the good page", tt.from)
			}
			if err := pageChecks[i].check(parse(bad)); err == nil {
				t.Errorf("got no error on %s; want one", tt.name)
			}
		})
	}
}

// TestAxe runs axe-core's WCAG 2.1 A and AA rules on every page, and on
// one page of each type in dark mode too, in a few tabs at once.
func TestAxe(t *testing.T) {
	s := a11yBuild(t)
	ctx := browser.New(t)
	base := a11yServe(t, s.files)
	type job struct{ url, scheme string }
	var jobs []job
	for _, f := range s.pages() {
		if f.Path != "index.html" { // the root chooser redirects at once
			jobs = append(jobs, job{"/" + strings.TrimSuffix(f.Path, "index.html"), "light"})
		}
	}
	for _, sm := range s.res.Samples(s.files) {
		jobs = append(jobs, job{sm.URL, "dark"})
	}
	results := make([][]string, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range 3 {
		tab := ctx
		if w > 0 {
			var cancel context.CancelFunc
			tab, cancel = chromedp.NewContext(ctx) // another tab of the same browser
			defer cancel()
			// Open it now, without a deadline: the context of a tab's
			// first action is the tab's life.
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
		}
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				j := jobs[i]
				if err := a11yLoad(tab, base+j.url, j.scheme); err != nil {
					results[i] = []string{fmt.Sprintf("%s: %v", j.url, err)}
					continue
				}
				vs, err := browser.Axe(tab)
				if err != nil {
					results[i] = []string{fmt.Sprintf("%s: %v", j.url, err)}
					continue
				}
				for _, v := range vs {
					results[i] = append(results[i], fmt.Sprintf("%s (%s): %s", j.url, j.scheme, v))
				}
			}
		})
	}
	wg.Wait()
	for _, r := range results {
		for _, msg := range r {
			t.Error(msg)
		}
	}
}

// TestNuChecker runs the Nu HTML Checker on every page as published.
func TestNuChecker(t *testing.T) {
	s := a11yBuild(t)
	dir := t.TempDir()
	for _, f := range s.pages() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := browser.VNU(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		t.Errorf("%s", strings.TrimPrefix(m.String(), dir+"/"))
	}
}

// a11yServe serves files on 127.0.0.1 as a static host would.
func a11yServe(t *testing.T, files []output.File) string {
	srv := httptest.NewServer(browser.Handler(files))
	t.Cleanup(srv.Close)
	return srv.URL
}

// a11yLoad loads url with the color scheme emulated and waits for the
// catalogue's script to have filled its list.
func a11yLoad(ctx context.Context, url, scheme string) error {
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return chromedp.Do(tctx, browser.ColorScheme(scheme), chromedp.Navigate(url), chromedp.WaitReady("body"), chromedp.Sleep(150*time.Millisecond))
}

func find(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	walk(n, func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == a {
			out = append(out, c)
		}
	})
	return out
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attrOK(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string { v, _ := attrOK(n, key); return v }

func attrHas(n *html.Node, key string) bool { _, ok := attrOK(n, key); return ok }

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func headingLevel(n *html.Node) int {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return int(n.Data[1] - '0')
		}
	}
	return 0
}

// firstFocusable is the first link, button or form field in document order.
func firstFocusable(n *html.Node) *html.Node {
	var first *html.Node
	walk(n, func(c *html.Node) {
		if first != nil || c.Type != html.ElementNode {
			return
		}
		switch c.DataAtom {
		case atom.A:
			if attrHas(c, "href") {
				first = c
			}
		case atom.Button, atom.Input, atom.Select, atom.Textarea:
			first = c
		}
	})
	return first
}

func describe(n *html.Node) string {
	if n == nil {
		return "none"
	}
	return fmt.Sprintf("<%s href=%q>%s", n.Data, attr(n, "href"), text(n))
}
