// Package serve is `consort serve`: a live preview of a site for the
// people who write it.
//
// It builds the site with build.Builder into memory (nothing is written to
// disk), serves exactly the files `consort build` would publish, minified
// the same way, and watches content/, templates/ and static/. A change
// rebuilds only what it affects and every open page reloads through
// Server-Sent Events; the page whose file was edited is brought up unless
// the reader opted out; a stylesheet change swaps the styles in place.
//
// When content or templates are broken the last good site stays up, and
// every page shows what is wrong, in the page's language, until it is
// fixed. Each HTML page also carries a small editor bar: the file it comes
// from, missing translations and fields that look untranslated. The
// overlay, the bar and the reload script are added to the HTML as it is
// served; they are never part of what build makes.
package serve

import (
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"
)

// Options say what to serve and how.
type Options struct {
	// Dir is the site folder: content/, and optionally templates/ and
	// static/.
	Dir string
	// Build are the options of every build. Source is set to Dir (read
	// through an in-memory copy of content/); Preview is set.
	Build build.Options
	// Listener is where to serve; see Listen.
	Listener net.Listener
	// NoFollow keeps pages where they are when another page's file is
	// edited; each browser can still change it in the editor bar.
	NoFollow bool
	// Debounce is how long a burst of file changes may pause before it is
	// built; 0 means DefaultDebounce.
	Debounce time.Duration
	// Log gets a line per build and the problems of failed builds; nil
	// discards them.
	Log io.Writer
	// Notes, when set, returns the problems the editor bar shows for a
	// successful build, matched to pages by file: consort check's report
	// (check.Run). source is the site as the build read it. It runs in the
	// background once edits pause; until it is done, and when Notes is
	// nil, the bar shows missing translations, fields that look
	// untranslated and the page's warnings, found in the site.
	Notes func(res *build.Result, source fs.FS) site.Problems
}

// DefaultDebounce is how long the watcher waits for a burst of changes
// (an editor's save, a git checkout) to end before building.
const DefaultDebounce = 15 * time.Millisecond

// maxWait bounds the wait of a burst that does not end.
const maxWait = 300 * time.Millisecond

// server is a running preview.
type server struct {
	opts    Options
	src     *sourceFS
	builder *build.Builder
	hub     *hub
	id      string // tells this server's builds from a previous one's
	log     io.Writer

	mu    sync.RWMutex
	files map[string][]byte // what build would publish, by path
	st    *state

	notesMu sync.Mutex    // guards state.pages and state.checked
	wake    chan struct{} // tells checkLoop a build succeeded
}

// state is one build's outcome as pages show it. It is not changed once
// published, but for notes, made on first use.
type state struct {
	gen   uint64
	langs []string // the site's languages, default first; may be empty
	// urls are where the site is published: under the base URL's path
	// ("/project"), if it has one, the preview serves it too.
	urls *urls.Site
	site *site.Site // the last good site; nil before the first
	res  *build.Result
	// problems are the errors of the last build, when it failed: the
	// site shown is then the one before.
	problems site.Problems
	pages    map[string]*site.Page     // by output path, made on first use
	checked  map[string][]site.Problem // Options.Notes' problems by file, once run
}

// Serve builds the site, serves it on opts.Listener and rebuilds it on
// every change until ctx is done; then it stops watching, ends the open
// event streams and closes the listener. It returns an error only when
// the site folder cannot be read or watched at all: broken content or
// templates are shown in the pages instead.
func Serve(ctx context.Context, opts Options) error {
	if opts.Listener == nil {
		return errors.New("serve: no listener")
	}
	defer opts.Listener.Close()
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	max := opts.Build.Site.MaxFileSize
	if max <= 0 {
		max = site.DefaultMaxFileSize
	}
	src, err := newSourceFS(opts.Dir, max)
	if err != nil {
		return fmt.Errorf("reading %s: %w", opts.Dir, err)
	}
	w, err := newWatcher(opts.Dir, opts.Debounce, maxWait)
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("watching %s: %w; the system limits how many folders a program may watch: raise it (on Linux: sudo sysctl fs.inotify.max_user_watches=524288)", opts.Dir, err)
	}
	if err != nil {
		return fmt.Errorf("watching %s: %w", opts.Dir, err)
	}
	bopts := opts.Build
	bopts.Source, bopts.Preview = src, true
	s := &server{opts: opts, src: src, builder: build.NewBuilder(bopts), hub: newHub(), id: randomID(),
		log: opts.Log, files: map[string][]byte{}, st: &state{}}

	wctx, stopWatch := context.WithCancel(ctx)
	batches := make(chan []string)
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		w.run(wctx, batches)
	}()
	defer func() {
		stopWatch()
		<-watchDone
	}()

	if opts.Notes != nil {
		s.wake = make(chan struct{}, 1)
		checkDone := make(chan struct{})
		go func() {
			defer close(checkDone)
			s.checkLoop(wctx, s.wake)
		}()
		defer func() {
			stopWatch()
			<-checkDone
		}()
	}
	s.rebuild(nil)

	hs := &http.Server{Handler: guardHost(opts.Listener.Addr(), s), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(opts.Listener) }()

	for {
		select {
		case batch := <-batches:
			s.rebuild(batch)
		case err := <-served:
			s.hub.close()
			return fmt.Errorf("serving: %w", err)
		case <-ctx.Done():
			s.hub.close() // the event streams end; Shutdown waits for idle connections
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := hs.Shutdown(sctx)
			<-served
			if err != nil {
				return fmt.Errorf("stopping the server: %w", err)
			}
			return nil
		}
	}
}

func randomID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// rebuild reads the changed paths again (nil: everything), builds, and
// tells the open pages.
func (s *server) rebuild(changed []string) {
	start := time.Now()
	var err error
	if changed == nil {
		err = s.src.reload()
	} else {
		err = s.src.refresh(changed)
	}
	if err != nil {
		fmt.Fprintf(s.log, "consort: reading the site: %v\n", err)
	}
	u, err := s.builder.Rebuild(changed)
	s.mu.Lock()
	prev := s.st
	if err == nil && prev.problems == nil && prev.site != nil && len(u.Changed)+len(u.Removed) == 0 {
		// Nothing to show (a file saved as it was, a second event of
		// one save): no reload.
		s.mu.Unlock()
		fmt.Fprintf(s.log, "consort: built in %s: nothing changed\n", time.Since(start).Round(time.Millisecond))
		return
	}
	st := &state{gen: prev.gen + 1, langs: prev.langs, urls: prev.urls, site: prev.site, res: prev.res}
	if err != nil {
		st.problems = problemsOf(err)
		if st.site == nil {
			st.langs, st.urls = configLangs(s.src, s.opts.Build.Site.BaseURL)
		}
	} else {
		for _, f := range u.Published {
			s.files[f.Path] = f.Data
		}
		for _, p := range u.Removed {
			delete(s.files, p)
		}
		st.site, st.res, st.langs = u.Site, u.Result, u.Site.Langs()
		st.urls = u.Site.Config.URLs()
	}
	s.st = st
	s.mu.Unlock()

	ev := event{Type: "reload", Server: s.id, Gen: st.gen}
	if err == nil {
		if prev.problems == nil && s.cssOnly(changed) {
			ev.Type = "css"
		}
		ev.Page = editedPage(u.Site, changed)
	}
	s.hub.publish(ev)
	if s.wake != nil && err == nil {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		fmt.Fprintf(s.log, "consort: %d %s after %s; the preview shows the last good version with the problems on every page:\n", len(st.problems), plural(len(st.problems), "problem", "problems"), took)
		for _, p := range st.problems {
			fmt.Fprintf(s.log, "  %s\n", p)
		}
		return
	}
	what := fmt.Sprintf("%d %s rendered", u.Rendered, plural(u.Rendered, "page", "pages"))
	if u.Full {
		what = fmt.Sprintf("all %d pages rendered", u.Rendered)
	}
	fmt.Fprintf(s.log, "consort: built in %s: %s, %d %s changed\n", took, what, len(u.Changed)+len(u.Removed), plural(len(u.Changed)+len(u.Removed), "file", "files"))
}

// cssOnly reports whether every changed path is a stylesheet in static/
// or a folder holding one.
func (s *server) cssOnly(changed []string) bool {
	css := false
	for _, p := range changed {
		switch {
		case p != "static" && !strings.HasPrefix(p, "static/"):
			return false
		case path.Ext(p) == ".css":
			css = true
		default:
			if st, err := os.Stat(filepath.Join(s.opts.Dir, filepath.FromSlash(p))); err != nil || !st.IsDir() {
				return false
			}
		}
	}
	return css
}

// editedPage returns the URL of the page of the one content file edited,
// or "" when several were.
func editedPage(s *site.Site, changed []string) string {
	var page *site.Page
	for _, p := range changed {
		if !strings.HasPrefix(p, "content/") || !strings.HasSuffix(p, ".md") {
			continue // site.yaml, an editor's temporary file
		}
		q := s.Page(p)
		if q == nil {
			continue // deleted, or a draft left out
		}
		if page != nil && page != q {
			return ""
		}
		page = q
	}
	if page == nil {
		return ""
	}
	return page.URL
}

// configLangs reads the languages and the base URL's path from site.yaml
// (baseURL, when --base-url does not override it) when the site does not
// load, for the language and the address of the problem page.
func configLangs(fsys *sourceFS, baseURL string) ([]string, *urls.Site) {
	data, err := fsys.ReadFile(site.ConfigFile)
	if err != nil {
		return nil, urls.New(urls.Config{BaseURL: baseURL})
	}
	cfg, _ := site.ParseConfig(data)
	if cfg == nil {
		return nil, urls.New(urls.Config{BaseURL: baseURL})
	}
	return cfg.LangCodes(), cfg.URLsAt(baseURL)
}

// ReadFile implements fs.ReadFileFS.
func (s *sourceFS) ReadFile(name string) ([]byte, error) {
	f, err := s.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ServeHTTP serves the built files, the reload script and the event
// stream.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !cleanPath(p) || strings.Contains(strings.ToLower(r.URL.RawPath), "%2f") || strings.Contains(strings.ToLower(r.URL.RawPath), "%5c") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch p {
	case "/__consort/live.js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, liveJS)
		return
	case "/__consort/events":
		s.mu.RLock()
		hello := event{Type: "hello", Server: s.id, Gen: s.st.gen}
		s.mu.RUnlock()
		s.hub.serve(w, r, hello)
		return
	}
	s.mu.RLock()
	st := s.st
	u := st.urls
	if u == nil { // before the first build
		u = urls.New(urls.Config{})
	}
	if prefix := u.Prefix(); prefix != "" && (p == "/" || p == prefix) {
		// The site is published under a path: so is the preview.
		s.mu.RUnlock()
		http.Redirect(w, r, u.Root(), http.StatusFound)
		return
	}
	sitePath, inside := u.SitePath(p)
	name := strings.TrimPrefix(sitePath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := s.files[name]
	_, isDir := s.files[name+"/index.html"]
	if !inside {
		ok, isDir = false, false
	}
	lang := pageLang(sitePath, st.langs)
	status := http.StatusOK
	if !ok && !isDir {
		status = http.StatusNotFound
		if data, ok = s.files[lang+"/404.html"]; !ok {
			data, ok = s.files["404.html"]
		}
		name = "404.html"
	}
	s.mu.RUnlock()
	if !ok && isDir {
		target := p + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		if !ok { // no site yet: the first build failed
			data = []byte("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>consort</title></head><body></body></html>")
			if st.problems != nil {
				status = http.StatusInternalServerError
			}
		}
		data = s.inject(data, st, p, lang)
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// cleanPath reports whether a request path names a file inside the
// output: absolute, without . or .. segments, empty segments, backslashes
// or control characters.
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || (seg == "" && i != len(segs)-1) {
			return false
		}
		for _, r := range seg {
			if r < 0x20 || r == 0x7f {
				return false
			}
		}
	}
	return true
}

// pageLang is the language of a URL path: its first segment when that is
// a language of the site, else the default language.
func pageLang(p string, langs []string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	for _, l := range langs {
		if l == first {
			return l
		}
	}
	if len(langs) > 0 {
		return langs[0]
	}
	return "en"
}

// contentTypes are the media types of what sites publish; anything else
// is application/octet-stream (with nosniff, browsers will not guess).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".json": "application/json", ".jsonld": "application/ld+json", ".webmanifest": "application/manifest+json",
	".xml": "application/xml", ".atom": "application/atom+xml", ".rss": "application/rss+xml",
	".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".ics": "text/calendar; charset=utf-8",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
	".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf",
	".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg",
}

func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	if path.Base(name) == "_redirects" {
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

//go:embed live.js
var liveJS string

// Listen listens on bind:port. When the port is taken the error says so
// and names the next free port; port 0 takes any free port.
func Listen(bind string, port int) (net.Listener, error) {
	addr := net.JoinHostPort(bind, fmt.Sprint(port))
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if !errors.Is(err, syscall.EADDRINUSE) || port == 0 {
		return nil, err
	}
	for next := port + 1; next < port+100 && next < 65536; next++ {
		if l, err := net.Listen("tcp", net.JoinHostPort(bind, fmt.Sprint(next))); err == nil {
			l.Close()
			return nil, &PortTakenError{Port: port, Free: next}
		}
	}
	return nil, &PortTakenError{Port: port}
}

// PortTakenError is Listen's error when another program has the port.
type PortTakenError struct {
	Port int
	Free int // a free port near it, or 0
}

func (e *PortTakenError) Error() string {
	msg := fmt.Sprintf("port %d is taken by another program (another consort serve, or Hugo?)", e.Port)
	if e.Free != 0 {
		msg += fmt.Sprintf("; port %d is free: run consort serve --port %d", e.Free, e.Free)
	}
	return msg + ", or use --port 0 to take any free port"
}
