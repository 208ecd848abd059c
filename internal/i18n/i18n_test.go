package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

const testEN = `# test strings
read_more: Read more
page_of: "Page {{.Page}} of {{.Total}}"
empty: ""
partners_count:
  one: "{{.Count}} partner"
  other: "{{.Count}} partners"
only_en: English only
struct_field: "{{.Nope}}"
`

const testFR = `read_more: Lire la suite
page_of: "Page {{.Page}} sur {{.Total}}"
empty: ""
partners_count:
  one: "{{.Count}} partenaire"
  other: "{{.Count}} partenaires"
only_fr: Français seulement
struct_field: "{{.Nope}}"
`

func loadTest(t *testing.T) *Bundle {
	t.Helper()
	b, err := Load(fstest.MapFS{
		"en.yaml": {Data: []byte(testEN)},
		"fr.yaml": {Data: []byte(testFR)},
	}, []string{"en", "fr"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

func TestPlural(t *testing.T) {
	b := loadTest(t)
	tests := []struct {
		name  string
		lang  string
		count int
		want  string
	}{
		{"en zero is other", "en", 0, "0 partners"},
		{"en one", "en", 1, "1 partner"},
		{"en two", "en", 2, "2 partners"},
		{"en thousand grouped", "en", 1000, "1,000 partners"},
		{"fr zero is one", "fr", 0, "0 partenaire"},
		{"fr one", "fr", 1, "1 partenaire"},
		{"fr two", "fr", 2, "2 partenaires"},
		{"fr thousand grouped", "fr", 1000, "1\u202f000 partenaires"},
		{"fr million is many, falls back to other", "fr", 1000000, "1\u202f000\u202f000 partenaires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.Locale(tt.lang).N("partners_count", tt.count); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestT(t *testing.T) {
	b := loadTest(t)
	type withCount struct{ Count int }
	type withCount64 struct {
		Count int64
		Other string
	}
	type noField struct{ Name string }
	tests := []struct {
		name string
		lang string
		key  string
		data []any
		want string
	}{
		{"plain", "en", "read_more", nil, "Read more"},
		{"plain fr", "fr", "read_more", nil, "Lire la suite"},
		{"map data", "fr", "page_of", []any{map[string]any{"Page": 2, "Total": 5}}, "Page 2 sur 5"},
		{"struct data", "en", "page_of", []any{struct{ Page, Total int }{3, 4}}, "Page 3 of 4"},
		{"struct count", "en", "partners_count", []any{withCount{1}}, "1 partner"},
		{"struct pointer count", "fr", "partners_count", []any{&withCount{0}}, "0 partenaire"},
		{"struct int64 count", "en", "partners_count", []any{withCount64{Count: 2}}, "2 partners"},
		{"string count", "en", "partners_count", []any{map[string]any{"Count": "1"}}, "1 partner"},
		{"typed map count", "en", "partners_count", []any{map[string]int{"Count": 1}}, "1 partner"},
		{"uint count", "fr", "partners_count", []any{map[string]any{"Count": uint(3)}}, "3 partenaires"},
		{"no count uses other", "en", "partners_count", nil, "<no value> partners"},
		{"count on a plain string", "en", "read_more", []any{map[string]any{"Count": 1}}, "Read more"},
		{"empty string", "en", "empty", nil, ""},
		{"unknown key", "en", "nope", nil, "[missing: nope]"},
		{"key only the default language has", "fr", "only_en", nil, "English only"},
		{"exec error", "en", "struct_field", []any{noField{"x"}}, "[error: struct_field: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type i18n.noField]"},
		{"nil pointer data", "en", "partners_count", []any{(*withCount)(nil)}, "[error: partners_count: template: :1:2: executing \"\" at <.Count>: nil pointer evaluating *i18n.withCount.Count]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.Locale(tt.lang).T(tt.key, tt.data...); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDates(t *testing.T) {
	b := loadTest(t)
	d := func(y int, m time.Month, day, h, min int) time.Time {
		return time.Date(y, m, day, h, min, 0, 0, time.UTC)
	}
	tests := []struct {
		name   string
		lang   string
		format func(*Locale, time.Time) string
		t      time.Time
		want   string
	}{
		{"en date one-digit day", "en", (*Locale).Date, d(2020, 6, 3, 0, 0), "3 June 2020"},
		{"en date two-digit day", "en", (*Locale).Date, d(2021, 11, 25, 0, 0), "25 November 2021"},
		{"fr date one-digit day", "fr", (*Locale).Date, d(2020, 6, 3, 0, 0), "3 juin 2020"},
		{"fr date first of month", "fr", (*Locale).Date, d(2024, 2, 1, 0, 0), "1 février 2024"},
		{"fr date two-digit day", "fr", (*Locale).Date, d(2021, 12, 25, 0, 0), "25 décembre 2021"},
		{"en month", "en", (*Locale).Month, d(2020, 6, 3, 0, 0), "June 2020"},
		{"fr month", "fr", (*Locale).Month, d(2020, 8, 3, 0, 0), "août 2020"},
		{"en datetime", "en", (*Locale).DateTime, d(2020, 6, 3, 14, 30), "3 June 2020, 14:30"},
		{"fr datetime", "fr", (*Locale).DateTime, d(2020, 6, 3, 14, 30), "3 juin 2020 à 14:30"},
		{"fr datetime morning", "fr", (*Locale).DateTime, d(2020, 6, 3, 9, 5), "3 juin 2020 à 09:05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.format(b.Locale(tt.lang), tt.t); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDateTimeKeepsLocation(t *testing.T) {
	sp, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	b := loadTest(t)
	at := time.Date(2020, 6, 3, 14, 30, 0, 0, sp)
	if got, want := b.Locale("en").DateTime(at), "3 June 2020, 14:30"; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestNumber(t *testing.T) {
	b := loadTest(t)
	tests := []struct {
		name string
		lang string
		n    int64
		want string
	}{
		{"en small", "en", 7, "7"},
		{"en thousands", "en", 1234, "1,234"},
		{"en millions", "en", 1234567, "1,234,567"},
		{"en negative", "en", -1234, "-1,234"},
		{"fr small", "fr", 999, "999"},
		{"fr thousands", "fr", 1234, "1\u202f234"},
		{"fr millions", "fr", 1234567, "1\u202f234\u202f567"},
		{"zero", "fr", 0, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.Locale(tt.lang).Number(tt.n); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestCountry(t *testing.T) {
	b := loadTest(t)
	tests := []struct {
		code, en, fr string
	}{
		{"DE", "Germany", "Allemagne"},
		{"FR", "France", "France"},
		{"PL", "Poland", "Pologne"},
		{"BR", "Brazil", "Brésil"},
		{"US", "United States", "États-Unis"},
		{"CN", "China", "Chine"},
		{"IN", "India", "Inde"},
		{"BE", "Belgium", "Belgique"},
		{"IT", "Italy", "Italie"},
		{"ES", "Spain", "Espagne"},
		{"ZZ", "ZZ", "ZZ"},
		{"EU", "EU", "EU"},
		{"de", "de", "de"},
		{"", "", ""},
		{"Germany", "Germany", "Germany"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "fr": tt.fr} {
			t.Run(tt.code+"/"+lang, func(t *testing.T) {
				if got := b.Locale(lang).Country(tt.code); got != want {
					t.Errorf("got %q; want %q", got, want)
				}
			})
		}
	}
}

func TestLanguageName(t *testing.T) {
	b := loadTest(t)
	tests := []struct {
		name, code, want string
	}{
		{"french", "fr", "Français"},
		{"english", "en", "English"},
		{"german", "de", "Deutsch"},
		{"spanish", "es", "Español"},
		{"invalid", "not a tag", "not a tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The self-name does not depend on the locale asking.
			for _, lang := range []string{"en", "fr"} {
				if got := b.Locale(lang).LanguageName(tt.code); got != tt.want {
					t.Errorf("%s: got %q; want %q", lang, got, tt.want)
				}
			}
		})
	}
}

func TestCompare(t *testing.T) {
	b := loadTest(t)
	tests := []struct {
		name string
		lang string
		a, b string
		want int
	}{
		{"accent after plain", "fr", "Eagle", "Élan", -1},
		{"accent before next letter", "fr", "Élan", "Fjord", -1},
		{"accent before next letter en", "en", "Élan", "Fjord", -1},
		{"bytes would disagree", "en", "Élan", "Zebra", -1},
		{"letters before case", "en", "Biocat", "bioMérieux", -1},
		{"letters before case reversed", "fr", "bioMérieux", "Biocat", 1},
		{"lower case first", "en", "apple", "Apple", -1},
		{"case is not primary", "en", "Apple", "banana", -1},
		{"equal", "fr", "Lyonbiopôle", "Lyonbiopôle", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.Locale(tt.lang).Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("got %d; want %d", got, tt.want)
			}
		})
	}
}

func TestSort(t *testing.T) {
	b := loadTest(t)
	names := []string{"Fjord", "Élan", "bioMérieux", "Zebra", "Eagle", "Biocat", "émergence"}
	want := []string{"Biocat", "bioMérieux", "Eagle", "Élan", "émergence", "Fjord", "Zebra"}
	l := b.Locale("fr")
	got := slices.Clone(names)
	slices.SortFunc(got, l.Compare)
	if !slices.Equal(got, want) {
		t.Errorf("Compare: got %q; want %q", got, want)
	}
	got = slices.Clone(names)
	slices.SortFunc(got, func(x, y string) int { return bytes.Compare(l.SortKey(x), l.SortKey(y)) })
	if !slices.Equal(got, want) {
		t.Errorf("SortKey: got %q; want %q", got, want)
	}
}

func TestValidCountry(t *testing.T) {
	tests := []struct {
		name string
		code string
		want bool
	}{
		{"france", "FR", true},
		{"germany", "DE", true},
		{"brazil", "BR", true},
		{"united kingdom", "GB", true},
		{"antarctica", "AQ", true},
		{"lower case", "fr", false},
		{"mixed case", "Fr", false},
		{"european union", "EU", false},
		{"unknown region", "ZZ", false},
		{"reserved UK", "UK", false},
		{"former yugoslavia", "YU", false},
		{"former east germany", "DD", false},
		{"kosovo user-assigned", "XK", false},
		{"canary islands reserved", "IC", false},
		{"private use", "QO", false},
		{"unassigned", "AA", false},
		{"alpha-3", "FRA", false},
		{"numeric", "250", false},
		{"empty", "", false},
		{"spaces", " FR", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidCountry(tt.code); got != tt.want {
				t.Errorf("ValidCountry(%q): got %v; want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestValidCountryCount(t *testing.T) {
	// ISO 3166-1 assigns 249 alpha-2 codes.
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if ValidCountry(string([]rune{a, b})) {
				n++
			}
		}
	}
	if n != 249 {
		t.Errorf("got %d valid codes; want 249", n)
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   string
		wantOK bool
	}{
		{"english", "France", "FR", true},
		{"french", "Allemagne", "DE", true},
		{"lower case", "germany", "DE", true},
		{"no accents", "etats-unis", "US", true},
		{"accents", "États-Unis", "US", true},
		{"english US", "United States", "US", true},
		{"french brazil", "Brésil", "BR", true},
		{"lower-case code", "fr", "FR", true},
		{"alpha-3", "deu", "DE", true},
		{"replaced code", "UK", "GB", true},
		{"unknown", "Atlantis", "", false},
		{"grouping", "EU", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CountryCode(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("CountryCode(%q): got %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	good := "read_more: Read more\n"
	tests := []struct {
		name  string
		files map[string]string
		langs []string
		want  []string // each must appear in the error
	}{
		{"bad yaml", map[string]string{"en.yaml": good, "fr.yaml": "a: b\n\nc: d: e\n"},
			[]string{"en", "fr"}, []string{"templates/i18n/fr.yaml:3: mapping values are not allowed"}},
		{"unquoted template alone", map[string]string{"en.yaml": good, "fr.yaml": "a: b\nc: {{.X}}\n"},
			[]string{"en", "fr"}, []string{`templates/i18n/fr.yaml:2: key "c": a value starting with "{{" must be quoted`}},
		{"unquoted template in plural", map[string]string{"en.yaml": "n:\n  one: x\n  other: {{.Count}}\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:3: key "n", form "other": a value starting with "{{" must be quoted`}},
		{"bad indentation", map[string]string{"en.yaml": good, "fr.yaml": "a: b\n  c: d\n"},
			[]string{"en", "fr"}, []string{"templates/i18n/fr.yaml:2: "}},
		{"template syntax", map[string]string{"en.yaml": good, "fr.yaml": "a: b\n\npage_of: \"Page {{.Page} sur\"\n"},
			[]string{"en", "fr"}, []string{`templates/i18n/fr.yaml:3: key "page_of": template: `}},
		{"template syntax in plural form", map[string]string{"en.yaml": "n:\n  one: x\n  other: \"{{.Count\"\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:3: key "n", form "other": template: `}},
		{"template syntax in literal block", map[string]string{"en.yaml": "a: |\n  line one\n  {{if}}\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:3: key "a": template: `}},
		{"unknown plural form", map[string]string{"en.yaml": "n:\n  one: x\n  several: y\n  other: z\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:3: key "n": "several" is not a CLDR plural form`}},
		{"plural without other", map[string]string{"en.yaml": "n:\n  one: x\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:2: key "n": plural forms need an "other" form`}},
		{"null value", map[string]string{"en.yaml": "a:\nb: c\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:1: key "a" has no value`}},
		{"list value", map[string]string{"en.yaml": "a: [x, y]\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:1: key "a": expected a string or a map`}},
		{"duplicate key", map[string]string{"en.yaml": "a: x\nb: y\na: z\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:3: key "a" already defined on line 1`}},
		{"not a map", map[string]string{"en.yaml": "- a\n", "fr.yaml": good},
			[]string{"en", "fr"}, []string{`templates/i18n/en.yaml:1: expected a map`}},
		{"default language without a file nor en.yaml", map[string]string{"fr.yaml": good},
			[]string{"de", "fr"}, []string{"templates/i18n/de.yaml: file not found"}},
		{"unknown language", map[string]string{"en.yaml": good},
			[]string{"en", "xx"}, []string{`templates/i18n/xx.yaml: "xx" is not a language code CLDR knows; nearest known codes: xh (Xhosa); write a BCP 47 code such as de, pl or pt-BR`}},
		{"duplicate language", map[string]string{"en.yaml": good},
			[]string{"en", "en"}, []string{`language "en" listed twice`}},
		{"all problems at once", map[string]string{"en.yaml": "a: \"{{\"\n", "fr.yaml": "a: [\n"},
			[]string{"en", "fr"}, []string{"templates/i18n/en.yaml:1: ", "templates/i18n/fr.yaml:"}},
		{"no languages", map[string]string{}, nil, []string{"no languages"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys["templates/i18n/"+name] = &fstest.MapFile{Data: []byte(data)}
			}
			b, err := LoadDir(fsys, "templates/i18n", tt.langs)
			if err == nil {
				t.Fatalf("got bundle %v, no error; want error containing %q", b, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got error %q; want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadErrorType(t *testing.T) {
	_, err := Load(fstest.MapFS{"en.yaml": {Data: []byte("a: b\nc: \"{{.X\"\n")}}, []string{"en"})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v; want an *Error", err, err)
	}
	if e.File != "en.yaml" || e.Line != 2 {
		t.Errorf("got %s:%d; want en.yaml:2", e.File, e.Line)
	}
}

func TestLoadEmptyFile(t *testing.T) {
	b, err := Load(fstest.MapFS{
		"en.yaml": {Data: []byte("a: A\n")},
		"fr.yaml": {Data: []byte("# rien encore\n")},
	}, []string{"en", "fr"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, want := fmt.Sprint(b.Missing()), "[fr: a]"; got != want {
		t.Errorf("got %s; want %s", got, want)
	}
}

func TestMissing(t *testing.T) {
	b := loadTest(t)
	got := b.Missing()
	want := []MissingKey{{Lang: "en", Key: "only_fr"}, {Lang: "fr", Key: "only_en"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v; want %v", got, want)
	}
}

func TestLocale(t *testing.T) {
	b := loadTest(t)
	tests := []struct {
		name, lang, wantLang, wantDate string
	}{
		{"loaded", "fr", "fr", "3 juin 2020"},
		{"not loaded", "de", "de", "3. Juni 2020"},
		{"garbage", "??", "??", "3 June 2020"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := b.Locale(tt.lang)
			if l == nil {
				t.Fatal("got nil locale")
			}
			if got := l.Lang(); got != tt.wantLang {
				t.Errorf("Lang: got %q; want %q", got, tt.wantLang)
			}
			if got := l.Date(time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC)); got != tt.wantDate {
				t.Errorf("Date: got %q; want %q", got, tt.wantDate)
			}
		})
	}
	if got, want := b.Locale("de").T("read_more"), "[missing: read_more]"; got != want {
		t.Errorf("T on a language not loaded: got %q; want %q", got, want)
	}
	if got, want := b.Langs(), []string{"en", "fr"}; !slices.Equal(got, want) {
		t.Errorf("Langs: got %q; want %q", got, want)
	}
}

// TestSiteFiles loads the shipped templates/i18n files: they must parse and
// define the same keys.
func TestSiteFiles(t *testing.T) {
	b, err := LoadDir(os.DirFS("../.."), "templates/i18n", []string{"en", "fr", "de", "it", "es", "pl", "nl"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if m := b.Missing(); len(m) > 0 {
		t.Errorf("got missing keys %v; want none", m)
	}
	tests := []struct {
		name, lang, key string
		count           int
		want            string
	}{
		{"en none", "en", "partners_count", 0, "0 partners"},
		{"en one", "en", "partners_count", 1, "1 partner"},
		{"fr none", "fr", "partners_count", 0, "0 partenaire"},
		{"fr many", "fr", "companies_count", 2500, "2\u202f500 entreprises"},
		{"fr smes", "fr", "smes_count", 1, "1 PME"},
		{"de many", "de", "catalogue_results", 1234, "1.234 Organisationen"},
		{"it one", "it", "companies_count", 1, "1 impresa"},
		{"es other", "es", "partners_count", 3, "3 socios"},
		{"nl other", "nl", "smes_count", 2, "2 kmo’s"},
		{"pl one", "pl", "catalogue_results", 1, "1 organizacja"},
		{"pl few", "pl", "catalogue_results", 23, "23 organizacje"},
		{"pl many", "pl", "catalogue_results", 12, "12 organizacji"},
		{"pl many thousands", "pl", "results_count", 1005, "1005 wyników"}, // CLDR: Polish groups from five digits
		{"pl tens of thousands", "pl", "results_count", 10005, "10\u00a0005 wyników"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.Locale(tt.lang).N(tt.key, tt.count); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
	if got, want := b.Locale("fr").T("page_of", map[string]any{"Page": 1, "Total": 3}), "Page 1 sur 3"; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
}

// TestConcurrentUse has 16 goroutines use two locales of one bundle at
// once, from their first call (locales build their formatters and
// collators lazily), and requires each to get what a single goroutine
// gets from a bundle of its own. With -race it also finds unsynchronised
// access.
func TestConcurrentUse(t *testing.T) {
	day := time.Date(2020, 6, 3, 14, 30, 0, 0, time.UTC)
	answers := func(l *Locale) []string {
		var out []string
		for j := range 50 {
			out = append(out,
				l.N("partners_count", j),
				l.T("page_of", map[string]any{"Page": j, "Total": 50}),
				l.T("nope"),
				l.Date(day),
				l.DateTime(day),
				l.Month(day),
				l.Number(int64(j*1000)),
				l.Country("DE"),
				l.LanguageName("fr"),
				strconv.Itoa(l.Compare("Élan", "Eagle")),
				string(l.SortKey("bioMérieux")),
			)
		}
		return out
	}
	serial := loadTest(t)
	want := map[string][]string{"en": answers(serial.Locale("en")), "fr": answers(serial.Locale("fr"))}
	if slices.Equal(want["en"], want["fr"]) || !slices.Contains(want["fr"], "Allemagne") {
		t.Fatalf("the English and French answers do not differ as they should: %q", want["fr"][:11])
	}

	b := loadTest(t)
	var wg sync.WaitGroup
	for i := range 16 {
		lang := []string{"en", "fr"}[i%2]
		wg.Go(func() {
			got := answers(b.Locale(lang))
			if !slices.Equal(got, want[lang]) {
				for k := range got {
					if got[k] != want[lang][k] {
						t.Errorf("goroutine %d (%s): answer %d is %q; alone it is %q", i, lang, k, got[k], want[lang][k])
						break
					}
				}
			}
		})
	}
	wg.Wait()
}
