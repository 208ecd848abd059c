package browser

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/consort-ssg/consort/internal/output"
)

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler([]output.File{
		{Path: "index.html", Data: []byte("root")},
		{Path: "en/about/index.html", Data: []byte("about")},
		{Path: "css/site.css", Data: []byte("body{}")},
		{Path: "404.html", Data: []byte("missing")},
	}))
	defer srv.Close()
	tests := []struct {
		name, path, body, ctype string
		status                  int
	}{
		{"the root", "/", "root", "text/html; charset=utf-8", 200},
		{"a folder", "/en/about/", "about", "text/html; charset=utf-8", 200},
		{"a stylesheet", "/css/site.css", "body{}", "text/css; charset=utf-8", 200},
		{"a missing page", "/en/nowhere/", "missing", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status || string(body) != tt.body || res.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("got %d %q %q; want %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body, tt.status, tt.ctype, tt.body)
			}
		})
	}
}
