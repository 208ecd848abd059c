package build

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fundingRE finds what the funding presets change on a page: the footer's
// funding block and the emblem at the top of a home page.
var fundingRE = regexp.MustCompile(`(?s)<section class="funding".*?</section>|<p class="eu-statement funding-home">.*?</p>`)

var starsRE = regexp.MustCompile(`d="M[^"]*"`)

// TestFundingPresets builds a two-language site for each funding preset
// (testdata/funding/*.txtar) and compares, per language, the funding
// block of the home page and the warnings about site.yaml with
// testdata/funding/<name>.golden.
func TestFundingPresets(t *testing.T) {
	matches, _ := filepath.Glob("testdata/funding/*.txtar")
	if len(matches) < 7 {
		t.Fatalf("want a fixture per preset and the old form, have %d", len(matches))
	}
	for _, m := range matches {
		name := strings.TrimSuffix(filepath.Base(m), ".txtar")
		t.Run(name, func(t *testing.T) {
			res, err := buildFixture(t, fixture(t, "funding/"+name))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, lang := range res.Site.Langs() {
				home := file(t, res, lang+"/index.html")
				parts := fundingRE.FindAllString(home, -1)
				if len(parts) == 0 {
					t.Errorf("%s/index.html has no funding block", lang)
				}
				got.WriteString("== " + lang + "/index.html\n")
				for _, p := range parts {
					// The emblem's stars are tested in render.
					p = starsRE.ReplaceAllString(p, `d="(the twelve stars)"`)
					got.WriteString(p + "\n")
				}
			}
			got.WriteString("== warnings\n")
			for _, w := range res.Warnings {
				if w.File == "content/site.yaml" {
					got.WriteString(w.String() + "\n")
				}
			}
			golden := filepath.Join("testdata", "funding", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v; run go test -update to create it", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("differs from %s (run go test ./internal/build -run TestFundingPresets -update to accept):\n%s", golden, firstDiff(got.String(), string(want)))
			}
		})
	}
}
