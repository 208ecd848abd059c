package catalogue_test

import (
	"slices"
	"testing"

	"github.com/consort-ssg/consort/internal/browser"

	"github.com/chromedp/chromedp"
)

// TestBrowserLanguages searches the German catalogue for "munchen" and
// "muenchen" and the Polish one for "lodz", typed letter by letter, and
// reads the result count in each language's plural forms.
func TestBrowserLanguages(t *testing.T) {
	res := buildSite(t, fixture(t, "languages"))
	srv := serve(t, res, "")
	ctx := browser.New(t)
	w := watchPage(t, ctx)

	search := func(t *testing.T, url, q, count string, want []string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+url)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("cat-q"))); err != nil {
			t.Fatalf("the search box does not show: %v", err)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("cat-q"), q)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, count, `document.getElementById("cat-count").textContent === `+jsString(count))
		if got := resultNames(t, ctx); !slices.Equal(got, want) {
			t.Errorf("%s %q: got %q; want %q", url, q, got, want)
		}
	}
	t.Run("German munchen", func(t *testing.T) {
		search(t, "/de/katalog/", "munchen", "1 Organisation", []string{"Isar Biotech"})
	})
	t.Run("German muenchen", func(t *testing.T) {
		search(t, "/de/katalog/", "muenchen", "1 Organisation", []string{"Isar Biotech"})
	})
	t.Run("German gruenhoefer, two letters from grunhofer", func(t *testing.T) {
		// Beyond the one typo the search forgives: only folding finds it.
		search(t, "/de/katalog/", "gruenhoefer", "1 Organisation", []string{"Grünhöfer Pharma"})
	})
	t.Run("German koeln and strasse", func(t *testing.T) {
		search(t, "/de/katalog/", "koeln grossstrasse", "1 Organisation", []string{"Rhein Pharma"})
	})
	t.Run("German all", func(t *testing.T) {
		search(t, "/de/katalog/", "deutschland", "4 Organisationen", []string{"Grünhöfer Pharma", "Isar Biotech", "Rhein Pharma", "Ulm Diagnostik"})
	})
	t.Run("Polish lodz", func(t *testing.T) {
		search(t, "/pl/katalog/", "lodz", "1 organizacja", []string{"Włókniarz Medical"})
	})
	t.Run("Polish wlokniarz and baltyk", func(t *testing.T) {
		search(t, "/pl/katalog/", "wlokniarz", "1 organizacja", []string{"Włókniarz Medical"})
		search(t, "/pl/katalog/", "baltyk", "1 organizacja", []string{"Bałtyk Labs"})
	})
	t.Run("Polish plural", func(t *testing.T) {
		search(t, "/pl/katalog/", "polska", "3 organizacje", []string{"Bałtyk Labs", "Lublin Biotech", "Włókniarz Medical"})
	})
	for _, p := range w.list() {
		t.Error(p)
	}
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, string(r)...)
	}
	return string(append(b, '"'))
}
