package build

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"

	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/urls"
)

// fingerprinted are the extensions of static files published under a
// name that carries a hash of their content.
var fingerprinted = map[string]bool{".css": true, ".js": true, ".mjs": true}

// hashLen is how many hex digits of the SHA-256 go into a file name.
const hashLen = 10

// fingerprint minifies the CSS and JavaScript files among static and
// renames each to name.<hash>.ext ("css/site.css" -> "css/site.1a2b3c4d5e.css"),
// the hash being of the minified bytes, so the name changes exactly when
// the content does and hosts may cache the files for ever. It returns the
// asset map templates resolve names with ({{.Asset "css/site.css"}}) and
// the SRI hash of each file ({{.Integrity "css/site.css"}}).
//
// The files are minified here, not only when published, because the
// integrity hash must be of the bytes the browser receives; they are
// marked Minified, so that they are not minified again.
func fingerprint(static []output.File) (*render.Assets, []output.File, error) {
	var todo []output.File
	var idx []int
	for i, f := range static {
		if fingerprinted[f.Ext()] {
			todo = append(todo, f)
			idx = append(idx, i)
		}
	}
	minified, err := minify.Files(context.Background(), todo)
	if err != nil {
		return nil, nil, err
	}
	out := append([]output.File{}, static...)
	paths, integrity := map[string]string{}, map[string]string{}
	for k, f := range minified {
		sum := sha256.Sum256(f.Data)
		name := urls.Fingerprinted(f.Path, hex.EncodeToString(sum[:])[:hashLen])
		sri := sha512.Sum384(f.Data)
		paths[f.Path] = name
		integrity[f.Path] = "sha384-" + base64.StdEncoding.EncodeToString(sri[:])
		out[idx[k]] = output.File{Path: name, Data: f.Data, Minified: true}
	}
	return render.NewAssets(paths, integrity), out, nil
}
