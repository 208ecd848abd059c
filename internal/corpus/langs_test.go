package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/corpus"
	"github.com/consort-ssg/consort/internal/site"
)

// TestCorpusInFourLanguages builds a corpus in en, fr, de and pl: every
// language has the same pages, each translated into the three others,
// and nothing warns.
func TestCorpusInFourLanguages(t *testing.T) {
	const pages = 240
	langs := []string{"en", "fr", "de", "pl"}
	dir := writeCorpus(t, corpus.Options{Pages: pages, Seed: 1, Langs: langs})
	res := consortBuild(t, dir)
	if len(res.Warnings) > 0 {
		t.Errorf("got %d warnings, first %v; want none", len(res.Warnings), res.Warnings[0])
	}
	plan := corpus.PlanLangs(pages, len(langs))
	// consort adds a privacy page per language to the corpus's pages.
	if got, want := len(res.Site.Pages), 4*(plan.PerLang()+1); got != want || plan.PerLang() != pages/4 {
		t.Errorf("got %d pages (%d per language); want %d", got, plan.PerLang(), want)
	}
	for _, p := range res.Site.Pages {
		if p.Kind == site.KindPrivacy {
			continue // generated, and paired by kind, not by file
		}
		if len(p.Translations) != 3 {
			t.Errorf("%s: %d translations; want 3", p.File, len(p.Translations))
			break
		}
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "content/site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cfg), "  - {code: de, name: Deutsch}\n  - {code: pl, name: Polski}\n") {
		t.Errorf("site.yaml languages:\n%s", cfg)
	}
}

func TestCorpusLanguageErrors(t *testing.T) {
	if err := corpus.Write(t.TempDir(), corpus.Options{Pages: 100, Langs: []string{"en", "xx"}}); err == nil || !strings.Contains(err.Error(), `corpus: "xx" is not a language code CLDR knows`) {
		t.Errorf("xx: got %v", err)
	}
	if err := corpus.Write(t.TempDir(), corpus.Options{Pages: 100, Langs: []string{"en", "de"}, Hugo: true}); err == nil || err.Error() != "corpus: the Hugo site is written in en and fr only" {
		t.Errorf("Hugo in de: got %v", err)
	}
}
