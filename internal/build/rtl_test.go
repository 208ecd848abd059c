package build

import (
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"github.com/chromedp/chromedp"
)

// TestRightToLeft builds the four-language fixture with Arabic added and
// reads, in a real browser, that the Arabic page runs right to left and
// that the theme's layout mirrors: the quote's rule and the figures'
// rules are on the right, as they are on the left in English.
func TestRightToLeft(t *testing.T) {
	fsys := fixture(t, "multilingual")
	cfg := strings.Replace(string(fsys["content/site.yaml"].Data), "  - {code: pl, name: Polski}\n", "  - {code: pl, name: Polski}\n  - {code: ar, name: العربية}\n", 1)
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(cfg)}
	fsys["content/ar/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: اتحاد تجريبي\n---\n> معا نحن أقوى.\n")}
	fsys["content/ar/partners/lodz-med.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Łódź Medical\norgType: company\ncountry: PL\n---\n")}
	fsys["content/en/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Test Consortium\n---\n> Together we are stronger.\n")}
	res, err := inMemory(Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}, unminified: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(browser.Handler(res.Files))
	defer srv.Close()
	ctx := browser.New(t)
	side := func(lang string) (dir, quote, figure string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"+lang+"/")); err != nil {
			t.Fatal(err)
		}
		js := `(() => {
			const bq = getComputedStyle(document.querySelector(".prose blockquote, blockquote"));
			const li = document.querySelector(".figures li");
			const fs = li ? getComputedStyle(li) : null;
			const which = s => parseFloat(s.borderLeftWidth) > 0 ? "left" : parseFloat(s.borderRightWidth) > 0 ? "right" : "none";
			return [getComputedStyle(document.documentElement).direction, which(bq), fs ? which(fs) : "none"].join(" ");
		})()`
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		f := strings.Fields(v)
		return f[0], f[1], f[2]
	}
	if dir, quote, figure := side("en"); dir != "ltr" || quote != "left" || figure != "left" {
		t.Errorf("en: direction %s, quote rule %s, figures rule %s; want ltr, left, left", dir, quote, figure)
	}
	if dir, quote, figure := side("ar"); dir != "rtl" || quote != "right" || figure != "right" {
		t.Errorf("ar: direction %s, quote rule %s, figures rule %s; want rtl, right, right", dir, quote, figure)
	}
}
