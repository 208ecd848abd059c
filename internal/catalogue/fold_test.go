package catalogue

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"accent", "Kraków", "krakow"},
		{"capitals and accent", "KRAKÓW", "krakow"},
		{"inner capital", "bioMérieux", "biomerieux"},
		{"French", "Santé publique", "sante publique"},
		{"cedilla", "Besançon", "besancon"},
		{"Polish l", "Łódź", "lodz"},
		{"Danish o", "Øresund", "oresund"},
		{"sharp s", "Straße", "strasse"},
		{"ligatures", "Œuvre Æther ﬁnance", "oeuvre aether finance"},
		{"full width", "ＣＲＯ", "cro"},
		{"final sigma", "ΟΔΟΣ", "οδοσ"},
		{"Greek accents", "Ἀθῆναι", "αθηναι"},
		{"dotted capital I", "İstanbul", "istanbul"},
		{"Croatian d", "Đakovo", "dakovo"},
		{"Cyrillic", "Москва́", "москва"},
		{"punctuation kept", "R&D (CRO)", "r&d (cro)"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"words", "Klaster LifeScience Kraków", []string{"klaster", "lifescience", "krakow"}},
		{"elision and hyphen", "Marcy-l'Étoile", []string{"marcy", "l", "etoile"}},
		{"typographic apostrophe", "d’investissements", []string{"d", "investissements"}},
		{"digits", "e-health 4.0", []string{"e", "health", "4", "0"}},
		{"markup is punctuation", "Evil <img src=x onerror=alert(1)>", []string{"evil", "img", "src", "x", "onerror", "alert", "1"}},
		{"spaces only", " \t\n", nil},
		{"CJK", "日本語", []string{"日本語"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		name, lang, in, want string
	}{
		{"en plural", "en", "vaccines", "vaccine"},
		{"en -ies", "en", "companies", "company"},
		{"en -ies short", "en", "ties", "tie"},
		{"en -ss kept", "en", "class", "class"},
		{"en -us kept", "en", "virus", "virus"},
		{"en -is kept", "en", "analysis", "analysis"},
		{"en acronym plural", "en", "cros", "cro"},
		{"en three letters kept", "en", "las", "las"},
		{"en digits kept", "en", "1990s", "1990s"},
		{"fr plural", "fr", "vaccins", "vaccin"},
		{"fr -aux", "fr", "hopitaux", "hopital"},
		{"fr -eaux", "fr", "reseaux", "reseau"},
		{"fr -eux", "fr", "lieux", "lieu"},
		{"fr -ies is a plural s", "fr", "technologies", "technologie"},
		{"fr -ss kept", "fr", "stress", "stress"},
		{"fr singular kept", "fr", "sante", "sante"},
		{"fr short -aux kept", "fr", "faux", "faux"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stem(tt.in, tt.lang); got != tt.want {
				t.Errorf("Stem(%q, %s): got %q; want %q", tt.in, tt.lang, got, tt.want)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name, lang, in string
		want           []string
	}{
		{"stopwords out", "en", "The cluster of the life sciences", []string{"cluster", "life", "science"}},
		{"French stopwords out", "fr", "Les hôpitaux de la région", []string{"hopital", "region"}},
		{"elision", "fr", "Attraction d'investissements étrangers", []string{"attraction", "investissement", "etranger"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.in, tt.lang); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNameTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"camel case", "BioWin", []string{"biowin", "bio", "win"}},
		{"lower camel", "bioMérieux", []string{"biomerieux", "bio", "merieux"}},
		{"all capitals", "ERAI", []string{"erai"}},
		{"words", "Klaster LifeScience Kraków", []string{"klaster", "lifescience", "krakow", "life", "science"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nameTerms(tt.in, "en"); !slices.Equal(got, tt.want) {
				t.Errorf("nameTerms(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestWordTermsAgree: the index's word-by-word terms give what textTerms of
// the whole text gives, including where folding changes what a space
// separates.
func TestWordTermsAgree(t *testing.T) {
	texts := []string{
		"Kraków Diagnostics: hôpitaux et réseaux de santé",
		"ΣΊΣΥΦΟΣ ς σοφός",
		"½ dose, 3½ doses",
		"a \u0301accent after a space",
		"non\u00a0breaking\u202fspaces ; « guillemets »",
		"ﬁnance Ｋａｔａ ℌilbert",
		"companies' diseases; bioMérieux BioWin",
		"",
	}
	for _, lang := range []string{"en", "fr"} {
		c := wordTerms{lang: lang, m: map[string][]string{}}
		for _, s := range texts {
			got, want := c.terms(s), textTerms(s, lang)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: got %q; want %q", lang, s, got, want)
			}
		}
	}
}
