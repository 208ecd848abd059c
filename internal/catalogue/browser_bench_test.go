package catalogue_test

import (
	"io/fs"
	"path"
	"slices"
	"testing"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/catalogue"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/static"

	"github.com/chromedp/chromedp"
)

// keystrokeHarness types queries one character at a time into the search
// box of the page and measures each keystroke: from the input event to the
// list and counts updated (script), and to the layout done (layout). It
// waits a frame between keystrokes, as a typist would.
const keystrokeHarness = `(async () => {
	const q = document.getElementById("cat-q"), form = document.getElementById("cat-form");
	const t0 = performance.now();
	q.focus();
	form.dispatchEvent(new Event("pointerdown")); // a headless page may not fire focus events
	const ready = () => form.getAttribute("aria-busy") === null && performance.getEntriesByType("resource").some(e => e.name.includes("/search."));
	while (!ready()) {
		if (performance.now() - t0 > 60000) throw new Error("the index did not load");
		await new Promise(r => setTimeout(r, 2));
	}
	const load = performance.now() - t0;
	const script = [], layout = [];
	const queries = ["krakow", "immunology", "cro bavaria", "lab warsaw", "biotech", "diagnostics kit", "onco lyon", "vaccines", "zurich", "mrna", "gene therapy", "bio"];
	for (const text of queries) {
		for (let i = 1; i <= text.length; i++) {
			const a = performance.now();
			q.value = text.slice(0, i);
			q.dispatchEvent(new Event("input", {bubbles: true}));
			const b = performance.now();
			document.body.offsetHeight;
			const c = performance.now();
			script.push(b - a);
			layout.push(c - a);
			await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
		}
	}
	const res = performance.getEntriesByType("resource").filter(e => /catalogue|search\./.test(e.name));
	return {load, script, layout, transfer: res.map(e => ({name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize}))};
})()`

type keystrokeResult struct {
	Load     float64   `json:"load"`
	Script   []float64 `json:"script"`
	Layout   []float64 `json:"layout"`
	Transfer []struct {
		Name    string `json:"name"`
		Encoded int    `json:"encoded"`
		Decoded int    `json:"decoded"`
	} `json:"transfer"`
}

func quantile(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}

// BenchmarkBrowserKeystroke10k opens the catalogue page of the 10k site in
// headless Chromium, served gzip-compressed from 127.0.0.1, and reports
// the index's load time (fetch, parse, decode), the keystroke times
// (median and 95th percentile) and the bytes the first search transferred.
//
//	go test ./internal/catalogue -run '^$' -bench BrowserKeystroke10k -benchtime 1x
func BenchmarkBrowserKeystroke10k(b *testing.B) {
	s, eng := loadCorpus(b)
	files, err := catalogue.Build(s, eng, render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	err = fs.WalkDir(static.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) == ".go" {
			return err
		}
		data, err := fs.ReadFile(static.FS, p)
		files = append(files, output.File{Path: p, Data: data})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	srv := serve(b, &built{Site: s, Files: files}, "")
	ctx := browser.New(b)
	var all keystrokeResult
	for b.Loop() {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/en/catalogue/"), chromedp.WaitVisible(chromedp.ID("cat-q"))); err != nil {
			b.Fatal(err)
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[keystrokeResult](keystrokeHarness, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		all.Load += r.Load
		all.Script = append(all.Script, r.Script...)
		all.Layout = append(all.Layout, r.Layout...)
		all.Transfer = r.Transfer
	}
	b.ReportMetric(all.Load/float64(b.N), "index-load-ms")
	b.ReportMetric(quantile(all.Script, .5), "keystroke-p50-ms")
	b.ReportMetric(quantile(all.Script, .95), "keystroke-p95-ms")
	b.ReportMetric(quantile(all.Layout, .5), "keystroke+layout-p50-ms")
	b.ReportMetric(quantile(all.Layout, .95), "keystroke+layout-p95-ms")
	b.ReportMetric(slices.Max(all.Layout), "keystroke+layout-max-ms")
	total := 0
	for _, t := range all.Transfer {
		total += t.Encoded
		b.Logf("transferred %s: %d bytes (%d decoded)", t.Name, t.Encoded, t.Decoded)
	}
	b.ReportMetric(float64(total), "first-search-transfer-B")
}
