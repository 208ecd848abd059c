package i18n

import (
	"encoding/json"
	"maps"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// numberSamples are the integers compared with ICU: either side of each
// grouping threshold, Hindi's secondary groups, and the ends of int64.
var numberSamples = []int64{0, 7, -7, 999, 1000, -1000, 9999, 10000, -10000, 12345, 99999, 100000,
	123456, 1234567, -1234567, 12345678, 123456789, 1000000000001, math.MaxInt64, math.MinInt64}

// TestNumberMatchesICU formats numberSamples in every language of
// numberFormats and compares with Node.js's Intl.NumberFormat (ICU): the
// same string, digits, separators, signs and direction marks. When that
// ICU has another CLDR release than the table's, only the languages
// consort ships UI strings for are compared (their formats have been
// stable for years) and the difference is logged: run go generate.
func TestNumberMatchesICU(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node (Node.js) is not installed: it is the reference this test compares with")
	}
	codes := slices.Sorted(maps.Keys(numberFormats))
	samples := make([]string, len(numberSamples))
	for i, n := range numberSamples {
		samples[i] = strconv.FormatInt(n, 10)
	}
	in, _ := json.Marshal(map[string][]string{"codes": codes, "samples": samples})
	const script = `
const {codes, samples} = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {cldr: process.versions.cldr, fullICU: Intl.NumberFormat.supportedLocalesOf(["de", "fr", "pl"]).length === 3, langs: {}};
for (const c of codes) {
  const f = new Intl.NumberFormat(c, {maximumFractionDigits: 0});
  out.langs[c] = samples.map(s => f.format(BigInt(s)));
}
console.log(JSON.stringify(out));`
	cmd := exec.Command(node, "-e", script)
	cmd.Stdin = strings.NewReader(string(in))
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var icu struct {
		CLDR    string
		FullICU bool
		Langs   map[string][]string
	}
	if err := json.Unmarshal(raw, &icu); err != nil {
		t.Fatal(err)
	}
	if !icu.FullICU {
		t.Skip("this Node.js was built without full ICU (it knows only English): it cannot be the reference")
	}
	if icu.CLDR != numbersCLDR {
		t.Logf("Node's ICU has CLDR %s, numbers_table.go CLDR %s: comparing the shipped languages only (go generate updates the table)", icu.CLDR, numbersCLDR)
		codes = []string{"de", "en", "es", "fr", "it", "nl", "pl"}
	}
	for _, code := range codes {
		f := numberFormatOf(code)
		for i, n := range numberSamples {
			if got, want := f.format(n), icu.Langs[code][i]; got != want {
				t.Errorf("%s: %d: got %+q; ICU writes %+q", code, n, got, want)
			}
		}
	}
}

// FuzzNumber: in every language, a number written and read back (its
// digits in order, whatever the language's digits are) is the number,
// and only a negative one starts with the minus sign.
func FuzzNumber(f *testing.F) {
	for _, n := range numberSamples {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		for code, nf := range numberFormats {
			s := nf.format(n)
			var digits strings.Builder
			for _, r := range s {
				if unicode.IsDigit(r) {
					digits.WriteByte(byte('0' + digitValue(nf, r)))
				}
			}
			want := strconv.FormatInt(n, 10)
			if n < 0 {
				want = want[1:]
				if !strings.HasPrefix(s, nf.neg) || nf.neg == "" {
					t.Fatalf("%s: %d written %+q: no minus sign %+q", code, n, s, nf.neg)
				}
			}
			if digits.String() != want {
				t.Fatalf("%s: %d written %+q: its digits read %s", code, n, s, digits.String())
			}
		}
	})
}

func digitValue(nf numberFormat, r rune) int {
	if nf.digits == "" {
		return int(r - '0')
	}
	i := 0
	for _, d := range nf.digits {
		if d == r {
			return i
		}
		i++
	}
	return -100
}

// TestDatesInEveryLanguage: every language consort accepts writes a
// long date, a month and a date with its time, without panicking; where
// go-playground/locales has none (or panics), ISO 8601.
func TestDatesInEveryLanguage(t *testing.T) {
	tm := time.Date(2031, 5, 12, 9, 5, 0, 0, time.UTC)
	iso := 0
	for code := range cldrLocales {
		if _, _, err := parseLang(code); err != nil {
			continue
		}
		f, err := newFormats(code)
		if err != nil {
			t.Fatal(err)
		}
		l := &Locale{lang: code, formats: f}
		for name, got := range map[string]func() string{
			"Date":     func() string { return l.Date(tm) },
			"Month":    func() string { return l.Month(tm) },
			"DateTime": func() string { return l.DateTime(tm) },
		} {
			s := func() (s string) {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: %s panics: %v", code, name, r)
					}
				}()
				return got()
			}()
			if strings.TrimSpace(s) == "" || (name == "DateTime" && !strings.Contains(s, "5")) {
				t.Errorf("%s: %s: got %q", code, name, s)
			}
		}
		if f.isoDate || f.isoTime || f.isoMonth {
			iso++
		}
	}
	if iso == 0 || iso > 12 {
		t.Errorf("%d languages fall back to ISO 8601; want a few (the probe is broken)", iso)
	}
	if l := (&Locale{formats: mustFormats(t, "ks")}); l.DateTime(tm) != l.Date(tm)+", 09:05" {
		t.Errorf("ks: DateTime %q; want the date and 09:05", l.DateTime(tm))
	}
}

func mustFormats(t *testing.T, code string) formats {
	f, err := newFormats(code)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
