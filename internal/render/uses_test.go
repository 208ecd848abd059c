package render

import (
	"slices"
	"testing"

	"github.com/consort-ssg/consort/templates"
)

func TestUses(t *testing.T) {
	e, err := New(templates.FS, []string{"en", "fr"})
	if err != nil {
		t.Fatal(err)
	}
	for layout, want := range map[string][]string{
		"partner": {"base.html", "partner.html", "partials/org.html", "partials/footer-main.html", "partials/nav.html"},
		"news":    {"base.html", "news.html"},
	} {
		got := e.Uses(layout)
		t.Logf("%s: %v", layout, got)
		for _, f := range want {
			if !slices.Contains(got, f) {
				t.Errorf("Uses(%q) = %v; want it to hold %s", layout, got, f)
			}
		}
		if slices.Contains(got, "partials/org.html") != (layout == "partner") {
			t.Errorf("Uses(%q) = %v; partials/org.html is used by cluster and partner pages only", layout, got)
		}
	}
}
