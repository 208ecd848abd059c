package catalogue

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
)

// The search index, built here and read by static/js/catalogue.js.
//
// Records are numbered in display order (their names in the language's
// collation), so that results of equal score come out alphabetically.
//
// The term dictionary is every index term, sorted by UTF-16 code units
// (JavaScript's string order), so a prefix is a contiguous range found by
// binary search. It is front-coded in one string: each term is one base-36
// digit giving how many leading UTF-16 units it shares with the term
// before (at most 35), then the rest of the term, then a comma.
//
// Each term has three posting lists, written one after the other in one
// string of variable-length integers (below), in dictionary order:
// the count of name postings, of text postings and of value references,
// then the name postings (record numbers), the text postings (record
// numbers) and the value references (global value numbers: the values of
// all groups, group after group). Within a list the first number is
// written as is and each next one as its gap minus one.
//
// A term whose three lists are empty is an alias: a plural whose singular
// does not begin with it ("companies"), which stands for the term of its
// singular (the script's stem of it), so that a prefix of the plural
// ("compani") finds what the plural finds.
//
// A value reference stands for every record that has that value: the word
// "immunology" points at one competency, not at the 900 partners that
// list it, whose competencies the script knows anyway to count facets.
// This keeps the index small and gives each group its own weight.
//
// Integers are written in base 32, most significant digit first, one
// character a digit: the last digit of a number is one of "0"-"9", "a"-"v",
// the others are one of "w"-"z", "A"-"Z", "-", "_".
const varAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// appendVarint writes n >= 0 in the index's integer encoding.
func appendVarint(b []byte, n int) []byte {
	var digits [14]byte
	i := len(digits)
	i--
	digits[i] = varAlphabet[n&31]
	n >>= 5
	for n > 0 {
		i--
		digits[i] = varAlphabet[32+n&31]
		n >>= 5
	}
	return append(b, digits[i:]...)
}

// readVarints decodes a string of the index's integers (for tests).
func readVarints(s string) ([]int, bool) {
	var out []int
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(varAlphabet, s[i])
		if d < 0 {
			return nil, false
		}
		n = n<<5 | d&31
		if d < 32 {
			out = append(out, n)
			n = 0
		}
	}
	return out, n == 0
}

// appendList writes a sorted list of distinct integers: the first as is,
// then each gap minus one.
func appendList(b []byte, list []int) []byte {
	prev := -1
	for _, n := range list {
		b = appendVarint(b, n-prev-1)
		prev = n
	}
	return b
}

// postings are one term's lists.
type postings struct {
	name, text, refs []int
}

// add appends n to a sorted list unless it is already its last element
// (records and values are visited in increasing order).
func add(list []int, n int) []int {
	if k := len(list); k > 0 && list[k-1] == n {
		return list
	}
	return append(list, n)
}

// nameTerms returns the index terms of an organisation's name: its
// textTerms, and the parts of words written in camel case or with digits
// ("BioWin": biowin, bio, win; "BioX4Clusters": bio, x, 4, clusters).
func nameTerms(name, lang string) []string {
	terms := textTerms(name, lang)
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !isWordRune(r) }) {
		for _, p := range camelParts(w) {
			if !stopwords[p] {
				terms = append(terms, Stem(p, lang))
			}
		}
	}
	return terms
}

// Words written in parts. A name such as "L'Oréal", "Saint-Étienne" or
// "E-Health 4.0" is read as its parts (oreal, saint, etienne) and also as
// the parts written together (loreal, saintetienne, ehealth, 40), as
// search engines do for compound words: a visitor who types "loreal" finds
// it at every letter, from "l" on, and one who types "oréal" too. Parts are
// joined across apostrophes, hyphens, dots, ampersands and the like, not
// across spaces or the punctuation that lists things (",;:/()").

// isChunkBreak tells what ends a word written in parts.
func isChunkBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",;:/\\()[]{}<>!?\"«»“”„|", r)
}

// textTerms returns the index terms of a text: its Terms, and each word
// written in parts as one term.
func textTerms(s, lang string) []string {
	out := Terms(s, lang)
	for _, chunk := range strings.FieldsFunc(s, isChunkBreak) {
		if t := joined(chunk, lang); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// joined returns the term of a word written in parts, or "" when chunk
// is one word.
func joined(chunk, lang string) string {
	toks := Tokens(chunk)
	if len(toks) < 2 {
		return ""
	}
	return Stem(strings.Join(toks, ""), lang)
}

// aliasOf returns the word a term was made from when its singular does
// not begin with it ("companies": company; "hôpitaux": hopital), or "".
// The index holds such a word as a term with no postings of its own, so
// that "compani" and "hopitau", on the way to the plural, find the
// singular: the script takes an empty term for its stem.
func aliasOf(word, lang string) string {
	if t := Stem(word, lang); !strings.HasPrefix(word, t) {
		return word
	}
	return ""
}

// aliases returns the aliasOf of every word of s, and of its words
// written in parts.
func aliases(s, lang string, add func(string)) {
	for _, w := range Tokens(s) {
		if !stopwords[w] {
			if a := aliasOf(w, lang); a != "" {
				add(a)
			}
		}
	}
	for _, chunk := range strings.FieldsFunc(s, isChunkBreak) {
		if toks := Tokens(chunk); len(toks) > 1 {
			if a := aliasOf(strings.Join(toks, ""), lang); a != "" {
				add(a)
			}
		}
	}
}

// wordTerms gives the textTerms of a text word by word, each word folded and
// stemmed once per index: summaries of thousands of organisations share
// most of their words, and folding text with accents is costly. Terms
// of a text is the Terms of its space-separated words in order, since
// folding never joins words across a space.
type wordTerms struct {
	lang  string
	m     map[string][]string
	alias func(string)
}

func (c *wordTerms) terms(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		ts, ok := c.m[w]
		if !ok {
			ts = textTerms(w, c.lang)
			if c.alias != nil {
				aliases(w, c.lang, c.alias)
			}
			c.m[w] = ts
		}
		out = append(out, ts...)
	}
	return out
}

// index is the built search index of one language.
type index struct {
	terms []string
	posts []*postings
}

// buildIndex indexes recs, whose values in each group are known.
func buildIndex(recs []*Record, groups []*group, lang string) *index {
	alias := map[string]bool{}
	addAlias := func(a string) { alias[a] = true }
	words := wordTerms{lang: lang, m: map[string][]string{}, alias: addAlias}
	dict := map[string]*postings{}
	get := func(t string) *postings {
		p := dict[t]
		if p == nil {
			p = &postings{}
			dict[t] = p
		}
		return p
	}
	for i, r := range recs {
		names := nameTerms(r.Name, lang)
		aliases(r.Name, lang, addAlias)
		if r.ShortName != "" {
			names = append(names, nameTerms(r.ShortName, lang)...)
			aliases(r.ShortName, lang, addAlias)
		}
		inName := map[string]bool{}
		for _, t := range names {
			inName[t] = true
			p := get(t)
			p.name = add(p.name, i)
		}
		text := r.Summary + "\n" + strings.Join(r.Technologies, "\n") + "\n" + strings.Join(r.Services, "\n")
		for _, t := range words.terms(text) {
			if !inName[t] { // the better field is enough
				p := get(t)
				p.text = add(p.text, i)
			}
		}
	}
	base := 0
	for _, g := range groups {
		for vi, v := range g.values {
			for _, t := range textTerms(v.Label, lang) {
				p := get(t)
				p.refs = add(p.refs, base+vi)
			}
			aliases(v.Label, lang, addAlias)
			if g.key == FacetCluster {
				if c := recs[v.Records[0]].Cluster.Cluster(); c != nil && c.ShortName != "" {
					for _, t := range Terms(c.ShortName, lang) {
						p := get(t)
						p.refs = add(p.refs, base+vi)
					}
				}
			}
		}
		base += len(g.values)
	}
	for a := range alias {
		if dict[a] == nil {
			dict[a] = &postings{}
		}
	}
	ix := &index{terms: make([]string, 0, len(dict))}
	for t := range dict {
		ix.terms = append(ix.terms, t)
	}
	keys := make(map[string][]uint16, len(ix.terms))
	for _, t := range ix.terms {
		keys[t] = utf16.Encode([]rune(t))
	}
	sort.Slice(ix.terms, func(i, j int) bool { return slices.Compare(keys[ix.terms[i]], keys[ix.terms[j]]) < 0 })
	ix.posts = make([]*postings, len(ix.terms))
	for i, t := range ix.terms {
		ix.posts[i] = dict[t]
	}
	return ix
}

// encodeTerms front-codes the sorted terms (see the package comment).
func encodeTerms(terms []string) string {
	var b strings.Builder
	var prev []uint16
	for _, t := range terms {
		u := utf16.Encode([]rune(t))
		n := 0
		for n < len(u) && n < len(prev) && n < 35 && u[n] == prev[n] {
			n++
		}
		if n > 0 && n < len(u) && utf16.IsSurrogate(rune(u[n])) && u[n] >= 0xDC00 {
			n-- // do not split a surrogate pair
		}
		b.WriteByte("0123456789abcdefghijklmnopqrstuvwxyz"[n])
		b.WriteString(string(utf16.Decode(u[n:])))
		b.WriteByte(',')
		prev = u
	}
	return b.String()
}

// encodePostings writes every term's lists (see the package comment).
func encodePostings(posts []*postings) string {
	var b []byte
	for _, p := range posts {
		b = appendVarint(b, len(p.name))
		b = appendVarint(b, len(p.text))
		b = appendVarint(b, len(p.refs))
		b = appendList(b, p.name)
		b = appendList(b, p.text)
		b = appendList(b, p.refs)
	}
	return string(b)
}

// encodeGroupRecords writes each record's values in g: for a group with
// one value a record, the value's number plus one (0: none); for a group
// with several, their count then the list.
func encodeGroupRecords(g *group) string {
	var b []byte
	for _, vals := range g.rec {
		if g.multi {
			b = appendVarint(b, len(vals))
			b = appendList(b, vals)
		} else if len(vals) == 0 {
			b = appendVarint(b, 0)
		} else {
			b = appendVarint(b, vals[0]+1)
		}
	}
	return string(b)
}

// defaultSlug is the slug the script derives from a name when the page's
// slug is not given: its folded words joined by hyphens. The search data
// leaves out slugs that are equal to it.
func defaultSlug(name string) string { return strings.Join(Tokens(name), "-") }
