package serve

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"
)

// TestBarTextNotes: the editor bar's notes about texts raise no false
// alarm. A brand name the same in both languages is not "not translated
// yet"; a twin that is still consort new's skeleton is not a
// translation, so the page is not "translated into every language".
func TestBarTextNotes(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":   {Data: []byte("title: {en: BioX4Clusters, fr: BioX4Clusters}\nvocabularies:\n  orgType: {company: {en: Company, fr: Entreprise}}\n")},
		"content/en/index.md": {Data: []byte("---\ntitle: BioX4Clusters\nsummary: Four clusters, one market.\n---\nWelcome.\n")},
		"content/fr/index.md": {Data: []byte("---\ntitle: BioX4Clusters\nsummary: Quatre clusters, un marché.\n---\nBienvenue.\n")},
		"content/en/about.md": {Data: []byte("---\ntitle: About the project\n---\nWhat we do.\n")},
		"content/fr/about.md": {Data: []byte("---\ntitle: About the project\n---\nCe que nous faisons.\n")},
	}
	files, err := scaffold.Page(fsys, site.KindPartner, "Acme Bio", "en", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	// The editor writes the English page; the French twin stays as made.
	en := string(fsys["content/en/partners/acme-bio.md"].Data)
	i := strings.LastIndex(en, "---\n")
	fsys["content/en/partners/acme-bio.md"] = &fstest.MapFile{Data: []byte(en[:i] + "---\n\nAcme makes enzymes.\n")}

	s, err := site.Load(fsys, site.Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	notes := func(file, lang string) []string {
		var out []string
		for _, n := range textNotes(s, s.Page(file)) {
			out = append(out, n.view(messagesFor(lang), lang).Text)
		}
		return out
	}
	tests := []struct {
		file, lang string
		want       []string
	}{
		{"content/en/index.md", "en", nil},
		{"content/fr/about.md", "fr", []string{"Identique à la version en anglais, pas encore traduit ? titre"}},
		{"content/en/partners/acme-bio.md", "en", []string{"The French version (content/fr/partners/acme-bio.md) still has the text consort new wrote: not translated yet."}},
		{"content/fr/partners/acme-bio.md", "fr", []string{"Cette page a encore le texte écrit par consort new : rédigez-la."}},
	}
	for _, tt := range tests {
		got := notes(tt.file, tt.lang)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: notes\n%q\nwant\n%q", tt.file, got, tt.want)
		}
	}
}

// TestAdviceForMissingImage: a missing image is explained as a file to
// put in static/, not as a page to create.
func TestAdviceForMissingImage(t *testing.T) {
	for _, p := range []site.Problem{
		{File: "content/en/about.md", Line: 6, Msg: "image /img/map.png does not exist; image files go in the static/ folder of the site: save it as static/img/map.png, or fix the path"},
		{File: "content/en/partners/acme.md", Line: 5, Field: "logo", Msg: "/img/acme.svg does not exist; did you mean /img/acme.png?"},
	} {
		if got := adviceFor(p); got != "image" {
			t.Errorf("adviceFor(%s) = %q; want image", p, got)
		}
	}
	link := site.Problem{File: "content/en/about.md", Line: 3, Msg: "link to x.md: content/en/x.md does not exist; fix the path or create the page"}
	if got := adviceFor(link); got != "link" {
		t.Errorf("adviceFor(%s) = %q; want link", link, got)
	}
}
