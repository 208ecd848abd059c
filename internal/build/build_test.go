package build

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var clock = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// fixture reads testdata/name.txtar as a site folder.
func fixture(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
	}
	return fsys
}

func buildFixture(t *testing.T, fsys fstest.MapFS) (*Result, error) {
	t.Helper()
	return inMemory(Options{Source: fsys, Theme: templates.FS, Static: fstest.MapFS{}, Site: site.Options{Clock: clock}, unminified: true})
}

// TestGolden builds every fixture and compares its outputs (or its error
// report) with testdata/<name>.golden, a txtar archive of the files.
func TestGolden(t *testing.T) {
	matches, _ := filepath.Glob("testdata/*.txtar")
	for _, m := range matches {
		name := strings.TrimSuffix(filepath.Base(m), ".txtar")
		t.Run(name, func(t *testing.T) {
			res, err := buildFixture(t, fixture(t, name))
			ar := &txtar.Archive{}
			if err != nil {
				ar.Files = append(ar.Files, txtar.File{Name: "error", Data: []byte(err.Error() + "\n")})
			} else {
				for _, f := range res.Files {
					ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: withNewline(f.Data)})
				}
			}
			got := txtar.Format(ar)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v; run go test -update to create it", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test ./internal/build -update to accept):\n%s", golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

func withNewline(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return append(append([]byte{}, b...), '\n')
	}
	return b
}

// firstDiff shows the first differing line of got and want.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\ngot  " + gl + "\nwant " + wl
		}
	}
	return ""
}

// fileWant says what an output file must and must not contain.
type fileWant struct {
	name, path string
	want       []string
	notWant    []string
}

// checkFiles checks each output file against what tests want, a subtest
// each.
func checkFiles(t *testing.T, res *Result, tests []fileWant) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := file(t, res, tt.path)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s: missing %q", tt.path, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%s: should not contain %q", tt.path, w)
				}
			}
		})
	}
}

func file(t *testing.T, res *Result, path string) string {
	t.Helper()
	for _, f := range res.Files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	t.Fatalf("no output %s", path)
	return ""
}

func TestBilingual(t *testing.T) {
	res, err := buildFixture(t, fixture(t, "bilingual"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []fileWant{
		{"switcher leads to the translation", "en/partners/biomerieux/index.html",
			[]string{`<a href="/fr/partenaires/biomerieux/" hreflang="fr" lang="fr" rel="alternate">Français</a>`, `hreflang="x-default" href="https://example.org/en/partners/biomerieux/"`}, nil},
		{"switcher falls back to the other home", "en/english-only/index.html",
			[]string{`<a href="/fr/" hreflang="fr" lang="fr">Français</a>`}, []string{`hreflang="x-default"`, `rel="alternate" hreflang`}},
		{"switcher falls back to the section", "en/partners/elan/index.html",
			[]string{`<a href="/fr/partenaires/" hreflang="fr" lang="fr">Français</a>`}, nil},
		{"french typography", "fr/about/index.html",
			[]string{"«\u202fSeuls nous sommes faibles, ensemble nous sommes forts\u202f»", "devise\u202f; vraiment\u202f?"}, nil},
		{"english typography", "en/about/index.html",
			[]string{"“Alone we are weak, together we are strong” – the motto."}, nil},
		{"french date and country", "fr/partenaires/biomerieux/index.html",
			[]string{"Marcy-l&#39;Étoile, France", "Diagnostic"}, nil},
		{"english date", "en/news/article/index.html", []string{">3 June 2020</time>"}, nil},
		{"french news date and source", "fr/actualites/article/index.html", []string{">3 juin 2020</time>", "Source\u00a0: Pharmaceutiques n°277", "Par Julie Wierzbicki"}, nil},
		{"md link rewritten", "fr/index.html", []string{`<a href=/fr/about/>la présentation</a>` /* a minified body */}, nil},
		{"root chooser", "index.html", []string{`href="/en/" hreflang="en"`, `href="/fr/" hreflang="fr"`, "navigator.languages"}, nil},
		{"404 per language", "fr/404.html", []string{"<html lang=\"fr\""}, nil},
	}
	checkFiles(t, res, tests)
	// Élan sorts with E (collation), between Eagle and Fjord.
	list := file(t, res, "en/partners/index.html")
	ia, ie, iF := strings.Index(list, "Eagle Pharma"), strings.Index(list, "Élan Bio"), strings.Index(list, "Fjord Labs")
	if !(ia < ie && ie < iF) {
		t.Errorf("partners list order: got Eagle@%d Élan@%d Fjord@%d; want Eagle < Élan < Fjord", ia, ie, iF)
	}
}

func TestRawHTMLOffByDefault(t *testing.T) {
	fsys := fixture(t, "override")
	fsys["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n")}
	res, err := buildFixture(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := file(t, res, "en/about/index.html")
	for _, bad := range []string{"<script>alert", "onerror"} {
		if strings.Contains(got, bad) {
			t.Errorf("about page contains %q:\n%s", bad, got)
		}
	}
	fsys["content/site.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(fsys["content/site.yaml"].Data), "markdown: {unsafeHTML: true}\n"...)}
	res, err = buildFixture(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := file(t, res, "en/about/index.html"); !strings.Contains(got, "<script>alert(1)</script>") {
		t.Errorf("with unsafeHTML the raw HTML should pass:\n%s", got)
	}
}

func TestJavascriptLinkRefused(t *testing.T) {
	fsys := fixture(t, "override")
	fsys["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n[x](javascript:alert(1))\n")}
	_, err := buildFixture(t, fsys)
	want := "content/en/about.md:4: link to javascript:alert(1): javascript: URLs are not allowed; use an http(s) link"
	if err == nil || err.Error() != want {
		t.Errorf("got %v; want %s", err, want)
	}
}

// TestDeterministic builds the shipped site twice, minified as published,
// and wants the same bytes.
func TestDeterministic(t *testing.T) {
	build := func() []output.File {
		res, err := inMemory(Options{Source: os.DirFS("../.."), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}})
		if err != nil {
			t.Fatal(err)
		}
		files := res.Files
		return files
	}
	a, b := build(), build()
	if len(a) != len(b) {
		t.Fatalf("got %d and %d files", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two builds", a[i].Path)
		}
	}
}

// TestShippedSite builds the repository's own content/ with no problem at all.
func TestShippedSite(t *testing.T) {
	res, err := inMemory(Options{unminified: true, Source: os.DirFS("../.."), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}})
	if err != nil {
		t.Fatalf("the shipped content does not build:\n%v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
	for _, f := range res.Files {
		if bytes.Contains(f.Data, []byte("[missing: ")) || bytes.Contains(f.Data, []byte("[error: ")) {
			t.Errorf("%s shows a missing UI string", f.Path)
		}
	}
}

// inMemory builds into a Files sink and returns the result with the
// files it was handed, as they are published.
func inMemory(opts Options) (*Result, error) {
	var files Files
	res, err := Build(context.Background(), opts, &files)
	if err != nil {
		return nil, err
	}
	res.Files = files.Sorted()
	return res, nil
}
