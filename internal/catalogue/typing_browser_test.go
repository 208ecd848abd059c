package catalogue_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/catalogue"

	"github.com/chromedp/chromedp"
)

// searchWords are the words of an organisation a visitor may type: the
// words of its name, places, type, competencies and texts, folded and
// without stopwords; a word written in parts ("L'Oréal", "Saint-Étienne")
// also as the parts written together; and the parts of a name's words in
// camel case or with digits ("BioX4Clusters": bio, x, 4, clusters).
func searchWords(r catalogue.JSONRecord) []string {
	var words []string
	addText := func(s string) {
		for _, w := range catalogue.Tokens(s) {
			if !catalogue.IsStopword(w) {
				words = append(words, w)
			}
		}
		for _, chunk := range strings.Fields(s) {
			chunk = strings.Trim(chunk, ",;:()")
			if toks := catalogue.Tokens(chunk); len(toks) > 1 {
				words = append(words, strings.Join(toks, ""))
			}
		}
	}
	for _, s := range []string{r.Name, r.ShortName, r.Summary, r.OrgType.Label, r.Country.Name, r.Region, r.City} {
		addText(s)
	}
	for _, t := range slices.Concat(r.Competencies, r.TherapeuticAreas) {
		addText(t.Label)
	}
	for _, s := range slices.Concat(r.Technologies, r.Services) {
		addText(s)
	}
	for _, w := range strings.FieldsFunc(r.Name, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		rs := []rune(w)
		start := 0
		for i := 1; i < len(rs); i++ {
			if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i]) != unicode.IsDigit(rs[i-1]) {
				words = append(words, catalogue.Tokens(string(rs[start:i]))...)
				start = i
			}
		}
		if start > 0 {
			words = append(words, catalogue.Tokens(string(rs[start:]))...)
		}
	}
	return words
}

// finds reports whether a query of one word still being typed should find
// a word: the word begins with it, or the word's singular begins with the
// query's (a plural whose singular does not begin with it, "companies",
// finds that singular only).
func finds(query, word, lang string) bool {
	if strings.HasPrefix(word, query) {
		return true
	}
	sq, sw := catalogue.Stem(query, lang), catalogue.Stem(word, lang)
	if strings.HasPrefix(query, sq) {
		return strings.HasPrefix(sw, sq)
	}
	return sw == sq
}

// TestBrowserTypingLetterByLetter types words of names, places and
// competencies into the search box one key at a time, as a visitor does,
// and checks every state of the list: each prefix finds at least what
// the whole word finds, and only the organisations one of whose words
// begins with what is typed (no near miss pulled in, no result lost
// half-way, as "lor" for L'Oréal once found nothing and "lore" found the
// Loire).
func TestBrowserTypingLetterByLetter(t *testing.T) {
	res := buildSite(t, fixture(t, "typing"))
	var doc catalogue.Document
	if err := json.Unmarshal(files(res)["en/catalogue/partners.json"].Data, &doc); err != nil {
		t.Fatal(err)
	}
	words := map[string][]string{}
	for _, r := range doc.Partners {
		words[r.Name] = searchWords(r)
	}
	var all []string
	for _, ws := range words {
		all = append(all, ws...)
	}
	// expected is what a query of one word should find, by name: the
	// organisations with a word it finds, or with the singular of a
	// plural it is the start of (the first letters of "companies" find
	// "Company").
	expected := func(q string) []string {
		var singulars []string
		for _, x := range all {
			if strings.HasPrefix(x, q) {
				singulars = append(singulars, catalogue.Stem(x, "en"))
			}
		}
		var out []string
		for _, r := range doc.Partners {
			if slices.ContainsFunc(words[r.Name], func(w string) bool {
				return finds(q, w, "en") || slices.Contains(singulars, catalogue.Stem(w, "en"))
			}) {
				out = append(out, r.Name)
			}
		}
		slices.Sort(out)
		return out
	}

	srv := serve(t, res, "")
	ctx := browser.New(t)
	w := watchPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/en/catalogue/"), chromedp.WaitVisible(chromedp.ID("cat-q"))); err != nil {
		t.Fatal(err)
	}
	eval[any](t, ctx, `(() => { const q = document.getElementById("cat-q"); q.focus(); q.value = "x"; q.dispatchEvent(new Event("input", {bubbles: true})); })()`)
	waitFor(t, ctx, "the index", `document.getElementById("cat-form").getAttribute("aria-busy") === null && location.search === "?q=x"`)

	state := `(() => ({value: document.getElementById("cat-q").value, names: [...document.querySelectorAll("#cat-results .cat-name")].map(a => a.textContent).sort()}))()`
	type shown struct {
		Value string   `json:"value"`
		Names []string `json:"names"`
	}
	for _, word := range []string{
		"loreal", "L'Oréal", "oréal", "recherche", // apostrophe, accents
		"Saint-Étienne", "saintetienne", "etienne", "Clermont-Ferrand", "ferrand", "Aulnay-sous-Bois", // hyphens
		"BioX4Clusters", "clusters", "3D-Bioprint", "3dbioprint", "bioprinting", "2012", // digits
		"O'Neill", "oneill", "Łódź", "lodz", "Île-de-France", // apostrophe, letters of their own
		"immuno-oncology", "immunooncology", "oncology", "mRNA", "vaccines", "hôpitaux", "companies", // competencies, plurals
		"atlanpole", "lyonbiopole", "Auvergne-Rhône-Alpes", "rhone", "ERAI",
	} {
		t.Run(word, func(t *testing.T) {
			eval[any](t, ctx, `(() => { const q = document.getElementById("cat-q"); q.value = ""; q.dispatchEvent(new Event("input", {bubbles: true})); })()`)
			var states []shown
			typed := ""
			for _, key := range word {
				typed += string(key)
				if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("cat-q"), string(key))); err != nil {
					t.Fatal(err)
				}
				s := eval[shown](t, ctx, state)
				if s.Value != typed {
					t.Fatalf("after typing %q the box holds %q", typed, s.Value)
				}
				states = append(states, s)
			}
			whole := states[len(states)-1].Names
			if len(whole) == 0 {
				t.Fatalf("%q finds nothing", word)
			}
			for _, s := range states {
				for _, n := range whole {
					if !slices.Contains(s.Names, n) {
						t.Errorf("%q finds %q, but %q on the way does not: %q", word, n, s.Value, s.Names)
					}
				}
				toks := catalogue.Tokens(s.Value)
				if len(toks) != 1 || !unicode.IsLetter([]rune(s.Value)[len([]rune(s.Value))-1]) && !unicode.IsDigit([]rune(s.Value)[len([]rune(s.Value))-1]) {
					continue // several words, or a word just ended: the superset above is what matters
				}
				if want := expected(toks[0]); !slices.Equal(s.Names, want) {
					t.Errorf("%q: got %q; want the organisations with a word that begins with %q: %q", s.Value, s.Names, toks[0], want)
				}
			}
		})
	}
	for _, p := range w.list() {
		// Chromium warns when a page changes its URL more than 200 times
		// in 10 seconds: this test types faster than anyone does.
		if !strings.Contains(p, "Throttling navigation") {
			t.Errorf("page: %s", p)
		}
	}
}
