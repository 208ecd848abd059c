package build

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// TestVisuals checks the visual anchors: a logo where one is given, a
// generated mark with the organisation's name where none is, an
// interview's portrait and the home's hero image.
func TestVisuals(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	pic := buf.Bytes()
	fsys := fstest.MapFS{
		"content/site.yaml": {Data: []byte("baseURL: https://example.org/\nlanguages: [{code: en, name: English}]\ntitle: {en: Test}\n" +
			"vocabularies:\n  orgType:\n    company: {en: Company}\n")},
		"content/en/index.md":                 {Data: []byte("---\ntitle: Test\nimage: /img/hero.png\nalt: Partners at a meeting\n---\nHello.\n")},
		"content/en/partners/with-logo.md":    {Data: []byte("---\ntitle: Logo Corp\norgType: company\ncountry: FR\nlogo: /img/logo.png\n---\nText.\n")},
		"content/en/partners/without-logo.md": {Data: []byte("---\ntitle: Nordic Bio Labs\norgType: company\ncountry: NO\n---\nText.\n")},
		"content/en/interviews/anna.md":       {Data: []byte("---\ntitle: Anna\nperson: Anna Nowak\nimage: /img/anna.png\nalt: Anna Nowak, smiling\n---\n")},
		"static/img/hero.png":                 {Data: pic},
		"static/img/logo.png":                 {Data: pic},
		"static/img/anna.png":                 {Data: pic},
	}
	res, err := inMemory(Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}, unminified: true})
	if err != nil {
		t.Fatal(err)
	}
	for path, wants := range map[string][]string{
		"en/partners/with-logo/index.html":    {`<img class="org-logo" src="/img/logo.png" alt="Logo of Logo Corp"`},
		"en/partners/without-logo/index.html": {`<svg class="mark"`, `role="img" aria-label="Nordic Bio Labs"`, `>NB</text>`},
		"en/partners/index.html":              {`<img src="/img/logo.png" alt=""`, `<svg class="mark" viewBox="0 0 96 96" width="96" height="96" aria-hidden="true"`},
		"en/interviews/anna/index.html":       {`<img class="portrait" src="/img/anna.png" alt="Anna Nowak, smiling"`},
		"en/index.html":                       {`<img class="hero-image" src="/img/hero.png" alt="Partners at a meeting"`},
	} {
		page := file(t, res, path)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s: want %s", path, want)
			}
		}
	}
}
