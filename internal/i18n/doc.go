// Package i18n gives each language of the site its user-interface strings and
// its locale rules: plural forms, dates, numbers, country and language names
// and collation. Every locale rule comes from CLDR data, through maintained
// libraries or tables generated from them, never from tables written by
// hand:
//
//   - plural forms: github.com/nicksnyder/go-i18n/v2 (CLDR plural rules);
//   - dates: github.com/go-playground/locales, one package per base
//     language (locales_table.go, written by gen_locales.go);
//   - numbers: CLDR's decimal format as ICU applies it, for the same
//     languages (numbers_table.go, written by gen_numbers.go from
//     Node.js's Intl.NumberFormat, and tested against it): digits,
//     grouping separator and sizes, minimum grouping digits, signs;
//   - country and language names: golang.org/x/text/language/display;
//   - collation: golang.org/x/text/collate.
//
// # UI strings
//
// Load reads one YAML file per language, named <lang>.yaml. A file is a map
// from key to either a string or, for a message that depends on a number, a
// map of CLDR plural forms (zero, one, two, few, many, other; other is
// required):
//
//	read_more: Read more
//	page_of: "Page {{.Page}} of {{.Total}}"
//	partners_count:
//	  one: "{{.Count}} partner"
//	  other: "{{.Count}} partners"
//
// Strings are Go text/template source executed with the data given to T.
// Every string is parsed when the file is loaded, so a template syntax error
// is reported with the file and line ("fr.yaml:12: ..."), like a YAML error.
// A key present in one language and absent from another is not an error at
// load time, nor is a language without a file: each missing string falls
// back to the default (first) language's, and Bundle.Missing and
// Bundle.MissingIn list them so that the build can report them.
//
// Plural forms follow the CLDR rule of the language: English uses "one" only
// for 1, French uses "one" for 0 and 1 (and "many" for large round numbers
// such as 1 000 000; when a file has no "many" form, "other" is used).
//
// # Lookups that fail
//
// Nothing here panics on user data. A key no language defines renders as
// "[missing: key]" so that it is visible on the page. A template that
// fails while executing renders as "[error: key: reason]". Country returns the code itself for a code it does
// not know, LanguageName the code itself for an unknown language.
//
// # Concurrency
//
// A Bundle is immutable once Load returns, and a *Locale is safe for
// concurrent use by any number of goroutines.
//
// # Supported languages
//
// Any BCP 47 code whose base language has a CLDR locale in
// go-playground/locales and CLDR plural rules in go-i18n: about 170
// languages. A code with a region ("pt-BR", "de-CH") formats dates and
// numbers as its base language and collates and names countries with the
// full tag. "en" is British English ("3 June 2020", "1,234"); "fr" joins
// a date and a time with "à". CheckLanguage refuses any other code and
// names the nearest known ones. Dir tells which languages are written
// right to left.
//
// Month uses the month names of a date ("maja 2031" in Polish, a genitive):
// go-playground/locales has no stand-alone month names.
package i18n

//go:generate go run gen_locales.go
//go:generate go run gen_numbers.go
