package images_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/images"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/internal/urls"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// gradient is a w×h picture whose left half is red and right half blue,
// so that a turn shows.
func gradient(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{R: 220, G: uint8(y * 255 / h), B: 20, A: 255}
			if x >= w/2 {
				c = color.NRGBA{R: 20, G: uint8(y * 255 / h), B: 220, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation inserts an EXIF segment with an orientation tag after a
// JPEG's start-of-image marker.
func withOrientation(jpg []byte, o byte) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08" + // big-endian header, IFD at 8
		"\x00\x01" + // one entry
		"\x01\x12\x00\x03\x00\x00\x00\x01\x00" + string([]byte{o}) + "\x00\x00" + // orientation, SHORT, 1
		"\x00\x00\x00\x00") // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	seg = append(seg, payload...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
	}
	var anim bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 100, 50), color.Palette{color.White, color.Black})
	if err := gif.EncodeAll(&anim, &gif.GIF{Image: []*image.Paletted{pal, pal}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"static/img/photo.jpg":   encodeJPEG(t, gradient(2000, 1000)),
		"static/img/diagram.png": encodePNG(t, gradient(300, 150)),
		"static/img/turned.jpg":  withOrientation(encodeJPEG(t, gradient(1000, 400)), 6),
		"static/img/logo.png":    encodePNG(t, gradient(800, 320)),
		"static/img/anim.gif":    anim.Bytes(),
	} {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func buildSite(t *testing.T, fsys fstest.MapFS) (map[string][]byte, error) {
	t.Helper()
	var files build.Files
	_, err := build.Build(context.Background(), build.Options{Source: fsys, Theme: templates.FS, Static: fstest.MapFS{},
		Site: site.Options{Clock: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)}}, &files)
	if err != nil {
		return nil, err
	}
	m := map[string][]byte{}
	for _, f := range files.Sorted() {
		m[f.Path] = f.Data
	}
	return m, nil
}

// imgs returns the attributes of every <img> of a page, by src.
func imgs(t *testing.T, page []byte) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tok := z.Token(); (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && tok.Data == "img" {
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
			}
			out[attrs["src"]] = attrs
		}
	}
	return out
}

func TestRewrite(t *testing.T) {
	files, err := buildSite(t, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	gallery := imgs(t, files["en/gallery/index.html"])
	logo := imgs(t, files["en/partners/acme/index.html"])["/img/logo.png"]
	tests := []struct {
		name  string
		attrs map[string]string
		want  map[string]string // "" means absent
	}{
		{"large photo, first of the page", gallery["/img/photo.jpg"], map[string]string{
			"alt": "A wide landscape", "width": "2000", "height": "1000", "loading": "", "decoding": "async",
			"srcset": "/img/photo.320w.jpg 320w, /img/photo.640w.jpg 640w, /img/photo.960w.jpg 960w, /img/photo.1280w.jpg 1280w, /img/photo.1920w.jpg 1920w, /img/photo.jpg 2000w",
			"sizes":  images.DefaultSizes,
		}},
		{"small picture: no copies", gallery["/img/diagram.png"], map[string]string{
			"alt": "A small diagram", "width": "300", "height": "150", "loading": "lazy", "srcset": "", "sizes": "",
		}},
		{"EXIF-turned photo: seen sizes", gallery["/img/turned.jpg"], map[string]string{
			"width": "400", "height": "1000", "loading": "lazy", "srcset": "/img/turned.320w.jpg 320w, /img/turned.jpg 400w",
		}},
		{"GIF: sizes only", gallery["/img/anim.gif"], map[string]string{
			"width": "100", "height": "50", "loading": "lazy", "srcset": "",
		}},
		{"remote picture untouched", gallery["https://images.example.net/x.jpg"], map[string]string{
			"width": "", "height": "", "loading": "", "srcset": "", "decoding": "",
		}},
		{"template logo keeps its size", logo, map[string]string{
			"width": "160", "height": "64", "sizes": "160px", "loading": "",
			"srcset": "/img/logo.320w.png 320w, /img/logo.640w.png 640w, /img/logo.png 800w",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.attrs == nil {
				t.Fatal("no such <img> in the page")
			}
			for k, want := range tt.want {
				if got := tt.attrs[k]; got != want {
					t.Errorf("%s = %q; want %q", k, got, want)
				}
			}
		})
	}
}

func TestVariants(t *testing.T) {
	files, err := buildSite(t, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path          string
		width, height int
		format        string
	}{
		{"img/photo.320w.jpg", 320, 160, "jpeg"},
		{"img/photo.1920w.jpg", 1920, 960, "jpeg"},
		{"img/logo.640w.png", 640, 256, "png"},
		{"img/turned.320w.jpg", 320, 800, "jpeg"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			data, ok := files[tt.path]
			if !ok {
				t.Fatal("not made")
			}
			img, format, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if format != tt.format || img.Bounds().Dx() != tt.width || img.Bounds().Dy() != tt.height {
				t.Errorf("got %s %dx%d; want %s %dx%d", format, img.Bounds().Dx(), img.Bounds().Dy(), tt.format, tt.width, tt.height)
			}
		})
	}
	t.Run("turned photo is upright", func(t *testing.T) {
		img, _, err := image.Decode(bytes.NewReader(files["img/turned.320w.jpg"]))
		if err != nil {
			t.Fatal(err)
		}
		// Stored left half red, right half blue; turned a quarter right,
		// red is on top.
		top, bottom := img.At(160, 100), img.At(160, 700)
		if r, _, b, _ := top.RGBA(); r < b {
			t.Errorf("top is %v; want red", top)
		}
		if r, _, b, _ := bottom.RGBA(); r > b {
			t.Errorf("bottom is %v; want blue", bottom)
		}
	})
	for _, p := range []string{"img/anim.320w.gif", "img/diagram.320w.png", "img/photo.2000w.jpg"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s made; copies are JPEG or PNG, narrower than the original", p)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, err := buildSite(t, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := buildSite(t, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"missing content image", "content/en/gallery.md", "/img/diagram.png", "/img/nowhere.png",
			"content/en/gallery.md:10: image /img/nowhere.png does not exist; image files go in the static/ folder of the site: save it as static/img/nowhere.png, or fix the path"},
		{"misspelt content image", "content/en/gallery.md", "/img/diagram.png", "/img/diagramm.png",
			"content/en/gallery.md:10: image /img/diagramm.png does not exist; did you mean /img/diagram.png?"},
		{"missing front matter image", "content/en/gallery.md", "image: /img/photo.jpg", "image: /img/gone.jpg",
			"content/en/gallery.md:3: image: /img/gone.jpg does not exist; image files go in the static/ folder of the site: save it as static/img/gone.jpg, or fix the path"},
		{"missing logo", "content/en/partners/acme.md", "/img/logo.png", "/img/acme.svg",
			"content/en/partners/acme.md:5: logo: /img/acme.svg does not exist; image files go in the static/ folder of the site: save it as static/img/acme.svg, or fix the path"},
		{"content image without alt", "content/en/gallery.md", "![A small diagram]", "![]",
			"content/en/gallery.md:10:"},
		{"broken image file", "static/img/photo.jpg", "", "",
			"static/img/photo.jpg: cannot read the image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			if tt.old == "" {
				fsys[tt.file] = &fstest.MapFile{Data: []byte("not an image")}
			} else {
				f := fsys[tt.file]
				if !bytes.Contains(f.Data, []byte(tt.old)) {
					t.Fatalf("%s has no %q", tt.file, tt.old)
				}
				f.Data = bytes.Replace(f.Data, []byte(tt.old), []byte(tt.new), 1)
			}
			_, err := buildSite(t, fsys)
			var ps site.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v; want site.Problems", err)
			}
			if got := ps.Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %s; want %s", got, tt.want)
			}
		})
	}
}

// TestUntouchedPages checks that a page without images of the site keeps
// every byte, odd markup included.
func TestUntouchedPages(t *testing.T) {
	page := []byte("<!DOCTYPE html><HTML><Body><P CLASS=x>text &amp; <IMG SRC=\"https://x.example/a.png\" ALT=\"\"></p><script>if (a<b) x='<img src=/img/a.jpg>'</script></body></html>")
	files := []output.File{{Path: "en/index.html", Data: page}, {Path: "img/a.jpg", Data: []byte("x")}}
	s, err := site.Load(fstest.MapFS{"content/site.yaml": {Data: []byte("title: {en: x}\nlanguages: [{code: en, name: English}]\n")}, "content/en/index.md": {Data: []byte("---\ntitle: x\n---\n")}}, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := images.Process(s, files, images.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out[0].Data, page) {
		t.Errorf("page changed:\n got %s\nwant %s", out[0].Data, page)
	}
}

var imgTagRE = regexp.MustCompile(`<img[^>]*>`)

// TestOnlyImgChanges checks that the rewrite changes <img> tags and
// nothing else of a real page.
func TestOnlyImgChanges(t *testing.T) {
	fsys := fixture(t)
	files, err := buildSite(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := imgTagRE.ReplaceAll(files["en/gallery/index.html"], []byte("<img>"))
	if bytes.Count(got, []byte("<img>")) != 5 {
		t.Errorf("want 5 images in:\n%s", got)
	}
	if !bytes.Contains(got, []byte(`<p>Some text between the pictures.</p>`)) {
		t.Errorf("text around the images changed:\n%s", got)
	}
}

func TestHasImg(t *testing.T) {
	tests := []struct {
		name, page string
		want       bool
	}{
		{"img", `<p><img src="/a.png" alt=""></p>`, true},
		{"upper case", `<P><IMG SRC="/a.png" ALT=""></P>`, true},
		{"at the end", `<img`, true},
		{"none", `<p>image</p><a href="/img/">img</a>`, false},
		{"cut short", `<im`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := images.HasImg([]byte(tt.page)); got != tt.want {
				t.Errorf("got %v; want %v", got, tt.want)
			}
		})
	}
}

func TestFinal(t *testing.T) {
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"no image", `<p>text</p>`, true},
		{"a photo of the site", `<p><img src="/img/team.jpg" alt="The team"></p>`, false},
		{"upper case", `<P><IMG SRC="/img/team.PNG" ALT="x"></P>`, false},
		{"an SVG logo", `<img src="/img/logo.svg" alt="">`, true},
		{"another host's photo", `<img src="https://example.org/a.jpg" alt="">`, true},
		{"a photo after a logo", `<img src="/img/logo.svg" alt=""><img alt="" src='/img/a%20b.webp'>`, false},
		{"the word in text", `<p>an &lt;img> tag</p>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := images.Final(urls.New(urls.Config{BaseURL: "https://example.org/"}), []byte(tt.page)); got != tt.want {
				t.Errorf("Final(%q) = %v; want %v", tt.page, got, tt.want)
			}
		})
	}
}
