package i18n

import (
	"fmt"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CheckLanguage reports whether code is a language consort can build a
// site in: a BCP 47 code ("de", "pt-BR") whose base language has CLDR
// dates, numbers and plural rules. The error names the nearest known
// codes: `"xx" is not a language code CLDR knows; nearest known codes: ...`.
func CheckLanguage(code string) error {
	_, _, err := parseLang(code)
	return err
}

// parseLang parses a language code and finds its base language in the
// CLDR locales.
func parseLang(code string) (language.Tag, string, error) {
	tag, err := language.Parse(code)
	if err == nil {
		base, _ := tag.Base()
		b := base.String()
		if _, ok := cldrLocales[b]; ok && hasPluralRules(tag) {
			return tag, b, nil
		}
	}
	return language.Und, "", unknownLanguage(code)
}

// hasPluralRules reports whether go-i18n knows the CLDR plural rules of tag.
func hasPluralRules(tag language.Tag) bool {
	return goi18n.NewBundle(tag).AddMessages(tag, &goi18n.Message{ID: "x", Other: "x"}) == nil
}

// unknownLanguage is the error for a code CLDR does not know, with the
// nearest known codes: those a letter or two away, and those whose name
// (in English or in the language itself) is what was written.
func unknownLanguage(code string) error {
	near := NearestLanguages(code, 4)
	msg := fmt.Sprintf("%q is not a language code CLDR knows", code)
	if len(near) > 0 {
		var names []string
		for _, c := range near {
			names = append(names, c+" ("+display.English.Languages().Name(language.Make(c))+")")
		}
		msg += "; nearest known codes: " + strings.Join(names, ", ")
	}
	return fmt.Errorf("%s; write a BCP 47 code such as de, pl or pt-BR", msg)
}

// NearestLanguages returns up to n known base language codes nearest to
// code: first those whose English or native name matches it ("German",
// "deutsch" -> de), then those fewest letters away (one or two),
// alphabetically.
func NearestLanguages(code string, n int) []string {
	lower := strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(lower, "-_"); i > 0 {
		lower = lower[:i]
	}
	loose := collate.New(language.English, collate.Loose)
	var byName []string
	type cand struct {
		code string
		dist int
	}
	var cands []cand
	for c := range cldrLocales {
		tag := language.Make(c)
		if !hasPluralRules(tag) {
			continue
		}
		if lower != "" && (loose.CompareString(code, display.English.Languages().Name(tag)) == 0 || loose.CompareString(code, display.Self.Name(tag)) == 0) {
			byName = append(byName, c)
			continue
		}
		if d := editDistance(lower, c); d <= 2 {
			cands = append(cands, cand{c, d})
		}
	}
	slices.Sort(byName)
	slices.SortFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.code, b.code)
	})
	out := byName
	for _, c := range cands {
		if len(out) >= n || c.dist > cands[0].dist {
			break
		}
		out = append(out, c.code)
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Dir returns the writing direction of a language: "rtl" for Arabic,
// Hebrew, Persian, Urdu and the other languages written right to left,
// "ltr" otherwise. The script comes from CLDR's likely subtags.
func Dir(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return "ltr"
	}
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return "rtl"
	}
	return "ltr"
}
