package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const testConfig = `baseURL: https://example.org/
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
title: {en: Test, fr: Essai}
sections:
  partners: {en: partners, fr: partenaires}
vocabularies:
  orgType:
    cluster: {en: Cluster, fr: Cluster}
    company: {en: Company, fr: Entreprise}
  competency:
    oncology: {en: Oncology, fr: Oncologie}
  missionType:
    event: {en: Event, fr: Événement}
`

// site builds an fs from name/content pairs, adding site.yaml.
func siteFS(files ...string) fstest.MapFS {
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(testConfig)}}
	for i := 0; i+1 < len(files); i += 2 {
		fsys[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return fsys
}

var clock = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func load(t *testing.T, fsys fstest.MapFS) (*Site, Problems) {
	t.Helper()
	s, err := Load(fsys, Options{Clock: clock})
	if err == nil {
		return s, nil
	}
	ps, ok := err.(Problems)
	if !ok {
		t.Fatalf("Load: got error %T %v; want Problems", err, err)
	}
	return s, ps
}

const cluster = "---\ntitle: Lyonbiopole\norgType: cluster\ncountry: FR\n---\nText.\n"

func TestValidationMessages(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string // every line of the report, in order
	}{
		{
			name:  "missing title",
			files: []string{"content/en/about.md", "---\nsummary: x\n---\n"},
			want:  []string{"content/en/about.md:1: title: missing; every page needs a title"},
		},
		{
			name:  "unknown key with hint",
			files: []string{"content/en/about.md", "---\ntitle: About\nsumary: x\n---\n"},
			want:  []string{`content/en/about.md:3: sumary: unknown field; did you mean "summary"?`},
		},
		{
			name:  "country name instead of code",
			files: []string{"content/fr/partners/biocat.md", "---\ntitle: Biocat\norgType: cluster\n\n\n\ncountry: France\n---\n"},
			want:  []string{`content/fr/partners/biocat.md:7: country: "France" is not an ISO 3166 code; write FR`},
		},
		{
			name:  "lower-case country",
			files: []string{"content/en/partners/a.md", "---\ntitle: A\norgType: company\ncountry: de\n---\n"},
			want:  []string{`content/en/partners/a.md:4: country: "de" is not an ISO 3166 code; write DE`},
		},
		{
			name:  "missing required field",
			files: []string{"content/en/partners/a.md", "---\ntitle: A\norgType: company\n---\n"},
			want:  []string{"content/en/partners/a.md:1: country: missing; write the ISO 3166 code of the country, e.g. FR"},
		},
		{
			name:  "vocabulary typo",
			files: []string{"content/en/partners/a.md", "---\ntitle: A\norgType: compnay\ncountry: DE\ncompetencies: [oncolgy]\n---\n"},
			want: []string{
				`content/en/partners/a.md:3: orgType: "compnay" is not an orgType of content/site.yaml; did you mean "company"?`,
				`content/en/partners/a.md:5: competencies: "oncolgy" is not a competency of content/site.yaml; did you mean "oncology"?`,
			},
		},
		{
			name:  "wrong type",
			files: []string{"content/en/clusters/a.md", "---\ntitle: A\norgType: cluster\ncountry: FR\ncompanies: many\n---\n"},
			want:  []string{`content/en/clusters/a.md:5: companies: want a whole number, got "many"`},
		},
		{
			name:  "bad date",
			files: []string{"content/en/news/a.md", "---\ntitle: A\ndate: 3 June 2020\n---\n"},
			want:  []string{`content/en/news/a.md:3: date: "3 June 2020" is not a date; write YYYY-MM-DD, e.g. 2020-06-03`},
		},
		{
			name: "broken reference",
			files: []string{
				"content/en/clusters/lyonbiopole.md", cluster,
				"content/en/partners/bd.md", "---\ntitle: BD\norgType: company\ncountry: US\ncluster: lyonbiopol\n---\n",
			},
			want: []string{`content/en/partners/bd.md:5: cluster: "lyonbiopol" names content/en/clusters/lyonbiopol.md, which does not exist; did you mean "lyonbiopole"?`},
		},
		{
			name:  "broken md link",
			files: []string{"content/en/about.md", "---\ntitle: About\n---\nIntro.\n\nSee [the partners](partners/nothere.md).\n"},
			want:  []string{"content/en/about.md:6: link to partners/nothere.md: content/en/partners/nothere.md does not exist; fix the path or create the page"},
		},
		{
			name: "same URL twice",
			files: []string{
				"content/en/about.md", "---\ntitle: About\n---\n",
				"content/en/other.md", "---\ntitle: Other\nslug: about\n---\n",
			},
			want: []string{"content/en/other.md:3: has the same URL /en/about/ as content/en/about.md; change the slug of one of them"},
		},
		{
			name:  "unterminated front matter",
			files: []string{"content/en/about.md", "---\ntitle: About\n\nBody.\n"},
			want:  []string{"content/en/about.md:1: front matter starts with --- but is never closed; add a line --- after the last field"},
		},
		{
			name:  "no front matter",
			files: []string{"content/en/about.md", "Just text.\n"},
			want:  []string{"content/en/about.md:1: has no front matter; start the file with a line ---, then `title: ...`, then a line ---"},
		},
		{
			name:  "invalid yaml",
			files: []string{"content/en/about.md", "---\ntitle: About\nsummary: [unclosed\n---\n"},
			want:  []string{"content/en/about.md:3: front matter is not valid YAML: the list opened with [ is not closed; end it with ] on the same line, e.g. [US, FR]"},
		},
		{
			name:  "yaml alias refused",
			files: []string{"content/en/about.md", "---\ntitle: &a About\nsummary: *a\n---\n"},
			want:  []string{"content/en/about.md:2: YAML anchors and aliases (&name, *name) are not supported in content; write the value out in full"},
		},
		{
			name:  "invalid utf-8",
			files: []string{"content/en/about.md", "---\ntitle: About\n---\nbad \xff byte\n"},
			want:  []string{"content/en/about.md:4: is not valid UTF-8 text; save the file as UTF-8 in your editor"},
		},
		{
			name:  "image without alt",
			files: []string{"content/en/about.md", "---\ntitle: About\nimage: /img/a.png\n---\n"},
			want:  []string{"content/en/about.md:3: alt: missing; an image needs a text alternative for readers who cannot see it; describe it in alt"},
		},
		{
			name:  "alias escaping the site",
			files: []string{"content/en/about.md", "---\ntitle: About\naliases: [/old/../../etc/]\n---\n"},
			want:  []string{`content/en/about.md:3: aliases: "/old/../../etc/" is not a clean path; no .., //, backslashes or control characters`},
		},
		{
			name:  "nested section file",
			files: []string{"content/en/partners/x/y.md", "---\ntitle: Y\n---\n"},
			want:  []string{"content/en/partners/x/y.md: pages of partners/ cannot be in sub-folders; move it to content/en/partners/y.md"},
		},
		{
			name:  "mission end before start",
			files: []string{"content/en/missions/m.md", "---\ntitle: M\nmissionType: event\nstart: 2026-03-10\nend: 2026-03-09\ntimeZone: Europe/Nowhere\n---\n"},
			want: []string{
				"content/en/missions/m.md:5: end: 2026-03-09 is before start 2026-03-10",
				`content/en/missions/m.md:6: timeZone: "Europe/Nowhere" is not a time zone; write an IANA name such as Europe/Paris or America/Sao_Paulo`,
			},
		},
		{
			name: "every problem at once, sorted",
			files: []string{
				"content/fr/b.md", "---\ntitle: B\ncolour: red\n---\n",
				"content/en/a.md", "---\nweight: heavy\n---\n",
			},
			want: []string{
				"content/en/a.md:1: title: missing; every page needs a title",
				`content/en/a.md:2: weight: want a whole number, got "heavy"`,
				"content/fr/b.md:3: colour: unknown field; known fields: aliases, alt, date, draft, expiryDate, image, publishDate, slug, summary, title, translatedFrom, translationKey, weight",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := load(t, siteFS(tt.files...))
			var got []string
			for _, p := range ps.Errors() {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestTranslations(t *testing.T) {
	s, ps := load(t, siteFS(
		"content/en/index.md", "---\ntitle: Home\n---\n",
		"content/fr/index.md", "---\ntitle: Accueil\n---\n",
		"content/en/partners/biocat.md", "---\ntitle: Biocat\norgType: cluster\ncountry: ES\n---\n",
		"content/fr/partners/biocat.md", "---\ntitle: Biocat\norgType: cluster\ncountry: ES\nslug: biocat-barcelone\n---\n",
		"content/en/about.md", "---\ntitle: About\ntranslationKey: about\n---\n",
		"content/fr/a-propos.md", "---\ntitle: À propos\ntranslationKey: about\n---\n",
		"content/en/only-english.md", "---\ntitle: Only in English\n---\n",
	))
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	tests := []struct {
		name, file, wantURL, wantFR, wantEN string
	}{
		{"by path, localised section and slug", "content/fr/partners/biocat.md", "/fr/partenaires/biocat-barcelone/", "", "/en/partners/biocat/"},
		{"by path, english", "content/en/partners/biocat.md", "/en/partners/biocat/", "/fr/partenaires/biocat-barcelone/", ""},
		{"by translationKey", "content/en/about.md", "/en/about/", "/fr/a-propos/", ""},
		{"home pages", "content/fr/index.md", "/fr/", "", "/en/"},
		{"untranslated", "content/en/only-english.md", "/en/only-english/", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := s.Page(tt.file)
			if p == nil {
				t.Fatalf("no page %s", tt.file)
			}
			if p.URL != tt.wantURL {
				t.Errorf("URL: got %s; want %s", p.URL, tt.wantURL)
			}
			for lang, want := range map[string]string{"fr": tt.wantFR, "en": tt.wantEN} {
				got := ""
				if tr := p.Translation(lang); tr != nil {
					got = tr.URL
				}
				if got != want {
					t.Errorf("translation %s: got %q; want %q", lang, got, want)
				}
			}
		})
	}
	// A section with pages gets a section page in every language, made
	// up when content/ has none, so the language switcher has a target.
	if sec := s.Section("fr", "partners"); sec == nil || sec.URL != "/fr/partenaires/" || !sec.Synthetic {
		t.Errorf("fr partners section: got %+v; want a synthetic page at /fr/partenaires/", sec)
	}
}

func TestTOMLFrontMatter(t *testing.T) {
	s, ps := load(t, siteFS(
		"content/en/news/a.md", "+++\ntitle = \"A\"\ndate = 2020-06-03\ntags = [\"x\"]\n[source]\nname = \"Pharmaceutiques\"\n+++\nBody.\n",
		"content/en/news/b.md", "+++\ntitle = \"B\"\ndate = 2020-06-03\ncolor = \"red\"\n+++\n",
	))
	ps = ps.Errors()
	if len(ps) != 1 || ps[0].String() != `content/en/news/b.md:4: color: unknown field; known fields: aliases, alt, author, date, draft, expiryDate, image, publishDate, slug, source, summary, tags, title, translatedFrom, translationKey` {
		t.Fatalf("got problems %v; want one unknown field on line 4", ps)
	}
	_ = s
	s, ps = load(t, siteFS("content/en/news/a.md", "+++\ntitle = \"A\"\ndate = 2020-06-03\n[source]\nname = \"Pharmaceutiques\"\n+++\nBody.\n"))
	if ps != nil {
		t.Fatal(ps)
	}
	n := s.Page("content/en/news/a.md").News()
	if n.Date.Format("2006-01-02") != "2020-06-03" || n.Source == nil || n.Source.Name != "Pharmaceutiques" {
		t.Errorf("got %+v; want date 2020-06-03 and source Pharmaceutiques", n)
	}
}

func TestPublication(t *testing.T) {
	files := []string{
		"content/en/news/draft.md", "---\ntitle: D\ndate: 2025-01-01\ndraft: true\n---\n",
		"content/en/news/future.md", "---\ntitle: F\ndate: 2027-01-01\n---\n",
		"content/en/news/expired.md", "---\ntitle: E\ndate: 2025-01-01\nexpiryDate: 2026-01-01\n---\n",
		"content/en/news/now.md", "---\ntitle: N\ndate: 2025-01-01\n---\n",
		"content/en/missions/next.md", "---\ntitle: Next\nmissionType: event\nstart: 2027-05-01\n---\n",
	}
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"default", Options{}, []string{"missions/next.md", "news/now.md"}},
		{"drafts", Options{Drafts: true}, []string{"missions/next.md", "news/draft.md", "news/now.md"}},
		{"future", Options{Future: true}, []string{"missions/next.md", "news/future.md", "news/now.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Clock = clock
			s, err := Load(siteFS(files...), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range s.Pages {
				if !p.Synthetic {
					got = append(got, p.Rel)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v; want %v", got, tt.want)
			}
		})
	}
}

func TestReferencesAndBacklinks(t *testing.T) {
	s, ps := load(t, siteFS(
		"content/en/clusters/lyonbiopole.md", cluster,
		"content/en/partners/bd.md", "---\ntitle: BD\norgType: company\ncountry: US\ncluster: lyonbiopole\n---\n",
		"content/en/missions/usa.md", "---\ntitle: USA\nmissionType: event\nclusters: [lyonbiopole]\npartners: bd\n---\n",
		"content/en/interviews/x.md", "---\ntitle: X\nperson: X\norganisation: lyonbiopole\n---\n",
		"content/en/about.md", "---\ntitle: About\n---\nSee [BD](partners/bd.md#facts) and [home](index.md).\n",
	))
	if ps != nil {
		t.Fatal(ps)
	}
	c := s.Page("content/en/clusters/lyonbiopole.md")
	if len(c.Members) != 1 || len(c.Missions) != 1 || len(c.Interviews) != 1 {
		t.Errorf("backlinks: got %d members, %d missions, %d interviews; want 1 each", len(c.Members), len(c.Missions), len(c.Interviews))
	}
	if m := s.Page("content/en/missions/usa.md"); len(m.Participants) != 2 {
		t.Errorf("participants: got %d; want 2", len(m.Participants))
	}
	html := string(s.Page("content/en/about.md").HTML)
	for _, want := range []string{`href=/en/partners/bd/#facts>`, `href=/en/>`} { // minified
		if !strings.Contains(html, want) {
			t.Errorf("about HTML %s: missing %s", html, want)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Klaster LifeScience Kraków", "klaster-lifescience-krakow"},
		{"bioMérieux", "biomerieux"},
		{"Becton Dickinson (BD)", "becton-dickinson-bd"},
		{"Łódź  Œuvre", "lodz-oeuvre"},
		{"--x--", "x"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q): got %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestConfigProblems(t *testing.T) {
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte("baseURL: example.org\ntitle: {en: T}\nlanguages: [{code: en}]\nsections:\n  partner: {en: partners}\nmenu: {}\n")}}
	_, err := Load(fsys, Options{})
	want := strings.Join([]string{
		`content/site.yaml:1: baseURL: "example.org" is not an absolute web address; write it like https://www.example.org/ or https://example.github.io/project/`,
		`content/site.yaml:5: sections.partner: "partner" is not a section; did you mean "partners"?`,
		`content/site.yaml:6: menu: unknown field; did you mean "menus"?`,
	}, "\n")
	ps, _ := err.(Problems)
	if ps.Errors().Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestCheckBaseURL(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string // want: "" for accepted, else a part of the message
	}{
		{"root", "https://www.example.org/", ""},
		{"root without slash", "https://www.example.org", ""},
		{"http and port", "http://localhost:1313/", ""},
		{"no scheme", "example.org", "is not an absolute web address"},
		{"ftp", "ftp://example.org/", "is not an absolute web address"},
		{"no host", "https:///en/", "is not an absolute web address"},
		{"user", "https://me@example.org/", "is not an absolute web address"},
		{"path", "https://www.example.org/biox4/", ""},
		{"project site", "https://example.github.io/biox4clusters/", ""},
		{"deep path without slash", "https://partner.eu/projects/BioX4", ""},
		{"escaped path", "https://partner.eu/projets%20bio/", ""},
		{"double slash", "https://partner.eu//biox4/", "has an unclean path"},
		{"slash too many", "https://example.github.io/biox4clusters//", ""},
		{"dot segment", "https://partner.eu/a/../biox4/", "has an unclean path"},
		{"query", "https://example.org/?a=1", "has a query or fragment"},
		{"fragment", "https://example.org/#top", "has a query or fragment"},
		{"empty fragment", "https://example.org/#", "has a query or fragment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckBaseURL(tc.in)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got %v; want no error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v; want an error containing %q", err, tc.want)
			}
		})
	}
}
