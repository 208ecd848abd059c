package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const testDE = `read_more: Weiterlesen
partners_count:
  one: "{{.Count}} Partner"
  other: "{{.Count}} Partner"
`

const testPL = `read_more: Czytaj dalej
partners_count:
  one: "{{.Count}} partner"
  few: "{{.Count}} partnerzy"
  many: "{{.Count}} partnerów"
  other: "{{.Count}} partnera"
`

// loadMany loads en, fr, de, pl and pt; pt has no strings file.
func loadMany(t *testing.T) *Bundle {
	t.Helper()
	b, err := Load(fstest.MapFS{
		"en.yaml": {Data: []byte(testEN)},
		"fr.yaml": {Data: []byte(testFR)},
		"de.yaml": {Data: []byte(testDE)},
		"pl.yaml": {Data: []byte(testPL)},
	}, []string{"en", "fr", "de", "pl", "pt"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

// TestManyLanguages checks the CLDR rules of languages besides en and fr:
// dates, numbers, plurals, country names and collation.
func TestManyLanguages(t *testing.T) {
	b := loadMany(t)
	day := time.Date(2031, 5, 12, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		lang, date, dateTime, number, country string
	}{
		{"de", "12. Mai 2031", "12. Mai 2031, 14:30", "1.234.567", "Polen"},
		{"pl", "12 maja 2031", "12 maja 2031, 14:30", "1\u00a0234\u00a0567", "Niemcy"},
		{"pt", "12 de maio de 2031", "12 de maio de 2031, 14:30", "1.234.567", "Alemanha"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			l := b.Locale(tt.lang)
			if got := l.Date(day); got != tt.date {
				t.Errorf("Date: got %q; want %q", got, tt.date)
			}
			if got := l.DateTime(day); got != tt.dateTime {
				t.Errorf("DateTime: got %q; want %q", got, tt.dateTime)
			}
			if got := l.Number(1234567); got != tt.number {
				t.Errorf("Number: got %q; want %q", got, tt.number)
			}
			code := "PL"
			if tt.lang != "de" {
				code = "DE"
			}
			if got := l.Country(code); got != tt.country {
				t.Errorf("Country(%s): got %q; want %q", code, got, tt.country)
			}
		})
	}
	for _, tt := range []struct {
		lang  string
		count int
		want  string
	}{
		{"de", 1, "1 Partner"},
		{"de", 1000, "1.000 Partner"},
		{"pl", 1, "1 partner"},
		{"pl", 3, "3 partnerzy"},
		{"pl", 5, "5 partnerów"},
		{"pl", 22, "22 partnerzy"},
		{"pl", 12, "12 partnerów"},
		{"pt", 1, "1 partner"}, // English, the default language
	} {
		if got := b.Locale(tt.lang).N("partners_count", tt.count); got != tt.want {
			t.Errorf("%s N(%d): got %q; want %q", tt.lang, tt.count, got, tt.want)
		}
	}
}

// TestCollationPerLanguage sorts names the way each language does: Ł is a
// letter of its own after L in Polish; Ö sorts with O in German.
func TestCollationPerLanguage(t *testing.T) {
	b := loadMany(t)
	sorted := func(lang string, names ...string) []string {
		out := slices.Clone(names)
		slices.SortFunc(out, b.Locale(lang).Compare)
		return out
	}
	if got, want := sorted("pl", "Łódź", "Lublin", "Mazowsze", "Legnica"), []string{"Legnica", "Lublin", "Łódź", "Mazowsze"}; !slices.Equal(got, want) {
		t.Errorf("pl: got %q; want %q", got, want)
	}
	if got, want := sorted("de", "Österreich", "Oberbayern", "Ozean", "Pfalz"), []string{"Oberbayern", "Österreich", "Ozean", "Pfalz"}; !slices.Equal(got, want) {
		t.Errorf("de: got %q; want %q", got, want)
	}
}

// TestFallback shows strings a language lacks in the default language and
// counts them per language.
func TestFallback(t *testing.T) {
	b := loadMany(t)
	if got := b.Locale("pt").T("read_more"); got != "Read more" {
		t.Errorf("pt read_more: got %q; want the English", got)
	}
	if got := b.Locale("de").T("page_of", map[string]any{"Page": 1, "Total": 2}); got != "Page 1 of 2" {
		t.Errorf("de page_of: got %q", got)
	}
	if got := b.Locale("de").T("read_more"); got != "Weiterlesen" {
		t.Errorf("de read_more: got %q", got)
	}
	got := b.MissingIn()
	want := []MissingCount{
		{Lang: "en", Count: 1, HasFile: true, Fallback: ""},
		{Lang: "fr", Count: 1, HasFile: true, Fallback: "en"},
		{Lang: "de", Count: 5, HasFile: true, Fallback: "en"},
		{Lang: "pl", Count: 5, HasFile: true, Fallback: "en"},
		{Lang: "pt", Count: 7, HasFile: false, Fallback: "en"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("MissingIn:\ngot  %+v\nwant %+v", got, want)
	}
	if b.HasFile("pt") || !b.HasFile("de") {
		t.Errorf("HasFile: pt %v, de %v", b.HasFile("pt"), b.HasFile("de"))
	}
}

// TestDefaultWithoutFile: a site whose first language has no strings file
// falls back to the theme's English.
func TestDefaultWithoutFile(t *testing.T) {
	b, err := Load(fstest.MapFS{"en.yaml": {Data: []byte(testEN)}}, []string{"pt", "de"})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Locale("pt").T("read_more"); got != "Read more" {
		t.Errorf("got %q", got)
	}
	if got := b.Locale("de").T("read_more"); got != "Read more" {
		t.Errorf("got %q", got)
	}
}

func TestCheckLanguage(t *testing.T) {
	tests := []struct{ code, err string }{
		{"de", ""},
		{"pl", ""},
		{"pt-BR", ""},
		{"ar", ""},
		{"he", ""},
		{"xx", `"xx" is not a language code CLDR knows; nearest known codes: xh (Xhosa); write a BCP 47 code such as de, pl or pt-BR`},
		{"German", `"German" is not a language code CLDR knows; nearest known codes: de (German); write a BCP 47 code such as de, pl or pt-BR`},
		{"polski", `"polski" is not a language code CLDR knows; nearest known codes: pl (Polish); write a BCP 47 code such as de, pl or pt-BR`},
		{"ge", `"ge" is not a language code CLDR knows; nearest known codes: be (Belarusian), ce (Chechen), de (German), ee (Ewe); write a BCP 47 code such as de, pl or pt-BR`},
		{"klingon", `"klingon" is not a language code CLDR knows; write a BCP 47 code such as de, pl or pt-BR`},
	}
	for _, tt := range tests {
		err := CheckLanguage(tt.code)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("CheckLanguage(%q):\ngot  %s\nwant %s", tt.code, got, tt.err)
		}
	}
}

func TestDir(t *testing.T) {
	for code, want := range map[string]string{"ar": "rtl", "he": "rtl", "fa": "rtl", "ur": "rtl", "en": "ltr", "pl": "ltr", "??": "ltr"} {
		if got := Dir(code); got != want {
			t.Errorf("Dir(%q) = %q; want %q", code, got, want)
		}
	}
}

// TestEveryLocaleLoads loads each CLDR locale consort knows, so that none
// panics or lacks plural rules once accepted.
func TestEveryLocaleLoads(t *testing.T) {
	day := time.Date(2031, 5, 12, 0, 0, 0, 0, time.UTC)
	for code := range cldrLocales {
		if CheckLanguage(code) != nil {
			continue
		}
		b, err := Load(fstest.MapFS{"en.yaml": {Data: []byte(testEN)}}, []string{"en", code})
		if code == "en" {
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		l := b.Locale(code)
		if d := l.Date(day); !strings.Contains(d, "2031") && !strings.Contains(d, "٢٠٣١") && !strings.Contains(d, "۲۰۳۱") {
			t.Logf("%s: Date %q has no year in Latin, Arabic or Persian digits", code, d)
		}
		_ = l.N("partners_count", 3)
	}
}
