package main

import (
	"context"
	"fmt"
	"io"

	"github.com/consort-ssg/consort/internal/check"
)

const checkHelp = `
Usage: consort check [flags]

Builds the site in memory (it writes nothing) and reports every problem
at once, sorted by file and line, each with a severity and a code:

  content            front matter, Markdown or site.yaml that does not validate
  reference          a page names another page that does not exist
  link, anchor       a link to a page, file or #anchor the site does not have
  image              an image that does not exist or has no alt text
  duplicate-url      two pages or aliases with one URL (case counts as same)
  orphan             a page no menu, list or link leads to
  ui-string          a UI string missing in a language
  untranslated       a page that exists in one language only
  stale-translation  a translation whose source changed since it was made
  translation        a translatedFrom that cannot be followed
  schema             content/.schemas/ (JSON Schemas, CMS configuration) out of date
                     (run consort new schemas)
  svg-script         an SVG of static/ that holds a script
  skipped            a file consort leaves out (its name starts with a dot)

A page with errors is still checked as far as it can be read, so one
run shows the problems of every page.

Drafts are checked too (pages consort new makes are drafts): their
problems are marked (draft), and they count. A published page that links
to a draft or names one is reported, since it breaks once the site is
built without drafts. In CI, run consort check --published: it leaves
drafts out and checks the site as consort build publishes it.

Then the translation report: per section and language, how many pages,
how many exist in that language only, how many are stale. A translation
is stale when its translatedFrom (written by consort new --translate)
records another version of the source than the file holds now; once the
translation is updated, consort new --translate --update FILE records the
current version. External links are not fetched. See consort help checks.

Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with
--strict), 2 bad usage.`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkHelp)
	var sf siteFlags
	sf.register(fs)
	// Drafts are checked unless --published.
	sf.drafts = true
	if f := fs.Lookup("drafts"); f != nil {
		f.DefValue, f.Usage = "true", "check drafts too, marking their problems (draft); --published or --drafts=false leaves them out"
	}
	published := fs.Bool("published", false, "check only what consort build publishes: leave drafts out (for CI)")
	format := fs.String("format", "text", "output format: text, or json for CI")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	if err := fs.parse(args, stdout, 0); err != nil {
		return err
	}
	if *published {
		sf.drafts = false
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("check: --format %q: want text or json", *format)}
	}
	opts, err := sf.options()
	if err != nil {
		return err
	}
	rep := check.Site(ctx, opts, check.Options{Source: opts.Source})
	if ctx.Err() != nil {
		return errInterrupted
	}
	if *format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if rep.Errors() > 0 || (*strict && rep.Warnings() > 0) {
		return errSilent
	}
	return nil
}
