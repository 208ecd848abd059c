package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/consort-ssg/consort/internal/publish"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

// TestCancelDuringMinify: a build cancelled while it minifies (the pages
// it streams, or the files it hands on at the end) returns the
// context's error without minifying the files still to come, and a
// writer that was its sink, aborted, leaves the previous output as it
// was: nothing is written.
func TestCancelDuringMinify(t *testing.T) {
	fsys := corpusFS(t, 300)
	for _, tc := range []struct {
		name     string
		streamed bool // cancel at the first page streamed, else at the first file of the end
	}{
		{"streaming pages", true},
		{"the files at the end", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if err := publish.Write(out, nil, publish.WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, "previous.html"), []byte("previous build"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var mu sync.Mutex
			after := -1 // files minified from the cancellation on
			opts := Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}}
			opts.minifying = func(_ string, streamed bool) {
				mu.Lock()
				defer mu.Unlock()
				if after >= 0 {
					after++
				} else if streamed == tc.streamed {
					cancel()
					after = 0
				}
			}
			w, err := publish.Create(out, publish.WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Build(ctx, opts, w)
			if !errors.Is(err, context.Canceled) || res != nil {
				t.Fatalf("got %v, %v; want context.Canceled", res, err)
			}
			if err := w.Abort(); err != nil {
				t.Fatal(err)
			}
			// The workers busy when it was cancelled may each have
			// been starting on one more file; nothing beyond.
			if most := renderWorkers + runtime.GOMAXPROCS(0); after > most {
				t.Errorf("minified %d files after the cancellation; want at most %d", after, most)
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if len(names) != 2 || names[0] != ".consort" || names[1] != "previous.html" {
				t.Errorf("output folder holds %v; want the previous build only", names)
			}
			if after < 0 {
				t.Fatal("the build never minified such a file")
			}
		})
	}
}
