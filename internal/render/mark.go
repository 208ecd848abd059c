package render

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"strings"
	"unicode"
)

// Marks stand in for the logo of an organisation that has none: its
// initials, white on a colour chosen from its name, so that cards and
// pages have a visual anchor that stays the same from build to build and
// from language to language.

// markColours are deep enough for white text (contrast at least 4.5:1) and
// far enough apart to tell neighbours on a page apart.
var markColours = []string{
	"#0b5d8c", // blue
	"#146c50", // green
	"#8a4b08", // amber
	"#6d3a9c", // violet
	"#a1323f", // red
	"#24637a", // teal
	"#5b6300", // olive
	"#3d4f8f", // indigo
}

// minorWords are left out of initials: "Hôpital universitaire de
// Varsovie" is HU, "Test & Partners" TP.
var minorWords = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "et": true,
	"of": true, "the": true, "and": true, "for": true, "d": true, "l": true, "a": true, "an": true}

// Initials returns up to two letters or digits for a name: the first of
// its first two words ("Klaster LifeScience Kraków": KL), or of a single
// word the capitals inside it ("BioM": BM, "bioMérieux": BM), else its
// first two letters ("Biocat": BI), in capitals.
func Initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var sig []string
	for _, w := range words {
		if !minorWords[strings.ToLower(w)] {
			sig = append(sig, w)
		}
	}
	if len(sig) == 0 {
		sig = words
	}
	var out []rune
	switch {
	case len(sig) == 0:
		return "?"
	case len(sig) == 1:
		rs := []rune(sig[0])
		out = append(out, rs[0])
		for i := 1; i < len(rs) && len(out) < 2; i++ {
			if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
				out = append(out, rs[i])
			}
		}
		if len(out) < 2 && len(rs) > 1 {
			out = append(out, rs[1])
		}
	default:
		out = []rune{[]rune(sig[0])[0], []rune(sig[1])[0]}
	}
	return strings.ToUpper(string(out))
}

// markColour is the colour of a name's mark.
func markColour(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return markColours[h.Sum32()%uint32(len(markColours))]
}

// Mark returns an organisation's generated mark as inline SVG. Its
// accessible name is the organisation's name ("Logo of" is not said: it
// is not the logo), unless decorative is true, for a mark beside the
// name, which then is hidden from screen readers.
func (d *Data) Mark(name string, decorative bool) template.HTML {
	initials := template.HTMLEscapeString(Initials(name))
	size := "44"
	if len([]rune(Initials(name))) > 1 {
		size = "38"
	}
	a11y := `role="img" aria-label="` + template.HTMLEscapeString(name) + `"`
	if decorative {
		a11y = `aria-hidden="true"`
	}
	return template.HTML(fmt.Sprintf(`<svg class="mark" viewBox="0 0 96 96" width="96" height="96" %s focusable="false"><rect width="96" height="96" rx="22" fill="%s"/><text x="48" y="50" fill="#fff" font-size="%s" font-weight="700" font-family="system-ui, sans-serif" text-anchor="middle" dominant-baseline="central">%s</text></svg>`,
		a11y, markColour(name), size, initials))
}
