// Package images makes the pictures of a built site responsive. Every
// <img> of every page whose src is a raster image of the site (JPEG, PNG,
// GIF, WebP in static/) gets its intrinsic width and height, a srcset of
// copies resized at build to a few widths (JPEG and PNG only, never wider
// than the original), sizes, and loading="lazy" unless it is the first
// picture of the page's main content (the one likely above the fold).
// Attributes a template already set are kept.
//
// Content images and the images and logos named in front matter must
// exist in static/; a missing one is a problem of the content file, with
// its line. (Text alternatives are checked where they are written:
// markdown for content images, site for front matter.)
//
// Resizing uses golang.org/x/image/draw (Catmull-Rom); a JPEG's EXIF
// orientation is applied first, as browsers apply it to the original.
// The same input gives the same bytes.
package images

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // GIF sizes; GIFs are not resized, they may be animated
	"image/jpeg"
	"image/png"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // WebP sizes; WebP is not re-encoded
	"golang.org/x/net/html"
	"golang.org/x/sync/errgroup"
)

// defaultWidths are the widths, in pixels, images are resized to.
var defaultWidths = []int{320, 640, 960, 1280, 1920}

// DefaultSizes is the sizes attribute of an image without a width of its
// own: the width of the text column (.prose, 46rem) or of the screen.
const DefaultSizes = "(min-width: 46rem) 46rem, 100vw"

// JPEGQuality is the quality resized JPEG copies are encoded with.
const JPEGQuality = 82

// Options tune Process.
type Options struct {
	Widths []int  // nil: 320, 640, 960, 1280 and 1920
	Sizes  string // "": DefaultSizes
	// KeepGoing leaves missing images to the caller (Missing) instead of
	// failing: consort check reports them with every other problem.
	KeepGoing bool
	// Pages, when not nil, are the only pages whose content and front
	// matter images are checked: those that changed, for a build that
	// checked the others before against the same static files (consort
	// serve's).
	Pages []*site.Page
}

// info is what Process knows of one image of the site.
type info struct {
	width, height int
	variants      []variant // resized copies, narrowest first
	err           error
}

type variant struct {
	path  string // "img/photo.640w.jpg"
	width int
}

// Process checks that the images content names exist, resizes the images
// pages show and rewrites their <img> tags. It returns files with the
// pages rewritten and the resized copies added, sorted by path.
func Process(s *site.Site, files []output.File, opts Options) ([]output.File, error) {
	out, _, err := ProcessReport(s, files, opts)
	return out, err
}

// Report is what Process did with the pictures, for a build that
// processes again only the pages that changed (consort serve's) and
// keeps the copies of the pictures the others show.
type Report struct {
	// Shown are, by page path, the pictures of the site the page shows
	// ("img/photo.png"), those Process reads.
	Shown map[string][]string
	// Copies are, by picture, the paths of its resized copies.
	Copies map[string][]string
}

// ProcessReport is Process, also telling what it did.
func ProcessReport(s *site.Site, files []output.File, opts Options) ([]output.File, Report, error) {
	rep := Report{Shown: map[string][]string{}, Copies: map[string][]string{}}
	if opts.Widths == nil {
		opts.Widths = defaultWidths
	}
	if opts.Sizes == "" {
		opts.Sizes = DefaultSizes
	}
	u := s.Config.URLs()
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	pages := s.Pages
	if opts.Pages != nil {
		pages = opts.Pages
	}
	if ps := checkContent(s, pages, byPath); len(ps) > 0 && !opts.KeepGoing {
		return nil, rep, ps
	}

	// Which images do pages show?
	used := map[string]bool{}
	for _, f := range files {
		if f.Ext() == ".html" && hasImg(f.Data) {
			for _, src := range imgSources(f.Data) {
				if p, ok := u.StaticFile(src); ok && isRaster(p) && byPath[p] != nil {
					used[p] = true
					if !slices.Contains(rep.Shown[f.Path], p) {
						rep.Shown[f.Path] = append(rep.Shown[f.Path], p)
					}
				}
			}
		}
	}
	names := make([]string, 0, len(used))
	for p := range used {
		names = append(names, p)
	}
	sort.Strings(names)
	infos := make(map[string]*info, len(names))
	made := make([][]output.File, len(names))
	for _, n := range names {
		infos[n] = &info{}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, n := range names {
		g.Go(func() error {
			made[i] = resize(n, byPath[n], opts.Widths, infos[n])
			return nil
		})
	}
	g.Wait()
	var problems site.Problems
	for _, n := range names {
		if err := infos[n].err; err != nil {
			problems = append(problems, site.Problem{File: "static/" + n, Msg: err.Error()})
		}
	}
	if len(problems) > 0 {
		return nil, rep, problems
	}
	for _, n := range names {
		for _, v := range infos[n].variants {
			rep.Copies[n] = append(rep.Copies[n], v.path)
		}
	}

	out := make([]output.File, len(files))
	for i, f := range files {
		g.Go(func() error {
			out[i] = f
			if len(infos) > 0 && f.Ext() == ".html" && hasImg(f.Data) {
				// Rewritten: minified again after (output.File.Minified).
				out[i].Data, out[i].Minified = rewrite(u, f.Data, infos, opts.Sizes), false
			}
			return nil
		})
	}
	g.Wait()
	for _, m := range made {
		out = append(out, m...)
	}
	output.Sort(out)
	return out, rep, nil
}

// Missing reports the content images and front matter images and logos
// of s that are not among files, sorted.
func Missing(s *site.Site, files []output.File) site.Problems {
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	return checkContent(s, s.Pages, byPath)
}

// checkContent reports content images and front matter images of pages
// that are not files of the site.
func checkContent(s *site.Site, pages []*site.Page, byPath map[string][]byte) site.Problems {
	var ps site.Problems
	missing := func(src string) bool {
		p, ok := s.Config.URLs().StaticFile(src)
		return ok && byPath[p] == nil
	}
	var have []string // the site's images, for suggestions; made when needed
	msg := func(src, field string) string {
		if have == nil {
			have = imagePaths(byPath)
		}
		return MissingMsg(s.Config.URLs(), src, field, have)
	}
	for _, p := range pages {
		for _, img := range p.Images {
			if missing(img.Dest) {
				ps = append(ps, site.Problem{File: p.File, Line: img.Line, Msg: msg(img.Dest, "")})
			}
		}
		fields := map[string]string{"image": p.Front().Image}
		if c := p.Cluster(); c != nil {
			fields["logo"] = c.Logo
		}
		if c := p.Partner(); c != nil {
			fields["logo"] = c.Logo
		}
		for field, src := range fields {
			if src != "" && missing(src) {
				ps = append(ps, site.Problem{File: p.File, Line: p.Line(field), Field: field, Msg: msg(src, field)})
			}
		}
	}
	ps.Sort()
	return ps
}

// imagePaths returns the paths of the images among files.
func imagePaths(byPath map[string][]byte) []string {
	have := []string{}
	for p := range byPath {
		if IsImage(p) {
			have = append(have, p)
		}
	}
	sort.Strings(have)
	return have
}

// IsImage reports whether the file at p is a picture, by its extension.
func IsImage(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".ico":
		return true
	}
	return false
}

// MissingMsg says that the image src of the site does not exist, in an
// editor's words: the closest of the site's images (paths of the output,
// "img/logo.svg") when one is close, or else where image files go. field
// is the front matter field that names it, "" for an image of the text.
// src is the address in the page; the message shows it from the site's
// root, as the author wrote it.
func MissingMsg(u *urls.Site, src, field string, have []string) string {
	what, _ := u.SitePath(src)
	if field == "" {
		what = "image " + what
	}
	p, _ := u.StaticFile(src)
	if c := closest(p, have); c != "" {
		return fmt.Sprintf("%s does not exist; did you mean /%s?", what, c)
	}
	return fmt.Sprintf("%s does not exist; image files go in the static/ folder of the site: save it as static/%s, or fix the path", what, p)
}

// closest returns the path of have a typo away from p, or "".
func closest(p string, have []string) string {
	base := path.Base(p)
	limit := max(1, len([]rune(base))/4)
	var cands []string
	for _, h := range have {
		if path.Dir(h) == path.Dir(p) || path.Base(h) == base {
			cands = append(cands, h)
		}
	}
	if c := site.DidYouMean(p, cands, limit); c != "" && c != p {
		return c
	}
	return ""
}

func isRaster(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}

// resize reads an image's size and makes its resized copies.
func resize(name string, data []byte, widths []int, in *info) []output.File {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		in.err = fmt.Errorf("cannot read the image: %v", err)
		return nil
	}
	orient := 1
	if format == "jpeg" {
		orient = exifOrientation(data)
	}
	in.width, in.height = cfg.Width, cfg.Height
	if orient >= 5 { // rotated a quarter turn
		in.width, in.height = cfg.Height, cfg.Width
	}
	if format != "jpeg" && format != "png" {
		return nil // GIFs may be animated; WebP cannot be encoded
	}
	var todo []int
	for _, w := range widths {
		if w < in.width {
			todo = append(todo, w)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		in.err = fmt.Errorf("cannot decode the image: %v", err)
		return nil
	}
	src = orientImage(src, orient)
	copies := make([]*image.RGBA, len(todo))
	// Widest first, each copy made from the one before: a filter's cost
	// grows with its source, and a step of at most 2:1 keeps the detail.
	for i := len(todo) - 1; i >= 0; i-- {
		w := todo[i]
		h := max(1, (in.height*w+in.width/2)/in.width)
		from := src
		if i+1 < len(todo) && todo[i+1] <= 2*w {
			from = copies[i+1]
		}
		copies[i] = image.NewRGBA(image.Rect(0, 0, w, h)) // draw has fast paths to RGBA
		draw.CatmullRom.Scale(copies[i], copies[i].Bounds(), from, from.Bounds(), draw.Src, nil)
	}
	var files []output.File
	for i, w := range todo {
		dst := copies[i]
		var buf bytes.Buffer
		if format == "jpeg" {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: JPEGQuality})
		} else {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
		}
		if err != nil {
			in.err = fmt.Errorf("cannot encode a %dpx copy: %v", w, err)
			return nil
		}
		v := variant{urls.Variant(name, w), w}
		in.variants = append(in.variants, v)
		files = append(files, output.File{Path: v.path, Data: buf.Bytes()})
	}
	return files
}

// Final reports whether Process would leave an HTML page as it is: it
// shows no image of the site that Process resizes (a local JPEG, PNG,
// GIF or WebP) at u. A build may write such a page before Process runs.
func Final(u *urls.Site, page []byte) bool {
	// Each "<img" read as one tag from there, not the whole page
	// tokenized: an "<img" in a script or comment makes a page wrongly
	// not final, which only means it waits for Process.
	for i := imgAt(page, 0); i >= 0; i = imgAt(page, i+1) {
		z := html.NewTokenizer(bytes.NewReader(page[i:]))
		if tt := z.Next(); tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if t := z.Token(); t.Data == "img" {
				if p, ok := u.StaticFile(attr(t, "src")); ok && isRaster(p) {
					return false
				}
			}
		}
	}
	return true
}

// hasImg reports whether a page may have an <img> tag (in any case), so
// that pages without one are not tokenized.
func hasImg(page []byte) bool { return imgAt(page, 0) >= 0 }

// imgAt returns the index of the first "<img" (in any case) of page at
// or after from, or -1.
func imgAt(page []byte, from int) int {
	for i := from; i < len(page); i++ {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 || i+j+4 > len(page) {
			return -1
		}
		i += j
		if bytes.EqualFold(page[i+1:i+4], []byte("img")) {
			return i
		}
	}
	return -1
}

// imgSources lists the src of every <img> of a page.
func imgSources(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if t := z.Token(); t.Data == "img" {
				out = append(out, attr(t, "src"))
			}
		}
	}
}

func attr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(t html.Token, key string) bool {
	for _, a := range t.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// rewrite adds size, srcset, sizes and loading to the <img> tags of a
// page whose image it knows; everything else is copied byte for byte.
func rewrite(u *urls.Site, page []byte, infos map[string]*info, sizes string) []byte {
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(page))
	inMain, seenInMain, seen, changed := false, false, false, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := bytes.Clone(z.Raw()) // TagName and TagAttr change the tokenizer's buffer
		name, hasAttrs := z.TagName()
		switch {
		case string(name) == "main" && tt == html.StartTagToken:
			inMain = true
		case string(name) == "main" && tt == html.EndTagToken:
			inMain = false
		}
		if string(name) != "img" || tt == html.EndTagToken {
			out.Write(raw)
			continue
		}
		t := html.Token{Type: tt, Data: "img"}
		for more := hasAttrs; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			t.Attr = append(t.Attr, html.Attribute{Key: string(k), Val: string(v)})
		}
		first := !seen || (inMain && !seenInMain)
		seen = true
		if inMain {
			seenInMain = true
		}
		p, ok := u.StaticFile(attr(t, "src"))
		in := infos[p]
		if !ok || in == nil {
			out.Write(raw)
			continue
		}
		add := func(k, v string) {
			if !hasAttr(t, k) {
				t.Attr = append(t.Attr, html.Attribute{Key: k, Val: v})
			}
		}
		fixed := hasAttr(t, "width") && hasAttr(t, "height") && !strings.HasSuffix(attr(t, "width"), "%")
		if !hasAttr(t, "width") && !hasAttr(t, "height") {
			add("width", strconv.Itoa(in.width))
			add("height", strconv.Itoa(in.height))
		}
		if len(in.variants) > 0 && !hasAttr(t, "srcset") {
			var set []string
			for _, v := range in.variants {
				set = append(set, urls.VariantSrc(attr(t, "src"), v.path)+" "+strconv.Itoa(v.width)+"w")
			}
			set = append(set, attr(t, "src")+" "+strconv.Itoa(in.width)+"w")
			add("srcset", strings.Join(set, ", "))
			if fixed {
				add("sizes", attr(t, "width")+"px")
			} else {
				add("sizes", sizes)
			}
		}
		if !first {
			add("loading", "lazy")
		}
		add("decoding", "async")
		out.WriteString(t.String())
		changed = true
	}
	if !changed {
		return page
	}
	return out.Bytes()
}
