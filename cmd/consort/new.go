package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/cms"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"
)

const newHelp = `
Usage:
  consort new                                      list the kinds of page
  consort new KIND "Title" [--lang fr] [--langs de,pl]
                                                   a page and its twins in the other languages
  consort new --translate FILE --to LANG           a translation of FILE, to translate
  consort new --translate --update FILE            record that FILE's translation is up to date
  consort new site DIR [--langs en,de,pl] [--replace CHECKOUT]
                                                   a new consortium site in DIR, a repository of its own
  consort new schemas                              (re)write content/.schemas/ and content/.remarkrc.mjs
                                                   (and content/.schemas/cms/, with a cms: block in site.yaml)
  consort new strings LANG                         templates/i18n/LANG.yaml: UI strings to translate

A new page is written from a skeleton that lists every field of its kind
with a one-line comment in the file's language; required fields have a
valid value to check, the others are commented out. Its file name is the
title folded to ASCII and lower case ("Klaster LifeScience Kraków" ->
klaster-lifescience-krakow.md). When the section already has a page of
that name in any language, consort new refuses and names its file.
Pages start as drafts. The twins are made in every other language of the
site, or only in those --langs names.

consort new site makes the site in English and French, or in the
languages --langs names, the first the default (see consort help
languages).

--translate copies FILE to the same path in the language --to names, as
a draft, with translatedFrom recording the source's language and version
(a prefix of the SHA-256 of its file). consort check reports the
translation as stale when the source changes; once the translation has
caught up, --translate --update FILE records the source's current version.

new site writes content/site.yaml, example pages in every language, a
go.mod that pins this version of consort as a tool (go tool consort
build), a README, and CI files that publish the site on GitHub Pages and
GitLab Pages. --replace points the go.mod at a checkout of consort
instead of a published version.

consort new strings writes the UI strings (buttons, headings, counts) of
a site language the theme has none for, copied from the default
language's, to translate (see consort help languages).

consort new never overwrites a file (schemas/ excepted: it is generated).
Flags may come before or after the arguments.`

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", newHelp)
	source := fs.String("source", ".", "the site folder, holding content/")
	lang := fs.String("lang", "", "language of the new page (default: the site's first language)")
	translate := fs.Bool("translate", false, "translate the content file given as argument")
	to := fs.String("to", "", "with --translate: the language to translate into")
	update := fs.Bool("update", false, "with --translate: record that the translation FILE is up to date with its source")
	from := fs.String("from", "", "with --update: the language FILE was translated from, when it does not say")
	replace := fs.String("replace", "", "with site: build the new site with the consort checkout in this folder (a go.mod replace directive)")
	clock := fs.String("clock", "", "today's date, YYYY-MM-DD, for news and new sites (default: today)")
	langsFlag := fs.String("langs", "", "comma-separated language codes: the twins of a new page, or the languages of a new site, the first the default")
	pos, err := parseInterleaved(fs, args, stdout)
	if err != nil {
		return err
	}
	now := time.Now()
	if *clock != "" {
		if now, err = time.Parse("2006-01-02", *clock); err != nil {
			return usageError{fmt.Sprintf("new: --clock %q: write a date like 2026-01-31", *clock)}
		}
	}
	fsys := os.DirFS(*source)
	switch {
	case *update || *translate:
		if len(pos) != 1 {
			return usageError{"new: --translate takes one content file, e.g. consort new --translate content/en/news/ce4big.md --to fr"}
		}
		file := sitePath(*source, pos[0])
		if *update {
			f, old, now, err := scaffold.Update(fsys, file, *from)
			if err != nil {
				return err
			}
			if err := scaffold.Replace(*source, []scaffold.File{f}); err != nil {
				return err
			}
			if old == "" {
				old = "nothing"
			}
			fmt.Fprintf(stdout, "updated %s: translatedFrom %s (was %s)\n", f.Path, now, old)
			return nil
		}
		if *to == "" {
			return usageError{"new: --translate needs --to LANG, the language to translate into"}
		}
		f, err := scaffold.Translate(fsys, file, *to)
		if err != nil {
			return err
		}
		if err := scaffold.Create(*source, []scaffold.File{f}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s: translate it, then remove its draft line\n", f.Path)
		return nil
	case len(pos) == 0:
		fmt.Fprintln(stdout, "Kinds of page (consort new KIND \"Title\"):")
		for _, k := range scaffold.Kinds() {
			fmt.Fprintf(stdout, "  %-10s %s\n", k, scaffold.KindDoc(k, "en"))
		}
		fmt.Fprintln(stdout, "\nAlso: consort new site DIR, consort new schemas, consort new --translate FILE --to LANG.")
		return nil
	case pos[0] == "site":
		if len(pos) != 2 {
			return usageError{"new: consort new site DIR: name the folder of the new site"}
		}
		var langs []string
		if *langsFlag != "" {
			if langs, err = scaffold.ParseLangs(*langsFlag); err != nil {
				return usageError{"new: --langs: " + err.Error()}
			}
		}
		return newSite(pos[1], *replace, now, langs, stdout)
	case pos[0] == "strings":
		if len(pos) != 2 {
			return usageError{"new: consort new strings LANG: name the language, e.g. consort new strings pt"}
		}
		f, err := scaffold.UIStrings(fsys, templates.FS, pos[1])
		if err != nil {
			return err
		}
		if err := scaffold.Create(*source, []scaffold.File{f}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s: translate its values\n", f.Path)
		return nil
	case pos[0] == "schemas":
		if len(pos) != 1 {
			return usageError{fmt.Sprintf("new: unexpected argument %q", pos[1])}
		}
		return newSchemas(*source, stdout)
	}
	k, ok := scaffold.ParseKind(pos[0])
	if !ok {
		var names []string
		for _, k := range scaffold.Kinds() {
			names = append(names, string(k))
		}
		return usageError{fmt.Sprintf("new: %q is not a kind of page; kinds are %s (run consort new to see what each is)", pos[0], strings.Join(names, ", "))}
	}
	if len(pos) != 2 {
		return usageError{fmt.Sprintf("new: give the title in quotes, e.g. consort new %s \"Klaster LifeScience Kraków\"", k)}
	}
	var langs []string
	if *langsFlag != "" {
		langs = strings.Split(strings.ReplaceAll(*langsFlag, " ", ""), ",")
	}
	files, err := scaffold.PageIn(fsys, k, pos[1], *lang, langs, now)
	if err != nil {
		return err
	}
	if err := scaffold.Create(*source, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "created %s\n", f.Path)
	}
	return nil
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments, which it returns.
func parseInterleaved(fs *flagSet, args []string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, fs.usage())
			return nil, errHelpShown
		}
		if err != nil {
			return nil, usageError{fmt.Sprintf("new: %v; run `consort help new`", err)}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// sitePath turns a file named on the command line (relative to the
// working folder, or to the site folder) into a path from the site folder.
func sitePath(source, file string) string {
	file = filepath.ToSlash(filepath.Clean(file))
	if strings.HasPrefix(file, "content/") {
		return file
	}
	if rel, err := filepath.Rel(source, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

func newSite(dir, replace string, now time.Time, langs []string, stdout io.Writer) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; consort new site starts a site in a new or empty folder", dir)
	}
	files, err := scaffold.NewSiteIn(now, langs)
	if err != nil {
		return err
	}
	tool := scaffold.Tool{Version: moduleVersion()}
	if replace != "" {
		abs, err := filepath.Abs(replace)
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(abs, "cmd", "consort")); err != nil {
			return usageError{fmt.Sprintf("new: --replace %s: no cmd/consort there; name the folder of a consort checkout", replace)}
		}
		tool.Replace = filepath.ToSlash(abs)
	}
	files = append(files, scaffold.Repository(dir, tool)...)
	if err := scaffold.Create(dir, files); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created a site in %s (%d files). Next:\n  cd %s\n", dir, len(files), dir)
	if !tool.Pinned() {
		fmt.Fprintf(stdout, "  go get -tool %s/cmd/consort@latest\n", scaffold.Module)
	} else {
		fmt.Fprintln(stdout, "  go mod tidy")
	}
	fmt.Fprintln(stdout, "  go tool consort serve\nIts README.md says how to publish it.")
	return nil
}

func newSchemas(source string, stdout io.Writer) error {
	data, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(site.ConfigFile)))
	if err != nil {
		return fmt.Errorf("%s: %w; run consort new schemas in a site folder or name one with --source", site.ConfigFile, err)
	}
	cfg, ps := site.ParseConfig(data)
	if cfg == nil || len(ps.Errors()) > 0 {
		return reportProblems(ps, stdout)
	}
	files := scaffold.SchemaSet(cfg)
	// The CMS shows the labels as the site does, typeset (site.Load).
	typeset, _ := site.ParseConfig(data)
	typeset.Typeset()
	for _, f := range cms.Copies(typeset) {
		files = append(files, scaffold.File{Path: f.Path, Data: f.Data})
	}
	if err := os.MkdirAll(filepath.Join(source, filepath.FromSlash(scaffold.SchemaDir)), 0o755); err != nil {
		return err
	}
	if cfg.CMS != nil {
		if err := os.MkdirAll(filepath.Join(source, filepath.FromSlash(cms.CopyDir)), 0o755); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(source, filepath.FromSlash(f.Path)), f.Data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", f.Path)
	}
	if err := removeStaleCopies(source, cms.Copies(typeset), stdout); err != nil {
		return err
	}
	rc := scaffold.RemarkConfig(cfg)
	if err := scaffold.Create(source, []scaffold.File{rc}); err == nil {
		fmt.Fprintf(stdout, "created %s\n", rc.Path)
	}
	return nil
}

// removeStaleCopies deletes the CMS configurations of content/.schemas/cms/
// that the site no longer has (a language removed, or the cms: block).
func removeStaleCopies(source string, keep []output.File, stdout io.Writer) error {
	dir := filepath.Join(source, filepath.FromSlash(cms.CopyDir))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // no copies
	}
	want := map[string]bool{}
	for _, f := range keep {
		want[f.Path] = true
	}
	for _, e := range entries {
		name := cms.CopyDir + "/" + e.Name()
		if e.IsDir() || want[name] || !strings.HasPrefix(e.Name(), "config") || !strings.HasSuffix(e.Name(), ".yml") {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed %s\n", name)
	}
	return nil
}
