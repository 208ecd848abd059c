package scaffold

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/site"
)

// TestKindFields checks the field list that other generators start from
// against the schemas: every field whose value is a vocabulary's key is
// marked with that vocabulary, and every reference names a field of its
// kind and an existing section.
func TestKindFields(t *testing.T) {
	cfg := &site.Config{Vocabularies: site.Vocabularies{
		"orgType":         {"o1": {}},
		"competency":      {"c1": {}},
		"missionType":     {"m1": {}},
		"therapeuticArea": {"t1": {}},
	}}
	used := map[string]bool{}
	for _, k := range SchemaKinds() {
		fields := KindFields(k, cfg)
		if got, want := len(fields), len(Fields(k)); got != want {
			t.Errorf("%s: %d fields, want %d", k, got, want)
		}
		for _, f := range fields {
			if f.Vocabulary != "" {
				used[f.Path] = true
			}
			data, err := json.Marshal(f.Schema)
			if err != nil {
				t.Fatal(err)
			}
			js := string(data)
			for vocab, keys := range cfg.Vocabularies {
				for key := range keys {
					if strings.Contains(js, `"`+key+`"`) && f.Vocabulary != vocab {
						t.Errorf("%s.%s: the schema takes keys of %s; Vocabulary is %q", k, f.Path, vocab, f.Vocabulary)
					}
				}
			}
		}
	}
	for p := range fieldVocab {
		if !used[p] {
			t.Errorf("fieldVocab names %s, which no kind has", p)
		}
	}
	for kf, sec := range fieldRefers {
		kind, name, _ := strings.Cut(kf, ".")
		if !slices.Contains(Fields(site.Kind(kind)), name) {
			t.Errorf("fieldRefers names %s, which kind %s does not have", kf, kind)
		}
		if !slices.ContainsFunc(SchemaKinds(), func(k site.Kind) bool { return site.SectionOf(k) == sec }) {
			t.Errorf("fieldRefers: %s refers to %s, which is no kind's section", kf, sec)
		}
	}
}
