package scaffold

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// Module is consort's module path: what a site's go.mod requires and what
// `go install` and `go tool` name.
const Module = "github.com/consort-ssg/consort"

// GoVersion is the Go version consort's own go.mod asks for, and so the
// least a site's go.mod may say (a tool directive needs Go 1.24 or later).
const GoVersion = "1.26.0"

// Tool says which consort a new site's go.mod pins.
type Tool struct {
	// Version is consort's module version, as `go install` recorded it
	// ("v0.4.0"). Empty or "(devel)" for a consort built from a checkout:
	// the go.mod then names no version, and its README says how to add
	// one (go get -tool).
	Version string
	// Replace, when set, is a folder holding a checkout of consort that
	// the site builds with instead of a published version (a replace
	// directive), for trying a change to consort on a site.
	Replace string
}

// Pinned reports whether t names a version a go.mod can require.
func (t Tool) Pinned() bool {
	return t.Replace != "" || semverRE.MatchString(t.Version)
}

// semverRE matches a published module version; a pseudo-version of a
// modified checkout ("+dirty") is not one.
var semverRE = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// Repository plans the files that make a site folder a repository of its
// own: a go.mod that pins consort as a tool (go tool consort build), a
// README for the people who keep it, a .gitignore, and CI files that
// build the site and publish it on GitHub Pages and GitLab Pages, at a
// project sub-path or a custom domain alike. dir is the folder's name,
// used for the site's module path.
func Repository(dir string, t Tool) []File {
	return []File{
		{Path: "go.mod", Data: []byte(goMod(dir, t))},
		{Path: "README.md", Data: []byte(siteReadme(t))},
		{Path: ".gitignore", Data: []byte("# What consort build and consort serve write.\n/public/\n")},
		{Path: ".github/workflows/pages.yml", Data: []byte(githubPages)},
		{Path: ".gitlab-ci.yml", Data: []byte(gitlabPages)},
	}
}

// goMod is the site's go.mod: a module of its own with consort as a tool.
func goMod(dir string, t Tool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// The site's Go module: it exists to pin the version of consort that\n")
	fmt.Fprintf(&b, "// builds the site. Run it with `go tool consort`; upgrade it with\n")
	fmt.Fprintf(&b, "// `go get -tool %s/cmd/consort@latest`.\n", Module)
	fmt.Fprintf(&b, "module %s\n\ngo %s\n\ntool %s/cmd/consort\n", siteModule(dir), GoVersion, Module)
	switch {
	case t.Replace != "":
		fmt.Fprintf(&b, "\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n", Module, Module, t.Replace)
	case t.Pinned():
		fmt.Fprintf(&b, "\nrequire %s %s\n", Module, t.Version)
	}
	return b.String()
}

// siteModule makes a module path from a folder name: "BioX4Clusters
// site" -> "biox4clusters-site". A module path needs no host when nothing
// imports it.
func siteModule(dir string) string {
	name := site.Slugify(path.Base(strings.ReplaceAll(dir, `\`, "/")))
	if name == "" || name == "." {
		return "site"
	}
	return name
}

func siteReadme(t Tool) string {
	first := "go mod tidy                # once: downloads consort and what it needs (about 40 MB, a minute)"
	if !t.Pinned() {
		first = "go get -tool " + Module + "/cmd/consort@latest   # once: pins consort in go.mod"
	}
	return `# The consortium's website

This folder is a website made with [consort](https://` + Module + `): Markdown
pages in ` + "`content/`" + `, one folder per language, and the site's settings in
` + "`content/site.yaml`" + `. ` + "`templates/` and `static/`" + `, when present, override the
theme's files of the same name.

## Preview, check, build

You need Go 1.24 or later (https://go.dev/dl/). In this folder:

    ` + first + `
    go tool consort serve      # preview at http://localhost:1313/, rebuilt on every save
    go tool consort check      # broken links, missing translations, content problems
    go tool consort build      # the finished site, in public/

` + "`go tool consort help`" + ` lists the commands and the reference topics
(` + "`go tool consort help editors`" + ` is the editors' guide). ` + "`go tool consort new partner \"Name\"`" + `
starts a page in every language.

## Publish

The CI files build the site on every push to the default branch and
publish it, failing when consort finds a problem:

- GitHub Pages: ` + "`.github/workflows/pages.yml`" + `. In the repository's settings,
  Pages, choose "GitHub Actions" as the source. A project site is published
  at https://ORG.github.io/REPO/; with a custom domain set there, at that domain.
  The workflow passes the address GitHub gives to ` + "`--base-url`" + `.
- GitLab Pages: ` + "`.gitlab-ci.yml`" + `. The site is published at the project's Pages
  address, https://GROUP.gitlab.io/PROJECT/ ($CI_PAGES_URL); with a custom
  domain, write it in place of $CI_PAGES_URL in the file.

Anywhere else: ` + "`go tool consort build --base-url https://www.example.org/`" + ` and copy
` + "`public/`" + ` to the host.

## Upgrade consort

    go get -tool ` + Module + `/cmd/consort@latest
    go tool consort check

and commit go.mod and go.sum. ` + "`go tool consort version`" + ` says which version builds the site.
`
}

// githubPages is the GitHub Actions workflow: build with the address
// GitHub Pages gives the site (a project sub-path or a custom domain),
// then deploy.
const githubPages = `# Builds the site with consort and publishes it on GitHub Pages.
# Settings > Pages > Source: GitHub Actions.
name: pages
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - id: pages
        uses: actions/configure-pages@v5
      - name: Check
        run: go tool consort check
      - name: Build
        run: go tool consort build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`

// gitlabPages is the GitLab CI pipeline: GitLab Pages publishes the
// public/ folder of the job named pages.
const gitlabPages = `# Builds the site with consort and publishes it on GitLab Pages.
pages:
  image: golang:` + goImage + `
  stage: deploy
  script:
    - go tool consort check
    - go tool consort build --base-url "$CI_PAGES_URL/"
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
`

// goImage is the Go image's tag for GoVersion.
const goImage = "1.26"
