package catalogue

import (
	"slices"
	"testing"
)

// TestTermsPerLanguage is the folding table of each language: what a
// visitor types (left) must give the same index terms as the names as
// written (right), in that language's catalogue.
func TestTermsPerLanguage(t *testing.T) {
	tests := []struct {
		lang    string
		typed   string
		written string
	}{
		// Polish: ł is a letter of its own, which NFD does not decompose.
		{"pl", "lodz", "Łódź"},
		{"pl", "LODZ", "łódź"},
		{"pl", "gdansk", "Gdańsk"},
		{"pl", "zielona gora", "Zielona Góra"},
		{"pl", "bialystok", "Białystok"},
		{"pl", "swietokrzyskie", "Świętokrzyskie"},
		// German: ä, ö, ü are found by a, o, u and by ae, oe, ue; ß by ss.
		{"de", "munchen", "München"},
		{"de", "muenchen", "München"},
		{"de", "München", "Muenchen"},
		{"de", "koeln", "Köln"},
		{"de", "koln", "Koeln"},
		{"de", "duesseldorf", "Düsseldorf"},
		{"de", "strasse", "Straße"},
		{"de", "baer", "Bär"},
		{"de-AT", "oesterreich", "Österreich"},
		// Spanish: ñ is found by n; accents by the bare vowel.
		{"es", "espana", "España"},
		{"es", "logrono", "Logroño"},
		{"es", "cadiz", "Cádiz"},
		{"es", "leon", "León"},
		// Italian: accented vowels by the bare vowel.
		{"it", "universita", "Università"},
		{"it", "citta", "città"},
		{"it", "perche", "perché"},
		{"it", "forli", "Forlì"},
		// French: accents and cedilla.
		{"fr", "sante", "Santé"},
		{"fr", "besancon", "Besançon"},
	}
	for _, tt := range tests {
		got, want := Terms(tt.typed, tt.lang), Terms(tt.written, tt.lang)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: %q gives %q; %q gives %q; want the same terms", tt.lang, tt.typed, got, tt.written, want)
		}
	}
}

// TestFoldLang: German digraphs are reduced in German only; other
// languages keep "ue" (English "blue", French "rue").
func TestFoldLang(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"de", "muenchen", "munchen"},
		{"de", "koeln", "koln"},
		{"de", "baer", "bar"},
		{"de", "munchen", "munchen"},
		{"de-CH", "zuerich", "zurich"},
		{"en", "blue", "blue"},
		{"fr", "rue", "rue"},
		{"pl", "muenchen", "muenchen"},
	}
	for _, tt := range tests {
		if got := FoldLang(tt.in, tt.lang); got != tt.want {
			t.Errorf("FoldLang(%q, %q) = %q; want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}
