package images_test

import (
	"testing"

	"github.com/consort-ssg/consort/internal/images"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"testing/fstest"
)

// BenchmarkResize measures the copies of one 12-megapixel photo.
func BenchmarkResize(b *testing.B) {
	photo := encodeJPEG(b, gradient(4000, 3000))
	s, err := site.Load(fstest.MapFS{"content/site.yaml": {Data: []byte("title: {en: x}\nlanguages: [{code: en, name: English}]\n")}, "content/en/index.md": {Data: []byte("---\ntitle: x\n---\n")}}, site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	files := []output.File{{Path: "en/index.html", Data: []byte(`<main><img src="/img/p.jpg" alt="x"></main>`)}, {Path: "img/p.jpg", Data: photo}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := images.Process(s, files, images.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
