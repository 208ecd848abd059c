package build

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMultilingual reads the four-language fixture's outputs: slugs,
// switcher fallbacks, hreflang and sitemaps with real translations only,
// dates, plurals and collation per language, and the warnings of what
// falls back to English.
func TestMultilingual(t *testing.T) {
	res, err := buildFixture(t, fixture(t, "multilingual"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []fileWant{
		{"localised slugs and German date", "de/missionen/warsaw/index.html",
			[]string{`<html lang="de" dir="ltr">`, `<time datetime="2031-05-12">12. Mai 2031</time>`, "Unternehmerreise"}, nil},
		{"Polish date", "pl/misje/warsaw/index.html",
			[]string{`<time datetime="2031-05-12">12 maja 2031</time>`, "Misja gospodarcza"}, nil},
		{"switcher: translations and, for French, the section", "en/missions/warsaw/index.html",
			[]string{
				`<a href="/de/missionen/warsaw/" hreflang="de" lang="de" rel="alternate">Deutsch</a>`,
				`<a href="/pl/misje/warsaw/" hreflang="pl" lang="pl" rel="alternate">Polski</a>`,
				`<a href="/fr/missions/" hreflang="fr" lang="fr">Français</a>`,
				`<link rel="alternate" hreflang="de" href="https://example.org/de/missionen/warsaw/">`,
				`<link rel="alternate" hreflang="pl" href="https://example.org/pl/misje/warsaw/">`,
				`<link rel="alternate" hreflang="x-default" href="https://example.org/en/missions/warsaw/">`,
			},
			[]string{`hreflang="fr" href=`}},
		{"switcher: a page in German only leads to each section", "de/partner/oberberg/index.html",
			[]string{`<a href="/en/partners/" hreflang="en" lang="en">English</a>`, `<a href="/fr/partenaires/" hreflang="fr" lang="fr">Français</a>`, `<a href="/pl/partnerzy/" hreflang="pl" lang="pl">Polski</a>`},
			[]string{`rel="alternate" hreflang`, `hreflang="x-default"`}},
		{"switcher: a page outside the sections leads to the home", "de/about/index.html",
			[]string{`<a href="/pl/" hreflang="pl" lang="pl">Polski</a>`, `<link rel="alternate" hreflang="fr" href="https://example.org/fr/about/">`},
			[]string{`hreflang="pl" href=`}},
		{"German quotes", "de/about/index.html", []string{"„Gemeinsam sind wir stark“, sagt das Motto."}, nil},
		{"French quotes", "fr/about/index.html", []string{"«\u202fEnsemble nous sommes forts\u202f», dit la devise."}, nil},
		{"Polish plurals on the home page", "pl/index.html",
			[]string{"<strong>3</strong> organizacje partnerskie", "<strong>1</strong> misja zagraniczna"}, nil},
		{"German plurals on the home page", "de/index.html",
			[]string{"<strong>4</strong> Partnerorganisationen", "<strong>2</strong> Länder"}, nil},
		{"Polish UI strings and country names", "pl/partnerzy/lodz-med/index.html",
			[]string{"Przejdź do treści", "Łódź, Polska"}, nil},
		{"German catalogue slugs", "de/catalogue/index.html", []string{`href="/de/catalogue/land/"`}, nil},
		{"Polish menu from the English one, in Polish", "pl/index.html",
			[]string{`href="/pl/partnerzy/"`, `href="/pl/misje/"`}, []string{`href="/en/missions/"`}},
		{"a label missing in Polish shows in English", "pl/partnerzy/lodz-med/index.html", []string{"Company"}, nil},
		{"root chooser lists every language", "index.html",
			[]string{`href="/en/" hreflang="en"`, `href="/fr/" hreflang="fr"`, `href="/de/" hreflang="de"`, `href="/pl/" hreflang="pl"`}, nil},
		{"sitemap alternates: real translations only", "en/sitemap.xml",
			[]string{"<loc>https://example.org/en/about/</loc>\n<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/about/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/about/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/about/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/en/about/\"/>\n</url>"},
			[]string{`hreflang="pl" href="https://example.org/pl/about/"`}},
		{"sitemap index lists every language", "sitemap.xml",
			[]string{"https://example.org/en/sitemap.xml", "https://example.org/fr/sitemap.xml", "https://example.org/de/sitemap.xml", "https://example.org/pl/sitemap.xml"}, nil},
	}
	checkFiles(t, res, tests)
	order := func(path string, names ...string) {
		t.Helper()
		page := file(t, res, path)
		var at []int
		for _, n := range names {
			at = append(at, strings.Index(page, n))
		}
		if slices.Contains(at, -1) || !slices.IsSorted(at) {
			t.Errorf("%s: got %q at %v; want them in this order", path, names, at)
		}
	}
	// Ł is a letter after L in Polish; Ö sorts with O in German.
	order("pl/partnerzy/index.html", "Lublin Biotech", "Łódź Medical", "Mazowsze Labs")
	order("de/partner/index.html", "München Biotech", "Oberberg Pharma", "Ötztal Diagnostik", "Ozon Bio")

	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String()+" ["+w.Code+"]")
	}
	want := []string{
		"content/site.yaml:8: warning: description: no pl; it shows the en text; add `pl: ...` [site-string]",
		"content/site.yaml:12: warning: menus: no menu for pl; it uses the en menu, with its pages in each language where they exist; add `pl:` with its entries [site-string]",
		"content/site.yaml:30: warning: vocabularies.orgType.company: no pl; it shows the en text; add `pl: ...` [site-string]",
	}
	if !slices.Equal(warnings, want) {
		t.Errorf("warnings:\ngot  %q\nwant %q", warnings, want)
	}
}

// TestLanguageWithoutStrings adds Portuguese, which the theme has no UI
// strings for, and Arabic, written right to left: both build, their
// strings in English, with one ui-string warning per language.
func TestLanguageWithoutStrings(t *testing.T) {
	fsys := fixture(t, "multilingual")
	cfg := string(fsys["content/site.yaml"].Data)
	cfg = strings.Replace(cfg, "  - {code: pl, name: Polski}\n", "  - {code: pl, name: Polski}\n  - {code: pt, name: Português}\n  - {code: ar, name: العربية}\n", 1)
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(cfg)}
	fsys["content/pt/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Consórcio de teste\n---\nBem-vindo.\n")}
	fsys["content/ar/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: اتحاد تجريبي\n---\nأهلا.\n")}
	res, err := buildFixture(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	pt := file(t, res, "pt/index.html")
	for _, w := range []string{`<html lang="pt" dir="ltr">`, "Skip to content", "Consórcio de teste"} {
		if !strings.Contains(pt, w) {
			t.Errorf("pt/index.html: missing %q", w)
		}
	}
	ar := file(t, res, "ar/index.html")
	for _, w := range []string{`<html lang="ar" dir="rtl">`, "Skip to content", "اتحاد تجريبي"} {
		if !strings.Contains(ar, w) {
			t.Errorf("ar/index.html: missing %q", w)
		}
	}
	if en := file(t, res, "en/index.html"); !strings.Contains(en, `<a href="/ar/" hreflang="ar" lang="ar">العربية</a>`) {
		t.Errorf("en/index.html: the switcher does not offer Arabic")
	}
	var got []string
	for _, w := range res.Warnings {
		if w.Code == UIStringCode {
			got = append(got, w.String())
		}
	}
	want := []string{
		"templates/i18n/pt.yaml: warning: pt has no UI strings of its own: 167 UI strings show in en; run `consort new strings pt` to write templates/i18n/pt.yaml, then translate it",
		"templates/i18n/ar.yaml: warning: ar has no UI strings of its own: 167 UI strings show in en; run `consort new strings ar` to write templates/i18n/ar.yaml, then translate it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ui-string warnings:\ngot  %q\nwant %q", got, want)
	}
	// The site's title, not given in Portuguese and Arabic: one warning
	// at its line for both.
	var titles []string
	for _, w := range res.Warnings {
		if w.Field == "title" {
			titles = append(titles, w.String())
		}
	}
	if want := []string{"content/site.yaml:9: warning: title: no pt, ar; each shows the en text; add `pt: ...`"}; !slices.Equal(titles, want) {
		t.Errorf("title warnings:\ngot  %q\nwant %q", titles, want)
	}
	if !strings.Contains(pt, "<title>") || !strings.Contains(pt, "Test Consortium") {
		t.Errorf("pt/index.html: the site title does not fall back to English")
	}
}
