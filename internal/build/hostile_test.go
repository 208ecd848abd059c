package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/publish"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// The hostile fixtures are testdata/hostile/*.txtar: each is a site made
// of testdata/hostile/_base.txtar with the fixture's files added (a file
// of the same name replaces the base's). The comment of a fixture starts
// with what it is about, then says what must happen, one directive a line:
//
//	ok                      the site builds and is published
//	error: TEXT             the build is refused; a line of the error holds
//	                        TEXT, and every line but warnings holds one such
//	contains: PATH: TEXT    published file PATH holds TEXT
//	symlink: LINK -> TARGET before the build, LINK (a path in the site)
//	                        becomes a symbolic link to TARGET, a path
//	                        relative to the test's folder (outside/... lies
//	                        outside the site)
//
// Every fixture is built and published for real, as `consort build` does
// (Build, Minify, Write to site/public with content/, templates/ and
// static/ protected), over a public/ that holds the previous good build
// of _base. Whatever the directives, the test checks that nothing was
// written outside public/, that public/ is the previous build when the
// build is refused, and, when it is published, that no file holds the
// secret kept outside the site and that no page runs injected script.

// outsideSecret is in every file of outside/, the folder beside the site
// that symbolic links in hostile fixtures point to.
const outsideSecret = "SECRET-OUTSIDE-THE-SITE"

// outsideFiles make up outside/.
var outsideFiles = map[string]string{
	"outside/secret.md":       "---\ntitle: " + outsideSecret + "\n---\n" + outsideSecret + "\n",
	"outside/secret.txt":      outsideSecret + "\n",
	"outside/site.yaml":       "# " + outsideSecret + "\n",
	"outside/dir/page.md":     "---\ntitle: " + outsideSecret + "\n---\n" + outsideSecret + "\n",
	"outside/dir/index.md":    "---\ntitle: " + outsideSecret + "\n---\n",
	"outside/dir/secret.txt":  outsideSecret + "\n",
	"outside/dir/sub/page.md": "---\ntitle: " + outsideSecret + "\n---\n",
}

// hostileFixture is a parsed testdata/hostile/<name>.txtar.
type hostileFixture struct {
	files    []txtar.File
	ok       bool
	errors   []string
	contains [][2]string // path, text
	symlinks [][2]string // link, target
}

func readHostile(t *testing.T, name string) hostileFixture {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "hostile", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fx := hostileFixture{files: ar.Files}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		directive, arg, _ := strings.Cut(line, ": ")
		switch {
		case line == "ok":
			fx.ok = true
		case directive == "error":
			fx.errors = append(fx.errors, arg)
		case directive == "contains":
			p, text, ok := strings.Cut(arg, ": ")
			if !ok {
				t.Fatalf("%s: %q: want contains: PATH: TEXT", name, line)
			}
			fx.contains = append(fx.contains, [2]string{p, text})
		case directive == "symlink":
			link, target, ok := strings.Cut(arg, " -> ")
			if !ok {
				t.Fatalf("%s: %q: want symlink: LINK -> TARGET", name, line)
			}
			fx.symlinks = append(fx.symlinks, [2]string{link, target})
		}
	}
	if fx.ok == (len(fx.errors) > 0) {
		t.Fatalf("%s: want either ok or error lines in the comment", name)
	}
	return fx
}

// writeFiles writes txtar files under dir, replacing what is there.
func writeFiles(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// publishSite does what `consort build` does: build, minify, write to
// siteDir/public with the site's own folders protected. It returns the
// published files.
func publishSite(siteDir string, opts site.Options) ([]output.File, error) {
	res, err := inMemory(Options{Source: os.DirFS(siteDir), Theme: templates.FS, Static: static.FS, Site: opts})
	if err != nil {
		return nil, err
	}
	files := res.Files
	var forbidden []string
	for _, d := range []string{"content", "templates", "static"} {
		forbidden = append(forbidden, filepath.Join(siteDir, d))
	}
	return files, publish.Write(filepath.Join(siteDir, "public"), files, publish.WriteOptions{Forbidden: forbidden})
}

// treeOf maps every file and symbolic link under dir (slash paths
// relative to dir) to its content or link target.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			m[rel] = "-> " + target
			return err
		case d.IsDir():
			return nil
		}
		b, err := os.ReadFile(p)
		m[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestHostile(t *testing.T) {
	base, err := txtar.ParseFile(filepath.Join("testdata", "hostile", "_base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join("testdata", "hostile", "*.txtar"))
	for _, m := range matches {
		name := strings.TrimSuffix(filepath.Base(m), ".txtar")
		if name == "_base" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			fx := readHostile(t, name)
			root := t.TempDir()
			siteDir := filepath.Join(root, "site")
			var outside []txtar.File
			for p, data := range outsideFiles {
				outside = append(outside, txtar.File{Name: p, Data: []byte(data)})
			}
			writeFiles(t, root, outside)
			writeFiles(t, siteDir, base.Files)
			if _, err := publishSite(siteDir, site.Options{Clock: clock}); err != nil {
				t.Fatalf("the base site does not build: %v", err)
			}
			previous := treeOf(t, filepath.Join(siteDir, "public"))

			writeFiles(t, siteDir, fx.files)
			for _, s := range fx.symlinks {
				link := filepath.Join(siteDir, filepath.FromSlash(s[0]))
				if err := os.RemoveAll(link); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.Join(root, filepath.FromSlash(s[1])), link); err != nil {
					t.Fatal(err)
				}
			}
			before := treeOf(t, root)

			files, err := publishSite(siteDir, site.Options{Clock: clock})

			after := treeOf(t, root)
			for p, data := range after {
				if strings.HasPrefix(p, "site/public/") {
					continue
				}
				if old, ok := before[p]; !ok || old != data {
					t.Errorf("the build wrote %s, outside the output folder", p)
				}
			}
			for p := range before {
				if _, ok := after[p]; !ok && !strings.HasPrefix(p, "site/public/") {
					t.Errorf("the build removed %s, outside the output folder", p)
				}
			}
			published := treeOf(t, filepath.Join(siteDir, "public"))

			if len(fx.errors) > 0 {
				if err == nil {
					t.Fatalf("got a published site; want the build refused with %q", fx.errors)
				}
				var missing []string
				for _, want := range fx.errors {
					if !slices.ContainsFunc(strings.Split(err.Error(), "\n"), func(l string) bool { return strings.Contains(l, want) }) {
						missing = append(missing, want)
					}
				}
				if len(missing) > 0 {
					t.Errorf("got error:\n%v\nwant lines holding:\n%s", err, strings.Join(missing, "\n"))
				}
				for _, l := range strings.Split(err.Error(), "\n") {
					if !strings.Contains(l, ": warning: ") && !slices.ContainsFunc(fx.errors, func(want string) bool { return strings.Contains(l, want) }) {
						t.Errorf("got error line %q; want only the fixture's errors", l)
					}
				}
				if !maps(previous, published) {
					t.Errorf("the refused build changed public/; want the previous build kept")
				}
				return
			}
			if err != nil {
				t.Fatalf("got error:\n%v\nwant the site built", err)
			}
			for _, c := range fx.contains {
				data, ok := published[c[0]]
				if !ok {
					t.Errorf("got no published %s; want one holding %q", c[0], c[1])
				} else if !strings.Contains(data, c[1]) {
					t.Errorf("published %s does not hold %q:\n%s", c[0], c[1], data)
				}
			}
			checkPublished(t, files)
		})
	}
}

// maps reports whether two trees are equal.
func maps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// checkPublished checks what every published site must be: clean paths,
// valid UTF-8 text, nothing read from outside the site, HTML that runs no
// script but the theme's, JSON-LD that is JSON, well-formed feeds whose
// HTML content runs no script either.
func checkPublished(t *testing.T, files []output.File) {
	t.Helper()
	for _, f := range files {
		if path.Clean(f.Path) != f.Path || strings.HasPrefix(f.Path, "/") || strings.HasPrefix(f.Path, "../") || strings.ContainsAny(f.Path, "\\\x00") {
			t.Errorf("published path %q is not clean", f.Path)
		}
		if bytes.Contains(f.Data, []byte(outsideSecret)) {
			t.Errorf("%s holds text read from outside the site", f.Path)
		}
		switch path.Ext(f.Path) {
		case ".html":
			checkHTML(t, f.Path, f.Data)
		case ".xml":
			checkXML(t, f.Path, f.Data)
		case ".json", ".ics", ".csv", ".txt", ".css", ".js":
			if !utf8.Valid(f.Data) {
				t.Errorf("%s is not valid UTF-8", f.Path)
			}
		}
	}
}

// urlAttrs are the attributes whose value a browser follows or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "data": true, "srcset": true, "content": false}

// checkHTML fails when a page holds a script that is not the theme's
// (inline scripts must not call alert, the payload of every hostile
// fixture), an event handler attribute, a script URL, a JSON-LD block that
// is not JSON, or raw HTML elements that can run script.
func checkHTML(t *testing.T, name string, data []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(data))
	inScript := ""
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				t.Errorf("%s: %v", name, z.Err())
			}
			return
		case html.TextToken:
			if inScript == "" {
				continue
			}
			text := z.Text()
			if inScript == "application/ld+json" {
				// Data, not code: it must hold the whole JSON value, so
				// nothing in it ended the element early.
				var v any
				if err := json.Unmarshal(text, &v); err != nil {
					t.Errorf("%s: JSON-LD is not JSON (%v): %s", name, err, text)
				}
			} else if bytes.Contains(bytes.ToLower(text), []byte("alert(")) {
				t.Errorf("%s: a script runs injected code: %s", name, text)
			}
		case html.EndTagToken:
			inScript = ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "iframe", "object", "embed", "frame", "base":
				t.Errorf("%s: holds a <%s> element", name, tok.Data)
			case "script":
				inScript = "text/javascript"
				for _, a := range tok.Attr {
					if a.Key == "type" {
						inScript = a.Val
					}
				}
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s> has an event handler %s=%q", name, tok.Data, a.Key, a.Val)
				}
				if urlAttrs[a.Key] {
					if scheme, bad := scriptScheme(a.Val); bad {
						t.Errorf("%s: <%s %s> is a %s: URL: %q", name, tok.Data, a.Key, scheme, a.Val)
					}
				}
			}
		}
	}
}

// scriptScheme reports a URL that a browser would run or show as a
// document of its own: javascript:, vbscript: and data: other than images,
// read as browsers do (tabs and newlines dropped, leading controls and
// spaces trimmed, any case).
func scriptScheme(u string) (string, bool) {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' })
	scheme, rest, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(scheme, "/?#") {
		return "", false
	}
	scheme = strings.ToLower(scheme)
	switch {
	case scheme == "javascript", scheme == "vbscript":
		return scheme, true
	case scheme == "data" && !strings.HasPrefix(strings.ToLower(rest), "image/"):
		return scheme, true
	}
	return "", false
}

// checkXML fails unless data is well-formed XML; the HTML inside Atom
// content and summary elements of type html is checked as a page.
func checkXML(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var htmlText *bytes.Buffer
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
					htmlText = &bytes.Buffer{}
				}
			}
		case xml.CharData:
			if htmlText != nil {
				htmlText.Write(tok)
			}
		case xml.EndElement:
			if htmlText != nil {
				checkHTML(t, fmt.Sprintf("%s <%s>", name, tok.Name.Local), htmlText.Bytes())
				htmlText = nil
			}
		}
	}
}

// writeBase writes the base hostile site into a fresh folder and returns
// the site folder.
func writeBase(t *testing.T) string {
	t.Helper()
	base, err := txtar.ParseFile(filepath.Join("testdata", "hostile", "_base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	writeFiles(t, dir, base.Files)
	return dir
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugeFilesRefused puts a 50 MB Markdown file in content/ and a 50 MB
// file in static/: each is refused by the size limit (10 MB unless
// --max-file-size says otherwise) with a clear message, without being
// read: the whole failed build allocates less than one of them.
func TestHugeFilesRefused(t *testing.T) {
	const huge = 50 << 20
	tests := []struct {
		name, file string
		opts       site.Options
		want       string
	}{
		{"Markdown file, default limit", "content/en/huge.md", site.Options{},
			"content/en/huge.md: is larger than 10 MB; split it into smaller pages (or raise the limit with --max-file-size)"},
		{"static file, default limit", "static/video.mp4", site.Options{},
			"static/video.mp4: is larger than 10 MB, the largest file consort reads; make it smaller, publish it elsewhere, or raise the limit with --max-file-size"},
		{"static file, limit of 20 MB", "static/video.mp4", site.Options{MaxFileSize: 20 << 20},
			"static/video.mp4: is larger than 20 MB, the largest file consort reads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeBase(t)
			name := filepath.Join(dir, filepath.FromSlash(tt.file))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			body := append([]byte("---\ntitle: Huge\n---\n"), bytes.Repeat([]byte("All work and no play. "), huge/22)...)
			if err := os.WriteFile(name, body, 0o644); err != nil {
				t.Fatal(err)
			}
			tt.opts.Clock = clock
			var err error
			alloc := allocated(func() {
				_, err = inMemory(Options{Source: os.DirFS(dir), Theme: templates.FS, Static: static.FS, Site: tt.opts})
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v; want %q", err, tt.want)
			}
			if alloc > huge {
				t.Errorf("the refused build allocated %d MB; want less than the %d MB file", alloc>>20, huge>>20)
			}
		})
	}
}

// TestManyHeadings builds a 9 MB page of 10,000 sections, each with its
// heading and a long paragraph: it builds, every heading gets its own id,
// and memory stays within a small multiple of the file.
func TestManyHeadings(t *testing.T) {
	dir := writeBase(t)
	var b strings.Builder
	b.WriteString("---\ntitle: Long\n---\n")
	para := strings.Repeat("Clusters and partners meet in Lyon, Barcelona and Kraków. ", 16)
	for i := range 10000 {
		fmt.Fprintf(&b, "## Question %d: why?\n\n%s\n\n", i, para)
	}
	if b.Len() < 9<<20 || b.Len() > 10<<20 {
		t.Fatalf("page is %d bytes; want 9 to 10 MB", b.Len())
	}
	writeFiles(t, dir, []txtar.File{{Name: "content/en/long.md", Data: []byte(b.String())}})
	var res *Result
	var err error
	alloc := allocated(func() {
		res, err = inMemory(Options{unminified: true, Source: os.DirFS(dir), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}})
	})
	if err != nil {
		t.Fatal(err)
	}
	page := file(t, res, "en/long/index.html")
	for _, want := range []string{`<h2 id=question-0-why>`, `<h2 id=question-9999-why>`} { // the body is minified
		if !strings.Contains(page, want) {
			t.Errorf("long page has no %s", want)
		}
	}
	if n := strings.Count(page, "<h2 id="); n < 10000 {
		t.Errorf("got %d headings with an id; want 10000", n)
	}
	t.Logf("a %d MB page: %d MB allocated", b.Len()>>20, alloc>>20)
	if alloc > 40*uint64(b.Len()) {
		t.Errorf("building a %d MB page allocated %d MB; want at most 40 times the page", b.Len()>>20, alloc>>20)
	}
}

// TestDeepNestingRefusedFast gives the loader 10 MB bodies nested a
// million levels deep, which Markdown parsers take hours to read: each is
// refused with its line before it is parsed.
func TestDeepNestingRefusedFast(t *testing.T) {
	indented := func() string {
		var b strings.Builder
		for i := 0; b.Len() < 10<<20-1<<20; i++ {
			b.WriteString(strings.Repeat(" ", i) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name, body, want string
	}{
		{"quotes", strings.Repeat(">", 9<<20) + " x\n", "content/en/deep.md:4: opens more than 32 quotes (>) and list items"},
		{"list markers", strings.Repeat("- ", 4<<20) + "x\n", "content/en/deep.md:4: opens more than 32 quotes (>) and list items"},
		{"indentation", indented(), "content/en/deep.md:260: is indented more than 256 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeBase(t)
			writeFiles(t, dir, []txtar.File{{Name: "content/en/deep.md", Data: []byte("---\ntitle: Deep\n---\n" + tt.body)}})
			_, err := inMemory(Options{Source: os.DirFS(dir), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v; want %q", err, tt.want)
			}
		})
	}
}
