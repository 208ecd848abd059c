package catalogue_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/catalogue"
)

// FuzzFold checks search folding on any text: it never fails, gives valid
// UTF-8 for valid UTF-8, is stable (folding folded text changes nothing, so
// the index and the visitor's query meet), and splits into words made of
// letters and digits only, which is what facet slugs are built from: no
// slash, dot or percent sign can reach a URL through them.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Kraków", "KRAKOW", "bioMérieux", "Straße ﬁnale", "ΣΊΣΥΦΟΣ ς", "İstanbul ǅ", "Ｋａｔａ", "ℌ", "../../etc/passwd", "a%2Fb", "<script>alert(1)</script>", "\xff\xfe", "hôpitaux réseaux", "companies diseases", "", "ŁÓDŹ Øresund Æsir Œuvre þorn", "\u0130\u0307"} {
		f.Add(s, "en")
		f.Add(s, "fr")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		folded := catalogue.Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q; want valid UTF-8", s, folded)
		}
		if !utf8.ValidString(s) {
			return // content cannot hold invalid UTF-8; Fold only must not fail
		}
		if again := catalogue.Fold(folded); again != folded {
			t.Errorf("Fold(Fold(%q)) = %q; want %q (stable)", s, again, folded)
		}
		for _, w := range catalogue.Tokens(s) {
			if w == "" {
				t.Fatalf("Tokens(%q) has an empty word", s)
			}
			if strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				t.Fatalf("Tokens(%q) has %q; want letters and digits only", s, w)
			}
		}
		for _, w := range catalogue.Terms(s, lang) {
			if w == "" || !utf8.ValidString(w) {
				t.Fatalf("Terms(%q, %q) has %q; want non-empty valid words", s, lang, w)
			}
			if catalogue.Stem(w, lang) == "" {
				t.Fatalf("Stem(%q, %q) is empty", w, lang)
			}
		}
	})
}
