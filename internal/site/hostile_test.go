package site

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestHostileContent loads content written to hurt: each row wants the
// exact problems (warnings about the missing French folder aside), and
// none may take long or panic.
func TestHostileContent(t *testing.T) {
	const outside = "---\ntitle: SECRET\n---\nSECRET\n"
	tests := []struct {
		name  string
		files []string
		// links are symbolic links: link path, target
		links []string
		want  []string
	}{
		{
			name:  "empty front matter names the missing title only",
			files: []string{"content/en/about.md", "---\n---\nBody.\n"},
			want:  []string{"content/en/about.md:1: title: missing; every page needs a title"},
		},
		{
			name:  "empty TOML front matter names the missing title only",
			files: []string{"content/en/about.md", "+++\n+++\nBody.\n"},
			want:  []string{"content/en/about.md:1: title: missing; every page needs a title"},
		},
		{
			name:  "YAML nested 100 deep",
			files: []string{"content/en/about.md", "---\ntitle: x\nsummary: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n---\n"},
			want:  []string{"content/en/about.md:2: front matter nests lists or sets of keys more than 64 levels deep; write the values out flat"},
		},
		{
			// BurntSushi/toml takes half a minute for 10,000 levels of
			// inline tables: the depth is checked before it runs.
			name:  "TOML inline tables nested 10,000 deep",
			files: []string{"content/en/about.md", "+++\ntitle = 'x'\nsummary = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n+++\n"},
			want:  []string{"content/en/about.md:2: front matter nests lists or sets of keys more than 64 levels deep; write the values out flat"},
		},
		{
			name:  "TOML brackets inside strings and comments do not count",
			files: []string{"content/en/about.md", "+++\ntitle = '" + strings.Repeat("[", 100) + "'\nsummary = \"\\\"" + strings.Repeat("{", 100) + "\"\n# " + strings.Repeat("[", 100) + "\n+++\n"},
		},
		{
			name:  "site.yaml nested 100 deep",
			files: []string{ConfigFile, "title: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n"},
			want:  []string{"content/site.yaml:1: nests lists or sets of keys more than 64 levels deep; write the values out flat"},
		},
		{
			name: "billion laughs",
			files: []string{"content/en/about.md", "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
				"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
				"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\ntitle: *g\n---\n"},
			want: []string{"content/en/about.md:2: YAML anchors and aliases (&name, *name) are not supported in content; write the value out in full"},
		},
		{
			name:  "10,000 unknown keys make 51 messages",
			files: []string{"content/en/about.md", "---\ntitle: x\n" + manyKeys(10000) + "---\n"},
			want: append(func() []string {
				var w []string
				for i := range 50 {
					w = append(w, fmt.Sprintf("content/en/about.md:%d: qqqqqqqq%d: unknown field; known fields: %s", i+3, i, pageFields))
				}
				return w
			}(), "content/en/about.md:53: and 9950 more problems in the front matter; fix the ones above first"),
		},
		{
			name:  "a folder whose name makes no URL segment",
			files: []string{"content/en/日本/x.md", "---\ntitle: X\n---\n", "content/en/-/y.md", "---\ntitle: Y\n---\n"},
			want: []string{
				"content/en/-/y.md: the folder name \"-\" cannot be used in a URL; rename the folder with letters or digits",
				"content/en/日本/x.md: the folder name \"日本\" cannot be used in a URL; rename the folder with letters or digits",
			},
		},
		{
			name:  "a language folder that is a link",
			files: []string{"outside/page.md", outside},
			links: []string{"content/fr", "../outside"},
			want:  []string{"content/fr: is a symbolic link; consort does not follow links in content/, copy the file instead"},
		},
		{
			name:  "site.yaml that is a link",
			files: []string{"outside/site.yaml", testConfig},
			links: []string{ConfigFile, "../outside/site.yaml"},
			want:  []string{"content/site.yaml: is a symbolic link; consort does not follow links in content/, copy the file instead"},
		},
		{
			name:  "a page that is a link",
			files: []string{"outside/page.md", outside},
			links: []string{"content/en/about.md", "../../outside/page.md"},
			want:  []string{"content/en/about.md: is a symbolic link; consort does not follow links in content/, copy the file instead"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := siteFS("content/en/index.md", "---\ntitle: Home\n---\n")
			for i := 0; i+1 < len(tt.files); i += 2 {
				fsys[tt.files[i]] = &fstest.MapFile{Data: []byte(tt.files[i+1])}
			}
			for i := 0; i+1 < len(tt.links); i += 2 {
				delete(fsys, tt.links[i])
				fsys[tt.links[i]] = &fstest.MapFile{Data: []byte(tt.links[i+1]), Mode: fs.ModeSymlink}
			}
			_, err := Load(fsys, Options{Clock: clock})
			var got []string
			if ps, ok := err.(Problems); ok {
				for _, p := range ps {
					if p.Severity == Error {
						got = append(got, p.String())
					}
				}
			} else if err != nil {
				t.Fatalf("got %T %v; want Problems", err, err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// pageFields are the fields of a plain page, as an unknown field's
// message lists them.
const pageFields = "aliases, alt, date, draft, expiryDate, image, publishDate, slug, summary, title, translatedFrom, translationKey, weight"

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "qqqqqqqq%d: 1\n", i)
	}
	return b.String()
}

func TestTOMLDepth(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"flat", "title = 'x'\n", 0},
		{"table header", "[source]\nname = 'x'\n", 1},
		{"array of tables", "[[a]]\n", 2},
		{"nested arrays", "a = [[1], [[2]]]\n", 3},
		{"inline tables", "a = {b = {c = 1}}\n", 2},
		{"brackets in a basic string", `a = "[[[{{{"`, 0},
		{"escaped quote in a basic string", `a = "\"[[[" b = [1]`, 1},
		{"brackets in a literal string", `a = '[[[\' b = [1]`, 1},
		{"multi-line strings", "a = \"\"\"\n[[\"[\n\"\"\"\nb = '''\n{{'\n'''\n", 0},
		{"comment", "# [[[[\na = [1]\n", 1},
		{"unterminated string", `a = "[[[`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tomlDepth([]byte(tt.text)); got != tt.want {
				t.Errorf("tomlDepth(%q) = %d; want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestMenuURL(t *testing.T) {
	tests := []struct {
		name, url string
		want      bool
	}{
		{"site path", "/en/catalogue/", true},
		{"site path with fragment and query", "/en/catalogue/?q=x#list", true},
		{"https", "https://example.org/a", true},
		{"mailto", "mailto:info@example.org", true},
		{"javascript", "javascript:alert(1)", false},
		{"javascript with a leading space and capitals", " JAVASCRIPT:alert(1)", false},
		{"data", "data:text/html,x", false},
		{"dot dot", "/en/../../etc/passwd", false},
		{"encoded dot dot", "/%2e%2e/x", false},
		{"protocol-relative", "//evil.example/", false},
		{"backslash", "/\\evil.example/", false},
		{"relative", "about/", false},
		{"https without host", "https:///x", false},
		{"empty mailto", "mailto:", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := menuURL(tt.url); got != tt.want {
				t.Errorf("menuURL(%q) = %v; want %v", tt.url, got, tt.want)
			}
		})
	}
}

func TestCheckNesting(t *testing.T) {
	nested := func(unit string, n int) string { return strings.Repeat(unit, n) + "x\n" }
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name, body string
		line       int
	}{
		{"plain text", "Hello.\n\nWorld.\n", 0},
		{"32 quotes", nested(">", 32), 0},
		{"33 quotes", "ok\n" + nested(">", 33), 2},
		{"33 spaced quotes", nested("> ", 33), 1},
		{"33 list markers", nested("- ", 33), 1},
		{"33 ordered markers", nested("1. ", 33), 1},
		{"mixed quotes and lists", nested("> * 2) + ", 9), 1},
		{"list nested by indentation, 128 levels", indented(128), 0},
		{"list nested by indentation, 129 levels", indented(129), 129},
		{"tabs count four columns", strings.Repeat("\t", 65) + "x\n", 1},
		{"a thematic break is no list", strings.Repeat("-", 500) + "\n", 0},
		{"emphasis is no list", strings.Repeat("*a", 500) + "\n", 0},
		{"a year is no list", "2020. " + strings.Repeat("-", 100) + "\n", 0},
		{"dashes in a table", "| a |\n|" + strings.Repeat("---|", 100) + "\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, msg := checkNesting([]byte(tt.body)); got != tt.line {
				t.Errorf("checkNesting = line %d (%s); want line %d", got, msg, tt.line)
			}
		})
	}
}
