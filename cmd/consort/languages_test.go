package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewSiteInLanguages: consort new site --langs makes a site in those
// languages that builds, and consort check lists what the languages
// without example texts still lack, with a column per language.
func TestNewSiteInLanguages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if out, errs, code := consort("new", "site", dir, "--langs", "en,de,pl", "--clock", "2026-01-15"); code != 0 {
		t.Fatalf("new site --langs: exit %d\n%s%s", code, out, errs)
	}
	cfg := readFile(t, filepath.Join(dir, "content/site.yaml"))
	if !strings.Contains(cfg, "languages:\n  - {code: en, name: English}\n  - {code: de, name: Deutsch}\n  - {code: pl, name: Polski}\n") {
		t.Errorf("site.yaml languages:\n%s", cfg)
	}
	for _, f := range []string{"content/de/index.md", "content/pl/news/example-news.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	out, errs, code := consort("check", "--source", dir)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"content/site.yaml:15: warning[site-string]: title: no de, pl; each shows the en text; add `de: ...`",
		"warning[site-string]: vocabularies.orgType.agency: no de, pl; each shows the en text; add `de: ...`",
		"warning[site-string]: menus: no menu for de, pl; each uses the en menu",
		"  translations  en  de  pl\n",
		"in 39 pages (de 13, en 13, pl 13)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if _, errs, code := consort("build", "--source", dir, "--quiet"); code != 0 {
		t.Errorf("build: exit %d\n%s", code, errs)
	}

	// A page with its twin in German only, then translated into Polish.
	out, errs, code = consort("new", "partner", "Bałtyk Labs", "--source", dir, "--langs", "de")
	if code != 0 || out != "created content/en/partners/baltyk-labs.md\ncreated content/de/partners/baltyk-labs.md\n" {
		t.Fatalf("new partner --langs de: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = consort("new", "--source", dir, "--translate", "content/en/partners/baltyk-labs.md", "--to", "pl")
	if code != 0 || out != "created content/pl/partners/baltyk-labs.md: translate it, then remove its draft line\n" {
		t.Fatalf("new --translate --to pl: exit %d\n%s%s", code, out, errs)
	}
	if text := readFile(t, filepath.Join(dir, "content/pl/partners/baltyk-labs.md")); !strings.Contains(text, "translatedFrom: en@") {
		t.Errorf("the Polish translation does not record its source:\n%s", text)
	}
}

// TestNewStrings: a language without UI strings is reported with the
// command that writes them; once written, the warning is gone.
func TestNewStrings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if out, errs, code := consort("new", "site", dir, "--langs", "en,pt", "--clock", "2026-01-15"); code != 0 {
		t.Fatalf("new site: exit %d\n%s%s", code, out, errs)
	}
	out, _, _ := consort("check", "--source", dir)
	want := "templates/i18n/pt.yaml: warning[ui-string]: pt has no UI strings of its own: 167 UI strings show in en; run `consort new strings pt` to write templates/i18n/pt.yaml, then translate it\n"
	if !strings.Contains(out, want) {
		t.Errorf("check: want %q in\n%s", want, out)
	}
	out, errs, code := consort("new", "strings", "pt", "--source", dir)
	if code != 0 || out != "created templates/i18n/pt.yaml: translate its values\n" {
		t.Fatalf("new strings pt: exit %d\n%s%s", code, out, errs)
	}
	text := readFile(t, filepath.Join(dir, "templates/i18n/pt.yaml"))
	for _, w := range []string{"# UI strings, pt: written by consort new strings from the en ones.", "has\n# one, other (give each", "skip_to_content: Skip to content"} {
		if !strings.Contains(text, w) {
			t.Errorf("pt.yaml lacks %q:\n%.600s", w, text)
		}
	}
	if out, _, _ := consort("check", "--source", dir); strings.Contains(out, "ui-string") {
		t.Errorf("check after new strings: still a ui-string warning:\n%s", out)
	}
	_, errs, code = consort("new", "strings", "de", "--source", dir)
	if want := `"de" is not a language of content/site.yaml (en, pt); add it to languages: first`; code == 0 || !strings.Contains(errs, want) {
		t.Errorf("new strings de: exit %d, stderr %q; want %q", code, errs, want)
	}
}

func TestNewLanguagesUsage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	_, errs, code := consort("new", "site", dir, "--langs", "en,xx")
	if want := `new: --langs: "xx" is not a language code CLDR knows; nearest known codes: xh (Xhosa); write a BCP 47 code such as de, pl or pt-BR`; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("new site --langs en,xx: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
	site := tempSite(t)
	_, errs, code = consort("new", "partner", "X Labs", "--source", site, "--langs", "de")
	if want := `--langs: "de" is not a language of content/site.yaml (en, fr)`; code == 0 || !strings.Contains(errs, want) {
		t.Errorf("new partner --langs de on an en/fr site: exit %d, stderr %q; want %q", code, errs, want)
	}
}
