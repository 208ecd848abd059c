package browser

import (
	"context"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/consort-ssg/consort/internal/output"
)

// Handler serves files from memory as a static host serves a published
// folder: a folder's URL gets its index.html, and a missing file the
// site's 404.html with status 404. Tests and tools that show a built site
// to Chromium serve it with this on 127.0.0.1.
func Handler(files []output.File) http.Handler {
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := byPath[p]
		status := http.StatusOK
		if !ok {
			data, status, p = byPath["404.html"], http.StatusNotFound, "404.html"
		}
		if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	})
}

// ColorScheme makes the pages of the tab match prefers-color-scheme:
// scheme ("light" or "dark") until it is set again.
func ColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}
