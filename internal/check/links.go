package check

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"

	"github.com/consort-ssg/consort/internal/images"
	"github.com/consort-ssg/consort/internal/site"

	"github.com/tdewolff/parse/v2"
	tdhtml "github.com/tdewolff/parse/v2/html"
	"golang.org/x/sync/errgroup"
)

// doc is what the checks need from one built HTML file.
type doc struct {
	path    string          // "en/about/index.html"
	ids     map[string]bool // id attributes, and name of <a>
	refs    []ref           // URLs it uses, in document order
	missing []string        // "[missing: key]" UI strings
}

// ref is a URL in an attribute of an element.
type ref struct {
	tag, attr, val string
	noAlt          bool // an <img> without alt attribute
}

// parseHTML tokenizes a built HTML file (the output of html/template and
// goldmark: well-formed, but tokenized leniently anyway).
func parseHTML(p string, data []byte) *doc {
	d := &doc{path: p, ids: map[string]bool{}}
	// The full slice expression makes the lexer copy data to append the
	// NUL it ends on: given spare capacity, it writes the NUL past the
	// end instead, into memory another output may share (two files with
	// one Data, as the race detector found), while others are parsed.
	lx := tdhtml.NewLexer(parse.NewInputBytes(data[:len(data):len(data)]))
	var tag string
	attrs := map[string]string{}
	flush := func() {
		if tag == "" {
			return
		}
		if id := attrs["id"]; id != "" {
			d.ids[id] = true
		}
		if n := attrs["name"]; tag == "a" && n != "" {
			d.ids[n] = true
		}
		addRef := func(attr string) {
			if v, ok := attrs[attr]; ok {
				d.refs = append(d.refs, ref{tag: tag, attr: attr, val: v})
			}
		}
		addSrcset := func() {
			for _, cand := range strings.Split(attrs["srcset"], ",") {
				if f := strings.Fields(cand); len(f) > 0 {
					d.refs = append(d.refs, ref{tag: tag, attr: "srcset", val: f[0]})
				}
			}
		}
		switch tag {
		case "a", "area":
			addRef("href")
		case "link":
			switch strings.ToLower(attrs["rel"]) {
			case "preconnect", "dns-prefetch":
			default:
				addRef("href")
			}
		case "img":
			_, hasAlt := attrs["alt"]
			if v, ok := attrs["src"]; ok {
				d.refs = append(d.refs, ref{tag: tag, attr: "src", val: v, noAlt: !hasAlt})
			} else if !hasAlt {
				d.refs = append(d.refs, ref{tag: tag, attr: "src", noAlt: true})
			}
			addSrcset()
		case "source":
			addRef("src")
			addSrcset()
		case "script", "iframe", "video", "audio", "track", "embed":
			addRef("src")
		}
		tag = ""
		clear(attrs)
	}
	for {
		tt, _ := lx.Next()
		switch tt {
		case tdhtml.ErrorToken:
			flush()
			return d
		case tdhtml.StartTagToken:
			flush()
			tag = strings.ToLower(string(lx.Text()))
		case tdhtml.AttributeToken:
			if tag != "" {
				attrs[strings.ToLower(string(lx.AttrKey()))] = attrValue(lx.AttrVal())
			}
		case tdhtml.StartTagCloseToken, tdhtml.StartTagVoidToken:
			flush()
		case tdhtml.TextToken:
			flush()
			for t := lx.Text(); ; {
				i := bytes.Index(t, []byte("[missing: "))
				if i < 0 {
					break
				}
				t = t[i+len("[missing: "):]
				j := bytes.IndexByte(t, ']')
				if j < 0 {
					break
				}
				d.missing = append(d.missing, string(t[:j]))
				t = t[j:]
			}
		default:
			flush()
		}
	}
}

func attrValue(raw []byte) string {
	v := raw
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return html.UnescapeString(string(v))
}

// origin is where a URL of the built site was written by an author.
type origin struct {
	file, field string
	line        int
}

// checkOutputs parses every HTML output and checks its links, anchors and
// images, finds the pages nothing leads to and the UI strings no language
// defines.
func (c *checker) checkOutputs() {
	out := c.parseOutputs()
	lc := &linkCheck{
		c:        c,
		out:      out,
		theme:    map[string]*themeIssue{},
		reported: map[string]bool{},
		links:    map[string][]string{},
	}
	lc.pageOf, lc.global = c.authored()
	lc.base, _ = url.Parse(c.s.Config.BaseURL)
	for _, d := range out.docs {
		lc.checkDoc(d)
	}
	lc.reportTheme()
	c.checkOrphans(out.byPath, lc.links)
}

// builtFiles is the built site as the checks see it.
type builtFiles struct {
	files  map[string]bool // every output path
	docs   []*doc          // the HTML outputs, parsed, in output order
	byPath map[string]*doc
}

// parseOutputs parses every HTML output, on every core.
func (c *checker) parseOutputs() builtFiles {
	out := builtFiles{files: map[string]bool{}, byPath: map[string]*doc{}}
	var htmlFiles []int
	for i, f := range c.res.Files {
		out.files[f.Path] = true
		if f.Ext() == ".html" {
			htmlFiles = append(htmlFiles, i)
		}
	}
	out.docs = make([]*doc, len(htmlFiles))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, fi := range htmlFiles {
		g.Go(func() error {
			f := c.res.Files[fi]
			out.docs[i] = parseHTML(f.Path, f.Data)
			return nil
		})
	}
	g.Wait()
	for _, d := range out.docs {
		out.byPath[d.path] = d
	}
	return out
}

// authored returns which page each output shows, and where authors wrote
// the URLs that are not in a page's text: front matter fields and menu
// entries, by URL. (A front matter image missing from static/ stops the
// build already, see internal/images; these origins name the field when a
// template shows the image somewhere else.)
func (c *checker) authored() (pageOf map[string]*site.Page, global map[string]origin) {
	pageOf = map[string]*site.Page{}
	global = map[string]origin{}
	c.origins = global
	for _, p := range c.s.Pages {
		pageOf[c.s.Config.URLs().File(p.URL)] = p
		f := p.Front()
		if f.Image != "" {
			global[f.Image] = origin{p.File, "image", p.Line("image")}
		}
		logo := ""
		if cl := p.Cluster(); cl != nil {
			logo = cl.Logo
		} else if pa := p.Partner(); pa != nil {
			logo = pa.Logo
		}
		if logo != "" {
			global[logo] = origin{p.File, "logo", p.Line("logo")}
		}
	}
	for _, lang := range c.s.Langs() {
		for _, e := range c.s.Config.Menus[lang] {
			if e.URL != "" {
				global[c.s.Config.URLs().Rooted(e.URL)] = origin{site.ConfigFile, "menus." + lang, c.configLine(e.URL)}
			}
		}
	}
	return pageOf, global
}

// linkCheck checks the URLs of every built page and reports each problem
// once per place an author wrote it, or once for the templates.
type linkCheck struct {
	c      *checker
	out    builtFiles
	pageOf map[string]*site.Page
	global map[string]origin // URL -> front matter field or menu entry
	base   *url.URL

	theme    map[string]*themeIssue // problems the templates make, by code and message
	reported map[string]bool        // origin + target: one problem per place an author wrote it
	links    map[string][]string    // output -> outputs its <a> lead to
}

// themeIssue is one problem of the templates and the pages it shows on.
type themeIssue struct {
	code, msg string
	pages     []string
}

// checkDoc checks the URLs and UI strings of one built HTML file.
func (lc *linkCheck) checkDoc(d *doc) {
	c := lc.c
	p := c.pageFor(d.path, lc.pageOf)
	var body map[string]int
	if p != nil {
		body = map[string]int{}
		for _, l := range p.Links {
			if _, ok := body[l.Dest]; !ok {
				body[l.Dest] = l.Line
			}
		}
	}
	for _, r := range d.refs {
		code, msg, target := c.checkRef(d, r, lc.out.files, lc.out.byPath, lc.base)
		if target != "" && (r.tag == "a" || r.tag == "area") {
			lc.links[d.path] = append(lc.links[d.path], target)
		}
		if code == "" {
			continue
		}
		var o origin
		// goldmark always writes alt, so an <img> without one comes
		// from a template even when the text shows the same image.
		if line, ok := body[r.val]; ok && !r.noAlt {
			o = origin{p.File, "", line}
		} else if g, ok := lc.global[r.val]; ok {
			o = g
		} else {
			k := code + "\x00" + msg
			ti := lc.theme[k]
			if ti == nil {
				ti = &themeIssue{code: code, msg: msg}
				lc.theme[k] = ti
			}
			ti.pages = append(ti.pages, d.path)
			continue
		}
		if code == CodeLink && o.field == "" && o.file != site.ConfigFile && strings.HasSuffix(msg, notAPage) {
			msg += pageFileHint
		}
		k := o.file + "\x00" + o.field + "\x00" + fmt.Sprint(o.line) + "\x00" + msg
		if lc.reported[k] {
			continue
		}
		lc.reported[k] = true
		c.add(site.Problem{File: o.file, Line: o.line, Field: o.field, Msg: msg, Code: code})
	}
	for _, key := range d.missing {
		lang, _, _ := strings.Cut(d.path, "/")
		k := "ui\x00" + lang + "\x00" + key
		if lc.reported[k] || !c.isLang(lang) {
			continue
		}
		lc.reported[k] = true
		c.add(site.Problem{File: "templates/i18n/" + lang + ".yaml", Field: key, Msg: "the templates use this UI string but no language defines it; add it to every templates/i18n file", Severity: site.Warning, Code: CodeUIString})
	}
}

// reportTheme reports each problem the templates make once, naming the
// first page it shows on.
func (lc *linkCheck) reportTheme() {
	keys := make([]string, 0, len(lc.theme))
	for k := range lc.theme {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ti := lc.theme[k]
		sort.Strings(ti.pages)
		where := "on " + ti.pages[0]
		if len(ti.pages) > 1 {
			where += " and other pages"
		}
		lc.c.add(site.Problem{File: "templates", Msg: fmt.Sprintf("%s (%s); it comes from the templates, not from a content file", ti.msg, where), Code: ti.code})
	}
}

// checkOrphans reports the pages nothing leads to: it walks the links
// from the root and the homes.
func (c *checker) checkOrphans(byPath map[string]*doc, links map[string][]string) {
	reached := map[string]bool{}
	var queue []string
	visit := func(p string) {
		if !reached[p] && byPath[p] != nil {
			reached[p] = true
			queue = append(queue, p)
		}
	}
	visit("index.html")
	for _, lang := range c.s.Langs() {
		visit(lang + "/index.html")
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, t := range links[p] {
			visit(t)
		}
	}
	for _, p := range c.s.Pages {
		// A draft is not linked yet, as a rule: it is being written.
		if p.Synthetic || p.Unreadable || p.Draft || p.Kind == site.KindHome || reached[c.s.Config.URLs().File(p.URL)] {
			continue
		}
		c.add(site.Problem{File: p.File, Msg: fmt.Sprintf("no menu, list or link leads to this page (%s); add it to menus in content/site.yaml or link to it from another page", p.URL), Severity: site.Warning, Code: CodeOrphan})
	}
}

func (c *checker) isLang(code string) bool {
	for _, l := range c.s.Langs() {
		if l == code {
			return true
		}
	}
	return false
}

// pageFor returns the content page an output shows, pagination included.
func (c *checker) pageFor(out string, pageOf map[string]*site.Page) *site.Page {
	if p := pageOf[out]; p != nil {
		return p
	}
	if i := strings.Index(out, "/page/"); i >= 0 {
		return pageOf[out[:i+1]+"index.html"]
	}
	return nil
}

// checkRef checks one URL of an output. It returns the problem's code and
// message ("" when fine) and, for internal links, the output it leads to.
func (c *checker) checkRef(d *doc, r ref, files map[string]bool, byPath map[string]*doc, base *url.URL) (code, msg, target string) {
	what := "links to"
	if r.tag != "a" && r.tag != "area" && r.tag != "link" {
		what = "uses"
	}
	if r.noAlt {
		return CodeImage, fmt.Sprintf("image %s has no alt attribute; give it alt text, or alt=\"\" when it is decoration", r.val), ""
	}
	v := strings.TrimSpace(r.val)
	if v == "" || v == "#" {
		return "", "", ""
	}
	u, err := url.Parse(v)
	if err != nil {
		return CodeLink, fmt.Sprintf("%s %q, which is not a valid address", what, v), ""
	}
	sameHost := false
	switch {
	case u.Scheme == "" && u.Host == "":
	case (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "") && base != nil && u.Host != "" && strings.EqualFold(u.Host, base.Host):
		// An absolute address of this very host.
		u = &url.URL{Path: u.Path, RawPath: u.RawPath, Fragment: u.Fragment}
		sameHost = true
	default:
		return "", "", "" // another site, mailto:, tel:...: not fetched
	}
	urls := c.s.Config.URLs()
	from := &url.URL{Path: urls.URL(d.path)} // a file path: not escaped
	abs := from.ResolveReference(u)
	sitePath, inside := urls.SitePath(abs.Path)
	switch {
	case !inside && sameHost:
		return "", "", "" // another site of the same host, such as another project's
	case !inside:
		return CodeLink, fmt.Sprintf("%s %s, which is outside this site: it is published under %s/, where every address of its own starts; in Markdown and site.yaml write addresses from the site's root and consort adds %s, in a template make them with {{.URLs.Rooted %q}}, or write another site's full address", what, abs.Path, urls.Prefix(), urls.Prefix(), abs.Path), ""
	}
	out := ""
	if abs.Path == from.Path || (u.Path == "" && u.RawQuery == "") {
		out = d.path
	} else {
		out = outputAt(files, strings.TrimPrefix(sitePath, "/"))
	}
	shown := strings.TrimSuffix(sitePath, "index.html")
	if abs.Fragment != "" {
		shown += "#" + abs.Fragment
	}
	if out == "" {
		if r.tag == "img" || r.tag == "source" {
			return CodeImage, images.MissingMsg(urls, abs.Path, c.fieldOf(r.val), c.imagePaths()), ""
		}
		return CodeLink, c.missingMsg(what, shown, strings.TrimPrefix(sitePath, "/")), ""
	}
	if f := abs.Fragment; f != "" && f != "top" && path.Ext(out) == ".html" {
		if t := byPath[out]; t != nil && !t.ids[f] {
			return CodeAnchor, fmt.Sprintf("%s %s, but %s has no element with id %q%s", what, shown, strings.TrimSuffix(sitePath, "index.html"), f, c.anchorHint(out, f)), out
		}
	}
	return "", "", out
}

// outputAt is the output that serves p, a path from the site's root
// without its leading slash ("en/about/", "css/site.css", "en/about"),
// or "" when none does.
func outputAt(files map[string]bool, p string) string {
	switch {
	case p == "" || strings.HasSuffix(p, "/"):
		if files[p+"index.html"] {
			return p + "index.html"
		}
	case files[p]:
		return p
	case files[p+"/index.html"]:
		return p + "/index.html"
	}
	return ""
}

// anchorHint suggests the headings of the target page when it is content.
func (c *checker) anchorHint(out, f string) string {
	for _, p := range c.s.Pages {
		if c.s.Config.URLs().File(p.URL) != out || len(p.Headings) == 0 {
			continue
		}
		var ids []string
		for _, h := range p.Headings {
			ids = append(ids, "#"+h.ID)
		}
		if len(ids) > 6 {
			ids = append(ids[:6], "…")
		}
		return "; its headings are " + strings.Join(ids, ", ")
	}
	return ""
}

// fieldOf returns the front matter field a URL of the output was written
// in ("logo"), or "" when it comes from a text.
func (c *checker) fieldOf(v string) string {
	if o, ok := c.origins[v]; ok {
		return o.field
	}
	return ""
}

// imagePaths returns the paths of the built site's images, sorted.
func (c *checker) imagePaths() []string {
	if c.images == nil {
		c.images = []string{}
		for _, f := range c.res.Files {
			if images.IsImage(f.Path) {
				c.images = append(c.images, f.Path)
			}
		}
	}
	return c.images
}

// missingMsg says that a link leads nowhere, in an editor's words, with
// the closest address of the site when one is a typo away. p is the path
// linked to, without the leading slash.
func (c *checker) missingMsg(what, shown, p string) string {
	if h := c.closestURL(p); h != "" {
		return fmt.Sprintf("%s %s, which does not exist; did you mean %s?", what, shown, h)
	}
	if ext := path.Ext(p); ext != "" && !strings.HasSuffix(p, "/") && ext != ".html" {
		return fmt.Sprintf("%s %s, which does not exist; files to download go in the static/ folder of the site: save it as static/%s, or fix the link", what, shown, p)
	}
	u := c.s.Config.URLs()
	if rest, ok := strings.CutPrefix(shown, u.Prefix()+"/"); u.Prefix() != "" && ok {
		// The author wrote the site's path, which consort adds too.
		return fmt.Sprintf("%s %s, which does not exist: consort adds the site's path %s to every address from the root; write /%s", what, shown, u.Prefix(), rest)
	}
	if first, _, _ := strings.Cut(p, "/"); u.Prefix() != "" && !c.isLang(first) {
		// "/other-project/" on a site published under /biox4clusters/.
		return fmt.Sprintf("%s %s, %s; an address from / is one of this site's, published under %s/: to link another site of the same host, write its full address, such as %s", what, shown, strings.TrimSuffix(notAPage, "; fix the address"), u.Prefix(), u.Abs(shown))
	}
	return fmt.Sprintf("%s %s, %s", what, shown, notAPage)
}

// notAPage ends the message of a link to no page; pageFileHint follows it
// when the link is in a text, which may link to a page's file instead.
const (
	notAPage     = "which is not a page of this site; fix the address"
	pageFileHint = ", or link to the page's Markdown file (such as about.md) and consort writes its address"
)

// closestURL returns the address of the site (a page "/en/contact/" or a
// file) a typo away from path p, or "".
func (c *checker) closestURL(p string) string {
	if c.urls == nil {
		c.urls = map[int][]string{}
		for _, f := range c.res.Files {
			u := "/" + strings.TrimSuffix(f.Path, "index.html")
			d := strings.Count(strings.TrimSuffix(u, "/"), "/")
			c.urls[d] = append(c.urls[d], u)
		}
	}
	u := "/" + strings.TrimSuffix(p, "index.html")
	trimmed := strings.TrimSuffix(u, "/")
	last := trimmed[strings.LastIndex(trimmed, "/")+1:]
	limit := max(1, len([]rune(last))/3)
	cands := c.urls[strings.Count(trimmed, "/")]
	if h := site.DidYouMean(u, cands, limit); h != "" && h != u {
		return h
	}
	if !strings.HasSuffix(u, "/") && path.Ext(u) == "" { // "/en/contact": the page is "/en/contact/"
		if h := site.DidYouMean(u+"/", cands, limit); h != "" {
			return h
		}
	}
	return ""
}
