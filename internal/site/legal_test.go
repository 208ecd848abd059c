package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestAccessibilityProblems checks every message about the accessibility
// block of site.yaml, at its line.
func TestAccessibilityProblems(t *testing.T) {
	head := "languages: [{code: en, name: English}, {code: fr, name: Français}]\ntitle: {en: T, fr: T}\naccessibility:\n"
	good := "  status: partial\n  exceptions: {en: [Old PDF reports.], fr: [Anciens rapports PDF.]}\n  reviewed: 2026-01-10\n  contact: {email: accessibility@example.org}\n  enforcement: {name: {en: The ombudsman, fr: Le médiateur}, url: https://example.org/}\n"
	tests := []struct {
		name, block string
		want        []string
	}{
		{"complete", good, nil},
		{"nothing but a status", "  status: full\n", []string{
			"content/site.yaml:3: accessibility: contact is missing; give an e-mail address of a service (contact: {email: accessibility@example.org}) or the address of a form (url:)",
			"content/site.yaml:3: accessibility: enforcement is missing; name the national body that handles complaints and give its address, e.g. enforcement: {name: {en: ..., fr: ...}, url: https://...}",
			"content/site.yaml:3: accessibility: reviewed is missing; write the date of the last review of the statement, e.g. reviewed: 2026-01-15",
		}},
		{"status", strings.Replace(good, "partial", "parital", 1), []string{
			`content/site.yaml:4: accessibility.status: "parital" is not one of full, partial, none; did you mean "partial"?; full, partial or none say whether the site is fully, partially or not compliant`,
		}},
		{"status missing", strings.Replace(good, "  status: partial\n", "", 1), []string{
			"content/site.yaml:3: accessibility: status is missing; write full, partial or none (fully, partially or not compliant with EN 301 549 (WCAG 2.1 AA))",
		}},
		{"no exceptions", strings.Replace(good, "  exceptions: {en: [Old PDF reports.], fr: [Anciens rapports PDF.]}\n", "", 1), []string{
			"content/site.yaml:3: warning: accessibility: exceptions are missing; a site that is not fully compliant lists what is not accessible, why, and what to use instead, per language",
		}},
		{"exceptions in one language", strings.Replace(good, ", fr: [Anciens rapports PDF.]", "", 1), []string{
			"content/site.yaml:5: accessibility.exceptions: missing for fr; list the exceptions in every language of the site",
		}},
		{"method", good + "  method: audit\n", []string{
			`content/site.yaml:9: accessibility.method: "audit" is not one of self-assessment, third-party`,
		}},
		{"e-mail", strings.Replace(good, "accessibility@example.org", "Jane <jane@example.org>", 1), []string{
			`content/site.yaml:7: accessibility.contact.email: "Jane <jane@example.org>" is not an e-mail address; write it alone, e.g. accessibility@example.org`,
		}},
		{"form", strings.Replace(good, "{email: accessibility@example.org}", "{url: example.org/contact}", 1), []string{
			`content/site.yaml:7: accessibility.contact.url: "example.org/contact" is not a web address; write it in full, e.g. https://www.example.org/`,
		}},
		{"body in one language", strings.Replace(good, ", fr: Le médiateur", "", 1), []string{
			"content/site.yaml:8: accessibility.enforcement.name: missing for fr; name the enforcement body in every language of the site",
		}},
		{"body without address", strings.Replace(good, ", url: https://example.org/", "", 1), []string{
			"content/site.yaml:8: accessibility.enforcement: url is missing; give the web address of the enforcement body",
		}},
		{"foreign language", good + "  law: {de: Gesetz}\n", []string{
			`content/site.yaml:9: accessibility.law: "de" is not a language of this site (en, fr)`,
		}},
		{"review before preparation", good + "  prepared: 2026-02-01\n", []string{
			"content/site.yaml:6: accessibility.reviewed: 2026-01-10 is before prepared 2026-02-01",
		}},
		{"bad date", strings.Replace(good, "2026-01-10", "10/01/2026", 1), []string{
			`content/site.yaml:6: accessibility.reviewed: "10/01/2026" is not a date; write YYYY-MM-DD, e.g. 2020-06-03`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := ParseConfig([]byte(head + tt.block))
			ps.Sort()
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestAccessibilityReview warns when the last review is over a year old,
// and makes the statement and privacy pages in every language.
func TestAccessibilityReview(t *testing.T) {
	yaml := "languages: [{code: en, name: English}, {code: fr, name: Français}]\ntitle: {en: T, fr: T}\nsections: {privacy: {fr: vie-privee}}\naccessibility:\n  status: full\n  reviewed: 2025-01-10\n  contact: {email: a11y@example.org}\n  enforcement: {name: {en: E, fr: E}, url: https://example.org/}\n"
	fsys := fstest.MapFS{
		"content/site.yaml":   {Data: []byte(yaml)},
		"content/en/index.md": {Data: []byte("---\ntitle: Home\n---\n")},
		"content/fr/index.md": {Data: []byte("---\ntitle: Accueil\n---\n")},
	}
	for _, tt := range []struct {
		clock time.Time
		want  string
	}{
		{time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC), ""},
		{time.Date(2026, 1, 11, 12, 0, 0, 0, time.UTC), "content/site.yaml:6: warning: accessibility.reviewed: the statement was last reviewed on 2025-01-10, 366 days ago; review it at least once a year, then write the date of the review"},
		{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), "content/site.yaml:6: warning: accessibility.reviewed: 2025-01-10 is in the future; write the date the statement was last reviewed"},
	} {
		s, err := Load(fsys, Options{Clock: tt.clock})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Warnings.Error(); got != tt.want {
			t.Errorf("at %s: got %q, want %q", tt.clock, got, tt.want)
		}
		for _, want := range []struct {
			k         Kind
			lang, url string
		}{{KindAccessibility, "en", "/en/accessibility/"}, {KindAccessibility, "fr", "/fr/accessibilite/"}, {KindPrivacy, "en", "/en/privacy/"}, {KindPrivacy, "fr", "/fr/vie-privee/"}} {
			if got := s.LegalURL(want.k, want.lang); got != want.url {
				t.Errorf("%s in %s is at %q, want %q", want.k, want.lang, got, want.url)
			}
		}
		if p := s.Page("content/fr/accessibility.md"); p == nil || p.Title() != "Déclaration d’accessibilité" || len(p.Translations) != 1 {
			t.Errorf("the French statement is %+v", p)
		}
	}
	// A page of content/ at the same place replaces the generated one.
	fsys["content/en/privacy.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Our privacy policy\n---\nWe use a newsletter service.\n")}
	s, err := Load(fsys, Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Page("content/en/privacy.md"); p == nil || p.Synthetic || p.Title() != "Our privacy policy" {
		t.Errorf("the editor's privacy page is %+v", p)
	}
}
