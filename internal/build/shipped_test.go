package build

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"consort/internal/site"
	"consort/static"
	"consort/templates"
)

// shippedHome builds the repository's own site and returns the home page
// of each language.
func shippedHome(t *testing.T) map[string]string {
	t.Helper()
	res, err := Build(Options{Source: os.DirFS("../.."), Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}})
	if err != nil {
		t.Fatal(err)
	}
	home := map[string]string{}
	for _, f := range res.Files {
		if lang, ok := strings.CutSuffix(f.Path, "/index.html"); ok && (lang == "en" || lang == "fr") {
			home[lang] = string(f.Data)
		}
	}
	return home
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
