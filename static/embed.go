// Package static embeds consort's default static files (css/, and js/ when there are scripts). They
// are published at the root of the site; a site's own static/ folder adds
// files and overrides these by name.
package static

import "embed"

// FS holds the default static files.
//
//go:embed css js
var FS embed.FS
