package catalogue_test

import (
	"testing"

	"github.com/consort-ssg/consort/internal/browser"

	"github.com/chromedp/chromedp"
)

// phoneLayout is what a 375 px screen shows of the catalogue page.
type phoneLayout struct {
	ScrollWidth   int     `json:"scrollWidth"`
	ResultsTop    float64 `json:"resultsTop"`
	FirstResult   float64 `json:"firstResult"`
	Height        float64 `json:"height"`
	FiltersOpen   bool    `json:"filtersOpen"`
	FacetsShown   bool    `json:"facetsShown"`
	MenuShown     bool    `json:"menuShown"`
	MenuButton    bool    `json:"menuButton"`
	MenuLinks     int     `json:"menuLinks"`
	MenuLinksFit  bool    `json:"menuLinksFit"`
	FiltersButton bool    `json:"filtersButton"`
}

const phoneJS = `(() => {
	const first = document.querySelector("#cat-results .cat-name");
	const side = document.querySelector("#cat-form:not([hidden]) .cat-filters, #cat-browse:not([hidden]) .cat-filters");
	const links = [...document.querySelectorAll(".site-nav li a")];
	return {
		scrollWidth: document.documentElement.scrollWidth,
		resultsTop: document.getElementById("cat-results-h").getBoundingClientRect().top + scrollY,
		firstResult: first.getBoundingClientRect().bottom + scrollY,
		height: innerHeight,
		filtersOpen: side ? side.open : false,
		facetsShown: [...document.querySelectorAll(".cat-facet, .cat-group")].some(e => e.checkVisibility()),
		filtersButton: side ? side.querySelector("summary").checkVisibility() : false,
		menuShown: links.length > 0 && links.every(a => a.checkVisibility()),
		menuButton: document.querySelector(".nav-menu > summary").checkVisibility(),
		menuLinks: links.length,
		menuLinksFit: links.every(a => { const r = a.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }),
	};
})()`

// TestBrowserPhone opens the catalogue at 375 by 812 px (a common phone), with and without
// JavaScript: nothing wider than the screen, the first result on the
// first screen (the filters folded into one line with their count), the
// menu a disclosure that opens into links that fit.
func TestBrowserPhone(t *testing.T) {
	res := buildSite(t, fixture(t, "site"))
	for _, c := range []struct{ name, csp string }{{"with JavaScript", ""}, {"without JavaScript", "script-src 'none'"}} {
		t.Run(c.name, func(t *testing.T) {
			srv := serve(t, res, c.csp)
			ctx := browser.New(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812), chromedp.Navigate(srv.URL+"/en/catalogue/")); err != nil {
				t.Fatal(err)
			}
			l := eval[phoneLayout](t, ctx, phoneJS)
			if l.ScrollWidth > 375 {
				t.Errorf("page width: got %d px; want at most 375 (nothing cut off sideways)", l.ScrollWidth)
			}
			if l.FiltersOpen || l.FacetsShown || !l.FiltersButton {
				t.Errorf("filters: got open %v, values shown %v, disclosure shown %v; want folded behind a visible disclosure", l.FiltersOpen, l.FacetsShown, l.FiltersButton)
			}
			if l.FirstResult > l.Height {
				t.Errorf("first result ends at %.0f px; want it on the first screen (%.0f px)", l.FirstResult, l.Height)
			}
			if l.MenuShown || !l.MenuButton {
				t.Errorf("menu: got links shown %v, menu button shown %v; want a menu button", l.MenuShown, l.MenuButton)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".nav-menu > summary"))); err != nil {
				t.Fatal(err)
			}
			l = eval[phoneLayout](t, ctx, phoneJS)
			if !l.MenuShown || !l.MenuLinksFit || l.MenuLinks == 0 {
				t.Errorf("menu opened: got %d links, shown %v, within the screen %v; want every link shown within 375 px", l.MenuLinks, l.MenuShown, l.MenuLinksFit)
			}
			sel := "#cat-form .cat-filters > summary"
			if c.csp != "" {
				sel = "#cat-browse .cat-filters > summary"
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
				t.Fatal(err)
			}
			if l = eval[phoneLayout](t, ctx, phoneJS); !l.FacetsShown {
				t.Errorf("filters opened: got no filter shown")
			}
			if c.csp == "" {
				// The count of ticked filters shows in the folded line.
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("f-country-pl"))); err != nil {
					t.Fatal(err)
				}
				waitFor(t, ctx, "the count of filters", `document.getElementById("cat-active").textContent === "(1)"`)
			}
			vs, err := browser.Axe(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("axe: %s", v)
			}
		})
	}
}

// TestBrowserWideFilters checks that at 1280 px the filters are shown
// without a click.
func TestBrowserWideFilters(t *testing.T) {
	res := buildSite(t, fixture(t, "site"))
	for _, csp := range []string{"", "script-src 'none'"} {
		srv := serve(t, res, csp)
		ctx := browser.New(t)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/en/catalogue/")); err != nil {
			t.Fatal(err)
		}
		if csp == "" {
			waitFor(t, ctx, "the script", `document.getElementById("cat-filters").open`)
		}
		l := eval[phoneLayout](t, ctx, phoneJS)
		if !l.FacetsShown || l.MenuButton || !l.MenuShown {
			t.Errorf("at 1280 px (csp %q): got filters shown %v, menu button %v, menu links shown %v; want filters and links shown, no button", csp, l.FacetsShown, l.MenuButton, l.MenuShown)
		}
	}
}
