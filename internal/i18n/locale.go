package i18n

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/go-playground/locales"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Locale is one language's UI strings and locale rules. It is safe for
// concurrent use.
type Locale struct {
	// fallback gives the strings this language lacks: the default
	// language's locale, nil for the default language itself.
	fallback  *Locale
	lang      string
	formats   formats
	entries   map[string]entry
	localizer *goi18n.Localizer
	collators *sync.Pool // of *collate.Collator, which is not concurrency-safe
	// countries holds the name of every country code, at
	// countryIndex(code): pages ask for the same few dozen many times.
	countries []string
}

// entry records what Load saw of a message.
type entry struct {
	plural bool   // has forms other than "other"
	empty  bool   // the string is "": go-i18n keeps no template for it
	plain  string // the string executed without data, worked out once:
	// every page asks for the same few dozen, and go-i18n executes a
	// template for each
}

// formats is the CLDR locale that formats dates and numbers for a language.
type formats struct {
	tag language.Tag
	tr  locales.Translator
	// atTime joins a date and a time: "%s, %s" or "%s à %s". It is CLDR's
	// dateTimeFormat (en_GB medium "{1}, {0}", fr long atTime
	// "{1} 'à' {0}"), which go-playground/locales does not expose.
	atTime string
	// isoDate, isoTime, isoMonth: go-playground/locales writes no long
	// date, short time or month name in this language, or panics on one
	// (Chechen, Kurdish, Cebuano, Kashmiri, Lakota...): ISO 8601 stands
	// in for it ("2031-05-12", "09:05", "2031-05").
	isoDate, isoTime, isoMonth bool
	// number writes integers: CLDR's decimal format as ICU applies it
	// (go-playground/locales groups "1000" in Polish and drops the minus
	// sign in some languages).
	number numberFormat
}

// newFormats finds the CLDR locale of a language code: the locale of its
// base language (a code with a region, "pt-BR", formats as "pt"). British
// English is used for "en": day-month-year order, as on EU consortium
// sites.
func newFormats(lang string) (formats, error) {
	tag, base, err := parseLang(lang)
	if err != nil {
		return formats{}, err
	}
	f := formats{tag: tag, tr: cldrLocales[base](), atTime: "%s, %s", number: numberFormatOf(base)}
	probe := time.Date(2031, 5, 12, 9, 5, 0, 0, time.UTC)
	f.isoDate = !writes(func() string { return f.tr.FmtDateLong(probe) })
	f.isoTime = !writes(func() string { return f.tr.FmtTimeShort(probe) })
	f.isoMonth = !writes(func() string { return f.tr.MonthWide(probe.Month()) })
	switch base {
	case "en":
		if tag == language.English {
			f.tag = language.BritishEnglish
		}
	case "fr":
		f.atTime = "%s à %s"
	}
	return f, nil
}

// writes reports whether format returns text without panicking.
func writes(format func() string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return format() != ""
}

func newCollatorPool(tag language.Tag) *sync.Pool {
	return &sync.Pool{New: func() any { return collate.New(tag) }}
}

// fallbackLang is the language of the strings this one lacks.
func (l *Locale) fallbackLang() string {
	if l.fallback == nil {
		return ""
	}
	return l.fallback.lang
}

// Dir returns the writing direction of the language: "ltr" or "rtl".
func (l *Locale) Dir() string { return Dir(l.lang) }

// Lang returns the language code, as given to Load.
func (l *Locale) Lang() string { return l.lang }

// T returns the UI string of key executed with data. data is optional: a
// map (string keys) or a struct, or a pointer to one. When it has a Count
// key or field holding an integer (or a decimal number in a string), the
// CLDR plural form of the language for that count is chosen. For data of
// type map[string]any an integer Count is shown with the locale's digit
// grouping ("1,234" / "1 234"); other data is given to the template as is.
//
// An unknown key returns "[missing: key]"; a template that fails while
// executing returns "[error: key: reason]". T never panics.
func (l *Locale) T(key string, data ...any) string {
	e, ok := l.entries[key]
	if !ok {
		if l.fallback != nil {
			return l.fallback.T(key, data...)
		}
		return "[missing: " + key + "]"
	}
	if e.empty {
		return ""
	}
	if len(data) == 0 {
		return e.plain
	}
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	lc := &goi18n.LocalizeConfig{MessageID: key, TemplateData: d}
	if c, ok := countOf(d); ok {
		if e.plural { // a plain string has only "other": do not ask for "one"
			lc.PluralCount = c
		}
		if m, isMap := d.(map[string]any); isMap {
			lc.TemplateData = l.withGroupedCount(m, c)
		}
	}
	return l.localize(key, lc)
}

// N returns the plural UI string of key for count, with {{.Count}} shown
// with the locale's digit grouping: N("partners_count", 1234) is
// "1,234 partners" in English.
func (l *Locale) N(key string, count int) string {
	return l.T(key, map[string]any{"Count": count})
}

func (l *Locale) localize(key string, lc *goi18n.LocalizeConfig) string {
	msg, err := l.localizer.Localize(lc)
	if err == nil {
		return msg
	}
	var ee template.ExecError
	if errors.As(err, &ee) || msg == "" {
		reason := err.Error()
		if errors.As(err, &ee) {
			reason = ee.Err.Error()
		}
		return "[error: " + key + ": " + reason + "]"
	}
	// A plural form the file does not give (French "many", say): go-i18n
	// has already used "other".
	return msg
}

// withGroupedCount returns a copy of m whose Count is formatted for display.
func (l *Locale) withGroupedCount(m map[string]any, count any) map[string]any {
	var n int64
	switch c := count.(type) {
	case int:
		n = int64(c)
	case int64:
		n = c
	default: // a string: keep the author's digits
		return m
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	out["Count"] = l.Number(n)
	return out
}

// countOf finds a Count key or field in data and converts it to a type
// go-i18n accepts as a plural count (int, int64 or a decimal string).
func countOf(data any) (any, bool) {
	if data == nil {
		return nil, false
	}
	v := reflect.ValueOf(data)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	var c reflect.Value
	switch v.Kind() {
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil, false
		}
		c = v.MapIndex(reflect.ValueOf("Count").Convert(v.Type().Key()))
	case reflect.Struct:
		f, ok := v.Type().FieldByName("Count")
		if !ok || !f.IsExported() {
			return nil, false
		}
		c = v.FieldByIndex(f.Index)
	default:
		return nil, false
	}
	for c.IsValid() && (c.Kind() == reflect.Interface || c.Kind() == reflect.Pointer) {
		if c.IsNil() {
			return nil, false
		}
		c = c.Elem()
	}
	if !c.IsValid() {
		return nil, false
	}
	switch c.Kind() {
	case reflect.Int:
		return int(c.Int()), true
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return c.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(c.Uint(), 10), true
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(c.Float(), 'f', -1, 64), true
	case reflect.String:
		if _, err := strconv.ParseFloat(c.String(), 64); err != nil {
			return nil, false
		}
		return c.String(), true
	}
	return nil, false
}

// Date returns the CLDR long date: "3 June 2020" / "3 juin 2020". The date
// is read in t's own location.
func (l *Locale) Date(t time.Time) string {
	if l.formats.isoDate {
		return t.Format(time.DateOnly)
	}
	return l.formats.tr.FmtDateLong(t)
}

// Month returns the month and year (CLDR skeleton yMMMM, "MMMM y" in both
// languages): "June 2020" / "juin 2020".
func (l *Locale) Month(t time.Time) string {
	if l.formats.isoMonth {
		return t.Format("2006-01")
	}
	return l.formats.tr.MonthWide(t.Month()) + " " + strconv.Itoa(t.Year())
}

// DateTime returns the long date and the short time in t's own location:
// "3 June 2020, 14:30" / "3 juin 2020 à 14:30". Convert t with In first to
// show another time zone.
func (l *Locale) DateTime(t time.Time) string {
	var clock string
	if l.formats.isoTime {
		clock = t.Format("15:04")
	} else {
		clock = l.formats.tr.FmtTimeShort(t)
	}
	return fmt.Sprintf(l.formats.atTime, l.Date(t), clock)
}

// Number formats an integer as CLDR's decimal format does in the
// language: "1,234" / "1 234" (U+202F NARROW NO-BREAK SPACE); Polish,
// Spanish and Italian group from five digits ("1000", "10 000"); Hindi
// groups by two above the thousands; Persian writes its own digits.
func (l *Locale) Number(n int64) string { return l.formats.number.format(n) }

// Country returns the name, in this locale's language, of an ISO 3166-1
// alpha-2 code ("DE" -> "Germany" / "Allemagne"). A code ValidCountry
// rejects is returned unchanged.
func (l *Locale) Country(code string) string {
	if i, ok := countryIndex(code); ok {
		return l.countries[i]
	}
	return code
}

// countryIndex numbers the two-capital-letter codes from 0 (AA) to
// 26*26-1 (ZZ).
func countryIndex(code string) (int, bool) {
	if len(code) != 2 || !isUpper(code[0]) || !isUpper(code[1]) {
		return 0, false
	}
	return int(code[0]-'A')*26 + int(code[1]-'A'), true
}

func (l *Locale) country(code string) string {
	r, ok := parseCountry(code)
	if !ok {
		return code
	}
	// x/text has country names for about a hundred languages; the
	// others show the English name.
	for _, namer := range []display.Namer{display.Regions(l.formats.tag), display.English.Regions()} {
		if namer == nil {
			continue
		}
		if name := namer.Name(r); name != "" {
			return name
		}
	}
	return code
}

// LanguageName returns the name of a language in that language, with a
// capital initial, for a language switcher: "fr" -> "Français", "en" ->
// "English". An unknown code is returned unchanged.
func (l *Locale) LanguageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	name := display.Self.Name(tag)
	if name == "" {
		return code
	}
	_, size := utf8.DecodeRuneInString(name)
	return cases.Upper(tag).String(name[:size]) + name[size:]
}

// Compare orders two strings by the collation rules of the language
// (accents and case are secondary and tertiary differences: "Élan" sorts
// between "Eagle" and "Fjord"). Strings the collation finds equal are
// ordered by their bytes, so sorting is deterministic.
func (l *Locale) Compare(a, b string) int {
	c := l.collators.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	l.collators.Put(c)
	if r == 0 {
		return strings.Compare(a, b)
	}
	return r
}

// SortKey returns the collation key of s: comparing keys with bytes.Compare
// orders strings like Compare, except that strings the collation finds
// equal get equal keys.
func (l *Locale) SortKey(s string) []byte {
	c := l.collators.Get().(*collate.Collator)
	var buf collate.Buffer
	key := c.KeyFromString(&buf, s)
	l.collators.Put(c)
	return key
}
