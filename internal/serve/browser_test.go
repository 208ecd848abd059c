package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/browser"

	"github.com/chromedp/chromedp"
)

// waitJS evaluates expr in the page until it is true, across reloads.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
			t.Fatalf("%s: %s never became true (last error %v); page:\n%s", what, expr, err, html)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

const shadow = `document.getElementById("consort-preview").shadowRoot`

// connected waits for the page's event stream to be open.
func connected(t *testing.T, ctx context.Context) {
	t.Helper()
	waitJS(t, ctx, "event stream", `document.readyState === "complete" && document.getElementById("consort-preview").getAttribute("data-connected") === "1"`)
}

// TestLiveReloadInBrowser: styles swapped in place, the edited page
// brought up, the overlay and the editor bar, for a site at the root and
// for one published under a sub-path, which the preview serves there.
func TestLiveReloadInBrowser(t *testing.T) {
	for _, tc := range []struct{ name, baseURL, prefix string }{
		{"root", "", ""},
		{"sub-path", "https://example.github.io/biox4clusters/", "/biox4clusters"},
	} {
		t.Run(tc.name, func(t *testing.T) { testLiveReload(t, tc.baseURL, tc.prefix) })
	}
}

func testLiveReload(t *testing.T, baseURL, prefix string) {
	ctx := browser.New(t)
	dir := writeSite(t, "site")
	writeFile(t, dir, "static/css/site.css", "body{background-color:rgb(250, 250, 250)}")
	opts := Options{Build: buildOptions()}
	opts.Build.Site.BaseURL = baseURL
	ts := start(t, dir, opts)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+prefix+"/en/about/")); err != nil {
		t.Fatal(err)
	}
	connected(t, ctx)

	// A stylesheet edit restyles the page without reloading it.
	evalJS[bool](t, ctx, `window.consortMarker = true`)
	writeFile(t, dir, "static/css/site.css", "body{background-color:rgb(1, 2, 3)}")
	waitJS(t, ctx, "new style", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if !evalJS[bool](t, ctx, `window.consortMarker === true`) {
		t.Errorf("stylesheet edit: got a page reload; want the styles swapped in place")
	}

	// Editing another page's file brings that page up.
	writeFile(t, dir, "content/en/english-only.md", "---\ntitle: English only\n---\nNow edited.\n")
	waitJS(t, ctx, "follow the edit", `location.pathname === "`+prefix+`/en/english-only/" && document.body.innerText.includes("Now edited.")`)
	connected(t, ctx)

	// Unless the reader opts out in the editor bar: then the page reloads
	// where it is.
	if evalJS[bool](t, ctx, `(() => { const b = `+shadow+`.querySelector("[data-follow]"); b.click(); return b.checked })()`) {
		t.Fatal("follow box: got checked after a click; want unchecked")
	}
	evalJS[bool](t, ctx, `window.consortMarker = true`)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: Who we are.\n---\nWe are a test, again.\n")
	waitJS(t, ctx, "reload in place", `window.consortMarker === undefined && document.readyState === "complete"`)
	if got := evalJS[string](t, ctx, `location.pathname`); got != prefix+"/en/english-only/" {
		t.Errorf("after opting out: got %s; want to stay on %s/en/english-only/", got, prefix)
	}
	connected(t, ctx)

	// A mistake shows over the page, in plain words, until it is fixed.
	writeFile(t, dir, "content/en/english-only.md", "---\ntitle: English only\ncountry: FR\n---\nNow edited.\n")
	waitJS(t, ctx, "overlay", shadow+` && `+shadow+`.querySelector(".overlay") !== null`)
	text := evalJS[string](t, ctx, shadow+`.querySelector(".overlay").innerText`)
	for _, want := range []string{"The site has a problem", "content/en/english-only.md, line 3, field country", "Check its spelling"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay: got %q; want %q in it", text, want)
		}
	}
	// The overlay and the bar are accessible (the site's own pages are
	// audited elsewhere).
	vs, err := browser.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		for _, target := range v.Targets {
			if strings.Contains(target, "consort-preview") {
				t.Errorf("accessibility of the preview's part: %s", v)
			}
		}
	}
	connected(t, ctx)
	writeFile(t, dir, "content/en/english-only.md", "---\ntitle: English only\n---\nFixed.\n")
	waitJS(t, ctx, "overlay gone", `document.body.innerText.includes("Fixed.") && `+shadow+`.querySelector(".overlay") === null`)

	// The editor bar can be put away, for the rest of the session (once
	// live.js runs: before, the button has no listener).
	connected(t, ctx)
	evalJS[bool](t, ctx, `(() => { `+shadow+`.querySelector("[data-dismiss]").click(); return true })()`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "bar hidden after reload", `document.readyState === "complete" && `+shadow+`.querySelector(".bar").hidden === true`)
}
