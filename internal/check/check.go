// Package check is consort's quality gate: given a site built in memory it
// finds what a reader would trip over and what editors have left undone.
//
//   - content that does not validate, broken references (from site.Load);
//   - links to pages, files or #anchors that are not in the built output,
//     images that do not exist or have no alt attribute;
//   - two URLs that collide, also when they differ only in case (aliases
//     included; site, build and the redirects find them, check names them);
//   - pages no menu, list or link leads to;
//   - UI strings missing in a language;
//   - the translation report: per section and language, pages that exist
//     in one language only and translations whose source changed since
//     they were made (translatedFrom, see scaffold.Record).
//
// Run is what `consort serve` calls after each build: it reads only the
// in-memory build and is cheap (a few milliseconds for the shipped site).
// Site is what `consort check` calls: it builds, then runs.
package check

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/images"
	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"
)

// Codes name the kinds of problem in site.Problem.Code.
const (
	CodeContent      = "content"           // front matter, Markdown, site.yaml
	CodeReference    = "reference"         // a page names another that does not exist
	CodeLink         = "link"              // a link to a page or file not in the built site
	CodeAnchor       = "anchor"            // a link to #id that the target page does not have
	CodeImage        = "image"             // an image that does not exist or has no alt
	CodeDuplicateURL = "duplicate-url"     // two pages or aliases with one URL
	CodeOrphan       = "orphan"            // a page nothing leads to
	CodeUIString     = "ui-string"         // a UI string missing in a language
	CodeUntranslated = "untranslated"      // a page that exists in one language only
	CodeStale        = "stale-translation" // a translation whose source changed since
	CodeTranslation  = "translation"       // a translatedFrom that cannot be followed
	CodeSchema       = "schema"            // schemas/ out of date with site.yaml
	CodeBuild        = "build"             // templates or static files that do not build
)

// Options tune a check.
type Options struct {
	// Source is the site folder (content/, templates/, static/). It is
	// read to hash the sources of translations (scaffold.Hash) and to find
	// lines in site.yaml. Without it Page.Hash is used, which differs from
	// scaffold.Hash only for files with CRLF line ends or a byte order mark.
	Source fs.FS
}

// Report is the outcome of a check.
type Report struct {
	// Problems are sorted by file, line and message; each has a Code.
	Problems site.Problems
	// Translations is the translation report, by section then language.
	// It is empty when the content did not load.
	Translations []Coverage
	// Pages counts the pages checked, by language.
	Pages map[string]int
	// Drafts counts the drafts among them.
	Drafts int
}

// Coverage is the translation state of one section in one language.
type Coverage struct {
	Section string   `json:"section"` // "pages" for home and plain pages
	Lang    string   `json:"lang"`
	Pages   int      `json:"pages"` // pages of the section in Lang
	Only    []string `json:"only"`  // files of Lang with no translation in some other language
	Stale   []string `json:"stale"` // files of Lang whose source changed since they were translated
}

// Errors and Warnings count the report's problems by severity.
func (r *Report) Errors() int   { return len(r.Problems.Errors()) }
func (r *Report) Warnings() int { return len(r.Problems.Warnings()) }

// Run checks a finished build and returns every problem, the build's own
// warnings included, sorted. It is what the serve preview shows.
func Run(res *build.Result, opts Options) site.Problems {
	return Analyze(res, opts).Problems
}

// Analyze checks a finished build and returns the full report.
func Analyze(res *build.Result, opts Options) *Report {
	c := &checker{res: res, s: res.Site, opts: opts}
	r := &Report{Pages: map[string]int{}}
	for _, e := range c.s.Errors {
		c.add(classify(e))
	}
	for _, w := range res.Warnings {
		c.add(classify(w))
	}
	for _, p := range images.Missing(c.s, res.Files) {
		c.add(classify(p))
	}
	for _, p := range c.s.Pages {
		if p.Unreadable {
			continue
		}
		r.Pages[p.Lang]++
		if p.Draft {
			r.Drafts++
		}
	}
	c.checkOutputs()
	r.Translations = c.translations()
	c.checkSchemas()
	c.checkDraftUse()
	c.checkSVGs()
	c.checkSkipped()
	c.checkCMS()
	r.Problems = dedupe(c.problems)
	c.markDrafts(r.Problems)
	r.Problems.Sort()
	return r
}

// Site builds the site in memory (writing nothing) and checks it, every
// page at once: a page that does not validate is checked as far as it
// could be read (site.Options.KeepGoing), so that its problems and the
// links and images of every other page are reported in one pass. The
// files it checks are those `consort build` publishes. When the site
// cannot be built even so (a template that does not parse), the report
// holds the content's problems, the build's error and no translation
// report. When ctx is cancelled, the report holds that problem.
func Site(ctx context.Context, bopts build.Options, opts Options) *Report {
	if opts.Source == nil {
		opts.Source = bopts.Source
	}
	keep := bopts
	keep.Site.KeepGoing = true
	var files build.Files
	res, err := build.Build(ctx, keep, &files)
	if err == nil {
		res.Files = files.Sorted()
		return Analyze(res, opts)
	}
	r := &Report{Pages: map[string]int{}}
	var ps site.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			r.Problems = append(r.Problems, classify(p))
		}
	} else {
		r.Problems = site.Problems{buildProblem(err)}
	}
	if _, err := site.Load(bopts.Source, bopts.Site); errors.As(err, &ps) {
		for _, p := range ps {
			r.Problems = append(r.Problems, classify(p))
		}
	}
	r.Problems = dedupe(r.Problems)
	r.Problems.Sort()
	return r
}

var fileLineRE = regexp.MustCompile(`^([^\s:]+):(\d+):\s*(.*)$`)

// buildProblem turns an error that is not a list of problems (a template
// that does not parse or execute) into one.
func buildProblem(err error) site.Problem {
	msg := err.Error()
	p := site.Problem{File: "templates", Msg: msg, Code: CodeBuild}
	if m := fileLineRE.FindStringSubmatch(msg); m != nil {
		p.File, p.Msg = m[1], m[3]
		p.Line, _ = strconv.Atoi(m[2])
	} else if f, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(f, "templates/") {
		p.File, p.Msg = f, rest
	}
	return p
}

// classify gives a problem from site.Load or build.Build its Code.
func classify(p site.Problem) site.Problem {
	if p.Code != "" {
		return p
	}
	switch {
	case strings.HasPrefix(p.Msg, "is not published: consort leaves out"):
		p.Code = CodeSkipped
	case strings.HasPrefix(p.File, "templates/i18n/"):
		p.Code = CodeUIString
	case strings.Contains(p.Msg, "has the same URL"), strings.Contains(p.Msg, "two outputs have the same path"),
		strings.Contains(p.Msg, "is already the address of"), strings.Contains(p.Msg, "is also an alias of"):
		p.Code = CodeDuplicateURL
	case strings.HasPrefix(p.Msg, "link to "):
		p.Code = CodeLink
	case strings.HasPrefix(p.Msg, "image "), p.Field == "alt", p.Field == "image", p.Field == "logo":
		p.Code = CodeImage
	case strings.Contains(p.Msg, " names content/"):
		p.Code = CodeReference
	case strings.HasPrefix(p.File, "templates/"):
		p.Code = CodeBuild
	default:
		p.Code = CodeContent
	}
	return p
}

func dedupe(ps site.Problems) site.Problems {
	type key struct {
		file  string
		line  int
		field string
		msg   string
	}
	seen := map[key]bool{}
	out := site.Problems{}
	for _, p := range ps {
		k := key{p.File, p.Line, p.Field, p.Msg}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

// checker holds the state of one Analyze.
type checker struct {
	res      *build.Result
	s        *site.Site
	opts     Options
	problems site.Problems
	origins  map[string]origin // URL -> front matter field or menu entry it was written in
	images   []string          // the built site's images, once needed
	urls     map[int][]string  // the built site's addresses by depth, once needed
}

func (c *checker) add(p site.Problem) { c.problems = append(c.problems, p) }

// readSource reads a file of the site folder, or returns nil.
func (c *checker) readSource(name string) []byte {
	if c.opts.Source == nil {
		return nil
	}
	data, err := fs.ReadFile(c.opts.Source, name)
	if err != nil {
		return nil
	}
	return data
}

// configLine returns the first line of content/site.yaml that contains
// s, or 0.
func (c *checker) configLine(s string) int {
	data := c.readSource(site.ConfigFile)
	if data == nil || s == "" {
		return 0
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	return 0
}

// SchemaDir is where `consort new schemas` writes the JSON Schemas of a
// site's front matter.
const SchemaDir = scaffold.SchemaDir

// checkSchemas reports schema files of the site folder that no longer
// match its site.yaml and consort's types, so that editors' checks never
// drift from consort's.
func (c *checker) checkSchemas() {
	if c.opts.Source == nil {
		return
	}
	if _, err := fs.Stat(c.opts.Source, SchemaDir); err != nil {
		return
	}
	want := scaffold.Schemas(c.s.Config)
	for _, sf := range scaffold.SchemaFiles() {
		name := SchemaDir + "/" + sf.File
		have, err := fs.ReadFile(c.opts.Source, name)
		switch {
		case err != nil:
			c.add(site.Problem{File: name, Msg: "missing; run `consort new schemas` to write the JSON Schemas of every kind", Severity: site.Warning, Code: CodeSchema})
		case !bytes.Equal(have, want[sf.File]):
			c.add(site.Problem{File: name, Msg: "is out of date with content/site.yaml or this version of consort; run `consort new schemas`", Severity: site.Warning, Code: CodeSchema})
		}
	}
}
