package serve

import (
	"errors"
	"testing"

	"github.com/consort-ssg/consort/internal/site"
)

// TestAdviceForSiteYAML: problems in site.yaml get the settings' advice,
// never the front matter's.
func TestAdviceForSiteYAML(t *testing.T) {
	tests := []struct {
		p    site.Problem
		want string
	}{
		{site.Problem{File: site.ConfigFile, Line: 4, Field: "languages", Msg: `"xx" is not a language code CLDR knows`}, "language"},
		{site.Problem{File: site.ConfigFile, Line: 3, Msg: "not valid YAML: mapping values are not allowed in this context; check indentation, colons and quotes"}, "config"},
		{site.Problem{File: site.ConfigFile, Line: 9, Field: "vocabularies.orgType.agency", Msg: "agency has no en label"}, "config"},
		{site.Problem{File: "templates/i18n/de.yaml", Line: 3, Msg: "key \"x\": template: unexpected"}, "strings"},
	}
	for _, tt := range tests {
		if got := adviceFor(tt.p); got != tt.want {
			t.Errorf("adviceFor(%v) = %q; want %q", tt.p, got, tt.want)
		}
	}
	ps := problemsOf(errors.New(`templates/i18n/xx.yaml: "xx" is not a language code CLDR knows`))
	if len(ps) != 1 || ps[0].File != "templates/i18n/xx.yaml" || adviceFor(ps[0]) != "strings" {
		t.Errorf("problemsOf: got %+v", ps)
	}
	if got := problemView(ps[0], messagesFor("en")).Advice; got != english.Advice["strings"] {
		t.Errorf("advice: got %q", got)
	}
}
