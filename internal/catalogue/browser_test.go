package catalogue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/catalogue"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// watch records what the page must never do: write an error to the
// console, throw, or open a dialog (alert() from injected markup).
type watch struct {
	mu       sync.Mutex
	problems []string
}

func (w *watch) add(s string) {
	w.mu.Lock()
	w.problems = append(w.problems, s)
	w.mu.Unlock()
}

func (w *watch) list() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.problems)
}

func watchPage(t *testing.T, ctx context.Context) *watch {
	w := &watch{}
	wctx, cancel := context.WithCancel(ctx)
	console := chromedp.Console(wctx)
	dialogs := chromedp.Events(wctx, page.JavascriptDialogOpening)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == chromedp.ConsoleWarning {
				w.add(fmt.Sprintf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line))
			}
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			w.add(fmt.Sprintf("a %s dialog opened: %q", ev.Type, ev.Message))
			chromedp.Call(wctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	t.Cleanup(func() { cancel(); wg.Wait() })
	return w
}

// eval runs a JavaScript expression in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds (10 s at most: a
// time-out, not a measure).
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search + " | " + document.getElementById("cat-count").textContent + " | " + [...document.querySelectorAll("#cat-results .cat-name")].map(a => a.textContent).join("; ")`))
			t.Fatalf("waiting for %s: %v; page: %s", what, err, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// resultNames returns the names in the result list, in order.
func resultNames(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `[...document.querySelectorAll("#cat-results .cat-name")].map(a => a.textContent)`)
}

// TestBrowserCatalogue: search, facets, URL state and Back in Chromium,
// for a site at the root of its host and for one published under a
// sub-path, served there only.
func TestBrowserCatalogue(t *testing.T) {
	for _, tc := range []struct{ name, baseURL, prefix string }{
		{"root", "", ""},
		{"sub-path", "https://example.github.io/biox4clusters/", "/biox4clusters"},
	} {
		t.Run(tc.name, func(t *testing.T) { testBrowserCatalogue(t, tc.baseURL, tc.prefix) })
	}
}

func testBrowserCatalogue(t *testing.T, baseURL, prefix string) {
	res := buildSiteAt(t, fixture(t, "site"), baseURL)
	srv := serve(t, res, "")
	site := srv.URL + prefix
	ctx := browser.New(t)
	w := watchPage(t, ctx)

	if err := chromedp.Do(ctx, chromedp.Navigate(site+"/en/catalogue/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("cat-q"))); err != nil {
		t.Fatalf("the search box does not show: %v", err)
	}
	if hidden := eval[bool](t, ctx, `document.getElementById("cat-browse").hidden`); !hidden {
		t.Errorf("with JavaScript, the facet links: got shown; want hidden behind the filters")
	}

	t.Run("folding in the script matches Go", func(t *testing.T) {
		samples := []string{
			"Kraków", "KRAKÓW", "krakow", "bioMérieux", "BIOMERIEUX", "santé", "SANTÉ", "Łódź", "Øresund", "Straße",
			"ŒUVRE cœur", "Æther", "ﬁnance ﬂow", "Ｆｕｌｌｗｉｄｔｈ", "ΟΔΟΣ Σοφία", "Ἀθῆναι", "İstanbul", "Đakovo", "Þingvellir",
			"Москва́", "l'Étoile d'Or", "Marcy-l'Étoile", "e-health 4.0", "R&D (CRO)", "Zürich", "São Paulo", "Besançon",
			"hôpitaux", "réseaux", "lieux", "vaccins", "companies", "diseases", "virus", "analysis", "classes", "CROs", "labs",
			"x²", "Ⅻ", "日本語", "١٢٣ arabic digits", "naïve café", "ÅSTRÖM", "Čeština", "ṃ ṇ ḍ", "  spaced\tout\n",
			"München Muenchen munchen", "Grünhöfer gruenhoefer", "Köln koeln", "Quelle Blue", "España Logroño", "Università Forlì", "Gdańsk Białystok",
		}
		in, _ := json.Marshal(samples)
		for _, lang := range []string{"en", "fr", "de", "de-AT", "pl", "es", "it"} {
			got := eval[[][]string](t, ctx, fmt.Sprintf(`%s.map(s => consortCatalogue.terms(s, %q))`, in, lang))
			for i, s := range samples {
				want := catalogue.Terms(s, lang)
				if len(want) == 0 && len(got[i]) == 0 {
					continue
				}
				if !slices.Equal(got[i], want) {
					t.Errorf("%s terms of %q: script got %q; Go wants %q", lang, s, got[i], want)
				}
			}
		}
		got := eval[[]string](t, ctx, fmt.Sprintf(`%s.map(s => consortCatalogue.fold(s))`, in))
		for i, s := range samples {
			if want := catalogue.Fold(s); got[i] != want {
				t.Errorf("fold %q: script got %q; Go wants %q", s, got[i], want)
			}
		}
	})

	t.Run("typing krakow", func(t *testing.T) {
		entries := eval[int](t, ctx, "history.length")
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("cat-q"), "krakow")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "4 results", `document.getElementById("cat-count").textContent === "4 organisations"`)
		got := resultNames(t, ctx)
		want := []string{"Klaster LifeScience Kraków", "Kraków Diagnostics GmbH", "Jagiellonian Oncology Lab", "Evil <img src=x onerror=alert(1)> Labs"}
		if !slices.Equal(got, want) {
			t.Errorf("results for krakow: got %q; want %q", got, want)
		}
		if s := eval[string](t, ctx, "location.search"); s != "?q=krakow" {
			t.Errorf("URL after typing: got %q; want %q", s, "?q=krakow")
		}
		if n := eval[int](t, ctx, "history.length") - entries; n != 1 {
			t.Errorf("history entries added by typing six letters: got %d; want 1 (typing replaces its own entry)", n)
		}
	})

	t.Run("filter by country", func(t *testing.T) {
		// Narrower than 56rem, the filters are folded: open them.
		if !eval[bool](t, ctx, `document.getElementById("cat-filters").open`) {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#cat-filters > summary"))); err != nil {
				t.Fatal(err)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("f-country-pl"))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "3 results", `document.getElementById("cat-count").textContent === "3 organisations"`)
		if s := eval[string](t, ctx, "location.search"); s != "?q=krakow&country=pl" {
			t.Errorf("URL after filtering: got %q; want %q", s, "?q=krakow&country=pl")
		}
		got := resultNames(t, ctx)
		want := []string{"Klaster LifeScience Kraków", "Jagiellonian Oncology Lab", "Evil <img src=x onerror=alert(1)> Labs"}
		if !slices.Equal(got, want) {
			t.Errorf("results for krakow in Poland: got %q; want %q", got, want)
		}
		// A facet's counts ignore its own filter: Germany still shows what
		// ticking it would add.
		counts := eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("#cat-form input[type=checkbox]")].map(cb => [cb.id, document.querySelector("label[for='" + cb.id + "'] .cat-n").textContent]))`)
		for id, want := range map[string]string{"f-country-pl": "(3)", "f-country-de": "(1)", "f-country-fr": "(0)", "f-type-lab": "(2)", "f-type-company": "(0)", "f-cluster-lifescience-krakow": "(2)"} {
			if counts[id] != want {
				t.Errorf("count of %s: got %s; want %s", id, counts[id], want)
			}
		}
		status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(r => setTimeout(() => r(document.getElementById("cat-status").textContent), 700))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if status != "3 organisations" {
			t.Errorf("live region: got %q; want %q", status, "3 organisations")
		}
	})

	t.Run("back", func(t *testing.T) {
		eval[any](t, ctx, "history.back()")
		waitFor(t, ctx, "the search without the filter", `location.search === "?q=krakow" && document.getElementById("cat-count").textContent === "4 organisations"`)
		if checked := eval[bool](t, ctx, `document.getElementById("f-country-pl").checked`); checked {
			t.Errorf("after Back, Poland: got ticked; want not")
		}
		if v := eval[string](t, ctx, `document.getElementById("cat-q").value`); v != "krakow" {
			t.Errorf("after Back, the search box: got %q; want %q", v, "krakow")
		}
		eval[any](t, ctx, "history.back()")
		waitFor(t, ctx, "the whole catalogue", `location.search === "" && document.getElementById("cat-count").textContent === "9 organisations"`)
		if v := eval[string](t, ctx, `document.getElementById("cat-q").value`); v != "" {
			t.Errorf("after Back twice, the search box: got %q; want it empty", v)
		}
	})

	t.Run("markup in a name shows as text", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("cat-q"), "evil")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "1 result", `document.getElementById("cat-count").textContent === "1 organisation"`)
		if got := resultNames(t, ctx); !slices.Equal(got, []string{"Evil <img src=x onerror=alert(1)> Labs"}) {
			t.Errorf("results for evil: got %q; want the name as text", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#cat-results img, #cat-results script").length`); n != 0 {
			t.Errorf("elements made from the name: got %d; want 0", n)
		}
		href := eval[string](t, ctx, `document.querySelector("#cat-results a").getAttribute("href")`)
		if href != prefix+"/en/partners/evil/" {
			t.Errorf("link: got %q; want %q", href, prefix+"/en/partners/evil/")
		}
	})

	t.Run("results lead to pages", func(t *testing.T) {
		eval[any](t, ctx, `(() => { const q = document.getElementById("cat-q"); q.value = ""; q.dispatchEvent(new Event("input", {bubbles: true})); })()`)
		waitFor(t, ctx, "the whole catalogue", `document.getElementById("cat-count").textContent === "9 organisations"`)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Promise.all([...document.querySelectorAll("#cat-results a, #cat-form a")].map(a => fetch(a.href).then(r => r.status + " " + a.getAttribute("href"))))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) < 9 {
			t.Errorf("links in the results: got %d; want at least 9", len(got))
		}
		for _, g := range got {
			if status, href, _ := strings.Cut(g, " "); status != "200" || !strings.HasPrefix(href, prefix+"/") {
				t.Errorf("result link %s: status %s; want 200 under %s/", href, status, prefix)
			}
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		// Clear with the reset button, then tick a type with the space bar.
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("button.cat-reset"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the reset", `location.search === "" && document.getElementById("cat-q").value === "" && document.activeElement.id === "cat-q"`)
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("f-type-lab")), chromedp.KeyEvent(" ")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the labs", `location.search === "?type=lab" && document.getElementById("cat-count").textContent === "2 organisations"`)
	})

	t.Run("accessibility", func(t *testing.T) {
		vs, err := browser.Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("axe: %s", v)
		}
	})

	t.Run("a shared URL", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"/fr/catalogue/?q=sante&pays=pl")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the shared search", `document.getElementById("cat-count").textContent === "2 organisations"`)
		if got, want := resultNames(t, ctx), []string{"Hôpital universitaire de Varsovie", "Klaster LifeScience Kraków"}; !slices.Equal(got, want) {
			t.Errorf("results for sante in Poland: got %q; want %q", got, want)
		}
		if !eval[bool](t, ctx, `document.getElementById("f-pays-pl").checked && document.getElementById("cat-q").value === "sante"`) {
			t.Errorf("the form does not show the URL's search")
		}
	})

	t.Run("French words", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"/fr/catalogue/"), chromedp.WaitVisible(chromedp.ID("cat-q"))); err != nil {
			t.Fatal(err)
		}
		// The first input loads the index (the page's script may not
		// have run when the field became visible, so a focus can come too
		// early to start it); once the results show it, searching is
		// synchronous.
		eval[any](t, ctx, `(() => { const q = document.getElementById("cat-q"); q.focus(); q.value = "hopitaux"; q.dispatchEvent(new Event("input", {bubbles: true})); })()`)
		waitFor(t, ctx, "the index", `document.getElementById("cat-form").getAttribute("aria-busy") === null && [...document.querySelectorAll("#cat-results .cat-name")].map(a => a.textContent).join("|") === "Hôpital universitaire de Varsovie"`)
		for _, c := range []struct {
			query string
			want  []string
		}{
			{"hopitaux", []string{"Hôpital universitaire de Varsovie"}},
			{"biomerieux", []string{"bioMérieux"}},
			{"BIOMÉRIEUX", []string{"bioMérieux"}},
			{"immuno", []string{"ImmunoLab Munich", "BioM"}},
			{"cracovie onco", []string{"Jagiellonian Oncology Lab", "Evil <img src=x onerror=alert(1)> Labs"}},
			{"cytometrie", []string{"ImmunoLab Munich"}},
			// One typo: the places first (alphabetical among equals), then the summary.
			{"cracvie", []string{"Evil <img src=x onerror=alert(1)> Labs", "Jagiellonian Oncology Lab", "Klaster LifeScience Kraków", "Kraków Diagnostics GmbH"}},
		} {
			js := fmt.Sprintf(`(() => { const q = document.getElementById("cat-q"); q.value = %q; q.dispatchEvent(new Event("input", {bubbles: true})); return [...document.querySelectorAll("#cat-results .cat-name")].map(a => a.textContent); })()`, c.query)
			got := eval[[]string](t, ctx, js)
			if !slices.Equal(got, c.want) {
				t.Errorf("fr %q: got %q; want %q", c.query, got, c.want)
			}
		}
	})

	for _, p := range w.list() {
		t.Errorf("page: %s", p)
	}
}

// TestBrowserWithoutJavaScript checks that the catalogue is whole without
// the script: every organisation listed, the facet links shown, the form
// hidden.
func TestBrowserWithoutJavaScript(t *testing.T) {
	res := buildSite(t, fixture(t, "site"))
	srv := serve(t, res, "script-src 'none'")
	ctx := browser.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fr/catalogue/")); err != nil {
		t.Fatal(err)
	}
	names := eval[[]string](t, ctx, `[...document.querySelectorAll("#cat-results .cat-name")].map(a => a.textContent)`)
	if len(names) != 9 {
		t.Errorf("organisations listed: got %d (%q); want 9", len(names), names)
	}
	visible := eval[map[string]bool](t, ctx, `({form: document.getElementById("cat-form").checkVisibility(), links: document.getElementById("cat-browse").checkVisibility()})`)
	if visible["form"] || !visible["links"] {
		t.Errorf("without JavaScript: got form shown %v, facet links shown %v; want false, true", visible["form"], visible["links"])
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fr/catalogue/pays/pl/")); err != nil {
		t.Fatal(err)
	}
	names = eval[[]string](t, ctx, `[...document.querySelectorAll(".cat-results .cat-name")].map(a => a.textContent)`)
	want := []string{"Evil <img src=x onerror=alert(1)> Labs", "Hôpital universitaire de Varsovie", "Jagiellonian Oncology Lab", "Klaster LifeScience Kraków"}
	if !slices.Equal(names, want) {
		t.Errorf("/fr/catalogue/pays/pl/: got %q; want %q", names, want)
	}
	vs, err := browser.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe: %s", v)
	}
}
