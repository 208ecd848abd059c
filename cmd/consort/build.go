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

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/publish"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
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
	fs.StringVar(&f.baseURL, "base-url", "", "the address the site is published at, e.g. https://www.example.org/ or https://example.github.io/project/ (default: baseURL of content/site.yaml); under a path, every address carries it, and serve previews there")
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

// prefix is the path of the base URL the site is published at ("/project"
// for https://example.github.io/project/), from --base-url or else
// site.yaml's baseURL: "" at the root of a host, or when site.yaml cannot
// be read (the build then says why).
func (f *siteFlags) prefix() string {
	data, err := os.ReadFile(filepath.Join(f.source, filepath.FromSlash(site.ConfigFile)))
	if err != nil {
		return urls.New(urls.Config{BaseURL: f.baseURL}).Prefix()
	}
	cfg, _ := site.ParseConfig(data)
	if cfg == nil {
		return urls.New(urls.Config{BaseURL: f.baseURL}).Prefix()
	}
	return cfg.URLsAt(f.baseURL).Prefix()
}

// buildFlags are the flags of consort build besides the site's.
type buildFlags struct {
	site                   siteFlags
	out, reportFile        string
	quiet, sync            bool
	cpuProfile, memProfile string
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	bf, err := parseBuildFlags(args, stdout)
	if err != nil {
		return err
	}
	stop, err := startCPUProfile(bf.cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	opts, err := bf.site.options()
	if err != nil {
		return err
	}
	start := time.Now()
	report := newBuildReport(bf.out)
	res, err := buildInto(ctx, bf, opts, report)
	if errors.Is(err, errInterrupted) || ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return reportProblems(err, stderr)
	}
	printWarnings(res.Warnings, stderr)
	report.finish(res, time.Since(start))
	if bf.reportFile != "" {
		if err := report.write(bf.reportFile); err != nil {
			return err
		}
	}
	if !bf.quiet {
		report.print(stdout)
	}
	return nil
}

// parseBuildFlags reads consort build's command line.
func parseBuildFlags(args []string, stdout io.Writer) (*buildFlags, error) {
	fs := newFlagSet("build", buildHelp)
	bf := &buildFlags{}
	bf.site.register(fs)
	fs.StringVar(&bf.out, "out", "", "the output folder (default: public/ in the site folder)")
	fs.BoolVar(&bf.quiet, "quiet", false, "print nothing but problems")
	fs.StringVar(&bf.reportFile, "report", "", "also write the build summary as JSON to `FILE`, for CI")
	fs.BoolVar(&bf.sync, "sync", false, "flush the output to disk before it replaces the previous one, so that even a power cut leaves one of them whole (slower)")
	fs.StringVar(&bf.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	fs.StringVar(&bf.memProfile, "memprofile", "", "write a heap profile to `FILE` once the site is built (what it still holds before the output is put in place), for go tool pprof")
	if err := fs.parse(args, stdout, 0); err != nil {
		return nil, err
	}
	if bf.out == "" {
		bf.out = filepath.Join(bf.site.source, "public")
	}
	return bf, nil
}

// startCPUProfile starts a CPU profile into file, when one is asked for,
// and returns what stops it.
func startCPUProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// buildInto builds the site into a temporary folder beside --out, the
// pages written as build makes them, and puts it in place of --out only
// once everything succeeded.
func buildInto(ctx context.Context, bf *buildFlags, opts build.Options, report *buildReport) (*build.Result, error) {
	var forbidden []string
	for _, d := range []string{"content", "templates", "static"} {
		forbidden = append(forbidden, filepath.Join(bf.site.source, d))
	}
	w, err := publish.Create(bf.out, publish.WriteOptions{Forbidden: forbidden, Sync: bf.sync})
	if refused := (*publish.RefusedError)(nil); errors.As(err, &refused) {
		return nil, usageError{err.Error()} // a wrong --out: exit status 2
	}
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			w.Abort()
		}
	}()
	res, err := build.Build(ctx, opts, countingSink{w, report})
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	if bf.memProfile != "" {
		if err := writeHeapProfile(bf.memProfile); err != nil {
			return nil, err
		}
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	committed = true
	return res, nil
}

// countingSink adds each file to the report as it goes to the writer.
type countingSink struct {
	w      *publish.Writer
	report *buildReport
}

func (c countingSink) Add(f output.File) error {
	c.report.count(f)
	return c.w.Add(f)
}

// errInterrupted is the error of a build stopped by Ctrl-C or SIGTERM
// before it wrote anything.
var errInterrupted = errors.New("interrupted; nothing was written, the previous output is as it was")

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
