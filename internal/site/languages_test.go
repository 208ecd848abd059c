package site

import (
	"slices"
	"testing"
)

// TestLanguageProblems: the exact messages about languages and about
// per-language values a language lacks, at their lines in site.yaml.
func TestLanguageProblems(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown code, at its line", `languages:
  - {code: en}
  - {code: xx, name: Unknown}
title: {en: T, xx: T}
`, []string{`content/site.yaml:3: languages: "xx" is not a language code CLDR knows; nearest known codes: xh (Xhosa); write a BCP 47 code such as de, pl or pt-BR`}},
		{"a language's name for a code", `languages:
  - {code: en}
  - code: german
title: {en: T}
`, []string{
			`content/site.yaml:3: languages: "german" is not a language code CLDR knows; nearest known codes: de (German); write a BCP 47 code such as de, pl or pt-BR`,
		}},
		{"not a code at all", `languages:
  - {code: en}
  - {code: "Deutsch (DE)"}
title: {en: T}
`, []string{
			`content/site.yaml:3: languages: "Deutsch (DE)" is not a language code; use a BCP 47 code in lower case such as de, pl or pt-br`,
		}},
		{"listed twice", `languages:
  - {code: en}
  - {code: de}
  - {code: de}
title: {en: T, de: T}
`, []string{`content/site.yaml:4: languages: "de" is listed twice`}},
		{"the default language's title is required", `languages:
  - {code: de}
  - {code: en}
title: {en: T}
`, []string{
			"content/site.yaml:4: title: missing for de, the default language; give the site's title in every language",
		}},
		{"values a language lacks, once per key at its line", `languages:
  - {code: en}
  - {code: de}
  - {code: pl}
title: {en: T, de: T, pl: T}
description: {en: D}
funding: {programme: other, name: {en: N, de: N, pl: N}, acknowledgement: {en: F, de: G, pl: H}}
sections:
  partners: {en: partners, de: partner}
vocabularies:
  orgType:
    agency: {en: Agency}
    company: {en: Company, de: Unternehmen, pl: Firma}
`, []string{
			"content/site.yaml:6: warning: description: no de, pl; each shows the en text; add `de: ...`",
			"content/site.yaml:9: warning: sections.partners: no pl; it shows the en text; add `pl: ...`",
			"content/site.yaml:12: warning: vocabularies.orgType.agency: no de, pl; each shows the en text; add `de: ...`",
		}},
		{"a label missing in the default language", `languages:
  - {code: en}
  - {code: de}
title: {en: T, de: T}
vocabularies:
  orgType:
    agency: {de: Agentur}
`, []string{"content/site.yaml:7: vocabularies.orgType.agency: agency has no en label, the default language's; add `en: ...`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := ParseConfig([]byte(tt.yaml))
			ps.Sort()
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

// TestFallbackValues: what a language lacks is filled in from the default
// language, and a menu borrowed from it moves to the language's slugs.
func TestFallbackValues(t *testing.T) {
	c, ps := ParseConfig([]byte(`languages:
  - {code: en}
  - {code: de}
title: {en: Site, de: Seite}
description: {en: About us.}
sections:
  missions: {en: missions, de: missionen}
menus:
  en:
    - {page: about.md}
    - {title: Missions, url: /en/missions/}
    - {title: Catalogue, url: /en/catalogue/}
    - {title: Home, url: /en/}
    - {title: Elsewhere, url: https://example.org/en/}
vocabularies:
  orgType:
    agency: {en: Agency}
`))
	if len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}
	if got := c.Description["de"]; got != "About us." {
		t.Errorf("description de: got %q", got)
	}
	if !c.Borrowed("description", "de") || c.Borrowed("title", "de") {
		t.Errorf("Borrowed: description %v, title %v", c.Borrowed("description", "de"), c.Borrowed("title", "de"))
	}
	if got := c.Vocabularies.Label("orgType", "agency", "de"); got != "Agency" {
		t.Errorf("label: got %q", got)
	}
	var urls []string
	for _, e := range c.Menus["de"] {
		urls = append(urls, e.Page+e.URL)
	}
	if want := []string{"about.md", "/de/missionen/", "/de/catalogue/", "/de/", "https://example.org/en/"}; !slices.Equal(urls, want) {
		t.Errorf("borrowed menu: got %q; want %q", urls, want)
	}
	if got := c.SectionSlug("partners", "de"); got != "partners" {
		t.Errorf("SectionSlug: got %q", got)
	}
}
