package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"consort/internal/build"
	"consort/internal/output"
	"consort/internal/publish"
	"consort/internal/site"
	"consort/static"
	"consort/templates"
)

const buildHelp = `
Usage: consort build [flags]

Builds the site in --source (content/, and optionally templates/ and
static/ that override the built-in theme) into --out. The output folder
is replaced only when the whole build succeeded; a failed build leaves
the previous one untouched. Every problem in the content is reported at
once, as file:line: field: what is wrong.

Exit status: 0 built, 1 the content or templates have errors, 2 bad usage.`

// siteFlags are the flags build, serve and check share.
type siteFlags struct {
	source, baseURL, clock string
	drafts, future         bool
	maxFileMB              int
}

func (f *siteFlags) register(fs *flagSet) {
	fs.StringVar(&f.source, "source", ".", "the site folder, holding content/ (and templates/, static/)")
	fs.StringVar(&f.baseURL, "base-url", "", "the address the site is published at, e.g. https://www.example.org/ (default: baseURL of content/site.yaml)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include pages whose publishDate is in the future")
	fs.StringVar(&f.clock, "clock", "", "the build's date and time, YYYY-MM-DD or RFC 3339, for reproducible builds (default: now)")
	fs.IntVar(&f.maxFileMB, "max-file-size", site.DefaultMaxFileSize>>20, "largest content or static file to read, in MB; a bigger one is an error")
}

// options turns the flags into build options.
func (f *siteFlags) options() (build.Options, error) {
	opts := build.Options{
		Source: os.DirFS(f.source),
		Theme:  templates.FS,
		Static: static.FS,
		Site: site.Options{
			Drafts:      f.drafts,
			Future:      f.future,
			BaseURL:     f.baseURL,
			MaxFileSize: int64(f.maxFileMB) << 20,
		},
	}
	if st, err := os.Stat(filepath.Join(f.source, "content")); err != nil || !st.IsDir() {
		return opts, usageError{fmt.Sprintf("%s has no content/ folder; run consort in a site folder or name one with --source", f.source)}
	}
	if f.baseURL != "" {
		if err := site.CheckBaseURL(f.baseURL); err != nil {
			return opts, usageError{"--base-url " + err.Error()}
		}
	}
	if f.clock != "" {
		t, err := time.Parse(time.RFC3339, f.clock)
		if err != nil {
			t, err = time.Parse("2006-01-02", f.clock)
		}
		if err != nil {
			return opts, usageError{fmt.Sprintf("--clock %q: write a date like 2026-01-31 or 2026-01-31T09:00:00Z", f.clock)}
		}
		opts.Site.Clock = t
	}
	if f.maxFileMB <= 0 {
		return opts, usageError{"--max-file-size must be at least 1 (MB)"}
	}
	return opts, nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", buildHelp)
	var sf siteFlags
	sf.register(fs)
	out := fs.String("out", "", "the output folder (default: public/ in the site folder)")
	quiet := fs.Bool("quiet", false, "print nothing but problems")
	reportFile := fs.String("report", "", "also write the build summary as JSON to `FILE`, for CI")
	sync := fs.Bool("sync", false, "flush the output to disk before it replaces the previous one, so that even a power cut leaves one of them whole (slower)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	memProfile := fs.String("memprofile", "", "write a heap profile to `FILE` once the pages are rendered, when the build holds the most, for go tool pprof")
	if err := fs.parse(args, stdout, 0); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	opts, err := sf.options()
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(sf.source, "public")
	}
	var forbidden []string
	for _, d := range []string{"content", "templates", "static"} {
		forbidden = append(forbidden, filepath.Join(sf.source, d))
	}
	start := time.Now()
	// The pages are written as they are rendered, into a temporary
	// folder that replaces --out only once everything succeeded: the
	// build never holds them all in memory.
	w, err := publish.Create(*out, publish.WriteOptions{Forbidden: forbidden, Sync: *sync})
	if refused := (*publish.RefusedError)(nil); errors.As(err, &refused) {
		return usageError{err.Error()} // a wrong --out: exit status 2
	}
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			w.Abort()
		}
	}()
	opts.Site.DropSource = true
	opts.DropHTML = true
	report := newBuildReport(*out)
	mz := publish.NewMinifier()
	opts.Emit = func(f output.File) error {
		if ctx.Err() != nil {
			return errInterrupted
		}
		m, err := mz.Own(f) // the page is ours: render made it for us
		if err != nil {
			return err
		}
		report.count(m)
		return w.Add(m)
	}
	res, err := build.Build(opts)
	if errors.Is(err, errInterrupted) {
		return errInterrupted
	}
	if err != nil {
		return reportProblems(err, stderr)
	}
	printWarnings(res.Warnings, stderr)
	if err := ctx.Err(); err != nil {
		return errInterrupted
	}
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			return err
		}
	}
	files, err := minify(res)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return errInterrupted
	}
	if err := w.AddAll(files); err != nil {
		return err
	}
	for _, f := range files {
		report.count(f)
	}
	if err := w.Commit(); err != nil {
		return err
	}
	committed = true
	report.finish(res, time.Since(start))
	if *reportFile != "" {
		if err := report.write(*reportFile); err != nil {
			return err
		}
	}
	if !*quiet {
		report.print(stdout)
	}
	return nil
}

// errInterrupted is the error of a build stopped by Ctrl-C or SIGTERM
// before it wrote anything.
var errInterrupted = errors.New("interrupted; nothing was written, the previous output is as it was")

// minify returns the files the build did not stream (the catalogue,
// feeds, static files, pages with images), minified, and drops the site
// model, which nothing needs after the build.
func minify(res *build.Result) ([]output.File, error) {
	files := res.Files
	res.Files, res.Site = nil, nil
	return publish.Minify(files)
}

// reportProblems prints content problems one a line and returns
// errSilent; other errors are returned as they are.
func reportProblems(err error, stderr io.Writer) error {
	var ps site.Problems
	if !errors.As(err, &ps) {
		return err
	}
	errs := ps.Errors()
	for _, p := range ps {
		fmt.Fprintln(stderr, p)
	}
	fmt.Fprintf(stderr, "consort: %d %s; nothing was written\n", len(errs), plural(len(errs), "error", "errors"))
	return errSilent
}

func printWarnings(ws site.Problems, stderr io.Writer) {
	for _, w := range ws {
		fmt.Fprintln(stderr, w)
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// writeHeapProfile writes what is in use on the heap now (after a
// collection, so that the profile is up to date) to file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
