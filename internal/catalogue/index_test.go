package catalogue

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/templates"
)

func TestVarint(t *testing.T) {
	tests := []struct {
		name string
		in   []int
	}{
		{"zero", []int{0}},
		{"one digit", []int{31}},
		{"two digits", []int{32}},
		{"large", []int{1 << 40}},
		{"several", []int{0, 5, 1000, 31, 32}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b []byte
			for _, n := range tt.in {
				b = appendVarint(b, n)
			}
			got, ok := readVarints(string(b))
			if !ok || !slices.Equal(got, tt.in) {
				t.Errorf("round trip of %v: got %v (%q, ok %v); want %v", tt.in, got, b, ok, tt.in)
			}
		})
	}
	if got := string(appendVarint(nil, 1000)); got != "_8" {
		t.Errorf("1000: got %q; want %q (31*32+8: continuation digit 31, last digit 8)", got, "_8")
	}
}

func TestAppendList(t *testing.T) {
	got, _ := readVarints(string(appendList(nil, []int{3, 4, 10, 200})))
	want := []int{3, 0, 5, 189}
	if !slices.Equal(got, want) {
		t.Errorf("gaps of 3 4 10 200: got %v; want %v", got, want)
	}
}

// decodeTerms undoes encodeTerms as the script does.
func decodeTerms(s string) []string {
	var out []string
	var prev []uint16
	for _, part := range strings.Split(s, ",") {
		if part == "" {
			continue
		}
		n, _ := strconv.ParseInt(part[:1], 36, 0)
		u := append(prev[:n:n], utf16.Encode([]rune(part[1:]))...)
		out = append(out, string(utf16.Decode(u)))
		prev = u
	}
	return out
}

func TestEncodeTerms(t *testing.T) {
	terms := []string{"bio", "biom", "biomerieux", "biotech", "krakow", "𝒜lpha", "𝒜lphabet", "日本", "日本語"}
	enc := encodeTerms(terms)
	if !strings.HasPrefix(enc, "0bio,3m,4erieux,3tech,0krakow,") {
		t.Errorf("front coding: got %q; want shared prefixes counted", enc)
	}
	if got := decodeTerms(enc); !slices.Equal(got, terms) {
		t.Errorf("round trip: got %q; want %q", got, terms)
	}
	long := strings.Repeat("a", 40)
	if got := decodeTerms(encodeTerms([]string{long, long + "b"})); !slices.Equal(got, []string{long, long + "b"}) {
		t.Errorf("prefix longer than 35: got %q", got)
	}
}

// testLocale is the English locale of the default theme.
func testLocale(t *testing.T) *i18n.Locale {
	t.Helper()
	b, err := i18n.LoadDir(templates.FS, "i18n", []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	return b.Locale("en")
}

// testRecords is a small catalogue.
func testRecords() ([]*Record, []*group) {
	cluster := &site.Page{Name: "biom", Slug: "biom", Params: &site.Cluster{Front: site.Front{Title: "BioM"}, ShortName: "BioM"}}
	recs := []*Record{
		{Kind: KindPartner, Name: "BioWin", Summary: "Cluster of Wallonia, with biotech companies.", OrgType: "cluster", Country: "BE", City: "Gosselies", Competencies: []string{"immunology"}},
		{Kind: KindPartner, Name: "ImmunoLab", Summary: "Immunology studies for companies.", OrgType: "cro", Country: "DE", City: "München", Competencies: []string{"immunology", "oncology"}, Cluster: cluster},
		{Kind: KindPartner, Name: "Kraków Labs", Summary: "Oncology.", OrgType: "lab", Country: "PL", City: "Kraków", Competencies: []string{"oncology"}},
		{Kind: KindPartner, Name: "L'Oréal BioX4", Summary: "Skin research in Saint-Étienne.", OrgType: "lab", Country: "FR", City: "Marcy-l'Étoile"},
	}
	return recs, nil
}

func TestBuildIndex(t *testing.T) {
	recs, _ := testRecords()
	cfg := &site.Config{Vocabularies: site.Vocabularies{
		"orgType":    {"cluster": {"en": "Cluster organisation"}, "cro": {"en": "Contract research organisation (CRO)"}, "lab": {"en": "Laboratory"}},
		"competency": {"immunology": {"en": "Immunology"}, "oncology": {"en": "Oncology"}},
	}}
	s := &site.Site{Config: cfg}
	loc := testLocale(t)
	var groups []*group
	for _, k := range []string{FacetCountry, FacetOrgType, FacetCompetency, FacetCluster, groupCity} {
		groups = append(groups, buildGroup(k, true, recs, s, "en", loc))
	}
	ix := buildIndex(recs, groups, "en")
	post := func(term string) *postings {
		i, ok := slices.BinarySearch(ix.terms, term)
		if !ok {
			t.Fatalf("term %q: not in the index %q", term, ix.terms)
		}
		return ix.posts[i]
	}
	// Global value numbers: countries BE DE FR PL (0-3), types (4-6),
	// competencies (7-8), cluster (9), cities (10-13).
	tests := []struct {
		name, term       string
		name_, text, ref []int
	}{
		{"name word", "biowin", []int{0}, nil, nil},
		{"camel part", "win", []int{0}, nil, nil},
		{"name beats summary", "immunolab", []int{1}, nil, nil},
		{"summary plural folded", "company", nil, []int{0, 1}, nil},
		{"competency label points at the value", "oncology", nil, []int{2}, []int{8}},
		{"competency and summary", "immunology", nil, []int{1}, []int{7}},
		{"type label", "cro", nil, nil, []int{5}},
		{"city with accent", "krakow", []int{2}, nil, []int{11}},
		{"cluster short name", "biom", nil, nil, []int{9}},
		{"name word after an apostrophe", "oreal", []int{3}, nil, nil},
		{"name word written in parts, together", "loreal", []int{3}, nil, nil},
		{"digits in a name, a part", "4", []int{3}, nil, nil},
		{"summary word written in parts", "saintetienne", nil, []int{3}, nil},
		{"place written in parts", "marcyletoile", nil, nil, []int{12}},
		{"a plural whose singular does not begin with it: an empty alias", "companies", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := post(tt.term)
			if !slices.Equal(p.name, tt.name_) || !slices.Equal(p.text, tt.text) || !slices.Equal(p.refs, tt.ref) {
				t.Errorf("%q: got name %v text %v refs %v; want %v %v %v", tt.term, p.name, p.text, p.refs, tt.name_, tt.text, tt.ref)
			}
		})
	}
	for _, plural := range []string{"studies", "labs"} {
		// "studies" stands for "study", which does not begin with it;
		// "labs" needs no alias: "lab" begins it.
		_, ok := slices.BinarySearch(ix.terms, plural)
		if want := plural == "studies"; ok != want {
			t.Errorf("alias %q: got %v; want %v", plural, ok, want)
		}
	}
	for _, stop := range []string{"of", "with", "for"} {
		if _, ok := slices.BinarySearch(ix.terms, stop); ok {
			t.Errorf("stopword %q: got indexed; want left out", stop)
		}
	}
	if !slices.IsSortedFunc(ix.terms, func(a, b string) int { return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b))) }) {
		t.Errorf("terms: not sorted in UTF-16 order")
	}
	// The postings string decodes back to the lists.
	nums, ok := readVarints(encodePostings(ix.posts))
	if !ok {
		t.Fatal("postings: not a string of integers")
	}
	k := 0
	for i, p := range ix.posts {
		counts := nums[k : k+3]
		if counts[0] != len(p.name) || counts[1] != len(p.text) || counts[2] != len(p.refs) {
			t.Fatalf("term %q: got counts %v; want %d %d %d", ix.terms[i], counts, len(p.name), len(p.text), len(p.refs))
		}
		k += 3 + counts[0] + counts[1] + counts[2]
	}
	if k != len(nums) {
		t.Errorf("postings: %d integers left over", len(nums)-k)
	}
}

func TestEncodeGroupRecords(t *testing.T) {
	recs, _ := testRecords()
	s := &site.Site{Config: &site.Config{}}
	loc := testLocale(t)
	single := buildGroup(FacetCountry, true, recs, s, "en", loc)
	if got, _ := readVarints(encodeGroupRecords(single)); !slices.Equal(got, []int{1, 3, 4, 2}) {
		t.Errorf("countries: got %v; want value+1 per record", got)
	}
	multi := buildGroup(FacetCompetency, true, recs, s, "en", loc)
	if got, _ := readVarints(encodeGroupRecords(multi)); !slices.Equal(got, []int{1, 0, 2, 0, 0, 1, 1, 0}) {
		t.Errorf("competencies: got %v; want count then list per record", got)
	}
}
