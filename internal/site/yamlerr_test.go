package site

import (
	"testing"
	"testing/fstest"
)

// TestYAMLMessages: front matter that does not parse is explained in an
// editor's words, at the line of the mistake, with how to fix it.
func TestYAMLMessages(t *testing.T) {
	tests := []struct{ name, front, want string }{
		{"tab", "title: A\n\tsummary: x\n",
			"content/en/about.md:3: front matter is not valid YAML: this line is indented with a tab; YAML does not allow tabs for indentation: replace the tab with spaces"},
		{"indented too far", "title: A\n  summary: x\n",
			"content/en/about.md:3: front matter is not valid YAML: this line is indented more than the line above, which already has its value; start it in the same column as the line above, or leave the value of the line above empty to make this line a part of it"},
		{"not lined up", "title: A\nlocation:\n  lat: 1\n lon: 2\n",
			"content/en/about.md:5: front matter is not valid YAML: this line is not lined up with the lines above it: it starts after 1 space, the fields above after 2 or 0; line it up with the ones it belongs with"},
		{"unclosed double quote", "title: \"A\nsummary: x\ncountry: FR\n",
			`content/en/about.md:2: front matter is not valid YAML: the text starts with " but does not end with one; put " at the end of the text, on the same line`},
		{"unclosed single quote", "title: A\nsummary: 'x\n",
			`content/en/about.md:3: front matter is not valid YAML: the text starts with ' but does not end with one; put ' at the end of the text, on the same line`},
		{"text after the quote", "title: \"Lyon\" biopole\n",
			`content/en/about.md:2: front matter is not valid YAML: there is more after the closing " (biopole); put the whole value between quotes: title: "Lyon biopole"`},
		{"unclosed bracket", "title: A\nsummary: x\ncompetencies: [biotech, medtech\n",
			"content/en/about.md:4: front matter is not valid YAML: the list opened with [ is not closed; end it with ] on the same line, e.g. [US, FR]"},
		{"unclosed brace", "title: A\nlocation: {lat: 1, lon: 2\n",
			"content/en/about.md:3: front matter is not valid YAML: the set opened with { is not closed; end it with } on the same line, e.g. {lat: 45.76, lon: 4.84}"},
		{"colon in a value", "title: Lyon: the sequel\n",
			`content/en/about.md:2: front matter is not valid YAML: the value contains a colon followed by a space, which YAML reads as a new field; put the value between quotes: title: "Lyon: the sequel"`},
		{"no colon", "title: A\nsummary x\n",
			"content/en/about.md:3: front matter is not valid YAML: this line has no colon; write every field as `name: value` (text that goes on from the line above must be indented)"},
		{"at sign", "title: @home\n",
			`content/en/about.md:2: front matter is not valid YAML: a value cannot start with @ in YAML; put it between quotes: title: "@home"`},
		{"anchor on its line", "title: About\nsummary: x\n\ncity: &c Lyon\nregion: *c\n",
			"content/en/about.md:5: YAML anchors and aliases (&name, *name) are not supported in content; write the value out in full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/site.yaml":   {Data: []byte("title: {en: Demo}\nlanguages: [{code: en, name: English}]\n")},
				"content/en/index.md": {Data: []byte("---\ntitle: Demo\n---\n")},
				"content/en/about.md": {Data: []byte("---\n" + tt.front + "---\nBody.\n")},
			}
			_, err := Load(fsys, Options{})
			ps, _ := err.(Problems)
			if len(ps) != 1 || ps[0].String() != tt.want {
				t.Errorf("got\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestYAMLMessagesSiteConfig: site.yaml is explained alike, at its own
// lines.
func TestYAMLMessagesSiteConfig(t *testing.T) {
	_, ps := ParseConfig([]byte("title: {en: Demo}\nlanguages:\n\t- {code: en}\n"))
	want := "content/site.yaml:3: is not valid YAML: this line is indented with a tab; YAML does not allow tabs for indentation: replace the tab with spaces"
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("got %v; want %s", ps, want)
	}
	_, ps = ParseConfig([]byte("title: {en: Demo}\nx: &a 1\ny: *a\n"))
	want = "content/site.yaml:2: YAML anchors and aliases (&name, *name) are not supported; write the value out in full"
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("got %v; want %s", ps, want)
	}
}

func TestWithArticle(t *testing.T) {
	for noun, want := range map[string]string{
		"orgType": "an orgType", "competency": "a competency", "missionType": "a missionType",
		"therapeuticArea": "a therapeuticArea", "interview": "an interview", "unit": "a unit",
		"SME": "an SME", "user": "a user", "umbrella": "an umbrella", "European": "a European",
	} {
		if got := withArticle(noun); got != want {
			t.Errorf("withArticle(%q) = %q; want %q", noun, got, want)
		}
	}
}
