package browser

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const clickPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Click test</title></head>
<body>
<main>
<h1>Click test</h1>
<p id="out">before</p>
<button type="button" id="go" onclick="document.getElementById('out').textContent = 'after'">Change</button>
</main>
</body>
</html>
`

// imagePage is clickPage's kind of page with one fault: an image without alt.
const imagePage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Image test</title></head>
<body>
<main>
<h1>Image test</h1>
<img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">
</main>
</body>
</html>
`

func serve(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(body))
		}
	}
	mux.Handle("/{$}", page(clickPage))
	mux.Handle("/image/", page(imagePage))
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

func TestClick(t *testing.T) {
	srv := serve(t)
	ctx := New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title != "Click test" {
		t.Errorf("title: got %q; want %q", title, "Click test")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("out")))
	if err != nil {
		t.Fatal(err)
	}
	if text != "after" {
		t.Errorf("text after click: got %q; want %q", text, "after")
	}
}

func TestAxe(t *testing.T) {
	srv := serve(t)
	ctx := New(t)
	tests := []struct {
		name string
		path string
		want []string // rule ids
	}{
		{name: "clean page", path: "/"},
		{name: "image without alt", path: "/image/", want: []string{"image-alt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+tt.path)); err != nil {
				t.Fatal(err)
			}
			vs, err := Axe(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("violations: got %v; want %v (%v)", got, tt.want, vs)
			}
			for _, v := range vs {
				if want := []string{"#logo"}; !slices.Equal(v.Targets, want) {
					t.Errorf("%s targets: got %q; want %q", v.ID, v.Targets, want)
				}
			}
		})
	}
}

func TestVNU(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.html", clickPage)
	bad := write("bad.html", imagePage) // line 7: <img> without alt
	tests := []struct {
		name  string
		paths []string
		want  []VNUMessage // Message is matched by prefix
	}{
		{name: "valid file", paths: []string{good}},
		{name: "img without alt", paths: []string{bad}, want: []VNUMessage{
			{File: bad, Line: 7, Message: "An “img” element must have an “alt” attribute"},
		}},
		{name: "folder", paths: []string{dir}, want: []VNUMessage{
			{File: bad, Line: 7, Message: "An “img” element must have an “alt” attribute"},
		}},
	}
	t.Run("missing file", func(t *testing.T) {
		if _, err := VNU(t, filepath.Join(dir, "nope.html")); err == nil {
			t.Errorf("got no error; want one for a missing file")
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VNU(t, tt.paths...)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("messages: got %v; want %v", got, tt.want)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.File != w.File || g.Line != w.Line || !strings.HasPrefix(g.Message, w.Message) {
					t.Errorf("message %d: got %v; want %v", i, g, w)
				}
			}
		})
	}
}

// TestSkipNote: the note of skipped browser tests is one line naming
// the package, the tests and what to install.
func TestSkipNote(t *testing.T) {
	skipped.Lock()
	saved, savedMissing := skipped.tests, skipped.missing
	skipped.tests = []string{"TestB", "TestA", "TestD", "TestC"}
	skipped.missing = map[string]string{"Chromium": "apt-get install chromium or set CONSORT_CHROMIUM"}
	skipped.Unlock()
	defer func() {
		skipped.Lock()
		skipped.tests, skipped.missing = saved, savedMissing
		skipped.Unlock()
	}()
	want := "serve: 4 browser tests skipped (TestA, TestB, TestC, 1 more): missing Chromium (apt-get install chromium or set CONSORT_CHROMIUM); .ci/run runs them all"
	if got := skipNote("serve.test"); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
