package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/tools/txtar"
)

var clock = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// patience bounds every wait for the server, so that a broken server
// fails the test instead of hanging it; it says nothing about speed.
const patience = 30 * time.Second

// writeSite writes testdata/name.txtar into a new folder.
func writeSite(t testing.TB, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, dir, f.Name, string(f.Data))
	}
	return dir
}

func writeFile(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveByRename writes a file the way vim and VS Code do: a new file
// renamed over the old one.
func saveByRename(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	tmp := filepath.Join(filepath.Dir(p), ".~"+filepath.Base(p)+".tmp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func buildOptions() build.Options {
	return build.Options{Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock, Drafts: true}}
}

// testServer is a preview running on a free loopback port.
type testServer struct {
	t      testing.TB
	url    string
	cancel context.CancelFunc
	done   chan error
	log    *syncBuffer
	client *http.Client
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t testing.TB, dir string, opts Options) *testServer {
	t.Helper()
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{t: t, url: "http://" + ln.Addr().String(), cancel: cancel, done: make(chan error, 1), log: &syncBuffer{},
		client: &http.Client{Timeout: patience, Transport: &http.Transport{DisableKeepAlives: true}}}
	opts.Dir, opts.Listener, opts.Log = dir, ln, ts.log
	if opts.Build.Theme == nil {
		opts.Build = buildOptions()
	}
	go func() { ts.done <- Serve(ctx, opts) }()
	t.Cleanup(ts.stop)
	return ts
}

// stop stops the server and waits for Serve to return.
func (ts *testServer) stop() {
	ts.cancel()
	select {
	case err := <-ts.done:
		if err != nil {
			ts.t.Errorf("Serve: got %v; want nil after cancel", err)
		}
		ts.done <- err // stop may be called again
	case <-time.After(patience):
		ts.t.Fatalf("Serve did not return after cancel; log:\n%s", ts.log)
	}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (ts *testServer) get(path string) response {
	ts.t.Helper()
	resp, err := ts.client.Get(ts.url + path)
	if err != nil {
		ts.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatalf("GET %s: %v", path, err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// events is an open event stream.
type events struct {
	ch     chan event
	cancel context.CancelFunc
	wg     sync.WaitGroup
	hello  event
}

// subscribe opens the event stream and waits for its hello.
func (ts *testServer) subscribe() *events {
	ts.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.url+"/__consort/events", nil)
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		cancel()
		ts.t.Fatalf("events: %v", err)
	}
	if got, want := resp.Header.Get("Content-Type"), "text/event-stream; charset=utf-8"; got != want {
		ts.t.Errorf("events Content-Type: got %q; want %q", got, want)
	}
	es := &events{ch: make(chan event, 1000), cancel: cancel}
	es.wg.Add(1)
	go func() {
		defer es.wg.Done()
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var ev event
			if json.Unmarshal([]byte(data), &ev) == nil {
				es.ch <- ev
			}
		}
	}()
	ts.t.Cleanup(es.close)
	es.hello = es.next(ts.t)
	if es.hello.Type != "hello" {
		ts.t.Fatalf("first event: got %+v; want hello", es.hello)
	}
	return es
}

func (es *events) close() {
	es.cancel()
	es.wg.Wait()
}

func (es *events) next(t testing.TB) event {
	t.Helper()
	select {
	case ev := <-es.ch:
		return ev
	case <-time.After(patience):
		t.Fatal("no event from the server")
	}
	return event{}
}

// wait waits for the first event of a build after gen; false when none
// came.
func (es *events) wait(gen uint64) (event, bool) {
	deadline := time.After(patience)
	for {
		select {
		case ev := <-es.ch:
			if ev.Gen > gen {
				return ev, true
			}
		case <-deadline:
			return event{}, false
		}
	}
}

// after waits for the first event of a build after gen.
func (es *events) after(t testing.TB, gen uint64) event {
	t.Helper()
	for {
		if ev := es.next(t); ev.Gen > gen {
			return ev
		}
	}
}

func TestEditReloadsAndServesNewContent(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	es := ts.subscribe()
	if got := ts.get("/en/about/"); got.status != 200 || !strings.Contains(got.body, "We are a test.") {
		t.Fatalf("GET /en/about/: got %d %q; want 200 with the page", got.status, got.body)
	}
	saveByRename(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: Who we are.\n---\nWe are an edited test.\n")
	ev := es.after(t, es.hello.Gen)
	if ev.Type != "reload" || ev.Page != "/en/about/" {
		t.Errorf("event: got %+v; want a reload that leads to /en/about/", ev)
	}
	if got := ts.get("/en/about/"); !strings.Contains(got.body, "We are an edited test.") {
		t.Errorf("GET /en/about/ after the edit: got %q; want the new text", got.body)
	}
}

func TestNewFolderIsServed(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	es := ts.subscribe()
	// A section folder that did not exist, with a page in it at once.
	writeFile(t, dir, "content/en/news/2026/../../missions/trip.md", "---\ntitle: A trip\nmissionType: event\n---\nWe travel.\n")
	writeFile(t, dir, "content/site.yaml", strings.Replace(readFile(t, dir, "content/site.yaml"), "vocabularies:\n", "vocabularies:\n  missionType:\n    event: {en: Event, fr: Événement}\n", 1))
	for gen := es.hello.Gen; ; {
		ev := es.after(t, gen)
		gen = ev.Gen
		if got := ts.get("/en/missions/trip/"); got.status == 200 {
			if !strings.Contains(got.body, "We travel.") {
				t.Errorf("new page: got %q; want its text", got.body)
			}
			break
		}
	}
}

func readFile(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBrokenContentShowsOverlayUntilFixed(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	es := ts.subscribe()
	good := readFile(t, dir, "content/en/about.md")
	writeFile(t, dir, "content/en/about.md", strings.Replace(good, "title: About", "titel: About", 1))
	ev := es.after(t, es.hello.Gen)
	if ev.Type != "reload" {
		t.Errorf("event after breaking: got %+v; want reload", ev)
	}
	tests := []struct {
		name, path string
		want       []string
	}{
		{"English page", "/en/", []string{`class="overlay"`, "The site has a problem", "content/en/about.md, line 2, field titel", `unknown field; did you mean &#34;title&#34;?`, "Check its spelling"}},
		{"French page", "/fr/about/", []string{`class="overlay"`, "Le site a un problème", "content/en/about.md, ligne 2, champ titel", "Vérifiez son orthographe", "Détail (en anglais)"}},
	}
	for _, tt := range tests {
		got := ts.get(tt.path)
		if got.status != 200 {
			t.Errorf("%s: got status %d; want 200 (the last good page)", tt.name, got.status)
		}
		if !strings.Contains(got.body, "We are a test.") && tt.path == "/en/about/" {
			t.Errorf("%s: got %q; want the last good page behind the overlay", tt.name, got.body)
		}
		for _, w := range tt.want {
			if !strings.Contains(got.body, w) {
				t.Errorf("%s: got no %q in\n%s", tt.name, w, got.body)
			}
		}
	}
	writeFile(t, dir, "content/en/about.md", good)
	es.after(t, ev.Gen)
	for _, p := range []string{"/en/", "/fr/about/"} {
		if got := ts.get(p); strings.Contains(got.body, `class="overlay"`) {
			t.Errorf("%s after the fix: got the overlay; want it gone", p)
		}
	}
}

func TestFirstBuildBrokenStillServes(t *testing.T) {
	dir := writeSite(t, "site")
	good := readFile(t, dir, "content/en/about.md")
	writeFile(t, dir, "content/en/about.md", "---\ntitle: [About\n---\nBroken.\n")
	ts := start(t, dir, Options{})
	es := ts.subscribe()
	got := ts.get("/fr/about/")
	if got.status != 500 || !strings.Contains(got.body, "Le site ne peut pas encore être affiché") || !strings.Contains(got.body, "content/en/about.md") {
		t.Fatalf("first build broken: got %d\n%s\nwant 500 with the overlay in French", got.status, got.body)
	}
	writeFile(t, dir, "content/en/about.md", good)
	es.after(t, es.hello.Gen)
	if got := ts.get("/en/about/"); got.status != 200 || strings.Contains(got.body, `class="overlay"`) || !strings.Contains(got.body, "We are a test.") {
		t.Errorf("after the fix: got %d\n%s\nwant the page without overlay", got.status, got.body)
	}
}

func TestRapidWritesNoCrashNoLeak(t *testing.T) {
	dir := writeSite(t, "site")
	before := runtime.NumGoroutine()
	ts := start(t, dir, Options{})
	ts.get("/en/") // the first build is done
	const writes = 500
	for i := 0; i < writes; i++ {
		body := fmt.Sprintf("---\ntitle: About\nsummary: Who we are.\n---\nVersion %d.\n", i)
		if i%2 == 0 {
			writeFile(t, dir, "content/en/about.md", body)
		} else {
			saveByRename(t, dir, "content/en/about.md", body)
		}
	}
	want := fmt.Sprintf("Version %d.", writes-1)
	deadline := time.Now().Add(patience)
	for !strings.Contains(ts.get("/en/about/").body, want) {
		if time.Now().After(deadline) {
			t.Fatalf("after %d writes: never served %q; log:\n%s", writes, want, ts.log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.stop()
	ts.client.CloseIdleConnections()
	for deadline := time.Now().Add(patience); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: got %d after stopping; want at most %d as before starting:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
	if strings.Contains(ts.log.String(), "panic") {
		t.Errorf("log: got a panic:\n%s", ts.log)
	}
}

func TestPathsOutsideTheOutputAreRefused(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	ts.get("/")
	addr := strings.TrimPrefix(ts.url, "http://")
	tests := []struct {
		name, target string
	}{
		{"dot dot", "/../../etc/passwd"},
		{"encoded dot dot", "/%2e%2e/%2e%2e/etc/passwd"},
		{"dot dot inside", "/en/../../../etc/passwd"},
		{"encoded slash", "/en/..%2f..%2fetc/passwd"},
		{"backslash", "/..\\..\\etc\\passwd"},
		{"dot segment", "/./en/"},
		{"empty segment", "/en//about/"},
		{"NUL", "/en/%00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", tt.target, addr)
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusBadRequest || strings.Contains(string(body), "root:") {
				t.Errorf("GET %s: got %d %q; want 400", tt.target, resp.StatusCode, body)
			}
		})
	}
}

func TestServesWhatBuildPublishes(t *testing.T) {
	dir := writeSite(t, "site")
	opts := buildOptions()
	opts.Source, opts.Preview = os.DirFS(dir), true
	// Built before the server starts: goldmark's parser.NewContextKey is
	// not safe for concurrent use, and markdown.New calls it.
	var built build.Files
	if _, err := build.Build(context.Background(), opts, &built); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir, Options{})
	files := built.Sorted()
	for _, f := range files {
		if bytes.Contains(f.Data, []byte("consort-preview")) || bytes.Contains(f.Data, []byte("__consort")) {
			t.Errorf("build output %s: got the preview's HTML; want it only in served pages", f.Path)
		}
		got := ts.get("/" + f.Path)
		if got.status != 200 {
			t.Errorf("GET /%s: got status %d; want 200", f.Path, got.status)
			continue
		}
		if got.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET /%s: got X-Content-Type-Options %q; want nosniff", f.Path, got.header.Get("X-Content-Type-Options"))
		}
		body := got.body
		if strings.HasSuffix(f.Path, ".html") {
			// The page as built, with the preview's part before </body>.
			i := strings.Index(body, `<div id="consort-preview"`)
			j := strings.LastIndex(body, "</body>")
			if i < 0 || j < i {
				t.Errorf("GET /%s: got no preview part before </body>", f.Path)
				continue
			}
			body = body[:i] + body[j:]
		}
		if body != string(f.Data) {
			t.Errorf("GET /%s: got bytes that differ from build's", f.Path)
		}
	}
}

func TestResponses(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	tests := []struct {
		name, path string
		status     int
		ctype      string
		want       []string
	}{
		{"home", "/en/", 200, "text/html; charset=utf-8", []string{"Welcome home."}},
		{"directory without slash", "/en/about", 200, "text/html; charset=utf-8", []string{"We are a test."}},
		{"stylesheet", "/" + cssPath(t, ts), 200, "text/css; charset=utf-8", nil},
		{"missing English page", "/en/nowhere/", 404, "text/html; charset=utf-8", []string{`<html lang="en"`}},
		{"missing French page", "/fr/nulle-part/", 404, "text/html; charset=utf-8", []string{`<html lang="fr"`}},
		{"reload script", "/__consort/live.js", 200, "text/javascript; charset=utf-8", []string{"EventSource"}},
		{"draft shown with its badge", "/en/news/draft-news/", 200, "text/html; charset=utf-8", []string{`class=draft-badge`, "Not yet."}},
		{"bar: missing translation", "/en/english-only/", 200, "text/html; charset=utf-8", []string{"No French version of this page yet.", "consort new --translate --to fr content/en/english-only.md"}},
		{"bar: untranslated summary, in French", "/fr/about/", 200, "text/html; charset=utf-8", []string{"Identique à la version en anglais, pas encore traduit ? résumé"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ts.get(tt.path)
			if got.status != tt.status || got.header.Get("Content-Type") != tt.ctype {
				t.Errorf("GET %s: got %d %q; want %d %q", tt.path, got.status, got.header.Get("Content-Type"), tt.status, tt.ctype)
			}
			for _, w := range tt.want {
				if !strings.Contains(got.body, w) {
					t.Errorf("GET %s: got no %q in\n%s", tt.path, w, got.body)
				}
			}
		})
	}
}

// cssPath finds the fingerprinted stylesheet the pages link to.
func cssPath(t *testing.T, ts *testServer) string {
	body := ts.get("/en/").body
	i := strings.Index(body, `href="/css/`)
	if i < 0 {
		t.Fatalf("no stylesheet link in %s", body)
	}
	rest := body[i+len(`href="/`):]
	return rest[:strings.IndexByte(rest, '"')]
}

func TestStylesheetEditIsCSSOnly(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	es := ts.subscribe()
	writeFile(t, dir, "static/css/site.css", "body{color:rebeccapurple}")
	ev := es.after(t, es.hello.Gen)
	if ev.Type != "css" {
		t.Errorf("event: got %+v; want css", ev)
	}
	if got := ts.get("/" + cssPath(t, ts)).body; got != "body{color:rebeccapurple}" {
		t.Errorf("stylesheet: got %q; want the new one", got)
	}
}

func TestPortTaken(t *testing.T) {
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = Listen("127.0.0.1", port)
	taken, ok := err.(*PortTakenError)
	if !ok {
		t.Fatalf("Listen on a taken port: got %v; want a PortTakenError", err)
	}
	if taken.Port != port || taken.Free <= port {
		t.Errorf("got %+v; want port %d and a free port after it", taken, port)
	}
	if !strings.Contains(taken.Error(), fmt.Sprintf("--port %d", taken.Free)) {
		t.Errorf("message: got %q; want it to suggest --port %d", taken.Error(), taken.Free)
	}
}

func TestNotesFeedTheEditorBar(t *testing.T) {
	dir := writeSite(t, "site")
	notes := func(res *build.Result, src fs.FS) site.Problems {
		if _, err := fs.Stat(src, "content/en/about.md"); err != nil {
			t.Errorf("Notes: got a source without content/en/about.md: %v", err)
		}
		return site.Problems{{File: "content/en/about.md", Line: 4, Msg: "links to a page that does not exist", Code: "link", Severity: site.Warning}}
	}
	ts := start(t, dir, Options{Notes: notes})
	want := "line 4: links to a page that does not exist"
	deadline := time.Now().Add(patience)
	for !strings.Contains(ts.get("/en/about/").body, want) {
		if time.Now().After(deadline) {
			t.Fatalf("editor bar: never showed %q", want)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Other pages have nothing from the check: no translation notes either.
	if got := ts.get("/en/english-only/").body; strings.Contains(got, "No French version") {
		t.Errorf("bar of /en/english-only/ with Notes: got the built-in notes; want the check's only")
	}
}

func TestSaveWithoutChangeDoesNotReload(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	es := ts.subscribe()
	saveByRename(t, dir, "content/en/about.md", readFile(t, dir, "content/en/about.md"))
	// Wait until that save is built, then edit another page: the next
	// event must be that edit's.
	for deadline := time.Now().Add(patience); !strings.Contains(ts.log.String(), "nothing changed"); {
		if time.Now().After(deadline) {
			t.Fatalf("the unchanged save was never built; log:\n%s", ts.log)
		}
		time.Sleep(10 * time.Millisecond)
	}
	writeFile(t, dir, "content/en/english-only.md", "---\ntitle: English only\n---\nChanged.\n")
	if ev := es.after(t, es.hello.Gen); ev.Page != "/en/english-only/" {
		t.Errorf("first event after an unchanged save: got %+v; want the next edit's", ev)
	}
}

// TestServesUnderBaseURLPath: with a base URL under a path, the preview
// serves every file build publishes under that path and nothing outside
// it; its 404 pages, redirects, editor bar and reload events use the path.
func TestServesUnderBaseURLPath(t *testing.T) {
	dir := writeSite(t, "site")
	opts := Options{Build: buildOptions()}
	opts.Build.Site.BaseURL = "https://example.github.io/biox4clusters/"
	bopts := opts.Build
	bopts.Source, bopts.Preview = os.DirFS(dir), true
	var built build.Files
	if _, err := build.Build(context.Background(), bopts, &built); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir, opts)
	es := ts.subscribe()
	for _, f := range built.Sorted() {
		if got := ts.get("/biox4clusters/" + f.Path); got.status != 200 {
			t.Errorf("GET /biox4clusters/%s: got status %d; want 200", f.Path, got.status)
		}
		if got := ts.get("/" + f.Path); got.status != 404 {
			t.Errorf("GET /%s, outside the site's path: got status %d; want 404", f.Path, got.status)
		}
	}
	noRedirect := &http.Client{Timeout: patience, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"/", "/biox4clusters", "/biox4clusters/en/about"} {
		resp, err := noRedirect.Get(ts.url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := map[string]string{"/": "/biox4clusters/", "/biox4clusters": "/biox4clusters/", "/biox4clusters/en/about": "/biox4clusters/en/about/"}[p]
		if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != want {
			t.Errorf("GET %s: got %d to %q; want a redirect to %s", p, resp.StatusCode, loc, want)
		}
	}
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/biox4clusters/en/about/", 200, "We are a test."},
		{"/biox4clusters/fr/nulle-part/", 404, `<html lang="fr"`},
		{"/biox4clusters/fr/nulle-part/", 404, `href="/biox4clusters/fr/"`},
		{"/biox4clustersX/en/", 404, ""},
		{"/en/about/", 404, `href="/biox4clusters/`},
		{"/biox4clusters/en/english-only/", 200, "No French version of this page yet."},
	} {
		got := ts.get(tt.path)
		if got.status != tt.status || !strings.Contains(got.body, tt.want) {
			t.Errorf("GET %s: got %d; want %d with %q in\n%s", tt.path, got.status, tt.status, tt.want, got.body)
		}
	}
	saveByRename(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: Who we are.\n---\nWe are an edited test.\n")
	if ev := es.after(t, es.hello.Gen); ev.Type != "reload" || ev.Page != "/biox4clusters/en/about/" {
		t.Errorf("event: got %+v; want a reload that leads to /biox4clusters/en/about/", ev)
	}
}
