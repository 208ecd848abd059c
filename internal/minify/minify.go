// Package minify shrinks the files of a built site whose format it knows,
// keeping what they mean. internal/build is its one user in consort: it
// minifies every file before handing it to its sink, so that the bytes a
// build publishes, previews and checks are the same.
//
// Files chooses a minifier (github.com/tdewolff/minify/v2) by the file's
// extension:
//
//	.html .htm                      HTML
//	.css                            CSS
//	.js .mjs                        JavaScript
//	.json .jsonld .webmanifest      JSON (so also .schema.json)
//	.svg                            SVG
//	.xml .rss .atom                 XML
//
// Every other file, among them .ics, .txt and .csv, is returned unchanged.
// The HTML minifier keeps what a page means: the document tags (<html lang>,
// <head>, <body>), end tags, quotes where an attribute value needs them,
// conditional and other special comments, and the whitespace inside <pre> and
// <textarea>. Scripts inside a page are minified by their type: JavaScript,
// and JSON for application/ld+json, application/json and importmap, so JSON-LD
// stays valid JSON; a script of any other type is left as it is.
//
// Files minifies in parallel (runtime.GOMAXPROCS workers) and stops at the
// next file when its context is cancelled; the result is in the order given
// and does not depend on scheduling. A file the minifier cannot parse is an
// error that names it ("en/index.html: minify: ..."); every such file is
// reported, in the order given. The CSS minifier is lenient: CSS it does not
// understand is copied, not rejected. A file marked output.File.Minified is
// left as it is.
package minify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"

	"golang.org/x/sync/errgroup"

	"github.com/consort-ssg/consort/internal/output"
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

// newMinifier returns the minifier set a Minifier uses, its HTML
// minifier reading the given template delimiters (none for pages). It is
// safe for concurrent use once built.
func newMinifier(templateDelims [2]string) *minify.M {
	m := minify.New()
	m.Add(mediaHTML, &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepSpecialComments: true,
		// KeepQuotes is false: the minifier still quotes every value that
		// needs quotes to mean the same thing.
		// KeepWhitespace is false: whitespace inside <pre> and <textarea>
		// is kept regardless.
		TemplateDelims: templateDelims,
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

// Files returns files with HTML, CSS, JavaScript, JSON, SVG and XML
// minified, chosen by extension; other files are returned unchanged (their
// Data is shared with the input). The input is not modified. The result has
// the same order as files. Files are minified in parallel across
// runtime.GOMAXPROCS workers.
//
// A file that cannot be minified is an error that names it:
// "en/index.html: minify: <reason>". All such files are reported, in the
// order given, and no files are returned. When ctx is cancelled, Files
// minifies no further file and returns ctx's error.
func Files(ctx context.Context, files []output.File) ([]output.File, error) {
	out := make([]output.File, len(files))
	copy(out, files)
	errs := make([]error, len(files))
	m := New()
	g := new(errgroup.Group)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if ctx.Err() == nil {
				out[i], errs[i] = m.File(f)
			}
			return nil
		})
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// A Minifier minifies one file at a time, as Files does, for a build
// that hands its pages on as it makes them; and the two kinds of pieces
// pages are made of (HTML, Template), so that what is the same on many
// pages is minified once. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
	t *minify.M // Template's: HTML with Go template actions
}

// New returns a Minifier.
func New() *Minifier {
	return &Minifier{newMinifier([2]string{}), newMinifier(html.GoTemplateDelims)}
}

// HTML returns a piece of HTML (a page's body, not a whole page)
// minified as a page's HTML is. The minifier works in src, changing its
// bytes: give it a buffer nobody reads again.
func (mz *Minifier) HTML(src []byte) ([]byte, error) {
	return mz.m.Bytes(mediaHTML, src)
}

// Template returns the source of an html/template template with its HTML
// minified as a page's is and its actions ({{...}}) left as they are:
// executing it gives what minifying its output would give, up to the
// values the actions print (their whitespace, entities and quotes stay as
// html/template writes them) and whitespace beside actions, which is kept
// as one space or newline. A script or style holding actions is kept as
// written: the minifier would read it as text. What it cannot see is
// context a template gets from its caller: a template executed inside
// <pre>, <textarea>, <script> or <style> of another one must not be
// minified (render checks for those).
func (mz *Minifier) Template(src []byte) ([]byte, error) {
	src, kept, ok := keepScripts(src)
	if !ok {
		return nil, fmt.Errorf("it holds the template comment %q, which consort writes itself while it minifies templates; remove or reword that comment", strings.TrimSpace(keptPrefix)+"...")
	}
	out, err := mz.t.Bytes(mediaHTML, src)
	if err != nil {
		return nil, err
	}
	for i, text := range kept {
		out = bytes.Replace(out, keptMark(i), text, 1)
	}
	return keepEdges(src, out), nil
}

// keepEdges returns out with the white space src starts and ends with,
// which the minifier drops as at the start and end of a document: a
// template is a piece of a page, and a space at its edge may separate
// two words of the page. One character stands for each run: a newline
// when the run has one, else a space.
func keepEdges(src, out []byte) []byte {
	edge := func(run []byte) []byte {
		if len(run) == 0 {
			return nil
		}
		if bytes.ContainsAny(run, "\n\r") {
			return []byte{'\n'}
		}
		return []byte{' '}
	}
	trimmed := bytes.TrimLeft(src, " \t\n\r\f")
	lead := edge(src[:len(src)-len(trimmed)])
	rest := bytes.TrimRight(trimmed, " \t\n\r\f")
	trail := edge(trimmed[len(rest):])
	if len(rest) == 0 { // white space only
		return lead
	}
	if len(out) > 0 && parse.IsWhitespace(out[0]) {
		lead = nil
	}
	if len(out) > 0 && parse.IsWhitespace(out[len(out)-1]) {
		trail = nil
	}
	return slices.Concat(lead, out, trail)
}

// scriptRE matches the text of a <script> or <style> element.
var scriptRE = regexp.MustCompile(`(?is)<(?:script|style)\b[^>]*>(.*?)</(?:script|style)\s*>`)

// keepScripts returns a copy of src with the text of every script and
// style that holds an action replaced by a template comment (which the
// minifier copies), and the texts replaced, in order; not ok when src
// holds such a comment already.
func keepScripts(src []byte) (out []byte, kept [][]byte, ok bool) {
	if bytes.Contains(src, []byte(keptPrefix)) {
		return nil, nil, false
	}
	last := 0
	for _, m := range scriptRE.FindAllSubmatchIndex(src, -1) {
		text := src[m[2]:m[3]]
		if !bytes.Contains(text, []byte("{{")) {
			continue
		}
		out = append(out, src[last:m[2]]...)
		out = append(out, keptMark(len(kept))...)
		kept = append(kept, text)
		last = m[3]
	}
	return append(out, src[last:]...), kept, true
}

const keptPrefix = "{{/* consort: script kept "

func keptMark(i int) []byte { return fmt.Appendf(nil, "%s%d */}}", keptPrefix, i) }

// File returns f minified, or f itself when its extension is not one
// Files knows or it is minified already (f.Minified). f.Data is not modified.
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
