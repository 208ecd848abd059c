package corpus_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

var clock = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func writeCorpus(t *testing.T, opts corpus.Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Write(dir, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir
}

func consortBuild(t *testing.T, dir string) *build.Result {
	t.Helper()
	var files build.Files
	res, err := build.Build(context.Background(), build.Options{
		Source: os.DirFS(dir),
		Theme:  templates.FS,
		Static: static.FS,
		Site:   site.Options{Clock: clock},
	}, &files)
	if err != nil {
		t.Fatalf("build.Build of the corpus: %v", err)
	}
	res.Files = files.Sorted()
	return res
}

// TestConsortBuildsCorpus builds a 200-page corpus with consort's
// pipeline: every file is valid, every page is published, nothing warns.
func TestConsortBuildsCorpus(t *testing.T) {
	const pages = 200
	dir := writeCorpus(t, corpus.Options{Pages: pages, Seed: 1, Hugo: true})
	res := consortBuild(t, dir)
	if len(res.Warnings) > 0 {
		t.Errorf("got %d warnings, first %v; want none", len(res.Warnings), res.Warnings[0])
	}
	// consort adds a privacy page per language (site.KindPrivacy) to
	// the corpus's pages.
	generated := 0
	for _, p := range res.Site.Pages {
		if p.Kind == site.KindPrivacy || p.Kind == site.KindAccessibility {
			generated++
		}
	}
	if generated != len(corpus.Langs) {
		t.Errorf("got %d generated pages; want a privacy page per language", generated)
	}
	if got := len(res.Site.Pages) - generated; got != pages {
		t.Errorf("got %d pages; want %d", got, pages)
	}
	plan := corpus.Plan(pages)
	for _, lang := range corpus.Langs {
		got := res.Stats.Pages[lang]
		want := map[string]int{"home": 1, "section": 5, "page": 3, "cluster": plan.Clusters, "partner": plan.Partners,
			"mission": plan.Missions, "interview": plan.Interviews, "news": plan.News}
		for kind, n := range want {
			if got[kind] != n {
				t.Errorf("%s: got %d pages of kind %s; want %d", lang, got[kind], kind, n)
			}
		}
	}
	var links, translated int
	for _, p := range res.Site.Pages {
		links += len(p.Links)
		if len(p.Translations) == 1 {
			translated++
		}
		if p.Kind == site.KindPartner && p.ClusterPage == nil {
			t.Errorf("%s: partner has no cluster", p.File)
		}
	}
	if translated -= generated; translated != pages {
		t.Errorf("got %d pages with a translation; want all %d", translated, pages)
	}
	if links < pages*3 {
		t.Errorf("got %d links in %d pages; want at least 3 a page", links, pages)
	}
}

// TestHugoBuildsCorpus builds the Hugo side of the same corpus with
// `hugo --minify`, when hugo is installed, and checks that it made the
// same pages and resolved the links between them.
func TestHugoBuildsCorpus(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (apt-get install hugo)")
	}
	const pages = 200
	dir := writeCorpus(t, corpus.Options{Pages: pages, Seed: 1, Hugo: true})
	out := t.TempDir()
	cmd := exec.Command(hugo, "--minify", "--quiet", "-s", filepath.Join(dir, corpus.HugoDir), "-d", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo --minify: %v\n%s", err, msg)
	}
	plan := corpus.Plan(pages)
	for _, lang := range corpus.Langs {
		entries, err := os.ReadDir(filepath.Join(out, lang, "partners"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.IsDir() && e.Name() != "page" {
				n++
			}
		}
		if n != plan.Partners {
			t.Errorf("%s: got %d partner pages; want %d", lang, n, plan.Partners)
		}
		data, err := os.ReadFile(filepath.Join(out, lang, "partners", "index.json"))
		if err != nil {
			t.Fatal(err)
		}
		var list []map[string]any
		if err := json.Unmarshal(data, &list); err != nil {
			t.Fatalf("%s/partners/index.json: %v", lang, err)
		}
		if len(list) != plan.Partners {
			t.Errorf("%s/partners/index.json: got %d partners; want %d", lang, len(list), plan.Partners)
		}
	}
	// Links between pages were resolved by the theme's link hook: no
	// href ends in .md.
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && (bytes.Contains(data, []byte(".md>")) || bytes.Contains(data, []byte(".md\""))) {
			t.Errorf("%s: a link to a .md file was left as it is", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		names = append(names, rel)
		sums[rel] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		s := sums[n]
		fmt.Fprintf(h, "%s %x\n", n, s)
	}
	return fmt.Sprintf("%d files %x", len(names), h.Sum(nil))
}

func TestWriteIsDeterministic(t *testing.T) {
	a := treeHash(t, writeCorpus(t, corpus.Options{Pages: 120, Seed: 7, Hugo: true}))
	b := treeHash(t, writeCorpus(t, corpus.Options{Pages: 120, Seed: 7, Hugo: true}))
	c := treeHash(t, writeCorpus(t, corpus.Options{Pages: 120, Seed: 8, Hugo: true}))
	if a != b {
		t.Errorf("two corpora of seed 7: got %s and %s; want the same files", a, b)
	}
	if a == c {
		t.Errorf("seeds 7 and 8: got the same files %s; want different ones", a)
	}
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name     string
		pages    int
		wantLang int
	}{
		{name: "minimum", pages: corpus.MinPages, wantLang: corpus.MinPages / 2},
		{name: "odd rounds up", pages: 201, wantLang: 101},
		{name: "thousand", pages: 1000, wantLang: 500},
		{name: "fifty thousand", pages: 50000, wantLang: 25000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := corpus.Plan(tt.pages)
			if got := c.PerLang(); got != tt.wantLang {
				t.Errorf("Plan(%d).PerLang() = %d; want %d", tt.pages, got, tt.wantLang)
			}
			if c.Partners <= 0 || tt.pages >= 1000 && c.Partners < c.PerLang()*3/4 {
				t.Errorf("Plan(%d): got %d partners of %d pages; want most pages (3/4) partners", tt.pages, c.Partners, c.PerLang())
			}
		})
	}
}

func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(dir string) error
		pages   int
		want    string
	}{
		{name: "too few pages", pages: corpus.MinPages - 1, want: "too few"},
		{name: "existing content", pages: 100, prepare: func(dir string) error { return os.Mkdir(filepath.Join(dir, "content"), 0o755) }, want: "already has a content folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.prepare != nil {
				if err := tt.prepare(dir); err != nil {
					t.Fatal(err)
				}
			}
			err := corpus.Write(dir, corpus.Options{Pages: tt.pages})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want an error containing %q", err, tt.want)
			}
		})
	}
}
