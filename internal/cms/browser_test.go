package cms_test

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/cms"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// scriptPath is where the test serves the CMS script of the npm package.
const scriptPath = "/_test/sveltia-cms.js"

// repoSite is the repository's own site (content/) with a cms: block
// that loads the CMS from the test's server, with its integrity hash.
func repoSite(t *testing.T, integrity string) fstest.MapFS {
	t.Helper()
	return cms.SiteWith(t, fmt.Sprintf("\ncms:\n  backend: test-repo\n  script: %s\n  integrity: %s\n", scriptPath, integrity))
}

func buildSite(t *testing.T, fsys fs.FS) []output.File {
	t.Helper()
	var files build.Files
	res, err := build.Build(context.Background(), build.Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}, &files)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, w := range res.Warnings {
		t.Logf("build warning: %v", w)
	}
	return files.Sorted()
}

// watch collects what the admin page must not do: write an error to the
// console or throw.
type watch struct {
	mu       sync.Mutex
	problems []string
}

func (w *watch) list() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.problems)
}

func watchConsole(t *testing.T, ctx context.Context) *watch {
	w := &watch{}
	wctx, cancel := context.WithCancel(ctx)
	console := chromedp.Console(wctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				w.mu.Lock()
				w.problems = append(w.problems, fmt.Sprintf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line))
				w.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return w
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", firstLine(js), err)
	}
	return v
}

func firstLine(s string) string { l, _, _ := strings.Cut(strings.TrimSpace(s), "\n"); return l }

// waitFor polls a JavaScript condition until it holds (20 s at most: a
// time-out, not a measure; the CMS is a 2 MB script).
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
			shot(t, ctx, "timeout")
			t.Fatalf("waiting for %s: %v; the page shows:\n%s", what, err, text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shot keeps a screenshot of the tab in the test's artifacts
// (go test -artifacts), for people to look at.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(t.ArtifactDir(), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Logf("screenshot %s: %v", name, err)
	}
}

// offline answers, from the test, every request the pages make to a host
// other than the test's server, and records them: the public pages must
// make none; the CMS fetches its fonts from a CDN and checks for a newer
// version of itself, which the test answers with a stub.
type offline struct {
	mu   sync.Mutex
	urls []string
}

func (o *offline) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	u := o.urls
	o.urls = nil
	return u
}

func goOffline(t *testing.T, ctx context.Context, local, pkg string) *offline {
	t.Helper()
	o := &offline{}
	wctx, cancel := context.WithCancel(ctx)
	paused := chromedp.Events(wctx, fetch.RequestPaused)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range paused {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if strings.HasPrefix(u, local+"/") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
				chromedp.Call(wctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			o.mu.Lock()
			o.urls = append(o.urls, u)
			o.mu.Unlock()
			ct, body := "application/octet-stream", []byte{}
			switch {
			case strings.HasPrefix(u, localesURL):
				// The CMS's UI strings in other languages: from the package.
				name := path.Base(u)
				if data, err := os.ReadFile(filepath.Join(pkg, "locales", name)); err == nil && !strings.Contains(name, "..") {
					ct, body = "application/json", data
				}
			case strings.HasSuffix(u, "/package.json"):
				ct, body = "application/json", []byte(`{"name":"@sveltia/cms","version":"`+cms.Version+`"}`)
			case strings.HasSuffix(u, ".js") || strings.HasSuffix(u, ".mjs"):
				ct, body = "text/javascript", []byte("export default {};")
			}
			chromedp.Call(wctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID: ev.RequestID, ResponseCode: 200, Body: body,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: ct}, {Name: "Access-Control-Allow-Origin", Value: "*"}},
			})
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return o
}

// localesURL is where the CMS fetches its UI strings in languages other
// than English.
const localesURL = "https://unpkg.com/@sveltia/cms@" + cms.Version + "/locales/"

// seedRepo writes the site's content files into the test backend's
// repository (the browser's origin-private file system), so that the
// CMS lists them and relations have pages to offer.
func seedRepo(t *testing.T, ctx context.Context, fsys fstest.MapFS) {
	t.Helper()
	files := map[string]string{}
	for p, f := range fsys {
		if strings.HasSuffix(p, ".md") {
			files[p] = string(f.Data)
		}
	}
	j, _ := json.Marshal(files)
	eval[bool](t, ctx, `(async () => {
  const files = `+string(j)+`;
  const root = await navigator.storage.getDirectory();
  const repo = await root.getDirectoryHandle("sveltia-cms-test", {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = repo;
    const parts = path.split("/");
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, {create: true});
    const fh = await dir.getFileHandle(parts[parts.length - 1], {create: true});
    const w = await fh.createWritable();
    await w.write(text);
    await w.close();
  }
  return true;
})()`)
}

// readRepo returns the files of the test backend's repository under dir.
func readRepo(t *testing.T, ctx context.Context, dir string) map[string]string {
	t.Helper()
	return eval[map[string]string](t, ctx, `(async () => {
  const out = {};
  const root = await navigator.storage.getDirectory();
  let d = await root.getDirectoryHandle("sveltia-cms-test");
  for (const p of `+fmt.Sprintf("%q", dir)+`.split("/")) d = await d.getDirectoryHandle(p);
  for await (const [name, h] of d.entries()) {
    if (h.kind === "file") out[name] = await (await h.getFile()).text();
  }
  return out;
})()`)
}

func TestBrowserAdmin(t *testing.T) {
	js := browser.Tool(t, "Sveltia CMS", "npm ci --ignore-scripts in .ci", "CONSORT_SVELTIA", ".ci/node_modules/@sveltia/cms/dist/sveltia-cms.js")
	script, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha512.Sum384(script)
	integrity := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	if integrity != cms.DefaultIntegrity {
		t.Errorf("the npm package's %s has hash %s; cms.DefaultIntegrity says %s (update both with the version)", js, integrity, cms.DefaultIntegrity)
	}
	fsys := repoSite(t, integrity)
	files := buildSite(t, fsys)
	mux := http.NewServeMux()
	mux.HandleFunc(scriptPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(script)
	})
	mux.Handle("/", browser.Handler(files))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx := browser.New(t)
	// Tall enough that the partner form renders every field it is asked
	// about (the CMS renders fields as they come into view).
	if err := do(t, ctx, chromedp.EmulateViewport(1280, 2400)); err != nil {
		t.Fatal(err)
	}
	w := watchConsole(t, ctx)
	off := goOffline(t, ctx, srv.URL, filepath.Dir(filepath.Dir(js)))
	for _, p := range []string{"/fr/partenaires/", "/en/partners/", "/en/"} {
		if err := do(t, ctx, chromedp.Navigate(srv.URL+p)); err != nil {
			t.Fatal(err)
		}
		if u := off.take(); len(u) > 0 {
			t.Errorf("the public page %s requested other hosts: %q", p, u)
		}
	}
	seedRepo(t, ctx, fsys)
	if err := do(t, ctx, chromedp.Navigate(srv.URL+"/admin/")); err != nil {
		t.Fatal(err)
	}
	cfg := siteConfig(t, fsys)
	signIn(t, ctx, cfg, "en")
	shot(t, ctx, "collections-en")
	checkCollections(t, ctx, cfg, "en")

	t.Run("partner form", func(t *testing.T) {
		if err := do(t, ctx, chromedp.Navigate(srv.URL+"/admin/#/collections/partners/new")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the partner form", field("orgType")+` !== null`)
		typeInto(t, ctx, "title", "Test Partner Ltd")
		want := []string{}
		for _, k := range cfg.Vocabularies.Keys("orgType") {
			want = append(want, cfg.Vocabularies.Label("orgType", k, "en"))
		}
		if got := openChoices(t, ctx, "orgType"); !sameSet(got, want) {
			t.Errorf("orgType offers %q, want the vocabulary's labels %q", got, want)
		}
		choose(t, ctx, "University")
		clusters := openChoices(t, ctx, "cluster")
		shot(t, ctx, "partner-cluster")
		if !slices.Contains(clusters, "Biocat") || slices.Contains(clusters, "The clusters") {
			t.Errorf("cluster offers %q, want the clusters (Biocat, ...) and not their section page", clusters)
		}
		choose(t, ctx, "Biocat")
		openChoices(t, ctx, "country")
		choose(t, ctx, "Spain (ES)")
		comps := openChoices(t, ctx, "competencies")
		if !slices.Contains(comps, cfg.Vocabularies.Label("competency", "vaccines", "en")) {
			t.Errorf("competencies offers %q, want the competency labels", comps)
		}
		choose(t, ctx, cfg.Vocabularies.Label("competency", "vaccines", "en"))
		// Close the list (Escape would leave the form).
		if err := do(t, ctx, chromedp.Click(chromedp.JSPath(field("title")+`.querySelector("input")`))); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, "partner-en")
		// The title is translated: give the French one.
		clickButton(t, ctx, "French")
		waitFor(t, ctx, "the French form", `[...document.querySelectorAll('section[data-key-path="title"] input')].some(i => i.lang === "fr" && i.offsetParent)`)
		if err := do(t, ctx, chromedp.SendKeys(chromedp.JSPath(`[...document.querySelectorAll('section[data-key-path="title"] input')].find(i => i.lang === "fr" && i.offsetParent)`), "Partenaire de test")); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, "partner-fr")
		clickButton(t, ctx, "Save")
		waitFor(t, ctx, "the saved entry", `!location.hash.endsWith("/new")`)
		var saved map[string]string
		deadline := time.Now().Add(10 * time.Second)
		for {
			saved = map[string]string{}
			for _, lang := range cfg.LangCodes() {
				for name, text := range readRepo(t, ctx, "content/"+lang+"/partners") {
					if _, ok := fsys["content/"+lang+"/partners/"+name]; !ok {
						saved["content/"+lang+"/partners/"+name] = text
					}
				}
			}
			if len(saved) == len(cfg.Languages) || time.Now().After(deadline) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if len(saved) != len(cfg.Languages) {
			t.Fatalf("the CMS saved %d new files, want one per language: %v", len(saved), saved)
		}
		for p, text := range saved {
			t.Logf("%s:\n%s", p, text)
			fsys[p] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		}
		files := buildSite(t, fsys)
		for _, want := range []string{"en/partners/test-partner-ltd/index.html", "fr/partenaires/test-partner-ltd/index.html"} {
			if !slices.ContainsFunc(files, func(f output.File) bool { return f.Path == want }) {
				t.Errorf("the build has no %s", want)
			}
		}
		fm := saved["content/en/partners/test-partner-ltd.md"]
		for _, want := range []string{"orgType: university", "cluster: biocat", "country: ES", "- vaccines"} {
			if !strings.Contains(fm, want) {
				t.Errorf("the front matter lacks %q:\n%s", want, fm)
			}
		}
	})

	t.Run("French", func(t *testing.T) {
		ua := eval[string](t, ctx, `navigator.userAgent`)
		if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: "fr-FR,fr"}); err != nil {
			t.Fatal(err)
		}
		if err := do(t, ctx, chromedp.Navigate(srv.URL+"/admin/index.html#/collections/partners")); err != nil {
			t.Fatal(err)
		}
		t.Logf("navigator.languages: %s", eval[string](t, ctx, `JSON.stringify(navigator.languages)`))
		waitFor(t, ctx, "the French configuration", `document.querySelector('link[rel="cms-config-url"]').href.endsWith("config.fr.yml")`)
		signIn(t, ctx, cfg, "fr")
		shot(t, ctx, "collections-fr")
		checkCollections(t, ctx, cfg, "fr")
	})

	if p := w.list(); len(p) > 0 {
		t.Errorf("the admin page logged errors:\n%s", strings.Join(p, "\n"))
	}
	t.Logf("the admin requested from other hosts (answered by the test): %q", off.take())
}

// do runs browser actions, failing the test after 20 s (a time-out, not
// a measure) instead of waiting for an element that never comes.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) error {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	return chromedp.Do(tctx, actions...)
}

func siteConfig(t *testing.T, fsys fstest.MapFS) *site.Config {
	t.Helper()
	cfg, ps := site.ParseConfig(fsys[site.ConfigFile].Data)
	if cfg == nil || len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}
	return cfg
}

// field is the JavaScript of the form's section of a field (the first,
// the default language's, when each language has its own).
func field(key string) string {
	return fmt.Sprintf(`document.querySelector('section[data-key-path=%q]')`, key)
}

// signIn waits for the sign-in page and signs in to the test repository,
// unless the CMS remembered the session.
func signIn(t *testing.T, ctx context.Context, cfg *site.Config, lang string) {
	t.Helper()
	colls := cms.Config(cfg, lang).Collections
	listed := fmt.Sprintf(`document.body.innerText.includes(%q)`, colls[len(colls)-1].Label)
	button := `[...document.querySelectorAll("button")].find(b => /Test/.test(b.textContent))`
	waitFor(t, ctx, "the sign-in page or the collections", `!!`+button+` || `+listed)
	if !eval[bool](t, ctx, listed) {
		shot(t, ctx, "signin-"+lang)
		eval[bool](t, ctx, button+`.click(), true`)
	}
	waitFor(t, ctx, "the collections", listed)
}

// checkCollections checks that the CMS lists every collection of the
// configuration in lang, with its label in lang.
func checkCollections(t *testing.T, ctx context.Context, cfg *site.Config, lang string) {
	t.Helper()
	var want []string
	for _, c := range cms.Config(cfg, lang).Collections {
		want = append(want, c.Label)
	}
	got := eval[string](t, ctx, `document.body.innerText`)
	for _, l := range want {
		if !strings.Contains(got, l) {
			t.Errorf("%s: the CMS does not list the collection %q; it shows:\n%.1500s", lang, l, got)
		}
	}
}

func typeInto(t *testing.T, ctx context.Context, key, text string) {
	t.Helper()
	if err := do(t, ctx, chromedp.SendKeys(chromedp.JSPath(field(key)+`.querySelector("input, textarea")`), text)); err != nil {
		t.Fatalf("type into %s: %v", key, err)
	}
}

// openChoices opens a select or relation field and returns the labels of
// its choices.
func openChoices(t *testing.T, ctx context.Context, key string) []string {
	t.Helper()
	t.Logf("open %s", key)
	open := `[...document.querySelectorAll("[role=option]")].some(o => o.offsetParent)`
	for try := 0; ; try++ {
		// The form may still be settling: click again until it opens.
		if err := do(t, ctx, chromedp.Click(chromedp.JSPath(field(key)+`.querySelector("[role=combobox]")`))); err != nil {
			t.Fatalf("open %s: %v", key, err)
		}
		time.Sleep(300 * time.Millisecond)
		if eval[bool](t, ctx, open) || try == 5 {
			break
		}
	}
	waitFor(t, ctx, key+"'s choices", open)
	var out []string
	for _, o := range eval[[]string](t, ctx, `[...document.querySelectorAll("[role=option]")].filter(o => o.offsetParent).map(o => o.textContent.trim())`) {
		if o = strings.TrimSpace(strings.TrimSuffix(o, "check")); o != "(None)" && o != "" {
			out = append(out, o)
		}
	}
	return out
}

// choose clicks the open choice labelled text.
func choose(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	t.Logf("choose %q", text)
	js := fmt.Sprintf(`[...document.querySelectorAll("[role=option]")].find(o => o.offsetParent && o.textContent.trim().replace(/check$/, "").trim() === %q)`, text)
	if err := do(t, ctx, chromedp.Click(chromedp.JSPath(js))); err != nil {
		t.Fatalf("choose %q: %v", text, err)
	}
}

func clickButton(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	js := fmt.Sprintf(`[...document.querySelectorAll("button, [role=tab], [role=radio]")].find(b => b.offsetParent && b.textContent.trim() === %q)`, text)
	if err := do(t, ctx, chromedp.Click(chromedp.JSPath(js))); err != nil {
		t.Logf("buttons: %s", eval[string](t, ctx, `JSON.stringify([...document.querySelectorAll("button, [role=tab], [role=radio]")].map(b => b.getAttribute("role") + ":" + b.textContent.trim() + ":" + !!b.offsetParent))`))
		t.Fatalf("click %q: %v", text, err)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
