package site

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Funding is the `funding:` block of site.yaml: which EU programme funds
// the project, under which grant, whether it is funded or co-funded, and
// what the footer of every page says about it. The theme draws the EU
// emblem with the statement ("Funded by the European Union", "Co-funded
// by the European Union") in the page's language.
//
// The older form, a free text per language (funding: {en: ..., fr: ...}),
// is still read: Legacy is then true, Acknowledgement holds the texts and
// site.yaml gets a warning saying how to rewrite it.
type Funding struct {
	// Programme is the key of a preset (see Programmes): horizon-europe,
	// cosme, smp, interreg, erasmus-plus, life or other.
	Programme string `yaml:"programme"`
	// Name is the programme's or the call's name per language, for
	// "other" and Interreg ("Interreg Europe"); presets have one.
	Name map[string]string `yaml:"name"`
	// GrantAgreement is the number of the grant agreement (or project
	// number, for Erasmus+ and Interreg).
	GrantAgreement string `yaml:"grantAgreement"`
	// Statement is "funded" or "co-funded"; the preset's when empty.
	Statement string `yaml:"statement"`
	// Disclaimer is shown under the statement: a text per language, or
	// the word standard for the Commission's standard text.
	Disclaimer Disclaimer `yaml:"disclaimer"`
	// Acknowledgement is a sentence of the project's own per language,
	// such as the call it answered.
	Acknowledgement map[string]string `yaml:"acknowledgement"`
	// Home shows the emblem and statement at the top of the home pages
	// as well; the preset decides when it is not given (Interreg: yes).
	Home *bool `yaml:"home"`

	// Legacy is true when site.yaml gave the old free-text form.
	Legacy bool `yaml:"-"`
}

// Disclaimer is funding.disclaimer: the standard text, or a text per
// language.
type Disclaimer struct {
	Standard bool
	Text     map[string]string
}

// UnmarshalYAML accepts `standard` (or true) and a set of `lang: text` lines.
func (d *Disclaimer) UnmarshalYAML(n *yaml.Node) error {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil
	case n.Kind == yaml.ScalarNode && (n.Value == "standard" || n.Tag == "!!bool" && n.Value == "true"):
		d.Standard = true
		return nil
	case n.Kind == yaml.ScalarNode && n.Tag == "!!bool":
		return nil // false: no disclaimer
	case n.Kind == yaml.MappingNode:
		var m map[string]string
		if err := n.Decode(&m); err != nil {
			return FieldError{"disclaimer", "want a text per language (en: ..., fr: ...), or the word standard"}
		}
		d.Text = m
		return nil
	}
	return FieldError{"disclaimer", fmt.Sprintf("want the word standard or a text per language (en: ..., fr: ...), got %s", describe(n))}
}

// IsZero reports whether no disclaimer was given.
func (d Disclaimer) IsZero() bool { return !d.Standard && len(d.Text) == 0 }

// A Programme is a funding preset: what the programme's rules ask a
// project's website to show.
type Programme struct {
	Key  string
	Name string // the programme's name, the same in every language
	// CoFunded is the statement the programme's grants usually take.
	CoFunded bool
	// NeedsGrant, NeedsDisclaimer and NeedsName say what `consort check`
	// asks for.
	NeedsGrant, NeedsDisclaimer, NeedsName bool
	// Home shows the emblem at the top of the home pages.
	Home bool
	// GrantRE, when set, is the form of a grant number.
	GrantRE *regexp.Regexp
	// GrantExample is a number of that form, for messages.
	GrantExample string
}

// Programmes are the presets of funding.programme.
var Programmes = []Programme{
	{Key: "horizon-europe", Name: "Horizon Europe", NeedsGrant: true, NeedsDisclaimer: true, GrantRE: regexp.MustCompile(`^[0-9]{9}$`), GrantExample: "101057437"},
	{Key: "cosme", Name: "COSME", CoFunded: true, NeedsGrant: true, NeedsDisclaimer: true, GrantRE: regexp.MustCompile(`^[0-9]{6,9}$`), GrantExample: "951191"},
	{Key: "smp", Name: "Single Market Programme", CoFunded: true, NeedsGrant: true, NeedsDisclaimer: true, GrantRE: regexp.MustCompile(`^[0-9]{9}$`), GrantExample: "101074302"},
	{Key: "interreg", CoFunded: true, NeedsName: true, Home: true},
	{Key: "erasmus-plus", Name: "Erasmus+", CoFunded: true, NeedsGrant: true, NeedsDisclaimer: true, GrantExample: "2021-1-FR01-KA220-HED-000023456"},
	{Key: "life", Name: "LIFE", CoFunded: true, NeedsGrant: true, NeedsDisclaimer: true, GrantExample: "101074345"},
	{Key: "other", NeedsName: true},
}

// ProgrammeKeys are the keys of the presets, in order.
func ProgrammeKeys() []string {
	keys := make([]string, len(Programmes))
	for i, p := range Programmes {
		keys[i] = p.Key
	}
	return keys
}

// LookupProgramme returns the preset of key.
func LookupProgramme(key string) (Programme, bool) {
	for _, p := range Programmes {
		if p.Key == key {
			return p, true
		}
	}
	return Programme{}, false
}

// Given reports whether site.yaml has a funding block at all.
func (f *Funding) Given() bool {
	return f.Programme != "" || f.Legacy || len(f.Acknowledgement) > 0 || f.GrantAgreement != "" || len(f.Name) > 0
}

// Preset returns the funding's programme preset (the zero Programme for
// the free-text form or an unknown key).
func (f *Funding) Preset() Programme {
	p, _ := LookupProgramme(f.Programme)
	return p
}

// CoFunded reports whether the statement is "Co-funded by the European Union".
func (f *Funding) CoFunded() bool {
	switch f.Statement {
	case "co-funded":
		return true
	case "funded":
		return false
	}
	return f.Preset().CoFunded
}

// OnHome reports whether the home pages show the emblem at their top.
func (f *Funding) OnHome() bool {
	if f.Home != nil {
		return *f.Home
	}
	return f.Preset().Home
}

// ProgrammeName is the programme's name in lang: funding.name, else the
// preset's name.
func (f *Funding) ProgrammeName(lang string) string {
	if n := f.Name[lang]; n != "" {
		return n
	}
	return f.Preset().Name
}

// EUStatement returns "Funded by the European Union" or "Co-funded by the
// European Union" in lang, and the language it is written in: lang when
// the statement is known in it, else English.
func (f *Funding) EUStatement(lang string) (text, in string) {
	t, ok := euStatements[baseLang(lang)]
	if !ok {
		t, lang = euStatements["en"], "en"
	}
	if f.CoFunded() {
		return t[1], lang
	}
	return t[0], lang
}

// DisclaimerText returns the disclaimer in lang (the standard one, or the
// site's), and the language it is written in; "" when there is none.
func (f *Funding) DisclaimerText(lang string) (text, in string) {
	if t := f.Disclaimer.Text[lang]; t != "" {
		return t, lang
	}
	if !f.Disclaimer.Standard {
		return "", ""
	}
	b := baseLang(lang)
	if t, ok := standardDisclaimers[b]; ok {
		return t, lang
	}
	return standardDisclaimers["en"], "en"
}

// EmblemAlt is the text alternative of the EU emblem in lang, and its
// language.
func EmblemAlt(lang string) (text, in string) {
	if t, ok := emblemAlts[baseLang(lang)]; ok {
		return t, lang
	}
	return emblemAlts["en"], "en"
}

// GrantLabel is "Grant agreement No" in lang, and its language.
func GrantLabel(lang string) (text, in string) {
	if t, ok := grantLabels[baseLang(lang)]; ok {
		return t, lang
	}
	return grantLabels["en"], "en"
}

func baseLang(lang string) string {
	b, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return b
}

var typeOfFunding = reflect.TypeOf(Funding{})

// grantRE is what any grant or project number may be made of.
var grantRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$`)

// readFunding reads the funding node of site.yaml: the structured form,
// or the older free text per language, which it recognises by keys that
// are none of Funding's fields and texts for values.
func (d *decoder) readFunding(node *yaml.Node, f *Funding) {
	if node.Kind == yaml.MappingNode && legacyFunding(node) {
		f.Legacy = true
		f.Acknowledgement = map[string]string{}
		d.recordLines(node, "funding")
		for i := 0; i+1 < len(node.Content); i += 2 {
			f.Acknowledgement[node.Content[i].Value] = node.Content[i+1].Value
		}
		return
	}
	if node.Kind == yaml.ScalarNode && node.Tag == "!!str" {
		d.fail(node.Line, "funding", "a single text is not enough; write programme:, statement: and the acknowledgement per language (see `consort help funding`)")
		return
	}
	d.decodeStruct(node, f, "funding.")
}

// legacyFunding reports whether a funding mapping is the free-text form:
// every key is none of Funding's fields and every value is a text.
func legacyFunding(node *yaml.Node) bool {
	fields := structFields(typeOfFunding)
	for i := 0; i+1 < len(node.Content); i += 2 {
		if _, ok := fields[node.Content[i].Value]; ok || node.Content[i+1].Kind != yaml.ScalarNode {
			return false
		}
	}
	return len(node.Content) > 0
}

// checkFunding validates the funding block against its preset and the
// site's languages. Missing parts the preset asks for are warnings: the
// site still builds, and `consort check` lists them.
func checkFunding(f *Funding, langs []string, failed map[string]bool, add func(field string, sev Severity, format string, args ...any)) {
	if f.Legacy {
		add("funding", Warning, "a text per language is the old form: it is shown without the EU emblem's statement in the page's language. Rewrite it as `programme:` (one of %s), `statement: funded` or `co-funded`, and move the texts under `acknowledgement:`; see `consort help funding`", strings.Join(ProgrammeKeys(), ", "))
		return
	}
	if !f.Given() {
		return
	}
	var pre Programme
	switch p, ok := LookupProgramme(f.Programme); {
	case f.Programme == "":
		add("funding", Error, "programme is missing; write one of %s", strings.Join(ProgrammeKeys(), ", "))
		return
	case !ok:
		add("funding.programme", Error, "%s", hint(f.Programme, ProgrammeKeys()))
		return
	default:
		pre = p
	}
	if f.Statement != "" && f.Statement != "funded" && f.Statement != "co-funded" {
		add("funding.statement", Error, "%s; funded shows “Funded by the European Union”, co-funded “Co-funded by the European Union”", hint(f.Statement, []string{"funded", "co-funded"}))
	}
	switch g := f.GrantAgreement; {
	case g == "" && pre.NeedsGrant:
		add("funding", Warning, "grantAgreement is missing; %s asks projects to show the number of their grant agreement, e.g. grantAgreement: \"%s\"", pre.Name, pre.GrantExample)
	case g != "" && !grantRE.MatchString(g):
		add("funding.grantAgreement", Error, "%q is not a grant agreement number; write the number as the grant agreement gives it, e.g. \"%s\"", g, orExample(pre.GrantExample))
	case g != "" && pre.GrantRE != nil && !pre.GrantRE.MatchString(g):
		add("funding.grantAgreement", Error, "%q is not a %s grant agreement number; those are digits only, e.g. \"%s\"", g, pre.Name, pre.GrantExample)
	}
	if pre.NeedsName {
		for _, lang := range langs {
			if f.Name[lang] == "" {
				add("funding", Warning, "name is missing for %s; say which programme or call funds the project, e.g. name: {%s: %s}", lang, lang, nameExample(pre))
				break
			}
		}
	}
	if pre.NeedsDisclaimer && f.Disclaimer.IsZero() && !failed["funding.disclaimer"] {
		add("funding", Warning, "disclaimer is missing; %s asks for one on the project's publications and website: write disclaimer: standard for the Commission's text in every language, or your own text per language", pre.Name)
	}
	for _, lang := range langs {
		if !f.Disclaimer.IsZero() && !f.Disclaimer.Standard && f.Disclaimer.Text[lang] == "" {
			add("funding.disclaimer", Warning, "missing for %s; give the disclaimer in every language of the site, or write disclaimer: standard", lang)
		}
		if _, ok := euStatements[baseLang(lang)]; !ok {
			add("funding", Warning, "consort has no official translation of the EU funding statement in %s; the English one is shown on its pages", lang)
		}
	}
	for _, m := range []struct {
		field string
		texts map[string]string
	}{{"funding.name", f.Name}, {"funding.acknowledgement", f.Acknowledgement}, {"funding.disclaimer", f.Disclaimer.Text}} {
		for _, lang := range sortedKeys(m.texts) {
			if !contains(langs, lang) {
				add(m.field, Error, "%q is not a language of this site (%s)", lang, strings.Join(langs, ", "))
			}
		}
	}
	for _, lang := range langs {
		if len(f.Acknowledgement) > 0 && f.Acknowledgement[lang] == "" {
			add("funding.acknowledgement", Warning, "missing for %s; give the acknowledgement in every language of the site", lang)
		}
	}
}

func orExample(s string) string {
	if s == "" {
		return "101057437"
	}
	return s
}

func nameExample(p Programme) string {
	if p.Key == "interreg" {
		return "Interreg Europe"
	}
	return "DG Enterprise call for proposals 2011"
}

// FundingLangs returns the languages whose EU statement consort knows, sorted.
func FundingLangs() []string {
	out := make([]string, 0, len(euStatements))
	for l := range euStatements {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// euStatements are the statements of the EU emblem, funded then
// co-funded, in the official languages of the EU, as the Commission's
// visual identity gives them.
var euStatements = map[string][2]string{
	"bg": {"Финансирано от Европейския съюз", "Съфинансирано от Европейския съюз"},
	"cs": {"Financováno Evropskou unií", "Spolufinancováno Evropskou unií"},
	"da": {"Finansieret af Den Europæiske Union", "Medfinansieret af Den Europæiske Union"},
	"de": {"Finanziert von der Europäischen Union", "Kofinanziert von der Europäischen Union"},
	"el": {"Χρηματοδοτείται από την Ευρωπαϊκή Ένωση", "Συγχρηματοδοτείται από την Ευρωπαϊκή Ένωση"},
	"en": {"Funded by the European Union", "Co-funded by the European Union"},
	"es": {"Financiado por la Unión Europea", "Cofinanciado por la Unión Europea"},
	"et": {"Rahastanud Euroopa Liit", "Kaasrahastanud Euroopa Liit"},
	"fi": {"Euroopan unionin rahoittama", "Euroopan unionin osarahoittama"},
	"fr": {"Financé par l’Union européenne", "Cofinancé par l’Union européenne"},
	"ga": {"Arna mhaoiniú ag an Aontas Eorpach", "Arna chómhaoiniú ag an Aontas Eorpach"},
	"hr": {"Financira Europska unija", "Sufinancira Europska unija"},
	"hu": {"Az Európai Unió finanszírozásával", "Az Európai Unió társfinanszírozásával"},
	"it": {"Finanziato dall’Unione europea", "Cofinanziato dall’Unione europea"},
	"lt": {"Finansuoja Europos Sąjunga", "Bendrai finansuoja Europos Sąjunga"},
	"lv": {"Finansē Eiropas Savienība", "Līdzfinansē Eiropas Savienība"},
	"mt": {"Iffinanzjat mill-Unjoni Ewropea", "Kofinanzjat mill-Unjoni Ewropea"},
	"nl": {"Gefinancierd door de Europese Unie", "Medegefinancierd door de Europese Unie"},
	"pl": {"Finansowane przez Unię Europejską", "Współfinansowane przez Unię Europejską"},
	"pt": {"Financiado pela União Europeia", "Cofinanciado pela União Europeia"},
	"ro": {"Finanțat de Uniunea Europeană", "Cofinanțat de Uniunea Europeană"},
	"sk": {"Financované Európskou úniou", "Spolufinancované Európskou úniou"},
	"sl": {"Financira Evropska unija", "Sofinancira Evropska unija"},
	"sv": {"Finansieras av Europeiska unionen", "Medfinansieras av Europeiska unionen"},
}

// emblemAlts are the text alternative of the emblem.
var emblemAlts = map[string]string{
	"de": "Flagge der Europäischen Union",
	"en": "Flag of the European Union",
	"es": "Bandera de la Unión Europea",
	"fr": "Drapeau de l’Union européenne",
	"it": "Bandiera dell’Unione europea",
	"nl": "Vlag van de Europese Unie",
	"pl": "Flaga Unii Europejskiej",
	"pt": "Bandeira da União Europeia",
}

// grantLabels introduce the grant agreement number.
var grantLabels = map[string]string{
	"de": "Finanzhilfevereinbarung Nr.",
	"en": "Grant agreement No",
	"es": "Acuerdo de subvención n.º",
	"fr": "Convention de subvention nº",
	"it": "Convenzione di sovvenzione n.",
	"nl": "Subsidieovereenkomst nr.",
	"pl": "Umowa o udzielenie dotacji nr",
	"pt": "Convenção de subvenção n.º",
}

// standardDisclaimers are the Commission's disclaimer for what projects
// publish, in the words of its model grant agreement.
var standardDisclaimers = map[string]string{
	"de": "Die geäußerten Ansichten und Meinungen entsprechen jedoch ausschließlich denen des Autors bzw. der Autoren und spiegeln nicht zwingend die der Europäischen Union oder der Bewilligungsbehörde wider. Weder die Europäische Union noch die Bewilligungsbehörde können dafür verantwortlich gemacht werden.",
	"en": "Views and opinions expressed are however those of the author(s) only and do not necessarily reflect those of the European Union or the granting authority. Neither the European Union nor the granting authority can be held responsible for them.",
	"es": "Las opiniones y puntos de vista expresados solo comprometen a su(s) autor(es) y no reflejan necesariamente los de la Unión Europea o los de la autoridad otorgante. Ni la Unión Europea ni la autoridad otorgante pueden ser consideradas responsables de ellos.",
	"fr": "Les points de vue et avis exprimés n’engagent toutefois que leur(s) auteur(s) et ne reflètent pas nécessairement ceux de l’Union européenne ou de l’autorité octroyant la subvention. Ni l’Union européenne ni l’autorité octroyant la subvention ne sauraient en être tenues pour responsables.",
	"it": "I punti di vista e le opinioni espressi sono tuttavia solo quelli degli autori e non riflettono necessariamente quelli dell’Unione europea o dell’autorità concedente. Né l’Unione europea né l’autorità concedente possono esserne ritenute responsabili.",
	"nl": "De standpunten en meningen zijn echter alleen die van de auteur(s) en weerspiegelen niet noodzakelijk die van de Europese Unie of de subsidieverlenende autoriteit. Noch de Europese Unie noch de subsidieverlenende autoriteit kan ervoor verantwoordelijk worden gehouden.",
	"pl": "Wyrażone poglądy i opinie są jedynie opiniami autora lub autorów i niekoniecznie odzwierciedlają poglądy i opinie Unii Europejskiej lub organu przyznającego pomoc. Ani Unia Europejska, ani organ przyznający pomoc nie ponoszą za nie odpowiedzialności.",
}
