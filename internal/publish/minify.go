package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"consort/internal/output"
)

// Media types under which the minifiers are registered. The HTML minifier
// looks up inline content by these (and by a <script>'s type attribute).
const (
	mediaHTML = "text/html"
	mediaCSS  = "text/css"
	mediaJS   = "application/javascript"
	mediaJSON = "application/json"
	mediaSVG  = "image/svg+xml"
	mediaXML  = "text/xml"
	// mediaSVGFile is what .svg files are minified as, apart from the
	// SVG inside HTML (mediaSVG): that comes from the theme and from
	// internal/geomap, which write it compact already, and minifying
	// the maps of 10,000 partner pages again took 8% of a build.
	mediaSVGFile = "application/x-consort-svg-file"
)

// mediaByExt maps a lower-case extension to the media type of its minifier.
// Extensions that are not here are not minified.
var mediaByExt = map[string]string{
	".html":        mediaHTML,
	".htm":         mediaHTML,
	".css":         mediaCSS,
	".js":          mediaJS,
	".mjs":         mediaJS,
	".json":        mediaJSON,
	".jsonld":      mediaJSON,
	".webmanifest": mediaJSON,
	".svg":         mediaSVGFile,
	".xml":         mediaXML,
	".rss":         mediaXML,
	".atom":        mediaXML,
}

// newMinifier returns the minifier set Minify uses. It is safe for
// concurrent use once built.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add(mediaHTML, &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepSpecialComments: true,
		// KeepQuotes is false: the minifier still quotes every value that
		// needs quotes to mean the same thing.
		// KeepWhitespace is false: whitespace inside <pre> and <textarea>
		// is kept regardless.
	})
	m.Add(mediaCSS, &css.Minifier{})
	jsMin := &js.Minifier{}
	m.Add(mediaJS, jsMin)
	// A <script> with a JavaScript type attribute reaches the minifier under
	// that type and without the "escape-html" parameter the HTML minifier
	// sets for an untyped <script>; set it, so that minified code never
	// spells "</script".
	inHTML := func(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
		p := map[string]string{"escape-html": "1"}
		maps.Copy(p, params)
		return jsMin.Minify(m, w, r, p)
	}
	for _, t := range []string{"text/javascript", "module"} {
		m.AddFunc(t, inHTML)
	}
	jsonMin := &json.Minifier{}
	for _, t := range []string{mediaJSON, "application/ld+json", "importmap", "application/manifest+json"} {
		m.Add(t, jsonMin)
	}
	m.Add(mediaSVGFile, &svg.Minifier{})
	m.AddFunc(mediaSVG, func(_ *minify.M, w io.Writer, r io.Reader, _ map[string]string) error {
		// The HTML minifier hands a reader of bytes it holds: write
		// them as they are, without io.Copy's 32 KB buffer per call.
		if b, ok := r.(interface{ Bytes() []byte }); ok {
			_, err := w.Write(b.Bytes())
			return err
		}
		_, err := io.Copy(w, r)
		return err
	})
	xmlMin := &xml.Minifier{}
	for _, t := range []string{mediaXML, "application/xml"} {
		m.Add(t, xmlMin)
	}
	return m
}

// Minify returns files with HTML, CSS, JavaScript, JSON, SVG and XML
// minified, chosen by extension; other files are returned unchanged (their
// Data is shared with the input). The input is not modified. The result has
// the same order as files. Files are minified in parallel across
// runtime.GOMAXPROCS workers.
//
// A file that cannot be minified is an error that names it:
// "en/index.html: minify: <reason>". All such files are reported, in the
// order given, and no files are returned.
func Minify(files []output.File) ([]output.File, error) {
	out := make([]output.File, len(files))
	copy(out, files)
	errs := make([]error, len(files))
	m := NewMinifier()

	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(files))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				out[i], errs[i] = m.File(files[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// A Minifier minifies one file at a time, as Minify does, for a build
// that writes its pages as it makes them. It is safe for concurrent use.
type Minifier struct{ m *minify.M }

// NewMinifier returns a Minifier.
func NewMinifier() *Minifier { return &Minifier{newMinifier()} }

// File returns f minified, or f itself when its extension is not one
// Minify knows or it is minified already. f.Data is not modified.
func (mz *Minifier) File(f output.File) (output.File, error) {
	// The parsers rewrite their input in place (whitespace, entities),
	// so give them a copy: the caller's Data must stay as it was.
	return mz.file(f, true)
}

// Own is File for a caller that gives up f.Data: the minifier may
// change those bytes, and no copy is made.
func (mz *Minifier) Own(f output.File) (output.File, error) { return mz.file(f, false) }

func (mz *Minifier) file(f output.File, clone bool) (output.File, error) {
	media, ok := mediaByExt[f.Ext()]
	if !ok || f.Minified {
		return f, nil
	}
	in := f.Data
	if clone {
		in = bytes.Clone(in)
	}
	data, err := mz.m.Bytes(media, in)
	if err != nil {
		return output.File{}, fmt.Errorf("%s: minify: %w", f.Path, err)
	}
	f.Data, f.Minified = data, true
	return f, nil
}
