// Command consort builds the multilingual website of a multi-partner
// consortium from Markdown in content/, templates/ and static/.
//
// Run `consort help` for the commands and the help topics. The topics are
// the Markdown files of internal/help, embedded in the binary.
//
// # The packages
//
// Data flows one way: files, then the site model, then the outputs, then
// the disk. A package imports only packages upstream of it, never one
// downstream, and none keeps global state.
//
//	files      content/, templates/ and static/ as an fs.FS: the site's
//	           folder over the default theme embedded from templates/
//	           and static/ (a site's own files override the theme's by name)
//
//	leaves     markdown  goldmark, configured in this one place
//	           i18n      UI strings and CLDR locale rules of each language
//	           geomap    inline SVG maps drawn at build time
//	           output    output.File, the unit every stage produces
//
//	site       site      load and validate content/, pair translations,
//	                     resolve references, convert Markdown: *site.Site,
//	                     read-only once loaded
//
//	outputs    render    html/template pages: base.html and a layout a kind
//	           feeds     sitemaps, Atom, iCalendar, robots.txt, aliases
//	           catalogue the partner catalogue: pages, facets, JSON, CSV,
//	                     search index
//	           images    srcset copies of the pictures pages show
//	           build     the pipeline: a site folder in, every final file
//	                     of the site out, in memory
//
//	disk       publish   write the files into a temporary folder beside
//	                     the output, then swap it in
//
//	users      check     consort check: problems of a built site
//	           serve     consort serve: the live preview, from memory
//	           scaffold  consort new: pages, translations, sites, schemas
//	           help      consort help: the reference topics
//
// Tools beside consort: cmd/consort-shots (screenshots, with
// internal/browser), cmd/consort-corpus (the benchmark site of
// internal/corpus) and cmd/consort-floor (the benchmark's floor).
//
// # This command
//
// main is tiny: it calls run(ctx, args, stdout, stderr) with a context
// that Ctrl-C cancels. Each subcommand is one file (build.go, check.go,
// new.go, serve.go, version.go, help.go) with its help text beside its
// flags. Exit status: 0 success, 1 failure (the content or templates have
// errors), 2 bad usage.
package main
