package main

import (
	"context"
	"fmt"
	"io"

	"consort/internal/check"
)

const checkHelp = `
Usage: consort check [flags]

Builds the site in memory (it writes nothing) and reports every problem,
sorted by file and line, each with a severity and a code:

  content            front matter, Markdown or site.yaml that does not validate
  reference          a page names another page that does not exist
  link, anchor       a link to a page, file or #anchor not in the built site
  image              an image that does not exist or has no alt text
  duplicate-url      two pages or aliases with one URL (case counts as same)
  orphan             a page no menu, list or link leads to
  ui-string          a UI string missing in a language
  untranslated       a page that exists in one language only
  stale-translation  a translation whose source changed since it was made
  translation        a translatedFrom that cannot be followed
  schema             schemas/ out of date (run consort new schemas)

Then the translation report: per section and language, how many pages,
how many exist in that language only, how many are stale. A translation
is stale when its translatedFrom (written by consort new --translate)
records another version of the source than the file holds now; once the
translation is updated, consort new --translate --update FILE records the
current version. External links are not fetched.

Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with
--strict), 2 bad usage.`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkHelp)
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "output format: text, or json for CI")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	if err := fs.parse(args, stdout, 0); err != nil {
		return err
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
