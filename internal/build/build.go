// Package build is consort's pipeline, used alike by `consort build`,
// `serve` and `check`: it loads a site folder (content/, templates/,
// static/) into a site.Site, renders every output into memory and returns
// the list of files. It writes nothing; publish does.
//
//	files (fs.FS) -> site.Load -> render, catalogue, static -> []output.File
//
// The same input gives the same files, byte for byte.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"consort/internal/catalogue"
	"consort/internal/feeds"
	"consort/internal/images"
	"consort/internal/output"
	"consort/internal/render"
	"consort/internal/site"

	"golang.org/x/text/unicode/norm"
)

// Options say what to build.
type Options struct {
	// Source is the site folder, holding content/ and optionally
	// templates/ and static/ that override the theme's files by name.
	Source fs.FS
	// Theme and Static are the default templates and static files (the
	// embedded ones in the consort binary).
	Theme, Static fs.FS
	Site          site.Options
	// Preview marks a build for `consort serve` (drafts badged).
	Preview bool
	// Emit, when set, receives each page that nothing after rendering
	// changes (an HTML page with no image to resize and not marked
	// noindex) as soon as it is rendered, from several goroutines at
	// once; Result.Files then leaves those pages out, so that a build
	// that writes them as they come never holds them all (consort
	// build). Result.Stats counts them. A page's Data is valid only until
	// Emit returns: Emit may change it, but must copy what it keeps. An
	// error from Emit fails the build.
	Emit func(output.File) error
	// DropHTML lets go of each page's HTML from Markdown as soon as the
	// page's own outputs are rendered, unless a template shows other
	// pages' bodies or a feed needs it (feeds.UsesHTML): a build that
	// streams its pages then holds only the bodies still to render
	// (consort build; at 10,000 pages the bodies are 86 MB). The pages
	// of Result.Site then have no HTML.
	DropHTML bool
}

// Result is a finished build.
type Result struct {
	Site  *site.Site
	Files []output.File // sorted by path
	// Warnings are problems that did not stop the build: the site's and
	// UI strings missing in a language.
	Warnings site.Problems
	Stats    Stats
}

// Stats counts what a build made.
type Stats struct {
	Pages    map[string]map[string]int // lang -> kind -> count
	Files    int
	Bytes    int64
	Duration time.Duration
}

// Build loads, validates and renders the site. When content is wrong the
// error is a site.Problems listing every problem.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	s, err := site.Load(opts.Source, opts.Site)
	if err != nil {
		return nil, err
	}
	eng, err := render.New(themeFS(opts), s.Langs())
	if err != nil {
		return nil, err
	}
	assets, static, err := readStatic(opts)
	if err != nil {
		return nil, err
	}
	ropts := render.Options{Preview: opts.Preview, Assets: assets, CountryURL: catalogue.CountryURL(s)}
	var emitted emitted
	if opts.Emit != nil {
		ropts.Emit = emitted.wrap(opts.Emit)
	}
	if opts.DropHTML {
		theme, err := scanTheme(themeFS(opts))
		if err != nil {
			return nil, err
		}
		if !theme.bodyWide { // a page's body shows on its own outputs only
			ropts.PageDone = func(p *site.Page) {
				if !feeds.UsesHTML(p) {
					p.HTML = nil
				}
			}
		}
	}
	files, err := eng.Render(s, ropts)
	if err != nil {
		return nil, err
	}
	ropts.Emit, ropts.PageDone = nil, nil // the catalogue's pages and the rest are returned
	for _, st := range stages() {
		out, err := st.run(s, eng, ropts, files)
		if err != nil {
			return nil, err
		}
		files = append(files, out...)
	}
	files = append(files, static...)
	if files, err = images.Process(s, files, images.Options{}); err != nil {
		return nil, err
	}
	if err := checkCollisions(files); err != nil {
		return nil, err
	}
	files = emitted.drop(files)
	output.Sort(files)
	r := result(s, eng, files, start)
	r.Stats.Files += emitted.files
	r.Stats.Bytes += emitted.bytes
	return r, nil
}

// emitted keeps count of the pages a build handed to Options.Emit.
type emitted struct {
	mu    sync.Mutex
	paths map[string]bool
	files int
	bytes int64
}

// wrap returns the render.Options.Emit that offers final pages to emit.
func (e *emitted) wrap(emit func(output.File) error) func(output.File) (bool, error) {
	e.paths = map[string]bool{}
	return func(f output.File) (bool, error) {
		if f.Ext() != ".html" || !images.Final(f.Data) || feeds.NoIndex(f.Data) {
			return false, nil
		}
		size := int64(len(f.Data))
		if err := emit(f); err != nil {
			return false, err
		}
		e.mu.Lock()
		e.paths[f.Path] = true
		e.files++
		e.bytes += size
		e.mu.Unlock()
		return true, nil
	}
}

// drop returns files without the pages emitted (which render returned
// with their Path only, for the feeds' and the collision checks' sake).
func (e *emitted) drop(files []output.File) []output.File {
	if len(e.paths) == 0 {
		return files
	}
	return slices.DeleteFunc(files, func(f output.File) bool { return f.Data == nil && e.paths[f.Path] })
}

// A stage makes outputs from the whole site once its pages are rendered;
// it gets the files made before it. Build runs every stage; the
// incremental Builder (incremental.go, for consort serve) runs one again
// only when a page changed in what other pages show of it (front matter,
// URL, a page added or gone) or the body of a page of one of the kinds in
// bodies changed. Add outputs made from the whole site here, so that the
// preview has them too.
type stage struct {
	name   string
	bodies []site.Kind // kinds of page whose bodies the outputs show
	run    func(s *site.Site, eng *render.Engine, ropts render.Options, files []output.File) ([]output.File, error)
}

func stages() []stage {
	return []stage{
		{"catalogue", nil, func(s *site.Site, eng *render.Engine, ropts render.Options, _ []output.File) ([]output.File, error) {
			return catalogue.Build(s, eng, ropts)
		}},
		{"feeds", []site.Kind{site.KindNews}, func(s *site.Site, eng *render.Engine, _ render.Options, files []output.File) ([]output.File, error) {
			return feeds.Files(s, files, feeds.Options{Country: func(lang, code string) string { return eng.Bundle.Locale(lang).Country(code) }})
		}},
	}
}

// themeFS is the templates: the site's own over the theme's.
func themeFS(opts Options) fs.FS {
	return overlay{upper: sub(opts.Source, "templates"), lower: opts.Theme}
}

// readStatic reads the static files, the site's over the theme's, and
// fingerprints the stylesheets and scripts.
func readStatic(opts Options) (*render.Assets, []output.File, error) {
	limit := opts.Site.MaxFileSize
	if limit <= 0 {
		limit = site.DefaultMaxFileSize
	}
	static, err := staticFiles(overlay{upper: sub(opts.Source, "static"), lower: opts.Static}, limit)
	if err != nil {
		return nil, nil, err
	}
	return fingerprint(static)
}

// result sums up a build of files, sorted, made with eng since start.
func result(s *site.Site, eng *render.Engine, files []output.File, start time.Time) *Result {
	r := &Result{Site: s, Files: files, Warnings: append(site.Problems{}, s.Warnings...)}
	r.Warnings = append(r.Warnings, uiStringWarnings(eng.Bundle)...)
	r.Stats.Pages = map[string]map[string]int{}
	for _, p := range s.Pages {
		if r.Stats.Pages[p.Lang] == nil {
			r.Stats.Pages[p.Lang] = map[string]int{}
		}
		r.Stats.Pages[p.Lang][string(p.Kind)]++
	}
	r.Stats.Files = len(files)
	for _, f := range files {
		r.Stats.Bytes += int64(len(f.Data))
	}
	r.Stats.Duration = time.Since(start)
	return r
}

func sub(fsys fs.FS, dir string) fs.FS {
	if fsys == nil {
		return nil
	}
	if _, err := fs.Stat(fsys, dir); err != nil {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}

// staticFiles reads every static file; symbolic links and files that are
// part of consort's own source (Go files) are not published. A file larger
// than limit bytes is a problem, found without reading it.
func staticFiles(fsys fs.FS, limit int64) ([]output.File, error) {
	var files []output.File
	var problems site.Problems
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			problems = append(problems, site.Problem{File: "static/" + p, Msg: "is a symbolic link; consort does not follow links in static/, copy the file instead"})
			return nil
		}
		if d.IsDir() || path.Ext(name) == ".go" {
			return nil
		}
		data, err := site.ReadFile(fsys, p, limit)
		if errors.Is(err, site.ErrTooLarge) {
			problems = append(problems, site.Problem{File: "static/" + p, Msg: fmt.Sprintf("is larger than %s, the largest file consort reads; make it smaller, publish it elsewhere, or raise the limit with --max-file-size", sizeMB(limit))})
			return nil
		}
		if err != nil {
			return fmt.Errorf("static/%s: %w", p, err)
		}
		files = append(files, output.File{Path: p, Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return files, nil
}

// collisionKey is what two paths that name one file on a
// case-insensitive, normalising file system share.
func collisionKey(p string) string { return strings.ToLower(norm.NFC.String(p)) }

// sizeMB writes a size limit for people: "10 MB", "512 KB".
func sizeMB(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// checkCollisions reports two outputs with the same path, such as a static
// file and a page, also when they differ only in case or in Unicode
// normalisation (one file on Windows and macOS).
func checkCollisions(files []output.File) error {
	seen := map[string]string{}
	var problems site.Problems
	for _, f := range files {
		k := collisionKey(f.Path)
		if prev, ok := seen[k]; ok {
			problems = append(problems, site.Problem{File: f.Path, Msg: fmt.Sprintf("two outputs have the same path (%s and %s); rename the static file or change the page's slug", prev, f.Path)})
			continue
		}
		seen[k] = f.Path
	}
	// A file where another output needs a folder ("a/x.html" and
	// "a/x.html/index.html") cannot be written either.
	for _, f := range files {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if prev, ok := seen[collisionKey(d)]; ok {
				problems = append(problems, site.Problem{File: f.Path, Msg: fmt.Sprintf("needs %s to be a folder, but it is an output file too; rename the static file or change the page's slug or alias", prev)})
				break
			}
		}
	}
	if len(problems) > 0 {
		problems.Sort()
		return problems
	}
	return nil
}
