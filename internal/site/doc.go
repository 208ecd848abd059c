// Package site is consort's model of a site: the configuration and every
// page of content/, read, validated and linked together. The stages that
// make the site's files (render, the catalogue, the feeds, build) read a
// *Site and nothing else of content/.
//
// # Input
//
// Load reads from an fs.FS holding the site's folder:
//
//	content/site.yaml              the Config: title, baseURL, languages (the
//	                               first is the default), section slugs,
//	                               menus, vocabularies, catalogue, funding
//	content/<lang>/index.md        the home page of a language   KindHome
//	content/<lang>/<section>/      a section: index.md is its list page
//	                               (KindSection), the other files are pages
//	                               of the section's kind (clusters/ holds
//	                               KindCluster pages, partners/ KindPartner,
//	                               missions/, interviews/, news/)
//	content/<lang>/**.md           any other file is a plain page  KindPage
//
// A page and its translations have the same path under each language's
// folder, or the same translationKey. Files and folders whose names start
// with "." or "#" or end in "~" are ignored (editors' and tools' files,
// such as content/.schemas/). Nothing outside content/ is read: templates/
// and static/ belong to later stages.
//
// # What Load guarantees
//
// Load either returns a *Site whose every page passed every check, or a
// Problems error listing every problem found, in every file, sorted by
// file and line. Each Problem names the file, line and field in the
// author's terms and says what to do:
//
//	content/fr/partners/biocat.md:7: country: "France" is not an ISO 3166 code; write FR
//
// Problems of Severity Warning do not stop a build; they are in
// Site.Warnings. A file gives at most 50 problems.
//
// A returned Site holds, for each page:
//
//   - Params, the front matter decoded into the kind's type (PageParams,
//     Cluster, Partner, Mission, Interview, News; Cluster and Partner share
//     Organisation) and validated by its Validate method against the
//     site's vocabularies. Unknown fields are problems, with a "did you
//     mean" hint. Front matter is YAML between --- lines or TOML between
//     +++ lines.
//   - the URL, from the section slugs of the page's language and its slug
//     or file name: a clean path under the site root that no other page
//     has, also when compared without case and Unicode normalisation.
//     (Aliases are paths too, checked clean here; build checks that they
//     collide with nothing.)
//   - Translations, the same page in the other languages, and the pages it
//     names and that name it (a partner's ClusterPage and a cluster's
//     Members, a mission's Participants, an interview's Organisation),
//     each resolved to a published page or reported.
//   - HTML, the body converted by internal/markdown, with links to .md
//     files rewritten to the URL of the page they name, in the page's
//     language, and its Headings, Links and Images for later checks.
//
// Drafts, pages with a publishDate after the Clock and pages past their
// expiryDate are left out (Site.Excluded says why) unless Options ask for
// them. A home or section page that content/ lacks is made up (Synthetic).
//
// Hostile content is refused, not published: files that are not UTF-8 or
// hold a NUL, files over Options.MaxFileSize (read no further), symbolic
// links anywhere in content/, front matter that nests deeper than 64
// levels or uses YAML aliases, Markdown nesting deep enough to slow the
// parser, paths that would leave the site (.., encoded slashes, a scheme),
// and links to script URLs. A leading byte order mark and CRLF line ends
// are read as if absent. Nothing in content/ can make Load panic; the
// fuzz tests hold it to that.
//
// # Using a Site
//
// A Site is read-only once Load returns, and safe for concurrent reads.
// Look pages up with Site.Page (by file), Site.Lookup (by language,
// section and name, as front matter refers to pages), Site.Home,
// Site.Section, Site.PagesOf and Site.LangPages; Site.Pages lists them all
// by language, then file. Config answers the questions of site.yaml
// (LangCodes, SectionSlug, AbsURL, Vocabularies.Label).
//
// # Loading again
//
// consort serve loads the same site after every save. With a Cache in
// Options, a file whose bytes did not change (by SHA-256) is neither
// parsed nor converted again; linking pages together is redone by every
// Load, since it is cheap. Refresh goes further for the most common edit,
// a body changed with the same front matter: it returns a new Site sharing
// every other page with the previous one, and says when a full Load is
// needed instead. Either way the result is what a Load without a Cache
// gives.
//
// Load writes nothing and starts nothing that outlives it.
package site
