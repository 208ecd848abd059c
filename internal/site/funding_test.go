package site

import (
	"strings"
	"testing"
)

// TestFundingProblems checks every message about funding: in site.yaml,
// at its line.
func TestFundingProblems(t *testing.T) {
	head := "languages: [{code: en, name: English}, {code: fr, name: Français}]\ntitle: {en: T, fr: T}\nfunding:\n"
	tests := []struct {
		name, funding string
		want          []string
	}{
		{"complete horizon europe", "  programme: horizon-europe\n  grantAgreement: \"101057437\"\n  disclaimer: standard\n", nil},
		{"shipped site", "  programme: other\n  name: {en: A call, fr: Un appel}\n  statement: funded\n  acknowledgement: {en: Thanks., fr: Merci.}\n", nil},
		{"no funding at all", "", nil},
		{"old form", "  en: Funded.\n  fr: Financé.\n", []string{
			"content/site.yaml:3: warning: funding: a text per language is the old form: it is shown without the EU emblem's statement in the page's language. Rewrite it as `programme:` (one of horizon-europe, cosme, smp, interreg, erasmus-plus, life, other), `statement: funded` or `co-funded`, and move the texts under `acknowledgement:`; see `consort help funding`",
		}},
		{"one text", "  Funded by the EU.\n", nil}, // replaced below: a scalar right after funding:
		{"programme missing", "  grantAgreement: \"101057437\"\n", []string{
			"content/site.yaml:3: funding: programme is missing; write one of horizon-europe, cosme, smp, interreg, erasmus-plus, life, other",
		}},
		{"unknown programme", "  programme: horizon\n", []string{
			`content/site.yaml:4: funding.programme: "horizon" is not one of horizon-europe, cosme, smp, interreg, erasmus-plus, life, other`,
		}},
		{"misspelt programme", "  programme: erasmus-plsu\n  grantAgreement: X-1\n  disclaimer: standard\n", []string{
			`content/site.yaml:4: funding.programme: "erasmus-plsu" is not one of horizon-europe, cosme, smp, interreg, erasmus-plus, life, other; did you mean "erasmus-plus"?`,
		}},
		{"horizon europe needs", "  programme: horizon-europe\n", []string{
			`content/site.yaml:3: warning: funding: disclaimer is missing; Horizon Europe asks for one on the project's publications and website: write disclaimer: standard for the Commission's text in every language, or your own text per language`,
			`content/site.yaml:3: warning: funding: grantAgreement is missing; Horizon Europe asks projects to show the number of their grant agreement, e.g. grantAgreement: "101057437"`,
		}},
		{"horizon europe number", "  programme: horizon-europe\n  grantAgreement: \"GA-12\"\n  disclaimer: standard\n", []string{
			`content/site.yaml:5: funding.grantAgreement: "GA-12" is not a Horizon Europe grant agreement number; those are digits only, e.g. "101057437"`,
		}},
		{"bad number", "  programme: life\n  grantAgreement: \"<b>1</b>\"\n  disclaimer: standard\n", []string{
			`content/site.yaml:5: funding.grantAgreement: "<b>1</b>" is not a grant agreement number; write the number as the grant agreement gives it, e.g. "101074345"`,
		}},
		{"statement", "  programme: cosme\n  grantAgreement: \"951191\"\n  disclaimer: standard\n  statement: cofunded\n", []string{
			`content/site.yaml:7: funding.statement: "cofunded" is not one of funded, co-funded; did you mean "co-funded"?; funded shows “Funded by the European Union”, co-funded “Co-funded by the European Union”`,
		}},
		{"interreg name", "  programme: interreg\n  name: {en: Interreg Europe}\n", []string{
			`content/site.yaml:3: warning: funding: name is missing for fr; say which programme or call funds the project, e.g. name: {fr: Interreg Europe}`,
		}},
		{"other name", "  programme: other\n", []string{
			`content/site.yaml:3: warning: funding: name is missing for en; say which programme or call funds the project, e.g. name: {en: DG Enterprise call for proposals 2011}`,
		}},
		{"disclaimer per language", "  programme: smp\n  grantAgreement: \"101074302\"\n  disclaimer: {en: Our views.}\n", []string{
			`content/site.yaml:6: warning: funding.disclaimer: missing for fr; give the disclaimer in every language of the site, or write disclaimer: standard`,
		}},
		{"disclaimer type", "  programme: smp\n  grantAgreement: \"101074302\"\n  disclaimer: [a, b]\n", []string{
			`content/site.yaml:6: funding.disclaimer: want the word standard or a text per language (en: ..., fr: ...), got a list`,
		}},
		{"foreign language", "  programme: other\n  name: {en: A, fr: B, de: C}\n", []string{
			`content/site.yaml:5: funding.name: "de" is not a language of this site (en, fr)`,
		}},
		{"acknowledgement per language", "  programme: other\n  name: {en: A, fr: B}\n  acknowledgement: {en: Thanks.}\n", []string{
			`content/site.yaml:6: warning: funding.acknowledgement: missing for fr; give the acknowledgement in every language of the site`,
		}},
		{"unknown field", "  programme: other\n  name: {en: A, fr: B}\n  grant: \"1\"\n", []string{
			`content/site.yaml:6: funding.grant: unknown field; known fields: acknowledgement, disclaimer, grantAgreement, home, name, programme, statement`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := head + tt.funding
			if tt.name == "one text" {
				src = head[:len(head)-1] + " Funded by the EU.\n"
				tt.want = []string{"content/site.yaml:3: funding: a single text is not enough; write programme:, statement: and the acknowledgement per language (see `consort help funding`)"}
			}
			if tt.funding == "" && tt.name == "no funding at all" {
				src = head[:strings.LastIndex(head, "funding:")]
			}
			_, ps := ParseConfig([]byte(src))
			ps.Sort()
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFundingStatements(t *testing.T) {
	tests := []struct {
		lang, statement string
		coFunded        bool
		want, wantLang  string
	}{
		{"en", "", false, "Funded by the European Union", "en"},
		{"en", "co-funded", false, "Co-funded by the European Union", "en"},
		{"fr", "funded", true, "Financé par l’Union européenne", "fr"},
		{"fr", "", true, "Cofinancé par l’Union européenne", "fr"},
		{"de", "", true, "Kofinanziert von der Europäischen Union", "de"},
		{"it", "funded", true, "Finanziato dall’Unione europea", "it"},
		{"es", "", true, "Cofinanciado por la Unión Europea", "es"},
		{"pl", "", true, "Współfinansowane przez Unię Europejską", "pl"},
		{"nl", "funded", true, "Gefinancierd door de Europese Unie", "nl"},
		{"pt-BR", "", true, "Cofinanciado pela União Europeia", "pt-BR"},
		{"ja", "", false, "Funded by the European Union", "en"},
	}
	for _, tt := range tests {
		key := "horizon-europe"
		if tt.coFunded {
			key = "cosme"
		}
		f := Funding{Programme: key, Statement: tt.statement}
		got, in := f.EUStatement(tt.lang)
		if got != tt.want || in != tt.wantLang {
			t.Errorf("%s %s %s: got %q in %s, want %q in %s", tt.lang, key, tt.statement, got, in, tt.want, tt.wantLang)
		}
	}
	for _, lang := range []string{"en", "fr", "de", "it", "es", "pl", "nl"} {
		f := Funding{Programme: "horizon-europe", Disclaimer: Disclaimer{Standard: true}}
		if d, in := f.DisclaimerText(lang); d == "" || in != lang {
			t.Errorf("no standard disclaimer in %s", lang)
		}
		if _, in := EmblemAlt(lang); in != lang {
			t.Errorf("no emblem text alternative in %s", lang)
		}
		if _, in := GrantLabel(lang); in != lang {
			t.Errorf("no grant label in %s", lang)
		}
	}
	if n := len(FundingLangs()); n != 24 {
		t.Errorf("the statement is known in %d languages, want the EU's 24", n)
	}
}
