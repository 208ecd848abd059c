// Package build is the one producer of consort: it turns a site folder
// (content/, templates/, static/) into the final bytes of every file of the
// published site, minified, and hands each to a Sink. `consort build`
// (whose sink is publish's Writer), `consort check`, `consort serve` (through
// a Builder, which builds the same files again after each change) and
// cmd/consort-shots all build with it; nothing else renders.
//
//	files (fs.FS) -> site.Load -> render, catalogue, feeds, static, images
//	              -> minify -> Sink
//
// Everything is minified with internal/minify, and what many pages share
// is minified once: each body when site converts it, each template when
// render parses it. The pages rendered so are marked output.File.Minified
// and handed on as they are; every other file (and a page rewritten by
// images) is minified here.
//
// Build writes nothing itself. It hands a page to the sink as soon as the
// page is final (rendered, and no later stage changes or reads it), and
// lets go of what it no longer needs as it goes (a page's HTML once its own
// outputs are rendered, unless a template or feed shows it elsewhere), so
// that a build of 10,000 pages never holds them all; the files later stages
// make follow at the end. The sink is called from several goroutines at
// once, and each path at most once. When Build fails, or ctx is cancelled
// (every stage stops at its next file), the sink may have received some of
// the files: a sink that publishes must discard them (publish.Writer.Abort).
//
// The same input gives the same files, byte for byte.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/consort-ssg/consort/internal/catalogue"
	"github.com/consort-ssg/consort/internal/citation"
	"github.com/consort-ssg/consort/internal/cms"
	"github.com/consort-ssg/consort/internal/feeds"
	"github.com/consort-ssg/consort/internal/images"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"

	"golang.org/x/sync/errgroup"
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

	// minifying, when set, is called before each file is minified, and
	// tells whether the file is a page handed on as it was rendered
	// (tests use it to cancel a build there, and to see what streams).
	minifying func(path string, streamed bool)
	// unminified hands files on as rendered, from the templates as
	// written (render.NewUnminified), for tests that read what they wrote.
	unminified bool
}

// Result is a finished build.
type Result struct {
	// Site is the site built. After Build, its pages no longer hold
	// their Markdown source, nor their HTML where no output shows it
	// any more.
	Site *site.Site
	// Files are the files of a Builder's build, sorted by path, as
	// rendered (the Update lists which changed; Update.Published has
	// those minified). Build hands its files to its sink instead, and
	// leaves Files nil.
	Files []output.File
	// Warnings are problems that did not stop the build: the site's and
	// UI strings missing in a language.
	Warnings site.Problems
	Stats    Stats
}

// Stats counts what a build made.
type Stats struct {
	Pages    map[string]map[string]int // lang -> kind -> count
	Files    int                       // files made
	Bytes    int64                     // their size (minified, for Build)
	Duration time.Duration
}

// Build loads, validates, renders and minifies the site, and hands every
// file to sink. When content is wrong the error is a site.Problems listing
// every problem; when ctx is cancelled, it is ctx's error.
func Build(ctx context.Context, opts Options, sink Sink) (*Result, error) {
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts.Site.DropSource = true // a build reads each page's Markdown once
	s, err := site.Load(opts.Source, opts.Site)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ps := linkedTemplates(opts.Source); len(ps) > 0 {
		return nil, ps
	}
	eng, err := newEngine(opts, s)
	if err != nil {
		return nil, err
	}
	assets, static, err := readStatic(opts)
	if err != nil {
		return nil, err
	}
	ropts := render.Options{Preview: opts.Preview, Assets: assets}
	out := newOutlet(sink, opts.minifying, opts.unminified)
	dropHTML := htmlDroppable(eng)
	files, err := renderPages(ctx, s, eng, ropts, out, dropHTML)
	if err != nil {
		return nil, err
	}
	for _, st := range stages() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		made, err := st.run(s, eng, ropts, files)
		if err != nil {
			return nil, err
		}
		files = append(files, made...)
	}
	files = append(files, static...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if files, err = images.Process(s, files, images.Options{KeepGoing: opts.Site.KeepGoing}); err != nil {
		return nil, err
	}
	if err := checkCollisions(files); err != nil {
		return nil, err
	}
	files = out.drop(files)
	output.Sort(files)
	if err := out.addAll(ctx, files); err != nil {
		return nil, err
	}
	r := result(s, eng, nil, countPages(s), start)
	r.Stats.Files, r.Stats.Bytes = out.files, out.bytes
	return r, nil
}

// htmlDroppable tells whether pages' HTML may go once their own outputs
// are rendered: when no template shows other pages' bodies.
func htmlDroppable(eng *render.Engine) bool {
	return !eng.ShowsOtherBodies()
}

// renderPages renders every page and the site's own pages (404, the
// language chooser), hands those that are final to out as they come, and
// returns the others, and the final ones with their Path only (for the
// feeds' and the collision checks' sake). With dropHTML, a page's HTML
// goes once all its outputs are rendered, unless a feed shows it.
func renderPages(ctx context.Context, s *site.Site, eng *render.Engine, ropts render.Options, out *outlet, dropHTML bool) ([]output.File, error) {
	jobs := eng.Jobs(s, ropts)
	// left counts the jobs of each page still to render.
	left := map[*site.Page]*atomic.Int32{}
	for _, j := range jobs {
		if p := j.Data.Page; p != nil {
			if left[p] == nil {
				left[p] = new(atomic.Int32)
			}
			left[p].Add(1)
		}
	}
	files := make([]output.File, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(renderWorkers)
	for i, j := range jobs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			err := eng.RenderJob(j, func(f output.File) error {
				if final(s.Config.URLs(), f) {
					files[i] = output.File{Path: f.Path}
					return out.add(gctx, f, true) // the buffer is ours to change
				}
				files[i] = output.File{Path: f.Path, Data: bytes.Clone(f.Data), Minified: f.Minified}
				return nil
			})
			if p := j.Data.Page; err == nil && dropHTML && p != nil && left[p].Add(-1) == 0 && !feeds.UsesHTML(p) {
				p.HTML = nil
			}
			// Let go of the job's data (its menu, language links and
			// drawn map): nothing reads it once the page is made, and
			// held to the end of the loop, the data of 10,000 pages was
			// a quarter of the live heap by the last page.
			jobs[i] = render.Job{}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return append(files, render.RootNotFound(s, files)...), nil
}

// renderWorkers is how many pages are rendered at once.
const renderWorkers = 8

// final reports whether nothing after rendering changes or reads page f:
// an HTML page with no image to resize, not marked noindex (the sitemap
// reads that) and not a 404 page (copied to the root).
func final(u *urls.Site, f output.File) bool {
	return f.Ext() == ".html" && path.Base(f.Path) != "404.html" && images.Final(u, f.Data) && !feeds.NoIndex(f.Data)
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
		{"citations", nil, func(s *site.Site, _ *render.Engine, _ render.Options, _ []output.File) ([]output.File, error) {
			return citation.Files(s)
		}},
		{"feeds", []site.Kind{site.KindNews}, func(s *site.Site, eng *render.Engine, _ render.Options, files []output.File) ([]output.File, error) {
			return feeds.Files(s, files, feeds.Options{Bundle: eng.Bundle})
		}},
		// The CMS admin (/admin/, with a cms: block in site.yaml); after
		// the feeds, so that no sitemap lists it.
		{"cms", nil, func(s *site.Site, _ *render.Engine, ropts render.Options, _ []output.File) ([]output.File, error) {
			return cms.Files(s.Config, ropts.Assets), nil // a nil *render.Assets names every file as it is
		}},
	}
}

// newEngine parses the templates of opts for the languages of s: minified
// (render.New), or as written for a build that hands on pages as they are
// rendered (Options.unminified).
func newEngine(opts Options, s *site.Site) (*render.Engine, error) {
	if opts.unminified {
		return render.NewUnminified(themeFS(opts), s.Langs())
	}
	return render.New(themeFS(opts), s.Langs())
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

// result sums up a build of files, sorted, made with eng since start;
// counts are the site's pages by language and kind (countPages).
func result(s *site.Site, eng *render.Engine, files []output.File, counts map[string]map[string]int, start time.Time) *Result {
	r := &Result{Site: s, Files: files, Warnings: append(site.Problems{}, s.Warnings...)}
	r.Warnings = append(r.Warnings, uiStringWarnings(eng.Bundle)...)
	r.Stats.Pages = counts
	r.Stats.Files = len(files)
	for _, f := range files {
		r.Stats.Bytes += int64(len(f.Data))
	}
	r.Stats.Duration = time.Since(start)
	return r
}

// countPages counts the pages of s by language and kind.
func countPages(s *site.Site) map[string]map[string]int {
	counts := map[string]map[string]int{}
	for _, p := range s.Pages {
		if counts[p.Lang] == nil {
			counts[p.Lang] = map[string]int{}
		}
		counts[p.Lang][string(p.Kind)]++
	}
	return counts
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
