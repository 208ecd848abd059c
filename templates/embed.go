// Package templates embeds consort's default theme: base.html, one layout
// per kind, partials/ and the UI strings in i18n/. A site's own templates/
// folder overrides any of these files by name.
package templates

import "embed"

// FS holds the default templates.
//
//go:embed *.html partials i18n
var FS embed.FS
