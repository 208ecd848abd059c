package main

import (
	"crypto/sha512"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var sriRE = regexp.MustCompile(`<(?:script|link)[^>]*?(?:src|href)=["']?(/[^"' >]+)["']?[^>]*?integrity=["']?(sha384-[A-Za-z0-9+/=]+)`)

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
		html, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range sriRE.FindAllStringSubmatch(string(html), -1) {
			data, err := os.ReadFile(filepath.Join(out, strings.TrimPrefix(m[1], "/")))
			if err != nil {
				t.Errorf("%s: %s: %v", page, m[1], err)
				continue
			}
			sum := sha512.Sum384(data)
			if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != m[2] {
				t.Errorf("%s: %s: integrity %s; the file's hash is %s", page, m[1], m[2], got)
			}
			checked++
		}
	}
	if checked < 3 {
		t.Errorf("checked %d integrity attributes; want the stylesheet on each page and the catalogue script", checked)
	}
}
