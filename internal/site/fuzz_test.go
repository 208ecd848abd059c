package site

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"golang.org/x/tools/txtar"
)

// The fuzz tests below run with the seeds in testdata/fuzz/<FuzzName>/ and
// the f.Add seeds as ordinary tests; `go test -run=^$ -fuzz=FuzzFrontMatter
// -fuzztime=60s ./internal/site` searches further. Crashers the fuzzer finds
// are kept in testdata/fuzz as seeds.

// fuzzFiles are the places a fuzzed content file is put, one per kind.
var fuzzFiles = []string{
	"content/en/about.md",
	"content/en/partners/x.md",
	"content/en/clusters/x.md",
	"content/en/missions/x.md",
	"content/en/interviews/x.md",
	"content/en/news/x.md",
	"content/en/index.md",
	"content/en/partners/index.md",
	"content/en/sub/dir/page.md",
}

// fuzzNeighbours are files every fuzzed site has, so that references and
// links in the fuzzed file have something to find.
var fuzzNeighbours = []string{
	"content/en/clusters/biocat.md", "---\ntitle: Biocat\norgType: cluster\ncountry: ES\n---\nBiocat.\n",
	"content/fr/clusters/biocat.md", "---\ntitle: Biocat\norgType: cluster\ncountry: ES\n---\nBiocat.\n",
	"content/en/partners/acme.md", "---\ntitle: Acme\norgType: company\ncountry: FR\ncluster: biocat\n---\nSee [Biocat](../clusters/biocat.md).\n",
}

// checkLoaded holds for every Load, whatever the content: problems are
// Problems naming a file, and every page of a loaded site has a URL that
// stays inside the site and maps to a clean output path.
func checkLoaded(t *testing.T, s *Site, err error) {
	t.Helper()
	if err != nil {
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("got error %T %v; want Problems", err, err)
		}
		if len(ps.Errors()) == 0 {
			t.Fatalf("got Problems without an error: %v", ps)
		}
		for _, p := range ps {
			if p.File == "" || p.Msg == "" {
				t.Errorf("got problem %+v; want a file and a message", p)
			}
			if !utf8.ValidString(p.Msg) {
				t.Errorf("got message %q; want valid UTF-8", p.Msg)
			}
		}
		return
	}
	for _, p := range s.Pages {
		if !strings.HasPrefix(p.URL, "/"+p.Lang+"/") || !strings.HasSuffix(p.URL, "/") {
			t.Errorf("%s: got URL %q; want /%s/.../", p.File, p.URL, p.Lang)
		}
		if !cleanURLPath(p.URL) || strings.Contains(p.URL, "//") {
			t.Errorf("%s: got URL %q; want a clean path", p.File, p.URL)
		}
		f := p.Front()
		for _, a := range f.Aliases {
			checkSitePath(t, "alias", a)
		}
		if f.Image != "" && strings.HasPrefix(f.Image, "/") {
			checkSitePath(t, "image", f.Image)
		}
		if !utf8.Valid(p.HTML) {
			t.Errorf("%s: HTML is not valid UTF-8", p.File)
		}
		for _, l := range p.Links {
			if _, bad := dangerousSchemeForTest(l.Dest); bad {
				t.Errorf("%s: link %q kept a script scheme", p.File, l.Dest)
			}
		}
	}
}

// checkSitePath fails unless p, a path a page asks consort to publish at
// or read from, stays under the site root once decoded and has no empty,
// "." or ".." segment, so that it maps to a clean output path.
func checkSitePath(t *testing.T, what, p string) {
	t.Helper()
	dec, err := url.PathUnescape(p)
	if err != nil {
		t.Errorf("%s %q was accepted but does not decode: %v", what, p, err)
		return
	}
	if !strings.HasPrefix(dec, "/") {
		t.Errorf("%s %q was accepted but is not rooted", what, p)
		return
	}
	trimmed := strings.TrimSuffix(dec, "/")
	if trimmed == "" {
		trimmed = "/"
	}
	if path.Clean(dec) != trimmed {
		t.Errorf("%s %q was accepted but decodes to %q, which is not clean (want %q)", what, p, dec, path.Clean(dec))
	}
	if strings.ContainsAny(dec, "\\\x00") {
		t.Errorf("%s %q was accepted but holds a backslash or NUL", what, p)
	}
}

// dangerousSchemeForTest is the browsers' view of a script URL: the
// scheme once tabs, newlines and leading controls and spaces are dropped.
func dangerousSchemeForTest(dest string) (string, bool) {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, dest)
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	scheme, _, ok := strings.Cut(s, ":")
	if !ok {
		return "", false
	}
	scheme = strings.ToLower(scheme)
	return scheme, scheme == "javascript" || scheme == "vbscript"
}

func FuzzFrontMatter(f *testing.F) {
	seeds := []string{
		"---\ntitle: About\n---\nText.\n",
		"---\ntitle: Acme\norgType: company\ncountry: FR\ncluster: biocat\nlogo: /img/a.svg\nlocation: {lat: 45.7, lon: 4.8}\n---\n[x](../clusters/biocat.md#team)\n",
		"---\ntitle: Trip\nmissionType: event\nstart: 2026-03-01 09:00\nend: 2026-03-02\ntimeZone: America/Sao_Paulo\nclusters: [biocat]\n---\n",
		"---\ntitle: Q\nperson: Ana\norganisation: biocat\n---\n## Why?\nBecause.\n",
		"---\ntitle: N\ndate: 2026-01-02\nsource: {name: Le Monde, url: https://lemonde.fr/}\ntags: [a, b]\n---\n",
		"+++\ntitle = \"TOML\"\ndate = 2026-01-02\naliases = [\"/old/\"]\n+++\nbody\n",
		"---\ntitle: x\nslug: ../../etc\naliases: [/a/../../b, \"/%2e%2e/x\", \"\\\\x\", \"/a//b/\"]\nimage: ../x.png\nalt: a\n---\n",
		"---\nurl: ../../x\ntitle: x\n---\n",
		"---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n---\n",
		"---\ntitle: [1, 2]\ndraft: maybe\nweight: many\n---\n",
		"---\ntitle: unterminated\n",
		"---\n---\n",
		"",
		"\ufeff---\r\ntitle: BOM and CRLF\r\n---\r\nText.\r\n",
		"---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"</script><script>alert(1)</script>\"\n---\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
		"---\ntitle: links\n---\n[a](../../../../etc/passwd.md) [b](/en/about.md) [c](%2e%2e/x.md) [d](a\\b.md) [e](#x) [f](<a b.md>)\n",
		"---\ntitle: x\ntranslationKey: k\ntranslatedFrom: fr@0123456789ab\npublishDate: 2020-01-01\nexpiryDate: 2019-01-01\n---\n",
	}
	for i, s := range seeds {
		f.Add(uint8(i), []byte(s))
	}
	// Every content file of the build fixtures, the hostile ones first.
	for i, data := range fixtureContent(f) {
		f.Add(uint8(i), data)
	}
	f.Fuzz(func(t *testing.T, where uint8, data []byte) {
		file := fuzzFiles[int(where)%len(fuzzFiles)]
		fsys := siteFS(fuzzNeighbours...)
		fsys[file] = &fstest.MapFile{Data: data}
		s, err := Load(fsys, Options{Clock: clock, MaxFileSize: 1 << 20})
		checkLoaded(t, s, err)
	})
}

// fixtureContent returns the Markdown files and site.yaml files of the
// build package's txtar fixtures, the hostile ones first.
func fixtureContent(f *testing.F) [][]byte {
	var out [][]byte
	for _, pattern := range []string{"../build/testdata/hostile/*.txtar", "../build/testdata/*.txtar"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range matches {
			ar, err := txtar.ParseFile(m)
			if err != nil {
				f.Fatal(err)
			}
			for _, file := range ar.Files {
				if strings.HasPrefix(file.Name, "content/") && (strings.HasSuffix(file.Name, ".md") || strings.HasSuffix(file.Name, ".yaml")) {
					out = append(out, file.Data)
				}
			}
		}
	}
	if len(out) == 0 {
		f.Fatal("found no fixtures to seed the fuzzer with")
	}
	return out
}

func FuzzConfig(f *testing.F) {
	f.Add([]byte(testConfig))
	f.Add([]byte("languages: []\ntitle: {en: x}\n"))
	f.Add([]byte("languages: [{code: \"\"}]\nsections: {partners: {en: \"\"}}\n"))
	f.Add([]byte("baseURL: javascript:alert(1)\ntitle: {en: x, fr: y}\n"))
	f.Add([]byte("sections: {partners: {en: ../x, fr: \"a/b\"}}\ntitle: {en: x, fr: y}\n"))
	f.Add([]byte("a: &a [x]\nb: *a\n"))
	f.Add([]byte("menus: {en: [{page: ../../x.md}, {url: \"javascript:alert(1)\", title: x}]}\ntitle: {en: x, fr: y}\n"))
	for _, data := range fixtureContent(f) {
		if !bytes.HasPrefix(data, []byte("---")) && !bytes.HasPrefix(data, []byte("+++")) {
			f.Add(data) // a site.yaml
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"content/site.yaml":            {Data: data},
			"content/en/index.md":          {Data: []byte("---\ntitle: Home\n---\n")},
			"content/en/partners/x.md":     {Data: []byte("---\ntitle: X\norgType: company\ncountry: FR\n---\n")},
			"content/en/missions/index.md": {Data: []byte("---\ntitle: Missions\n---\n")},
		}
		s, err := Load(fsys, Options{Clock: clock})
		checkLoaded(t, s, err)
	})
}

// FuzzPageURL puts a page at any path under content/en/: whatever the
// folders are called, the page's URL is a clean path of the site, or the
// file is refused.
func FuzzPageURL(f *testing.F) {
	for _, p := range []string{"about.md", "sub/dir/page.md", "Sub/Page.md", "café/x.md", "cafe\u0301/x.md", "..x/a.md", "a b/c d.md", "partners/x.md", "partners/deep/x.md", "news/index.md", "%2e%2e/x.md", "a\\b/x.md", "ＡＢＣ/x.md", "-/x.md", "x.MD", "index.md", "a/index.md"} {
		f.Add(p, "---\ntitle: X\n---\n")
		f.Add(p, "---\ntitle: X\nslug: y\norgType: company\ncountry: FR\ndate: 2025-01-01\n---\n")
	}
	f.Fuzz(func(t *testing.T, rel, data string) {
		name := "content/en/" + rel
		if !fs.ValidPath(name) || strings.HasPrefix(rel, ".") {
			return
		}
		fsys := siteFS(fuzzNeighbours...)
		if _, ok := fsys[name]; ok {
			return
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
		s, err := Load(fsys, Options{Clock: clock, MaxFileSize: 1 << 20})
		checkLoaded(t, s, err)
	})
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Klaster LifeScience Kraków", "Œuvre & Straße", "", "---", "../../x", "a\x00b", "ＫＡＴＡ", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if got != "" && !slugRE.MatchString(got) {
			t.Fatalf("Slugify(%q) = %q; want a slug (a-z, 0-9, single hyphens) or nothing", s, got)
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify(Slugify(%q)) = %q; want %q (idempotent)", s, again, got)
		}
	})
}

func FuzzSitePath(f *testing.F) {
	for _, s := range []string{"/old/page/", "/a/../b", "/%2e%2e/x", "/%2E%2e%2fetc", "/a%00b", "/a\\b", "//evil.example/x", "/a//b", "/./x", "/x/.", "/%2F%2Fevil", "/caf%C3%A9/", "/%zz", "https://x.org/a.png", "/img/a b.png", "/a/%2e/b", "/a?b", "/#x", "/.consort", "/_redirects"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkAlias(p) == "" {
			checkSitePath(t, "alias", p)
		}
		if checkAssetPath(p) == "" && strings.HasPrefix(p, "/") {
			checkSitePath(t, "image", p)
		}
	})
}

func FuzzResolveLink(f *testing.F) {
	fsys := siteFS(fuzzNeighbours...)
	fsys["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n")}
	fsys["content/en/sub/page.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Deep\n---\n")}
	s, err := Load(fsys, Options{Clock: clock})
	if err != nil {
		f.Fatal(err)
	}
	for _, d := range []string{"../clusters/biocat.md", "../clusters/biocat.md#team", "/en/about.md", "../../../../etc/passwd.md", "/../../x.md", "../../fr/clusters/biocat.md", "..%2F..%2Fx.md", "about.md#", "./../about.md", "/en/sub/../about.md", "\x00.md", "#only"} {
		f.Add(uint8(0), d)
		f.Add(uint8(1), d)
	}
	from := []*Page{s.Page("content/en/partners/acme.md"), s.Page("content/en/sub/page.md"), s.Page("content/en/about.md")}
	byURL := map[string]bool{}
	for _, p := range s.Pages {
		byURL[p.URL] = true
	}
	f.Fuzz(func(t *testing.T, which uint8, dest string) {
		p := from[int(which)%len(from)]
		got, err := s.resolveLink(p, dest)
		if err != nil {
			if got != "" {
				t.Fatalf("resolveLink(%q) = %q with error %v; want no URL", dest, got, err)
			}
			return
		}
		u, _, _ := strings.Cut(got, "#")
		if !byURL[u] {
			t.Fatalf("resolveLink(%q) from %s = %q; want the URL of a page of the site", dest, p.File, got)
		}
	})
}

// FuzzSplitFrontMatter checks splitFrontMatter, which stops
// frontmatter.Parse at the end of the front matter, against the
// library's own answer when it reads the whole file: the same front
// matter, format and body, or the same refusal.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: About\n---\nText.\n",
		"---\ntitle: About\n---",
		"---\ntitle: About\n---\n",
		"\n\n---\ntitle: x\n---\n\n---\nnot front matter\n---\n",
		"+++\ntitle = \"x\"\n+++\nbody\n",
		"---\ntitle: unterminated\n",
		"---\n---\n",
		"  ---  \ntitle: spaced\n  ---  \nbody",
		"no front matter\n",
		"",
		"---\ntitle: long\nsummary: " + strings.Repeat("word ", 2000) + "\n---\n" + strings.Repeat("Body text. ", 1000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var wantFM []byte
		var wantFormat string
		found := false
		capture := func(format string) func([]byte, any) error {
			return func(b []byte, _ any) error {
				wantFM, wantFormat, found = append([]byte{}, b...), format, true
				return nil
			}
		}
		rest, err := frontmatter.Parse(bytes.NewReader(data), nil,
			frontmatter.NewFormat("---", "---", capture("yaml")),
			frontmatter.NewFormat("+++", "+++", capture("toml")))
		if err != nil {
			found = false
		}
		l := &loader{}
		p := &Page{File: "content/en/x.md"}
		fm, format, ok := l.splitFrontMatter(p, data)
		if ok != found {
			t.Fatalf("split found front matter: %v, the library: %v (problems %v)", ok, found, l.problems)
		}
		if !ok {
			return
		}
		if !bytes.Equal(fm, wantFM) || format != wantFormat {
			t.Fatalf("front matter %q (%s), the library's %q (%s)", fm, format, wantFM, wantFormat)
		}
		if want := data[len(data)-len(rest):]; p.Body != nil && !bytes.Equal(p.Body, want) {
			t.Fatalf("body %q, the library's %q", p.Body, want)
		}
		if p.Body != nil && p.BodyLine != bytes.Count(data[:len(data)-len(rest)], []byte("\n")) {
			t.Fatalf("body starts on line %d after the front matter; want %d", p.BodyLine, bytes.Count(data[:len(data)-len(rest)], []byte("\n")))
		}
	})
}
