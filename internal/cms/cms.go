// Package cms writes the admin of a Git-based CMS (Sveltia CMS) for a
// site: /admin/index.html, which loads the CMS, and the CMS's
// configuration, generated from the site's content kinds, vocabularies and
// languages, so that the forms editors fill in write the front matter
// consort reads.
//
//	site.Config (cms:, languages, vocabularies) + scaffold.KindFields -> admin/
//
// The configuration has one folder collection per kind that has a section
// (content/{{locale}}/partners/...), whose section page (index.md) is the
// collection's index file, and a collection of the plain pages
// (content/{{locale}}/*.md, the home page as its index file). Each field
// comes from the kind's Go type, in its order, with consort's
// required/optional rules: keys of a vocabulary are select widgets with the
// vocabulary's labels, references to other pages are relation widgets,
// dates are date widgets writing YYYY-MM-DD, lists are list widgets,
// image and logo are image widgets uploading into static/. A field that
// does not depend on the language (a country, a key, a reference, a
// number, a date, a web address, a picture) is written once and
// duplicated into every language's file; text is translated.
//
// The labels are in one language per file: config.yml in the site's
// default language and config.<lang>.yml in each other one; the admin
// page picks the one that matches the browser's languages. Only the admin
// page loads the CMS script (a pinned version, with its Subresource
// Integrity hash); the public pages never do. The admin page is marked
// noindex, so sitemaps leave it out.
package cms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"

	"gopkg.in/yaml.v3"
)

// The version of Sveltia CMS the admin page loads by default, from a CDN,
// with the Subresource Integrity hash of dist/sveltia-cms.js of the npm
// package @sveltia/cms at that version (.ci/package.json pins the same
// version for the browser test, which checks the hash).
const (
	Version          = "0.221.1"
	DefaultScript    = "https://cdn.jsdelivr.net/npm/@sveltia/cms@" + Version + "/dist/sveltia-cms.js"
	DefaultIntegrity = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
)

// Dir is the folder of the site the admin is published in.
const Dir = "admin"

// DefaultMedia is the folder of static/ uploads go to.
const DefaultMedia = "img/uploads"

// Assets are the names and hashes under which the site's static files
// are published (render.Assets): a script of the site itself
// (cms.script: /admin/sveltia-cms.js) is published minified, under a
// fingerprinted name.
type Assets interface {
	File(name string) string      // "admin/sveltia-cms.js" -> "admin/sveltia-cms.1a2b3c4d5e.js"
	Integrity(name string) string // its Subresource Integrity hash, or ""
}

// Files returns the admin's files (admin/index.html and a configuration
// per language), or nil when site.yaml has no cms: block. assets may be
// nil when the site has no static files.
func Files(cfg *site.Config, assets Assets) []output.File {
	if cfg == nil || cfg.CMS == nil {
		return nil
	}
	configs := Configs(cfg)
	files := []output.File{{Path: Dir + "/index.html", Data: indexPage(cfg, assets)}}
	for _, lang := range cfg.LangCodes() {
		files = append(files, output.File{Path: Dir + "/" + ConfigName(cfg, lang), Data: configs[ConfigName(cfg, lang)]})
	}
	return files
}

// ConfigName is the file name of the configuration in lang's labels:
// config.yml for the default language, config.<lang>.yml for the others.
func ConfigName(cfg *site.Config, lang string) string {
	if lang == cfg.DefaultLang() {
		return "config.yml"
	}
	return "config." + lang + ".yml"
}

// Configs returns the configuration files by name (see ConfigName); nil
// without a cms: block.
func Configs(cfg *site.Config) map[string][]byte {
	if cfg == nil || cfg.CMS == nil {
		return nil
	}
	out := map[string][]byte{}
	for _, lang := range cfg.LangCodes() {
		out[ConfigName(cfg, lang)] = encode(cfg, Config(cfg, lang))
	}
	return out
}

func encode(cfg *site.Config, c *Root) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Sveltia CMS configuration, written by consort from content/site.yaml and\n# the content kinds. Do not edit: change site.yaml and run `consort new schemas`.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		panic(err) // plain structs always encode
	}
	enc.Close()
	return buf.Bytes()
}

// script returns the address the admin page loads the CMS from and its
// integrity hash. A script of the site is loaded from where it is
// published, with the hash of the bytes published (consort minifies it,
// so a hash of the file as downloaded would not match); "" when it is not
// among the static files.
func script(cfg *site.Config, assets Assets) (src, integrity string) {
	c := cfg.CMS
	switch {
	case c.Script == "":
		return DefaultScript, DefaultIntegrity
	case strings.HasPrefix(c.Script, "/") && assets != nil:
		integrity = c.Integrity
		if h := assets.Integrity(c.Script); h != "" {
			integrity = h
		}
		return cfg.URLs().Static(assets.File(c.Script)), integrity
	case strings.HasPrefix(c.Script, "/"):
		return cfg.URLs().Rooted(c.Script), c.Integrity
	}
	return c.Script, c.Integrity
}

var indexTmpl = template.Must(template.New("admin").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
<script>{{.Pick}}</script>
<script src="{{.Src}}"{{if .Integrity}} integrity="{{.Integrity}}" crossorigin="anonymous"{{end}}></script>
</head>
<body>
<noscript><p>{{.NoScript}}</p></noscript>
</body>
</html>
`))

// pickScript adds the link to the configuration in the first of the
// browser's languages that the site has; the CMS reads it when it starts.
const pickScript = `(function () {
  var files = %s, pick = files[""];
  var langs = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < langs.length; i++) {
    var l = String(langs[i]).toLowerCase();
    if (files[l]) { pick = files[l]; break; }
    if (files[l.split("-")[0]]) { pick = files[l.split("-")[0]]; break; }
  }
  var link = document.createElement("link");
  link.rel = "cms-config-url";
  link.type = "application/yaml";
  link.href = pick;
  document.head.appendChild(link);
})();`

func indexPage(cfg *site.Config, assets Assets) []byte {
	files := map[string]string{"": "config.yml"}
	for _, l := range cfg.LangCodes() {
		files[strings.ToLower(l)] = ConfigName(cfg, l)
	}
	j, _ := json.Marshal(files)
	src, integrity := script(cfg, assets)
	lang := cfg.DefaultLang()
	var buf bytes.Buffer
	err := indexTmpl.Execute(&buf, map[string]any{
		"Lang":      lang,
		"Title":     cfg.Title[lang] + " – " + label(adminTitle, lang),
		"Pick":      template.JS(fmt.Sprintf(pickScript, j)),
		"Src":       src,
		"Integrity": integrity,
		"NoScript":  label(noScript, lang),
	})
	if err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// CopyDir is where `consort new schemas` keeps a copy of the
// configuration in the site's folder (beside the JSON Schemas, not
// published): a change to site.yaml then shows, in review, what it changes
// in the editors' forms, and consort check reports a copy out of date.
const CopyDir = "content/.schemas/cms"

// Copies returns the files of CopyDir for cfg (paths from the site
// folder), sorted by path; nil without a cms: block.
func Copies(cfg *site.Config) []output.File {
	var out []output.File
	for name, data := range Configs(cfg) {
		out = append(out, output.File{Path: CopyDir + "/" + name, Data: data})
	}
	output.Sort(out)
	return out
}
