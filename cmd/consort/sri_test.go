package main

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// integrities returns the address and integrity attribute of every
// <script> and <link> of a page that has one, as a browser reads them
// (entities decoded, quoted or not).
func integrities(page []byte) [][2]string {
	var found [][2]string
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || tok.Data != "script" && tok.Data != "link" {
			continue
		}
		var addr, sri string
		for _, a := range tok.Attr {
			switch a.Key {
			case "src", "href":
				addr = a.Val
			case "integrity":
				sri = a.Val
			}
		}
		if sri != "" {
			found = append(found, [2]string{addr, sri})
		}
	}
	return found
}

// TestIntegrityMatchesPublishedBytes builds the shipped site with the CLI
// and checks every integrity attribute against the published file: a
// mismatch makes browsers refuse the stylesheet or script.
func TestIntegrityMatchesPublishedBytes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := consort("build", "--source", "../..", "--out", out, "--clock", "2026-01-15", "--quiet"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	checked := 0
	for _, page := range []string{"en/index.html", "fr/catalogue/index.html", "en/catalogue/index.html"} {
		text, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range integrities(text) {
			data, err := os.ReadFile(filepath.Join(out, strings.TrimPrefix(m[0], "/")))
			if err != nil {
				t.Errorf("%s: %s: %v", page, m[0], err)
				continue
			}
			sum := sha512.Sum384(data)
			if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != m[1] {
				t.Errorf("%s: %s: integrity %s; the file's hash is %s", page, m[0], m[1], got)
			}
			checked++
		}
	}
	if checked < 3 {
		t.Errorf("checked %d integrity attributes; want the stylesheet on each page and the catalogue script", checked)
	}
}
