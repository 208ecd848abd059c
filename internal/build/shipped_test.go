package build

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// shipped builds the repository's own site.
func shipped(t *testing.T) *Result {
	t.Helper()
	res, err := inMemory(Options{Source: os.DirFS("../.."), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}, unminified: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// shippedHome builds the repository's own site and returns the home page
// of each language.
func shippedHome(t *testing.T) map[string]string {
	t.Helper()
	home := map[string]string{}
	for _, f := range shipped(t).Files {
		if lang, ok := strings.CutSuffix(f.Path, "/index.html"); ok && (lang == "en" || lang == "fr") {
			home[lang] = string(f.Data)
		}
	}
	return home
}

// TestShippedFrenchText checks the French of the shipped site: numbers
// in prose grouped with a narrow no-break space, curly apostrophes in
// labels too, and each organisation named the same in both languages.
func TestShippedFrenchText(t *testing.T) {
	res := shipped(t)
	straight := regexp.MustCompile(`>[^<]*\pL'\pL[^<]*<`)
	for _, f := range res.Files {
		if !strings.HasPrefix(f.Path, "fr/") || !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		if m := straight.Find(f.Data); m != nil {
			t.Errorf("%s: a straight apostrophe in text: %s", f.Path, m)
		}
	}
	news := string(file(t, res, "fr/actualites/ce4big/index.html"))
	if !strings.Contains(news, "421\u202f000\u00a0euros") && !strings.Contains(news, "421\u202f000 euros") {
		t.Errorf("fr/actualites/ce4big/: want 421\u202f000 euros (a narrow no-break space between the thousands)")
	}
	s := res.Site
	for _, p := range s.Pages {
		if p.Lang != "en" || (p.Kind != site.KindCluster && p.Kind != site.KindPartner) {
			continue
		}
		for _, tr := range p.Translations {
			if tr.Title() != p.Title() {
				t.Errorf("%s is %q in English and %q in %s: one organisation, one spelling", p.File, p.Title(), tr.Title(), tr.Lang)
			}
		}
	}
}

var figureRE = regexp.MustCompile(`<li><strong>([0-9]+)</strong> ([^<]+)</li>`)

// TestShippedHomeFigures checks that the home's figures count clusters
// and agencies apart, and agree with the hero: "four clusters", and the
// coordinating agency not counted among them.
func TestShippedHomeFigures(t *testing.T) {
	home := shippedHome(t)
	for lang, want := range map[string]struct{ hero, clusters, agencies string }{
		"en": {"Four European life sciences clusters", "4 clusters", "1 development agency"},
		"fr": {"Quatre clusters européens", "4 clusters", "1 agence de développement"},
	} {
		page := home[lang]
		if !strings.Contains(page, want.hero) {
			t.Errorf("%s home: the hero does not say %q", lang, want.hero)
		}
		var figures []string
		for _, m := range figureRE.FindAllStringSubmatch(page, -1) {
			figures = append(figures, m[1]+" "+m[2])
		}
		for _, f := range []string{want.clusters, want.agencies} {
			if !strings.Contains(strings.Join(figures, "|"), f) {
				t.Errorf("%s home figures: got %q; want %q among them", lang, figures, f)
			}
		}
	}
}
