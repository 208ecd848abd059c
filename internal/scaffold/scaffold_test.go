package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/site"
)

const twoLangs = "title: {en: T, fr: T}\nvocabularies:\n  orgType: {sme: {en: SME, fr: PME}}\n"

func TestRecord(t *testing.T) {
	lf := []byte("---\ntitle: T\n---\nText.\n")
	crlf := []byte("\ufeff---\r\ntitle: T\r\n---\r\nText.\r\n")
	if Hash(lf) != Hash(crlf) {
		t.Errorf("Hash differs with CRLF and a byte order mark: %s, %s", Hash(lf), Hash(crlf))
	}
	tests := []struct {
		name, in string
		ok       bool
		want     Record
	}{
		{"language only", "fr", true, Record{Lang: "fr"}},
		{"with hash", "fr@0123456789ab", true, Record{"fr", "0123456789ab"}},
		{"regional language", "pt-br@0123456789ab", true, Record{"pt-br", "0123456789ab"}},
		{"hash too short", "fr@0123", false, Record{}},
		{"upper-case hash", "fr@0123456789AB", false, Record{}},
		{"empty", "", false, Record{}},
	}
	for _, tt := range tests {
		got, ok := ParseRecord(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("%s: ParseRecord(%q) = %v, %v; want %v, %v", tt.name, tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && got.String() != tt.in {
			t.Errorf("%s: String() = %q; want %q", tt.name, got.String(), tt.in)
		}
	}
	rec := NewRecord("en", lf)
	if !rec.Current(Hash(lf)) || rec.Current(Hash([]byte("other"))) || (Record{Lang: "en"}).Current(Hash(lf)) {
		t.Errorf("Current: a record is current for its own source only, and never without hash")
	}
}

// TestTranslateTOML: TOML front matter gets TOML syntax, keys go before any
// [table], and --update rewrites the value in place, keeping its comment.
func TestTranslateTOML(t *testing.T) {
	src := "+++\ntitle = \"Acme\"\norgType = \"sme\"\ncountry = \"FR\"\ntranslatedFrom = \"fr\"\n[location]\nlat = 45.0\nlon = 4.0\n+++\nAcme makes things.\n"
	fsys := fstest.MapFS{
		"content/site.yaml":           {Data: []byte(twoLangs)},
		"content/en/partners/acme.md": {Data: []byte(src)},
	}
	f, err := Translate(fsys, "content/en/partners/acme.md", "fr")
	if err != nil {
		t.Fatal(err)
	}
	got := string(f.Data)
	want := "+++\n# traduisez le titre, le résumé et le texte ; gardez les clés comme orgType ou country telles quelles\ndraft = true  # supprimez cette ligne une fois la traduction terminée\ntitle = \"Acme\"\norgType = \"sme\"\ncountry = \"FR\"\ntranslatedFrom = \"en@" + Hash([]byte(src))[:HashLen] + "\"\n[location]\nlat = 45.0\nlon = 4.0\n+++\nAcme makes things.\n"
	if f.Path != "content/fr/partners/acme.md" || got != want {
		t.Fatalf("Translate = %s\n%s\nwant content/fr/partners/acme.md\n%s", f.Path, got, want)
	}

	// The translation exists; the source changes; --update records it.
	fsys["content/fr/partners/acme.md"] = &fstest.MapFile{Data: []byte(strings.Replace(got, "\"\n[location]", "\"  # l'original, #1\n[location]", 1))}
	changed := strings.Replace(src, "makes things", "makes tests", 1)
	fsys["content/en/partners/acme.md"] = &fstest.MapFile{Data: []byte(changed)}
	u, old, now, err := Update(fsys, "content/fr/partners/acme.md", "")
	if err != nil {
		t.Fatal(err)
	}
	wantNow := "en@" + Hash([]byte(changed))[:HashLen]
	if old != "en@"+Hash([]byte(src))[:HashLen] || now != wantNow {
		t.Errorf("Update: old %s, now %s; want en@<hash of the old source>, %s", old, now, wantNow)
	}
	if !strings.Contains(string(u.Data), "translatedFrom = \""+wantNow+"\"  # l'original, #1\n") {
		t.Errorf("Update did not rewrite the line in place with its comment:\n%s", u.Data)
	}
}

func TestCreateNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content/en"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/en/a.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Create(dir, []File{{"content/en/b.md", []byte("new")}, {"content/en/a.md", []byte("new")}})
	if err == nil || !strings.Contains(err.Error(), "content/en/a.md already exists") {
		t.Fatalf("Create over an existing file: %v; want already exists", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content/en/a.md")); string(data) != "mine" {
		t.Errorf("a.md = %q; want it untouched", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/en/b.md")); err == nil {
		t.Error("b.md was written although the plan failed")
	}
}

// TestPageSlugs: names are folded to ASCII, unique across languages and
// case, and keep clear of section URLs for plain pages; a page made twice
// is refused.
func TestPageSlugs(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":                     {Data: []byte(twoLangs + "sections: {news: {en: news, fr: actualites}}\n")},
		"content/fr/partners/Biocat.md":         {Data: []byte("---\ntitle: B\n---\n")},
		"content/en/partners/other.md":          {Data: []byte("---\ntitle: O\nslug: acme\norgType: sme\ncountry: FR\n---\n")},
		"content/en/partners/klaster-lodz.md":   {Data: []byte("---\ntitle: K\n---\n")},
		"content/en/partners/klaster-lodz-2.md": {Data: []byte("---\ntitle: K\n---\n")},
	}
	now := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, kind, title, want string
	}{
		{"accents and ł", "partner", "Klaster Łódź Bio", "klaster-lodz-bio"},
		{"a page named like a French section slug", "page", "Actualités", "actualites-2"},
		{"nothing ASCII left", "news", "中文", "news"},
	}
	// A page the section has already, in any language or case, or by its
	// slug, is refused, naming its file.
	for title, file := range map[string]string{
		"Klaster Łódź": "content/en/partners/klaster-lodz.md",
		"BioCat":       "content/fr/partners/Biocat.md",
		"ACME":         "content/en/partners/other.md",
	} {
		_, err := Page(fsys, site.KindPartner, title, "", now)
		want := file + " already exists: a page by that name is there; edit it, or give the new page another title"
		if err == nil || err.Error() != want {
			t.Errorf("Page(%q) = %v; want %s", title, err, want)
		}
	}
	for _, tt := range tests {
		k, _ := ParseKind(tt.kind)
		files, err := Page(fsys, k, tt.title, "", now)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		base := strings.TrimSuffix(filepath.Base(files[0].Path), ".md")
		if base != tt.want || len(files) != 2 {
			t.Errorf("%s: Page(%q) = %s (%d files); want %s.md and its twin", tt.name, tt.title, files[0].Path, len(files), tt.want)
		}
	}
}
