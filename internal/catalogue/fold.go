package catalogue

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Folding makes "Kraków", "KRAKOW" and "krakow" the same word. It is done
// the same way here, at build time, and in static/js/catalogue.js, on what
// the visitor types; the browser test checks that both agree.
//
//  1. Lower case (Unicode default case conversion, the same as
//     JavaScript's toLowerCase, final sigma included).
//  2. NFKD: compatibility decomposition splits accented letters into a base
//     letter and combining marks ("ó" -> "o" + U+0301) and spells out
//     ligatures and width variants ("ﬁ" -> "fi", "Ｋ" -> "K").
//  3. The nonspacing marks (Unicode category Mn) are removed, and the text
//     is lower-cased again (NFKD can give capitals: "ℌ" -> "H").
//  4. What case folding adds to lower case for Latin and Greek: ß -> ss,
//     ς -> σ; and the few Latin letters that Unicode does not decompose
//     because they are letters of their own, not letters with an accent,
//     are spelled as on a keyboard without them: ł -> l, ø -> o, đ -> d,
//     ħ -> h, ı -> i, æ -> ae, œ -> oe, þ -> th, ð -> d. This is not an
//     accent table: accents are handled by 2 and 3.
//  5. In the catalogue of a language that writes some letters as two
//     when they cannot be typed (German ae, oe, ue), those pairs become
//     the base letter in the index and in the query alike (FoldLang,
//     called by Stem and by the script's stem).

// letters lists what step 4 rewrites.
var letters = map[rune]string{
	'ß': "ss", 'ς': "σ",
	'ł': "l", 'ø': "o", 'đ': "d", 'ħ': "h", 'ı': "i",
	'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d",
}

// digraphs lists, per language, the spellings a language writes for a
// letter when a keyboard lacks it, which step 5 reduces to the base
// letter on both sides (index and query): in German ä, ö, ü are written
// ae, oe, ue, so "muenchen", "munchen" and "München" all become
// "munchen". Steps 1 to 4 already give Polish ł -> l, Spanish ñ -> n and
// Italian à, è, ì, ò, ù -> a, e, i, o, u in every language.
var digraphs = map[string][]string{
	"de": {"ae", "a", "oe", "o", "ue", "u"},
}

// FoldLang is step 5: the folding of a word that depends on the language
// of the catalogue (see digraphs). w is a word already folded by Fold.
func FoldLang(w, lang string) string {
	pairs := digraphs[baseLang(lang)]
	if pairs == nil || !strings.ContainsAny(w, "e") {
		return w
	}
	return strings.NewReplacer(pairs...).Replace(w)
}

// baseLang is the language of a code without its region: "de-CH" -> "de".
func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		return strings.ToLower(lang[:i])
	}
	return lang
}

// folders holds the transformations of steps 1 to 3. A
// transform.Transformer keeps state, so each Fold takes a chain of its
// own (and resets it): making a chain for every word with an accent
// allocated its buffers again, 95 MB for a 10,000-page catalogue.
var folders = sync.Pool{New: func() any {
	return transform.Chain(cases.Lower(language.Und), norm.NFKD, runes.Remove(runes.In(unicode.Mn)), cases.Lower(language.Und))
}}

// Fold returns s folded for search: without accents, in lower case.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii { // most words: nothing to decompose
		return strings.ToLower(s)
	}
	t := folders.Get().(transform.Transformer)
	t.Reset()
	out, _, err := transform.String(t, s)
	folders.Put(t)
	if err != nil { // only on invalid UTF-8, which content cannot hold
		out = strings.ToLower(s)
	}
	if !strings.ContainsFunc(out, func(r rune) bool { return letters[r] != "" }) {
		return out
	}
	var b strings.Builder
	for _, r := range out {
		if l, ok := letters[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isWordRune tells the letters and digits words are made of; everything
// else (spaces, punctuation, apostrophes, hyphens) separates words.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Tokens folds s and splits it into words.
func Tokens(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return !isWordRune(r) })
}

// camelParts returns the parts of a word written in camel case or with
// digits, so that "win" finds "BioWin": "bioMérieux" -> bio, merieux;
// "BioWin" -> bio, win; "COVID19" -> covid, 19. It returns nil for a word
// without an inner capital after a small letter, nor digits next to letters.
func camelParts(word string) []string {
	rs := []rune(word)
	var parts []string
	start := 0
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i]) != unicode.IsDigit(rs[i-1]) {
			parts = append(parts, string(rs[start:i]))
			start = i
		}
	}
	if start == 0 {
		return nil
	}
	parts = append(parts, string(rs[start:]))
	var out []string
	for _, p := range parts {
		out = append(out, Tokens(p)...)
	}
	return out
}

// stopwords are left out of the index: they are in nearly every summary
// and find nothing. Both languages' lists apply to both, since names and
// summaries mix them. Folded forms ("à" is "a").
var stopwords = map[string]bool{
	// English
	"a": true, "an": true, "and": true, "are": true, "as": true, "at": true, "be": true, "by": true,
	"for": true, "from": true, "has": true, "in": true, "is": true, "it": true, "its": true, "of": true,
	"on": true, "or": true, "s": true, "that": true, "the": true, "to": true, "with": true,
	// French
	"au": true, "aux": true, "ce": true, "d": true, "dans": true, "de": true, "des": true, "du": true,
	"en": true, "est": true, "et": true, "l": true, "la": true, "le": true, "les": true, "par": true,
	"pour": true, "qu": true, "qui": true, "sa": true, "ses": true, "son": true, "sur": true, "un": true,
	"une": true,
}

// IsStopword reports whether a folded word is left out of the index.
func IsStopword(w string) bool { return stopwords[w] }

// Stem folds plurals to the singular in lang, on a folded word, so that
// "vaccines" finds "vaccine" and "hôpitaux" finds "hôpital". It is
// deliberately light: it only removes plural endings, never derivations,
// so a stem stays a word readers recognise and prefix search still works.
//
//	en: companies -> company; diseases -> disease; kept: -ss, -us, -is
//	fr: hôpitaux -> hopital; réseaux -> reseau; lieux -> lieu; vaccins -> vaccin; kept: -ss
//
// Words of three letters or fewer, and words with digits, are kept.
// The word is first folded for lang (FoldLang).
func Stem(w, lang string) string {
	w = FoldLang(w, lang)
	n := len(w)
	runes := utf8.RuneCountInString(w) // the script counts UTF-16 units: the same for letters of the BMP
	if runes <= 3 || strings.ContainsFunc(w, unicode.IsDigit) {
		return w
	}
	switch lang {
	case "fr":
		switch {
		case strings.HasSuffix(w, "eaux"), strings.HasSuffix(w, "eux"):
			return w[:n-1]
		case strings.HasSuffix(w, "aux") && runes > 4:
			return w[:n-3] + "al"
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			return w[:n-1]
		}
	default:
		switch {
		case strings.HasSuffix(w, "ies") && runes > 4:
			return w[:n-3] + "y"
		case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
			return w
		case strings.HasSuffix(w, "s"):
			return w[:n-1]
		}
	}
	return w
}

// Terms returns the index terms of a text in lang: its words, folded,
// without stopwords, stemmed.
func Terms(s, lang string) []string {
	var out []string
	for _, w := range Tokens(s) {
		if !stopwords[w] {
			out = append(out, Stem(w, lang))
		}
	}
	return out
}
