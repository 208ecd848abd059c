package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// rawGet sends target as the request line's target, as a client that
// does not clean paths would, and returns the response.
func rawGet(t *testing.T, ts *testServer, method, target string) (int, http.Header, string) {
	t.Helper()
	addr := strings.TrimPrefix(ts.url, "http://")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// TestEveryResponseIsNosniff checks that the preview tells browsers not
// to guess types on every kind of response, errors included, and always
// names the type itself.
func TestEveryResponseIsNosniff(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	tests := []struct {
		name, method, target string
		status               int
	}{
		{"page", "GET", "/en/", 200},
		{"HEAD of a page", "HEAD", "/en/", 200},
		{"stylesheet", "GET", "/" + cssPath(t, ts), 200},
		{"sitemap", "GET", "/sitemap.xml", 200},
		{"redirect to the folder", "GET", "/en/about", 301},
		{"missing page", "GET", "/en/nowhere/", 404},
		{"missing file of an unknown type", "GET", "/x.unknown", 404},
		{"path outside the output", "GET", "/../etc/passwd", 400},
		{"POST", "POST", "/en/", 405},
		{"reload script", "GET", "/__consort/live.js", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, _ := rawGet(t, ts, tt.method, tt.target)
			if status != tt.status {
				t.Errorf("%s %s: got status %d; want %d", tt.method, tt.target, status, tt.status)
			}
			if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s %s: got X-Content-Type-Options %q; want nosniff", tt.method, tt.target, got)
			}
			if status != 301 && h.Get("Content-Type") == "" {
				t.Errorf("%s %s: got no Content-Type; want one, so that nothing is guessed", tt.method, tt.target)
			}
		})
	}
}

// TestOnlyTheOutputIsServed asks the preview for the site's sources, for
// files outside the site by every spelling of a path that climbs, and for
// files that symbolic links in content/ and static/ point to: none is
// ever served.
func TestOnlyTheOutputIsServed(t *testing.T) {
	root := t.TempDir()
	dir := writeSite(t, "site")
	secret := "SECRET-" + strconv.Itoa(os.Getpid())
	writeFile(t, root, "outside/secret.md", "---\ntitle: "+secret+"\n---\n"+secret+"\n")
	writeFile(t, root, "outside/secret.txt", secret+"\n")
	ts := start(t, dir, Options{})
	ts.get("/en/") // the first build is done
	tests := []struct {
		name, target string
		status       int
	}{
		{"site.yaml", "/content/site.yaml", 404},
		{"a content file", "/content/en/about.md", 404},
		{"a content file by its language path", "/en/about.md", 404},
		{"a template", "/templates/base.html", 404},
		{"static/ by its folder name", "/static/css/site.css", 404},
		{"the output marker", "/.consort", 404},
		{"dot dot", "/../content/site.yaml", 400},
		{"dot dot in the middle", "/en/../../content/site.yaml", 400},
		{"encoded dot dot", "/%2e%2e/content/site.yaml", 400},
		{"double-encoded dot dot, a literal name", "/%252e%252e/content/site.yaml", 404},
		{"encoded backslash", "/en/..%5c..%5ccontent%5csite.yaml", 400},
		{"absolute-form target", "http://localhost/../content/site.yaml", 400},
		{"two leading slashes", "//content/site.yaml", 400},
		{"overlong UTF-8 dot", "/%c0%ae%c0%ae/content/site.yaml", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := rawGet(t, ts, "GET", tt.target)
			if status != tt.status {
				t.Errorf("GET %s: got status %d; want %d", tt.target, status, tt.status)
			}
			if strings.Contains(body, "baseURL:") || strings.Contains(body, "title: About") || strings.Contains(body, "{{") {
				t.Errorf("GET %s: got a source file:\n%s", tt.target, body)
			}
		})
	}

	// Links to files outside the site: the build is refused, the
	// preview says why, and no response holds what they point to.
	for link, target := range map[string]string{"content/en/secret.md": "outside/secret.md", "static/secret.txt": "outside/secret.txt"} {
		name := filepath.Join(dir, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(root, target), name); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: Who we are.\n---\nWe are a test, still.\n")
	deadline := time.Now().Add(patience)
	for {
		got := ts.get("/en/about/")
		if strings.Contains(got.body, "is a symbolic link") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the preview never reported the links; log:\n%s", ts.log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, p := range []string{"/en/about/", "/en/secret/", "/secret.txt", "/static/secret.txt", "/en/"} {
		if got := ts.get(p); strings.Contains(got.body, secret) {
			t.Errorf("GET %s: got the text of a file outside the site", p)
		}
	}
}

// hostileFixture reads a site of ../build/testdata/hostile: _base.txtar
// with the fixture's files over it.
func hostileFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range []string{"_base", name} {
		ar, err := txtar.ParseFile(filepath.Join("..", "build", "testdata", "hostile", n+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			writeFile(t, dir, f.Name, string(f.Data))
		}
	}
	return dir
}

// injected reports what in an HTML page would run script: an inline
// script calling alert (the payload of the hostile fixtures), an event
// handler attribute or a javascript: URL.
func injected(page string) []string {
	var bad []string
	z := html.NewTokenizer(strings.NewReader(page))
	script := ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			return bad
		case html.TextToken:
			if script != "" && script != "application/ld+json" && strings.Contains(string(z.Text()), "alert(") {
				bad = append(bad, "script: "+string(z.Text()))
			}
		case html.EndTagToken:
			script = ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" {
				script = "text/javascript"
			}
			for _, a := range tok.Attr {
				switch {
				case tok.Data == "script" && a.Key == "type":
					script = a.Val
				case strings.HasPrefix(a.Key, "on"):
					bad = append(bad, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
				case (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
					bad = append(bad, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
				}
			}
		}
	}
}

// TestHostileContentInThePreview serves the hostile fixture whose front
// matter is full of script, then breaks it so that the problems quote
// script too: neither the pages, nor the editor bar, nor the overlay of
// problems runs any of it.
func TestHostileContentInThePreview(t *testing.T) {
	dir := hostileFixture(t, "script-in-fields")
	ts := start(t, dir, Options{})
	pages := []string{"/en/", "/en/partners/acme/", "/fr/partenaires/acme/", "/en/clusters/biocat/", "/en/news/n/", "/en/missions/m/", "/en/interviews/i/", "/en/about/", "/en/catalogue/"}
	check := func(when string) {
		t.Helper()
		for _, p := range pages {
			got := ts.get(p)
			if got.status != 200 {
				t.Errorf("%s: GET %s: got status %d; want 200", when, p, got.status)
			}
			for _, b := range injected(got.body) {
				t.Errorf("%s: GET %s runs injected code: %s", when, p, b)
			}
		}
	}
	check("built")

	writeFile(t, dir, "content/en/partners/acme.md", "---\ntitle: Acme\norgType: \"<script>alert(30)</script>\"\ncountry: \"<img src=x onerror=alert(31)>\"\n\"<svg onload=alert(32)>\": x\n---\n[x](javascript:alert(33))\n")
	deadline := time.Now().Add(patience)
	for !strings.Contains(ts.get("/en/").body, "is not an ISO 3166 code") {
		if time.Now().After(deadline) {
			t.Fatalf("the preview never showed the problems; log:\n%s", ts.log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	check("broken")
}

// corpusPreview generates a corpus of pages content files, serves it and
// returns its folder, the server and the paths of its pages.
func corpusPreview(tb testing.TB, pages int) (string, *testServer, []string) {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: pages, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	ts := start(tb, dir, Options{})
	return dir, ts, loadPaths(tb, ts)
}

// loadPaths are the pages of a corpus site the load tests request: every
// HTML file of the first build, found by following the sitemap.
func loadPaths(t testing.TB, ts *testServer) []string {
	t.Helper()
	var paths []string
	locRE := regexp.MustCompile(`<loc>https?://[^/<]+(/[^<]*)</loc>`)
	// The first build of a large corpus on a busy machine may take longer
	// than patience.
	client := &http.Client{Timeout: 10 * time.Minute}
	for _, lang := range []string{"en", "fr"} {
		resp, err := client.Get(ts.url + "/" + lang + "/sitemap.xml")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, m := range locRE.FindAllStringSubmatch(string(body), -1) {
			paths = append(paths, m[1])
		}
	}
	if len(paths) < 100 {
		t.Fatalf("got %d pages from the sitemaps; want a whole corpus", len(paths))
	}
	sort.Strings(paths)
	return paths
}

// rebuildEvery edits a partner's text every period until stop is closed,
// so that the preview rebuilds while it serves; it returns how many edits
// it made once stopped.
func rebuildEvery(t testing.TB, dir string, period time.Duration, stop <-chan struct{}) <-chan int {
	partner := firstFile(t, dir, "content/en/partners")
	body := readFile(t, dir, partner)
	edits := make(chan int, 1)
	go func() {
		n := 0
		tick := time.NewTicker(period)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				edits <- n
				return
			case <-tick.C:
				n++
				p := filepath.Join(dir, filepath.FromSlash(partner))
				if err := os.WriteFile(p, []byte(body+fmt.Sprintf("\nEdit number %d.\n", n)), 0o644); err != nil {
					panic(err)
				}
			}
		}
	}()
	return edits
}

// heapSampler records the largest live heap seen until stopped.
type heapSampler struct {
	max  atomic.Uint64
	stop chan struct{}
	done chan struct{}
}

func sampleHeap(every time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > h.max.Load() {
				h.max.Store(m.HeapAlloc)
			}
			select {
			case <-h.stop:
				return
			case <-time.After(every):
			}
		}
	}()
	return h
}

func (h *heapSampler) end() uint64 {
	close(h.stop)
	<-h.done
	return h.max.Load()
}

// heapNow is the live heap after a collection.
func heapNow() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestLoadWhileRebuilding serves a 200-page corpus to 16 clients that
// request its pages without pause while a partner is edited every 100 ms:
// every response is a 200 with the whole page, no request fails, the
// preview keeps rebuilding, and its heap stays bounded: the largest seen
// under load is less than four times the heap after the first build plus
// 64 MB, and after the load it is back near where it started.
func TestLoadWhileRebuilding(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the preview for a few seconds")
	}
	dir, ts, paths := corpusPreview(t, 200)
	base := heapNow()

	stop := make(chan struct{})
	edits := rebuildEvery(t, dir, 100*time.Millisecond, stop)
	heap := sampleHeap(10 * time.Millisecond)
	var requests, failures atomic.Int64
	var firstFailure sync.Once
	var failure string
	var wg sync.WaitGroup
	client := &http.Client{Timeout: patience, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i += 16 {
				select {
				case <-stop:
					return
				default:
				}
				p := paths[i%len(paths)]
				resp, err := client.Get(ts.url + p)
				if err == nil {
					var body []byte
					body, err = io.ReadAll(resp.Body)
					resp.Body.Close()
					if err == nil && (resp.StatusCode != 200 || !bytes.Contains(body, []byte("</html>"))) {
						err = fmt.Errorf("status %d, %d bytes", resp.StatusCode, len(body))
					}
				}
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					firstFailure.Do(func() { failure = fmt.Sprintf("GET %s: %v", p, err) })
				}
			}
		}()
	}
	time.Sleep(3 * time.Second)
	close(stop)
	wg.Wait()
	n := <-edits
	peak := heap.end()
	client.CloseIdleConnections()

	t.Logf("%d requests, %d edits, heap %d MB after the first build, %d MB at most under load", requests.Load(), n, base>>20, peak>>20)
	if failures.Load() > 0 {
		t.Errorf("got %d failed requests of %d; first: %s", failures.Load(), requests.Load(), failure)
	}
	if builds := strings.Count(ts.log.String(), "consort: built"); n == 0 || builds < 2 {
		t.Errorf("the preview did not rebuild during the load; log:\n%s", ts.log)
	}
	if limit := 4*base + 64<<20; peak > limit {
		t.Errorf("heap reached %d MB under load; want less than %d MB", peak>>20, limit>>20)
	}
	if after := heapNow(); after > 2*base+32<<20 {
		t.Errorf("heap is %d MB after the load; want it back near %d MB", after>>20, base>>20)
	}
}

// wrkScript makes wrk request every page in turn and print, when done, a
// line this benchmark reads: requests, errors by kind, p50 and p99 latency.
const wrkScript = `
paths = {}
for line in io.lines(os.getenv("CONSORT_PATHS")) do paths[#paths + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("CONSORT %d %d %d %d %d %d %d %d %d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`

// wrkResult is what the wrk script reports.
type wrkResult struct {
	requests, durationUS, connect, read, write, status, timeout, p50US, p99US int64
}

func (r wrkResult) perSecond() float64 { return float64(r.requests) / (float64(r.durationUS) / 1e6) }

func (r wrkResult) failed() int64 { return r.connect + r.read + r.write + r.status + r.timeout }

// runWrk runs wrk on the preview for 10 s with 2 threads and 32
// connections, every page of the list in turn.
func runWrk(b *testing.B, wrk, script, list, url string) wrkResult {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, wrk, "-t2", "-c32", "-d10s", "--timeout", "5s", "-s", script, url)
	cmd.Env = append(os.Environ(), "CONSORT_PATHS="+list)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("wrk: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`CONSORT( \d+){9}`).Find(out)
	if m == nil {
		b.Fatalf("wrk printed no summary:\n%s", out)
	}
	var r wrkResult
	if _, err := fmt.Sscan(strings.TrimPrefix(string(m), "CONSORT "), &r.requests, &r.durationUS, &r.connect, &r.read, &r.write, &r.status, &r.timeout, &r.p50US, &r.p99US); err != nil {
		b.Fatal(err)
	}
	if r.failed() > 0 {
		b.Errorf("got %d failed requests (connect %d, read %d, write %d, status %d, timeout %d); want none:\n%s", r.failed(), r.connect, r.read, r.write, r.status, r.timeout, out)
	}
	return r
}

// BenchmarkWrkWhileRebuilding serves a 1,000-page corpus to Debian's wrk
// (2 threads, 32 connections, 10 s, every page in turn) twice: idle, the
// baseline, then while a partner is edited every 100 ms. It reports both
// rates in requests per second, their ratio, the latency under edits, the
// builds made during them and the largest heap. Any failed request
// (socket error, timeout, status 400 or more) fails it. It is skipped when
// wrk is not installed (apt-get install wrk).
//
//	go test ./internal/serve -run '^$' -bench WrkWhileRebuilding -benchtime 1x
func BenchmarkWrkWhileRebuilding(b *testing.B) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		b.Skip("wrk is not installed")
	}
	dir, ts, paths := corpusPreview(b, 1000)
	list := filepath.Join(b.TempDir(), "paths.txt")
	script := filepath.Join(b.TempDir(), "paths.lua")
	if err := os.WriteFile(list, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(script, []byte(wrkScript), 0o644); err != nil {
		b.Fatal(err)
	}
	base := heapNow()
	for b.Loop() {
		idle := runWrk(b, wrk, script, list, ts.url+"/")

		builds := strings.Count(ts.log.String(), "consort: built")
		stop := make(chan struct{})
		edits := rebuildEvery(b, dir, 100*time.Millisecond, stop)
		heap := sampleHeap(10 * time.Millisecond)
		busy := runWrk(b, wrk, script, list, ts.url+"/")
		close(stop)
		n := <-edits
		peak := heap.end()
		builds = strings.Count(ts.log.String(), "consort: built") - builds

		b.ReportMetric(idle.perSecond(), "req/s-idle")
		b.ReportMetric(busy.perSecond(), "req/s")
		b.ReportMetric(busy.perSecond()/idle.perSecond(), "ratio-to-idle")
		b.ReportMetric(float64(busy.p50US)/1000, "ms-p50")
		b.ReportMetric(float64(busy.p99US)/1000, "ms-p99")
		b.ReportMetric(float64(n), "edits")
		b.ReportMetric(float64(builds), "builds")
		b.ReportMetric(float64(base>>20), "MB-heap-idle")
		b.ReportMetric(float64(peak>>20), "MB-heap-max")
	}
}
