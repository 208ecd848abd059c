package markdown

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func TestGFM(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "table",
			in:   "| a | b |\n|---|---|\n| 1 | 2 |\n",
			want: "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "strikethrough",
			in:   "~~gone~~\n",
			want: "<p><del>gone</del></p>\n",
		},
		{
			name: "linkify scheme",
			in:   "See https://example.com/x now.\n",
			want: `<p>See <a href="https://example.com/x">https://example.com/x</a> now.</p>` + "\n",
		},
		{
			name: "linkify www",
			in:   "Visit www.example.org.\n",
			want: `<p>Visit <a href="http://www.example.org">www.example.org</a>.</p>` + "\n",
		},
		{
			name: "task list",
			in:   "- [x] done\n- [ ] todo\n",
			want: "<ul>\n" + `<li><input checked="" disabled="" type="checkbox"> done</li>` + "\n" +
				`<li><input disabled="" type="checkbox"> todo</li>` + "\n</ul>\n",
		},
		{
			name: "footnote",
			in:   "Text[^1].\n\n[^1]: The note.\n",
			want: `<p>Text<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>` + "\n" +
				`<div class="footnotes" role="doc-endnotes">` + "\n<hr>\n<ol>\n" + `<li id="fn:1">` + "\n" +
				`<p>The note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>` +
				"\n</li>\n</ol>\n</div>\n",
		},
		{
			name: "fenced code keeps straight punctuation",
			in:   "```go\nx := \"a\" -- b...\n```\n",
			want: `<pre><code class="language-go">x := &quot;a&quot; -- b...` + "\n</code></pre>\n",
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(c.Convert([]byte(tt.in), Context{Lang: "en"}).HTML)
			if got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestEnglishTypography(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"double quotes", `"Hello," she said.`, "<p>“Hello,” she said.</p>\n"},
		{"single quotes", `'Quoted' text`, "<p>‘Quoted’ text</p>\n"},
		{"apostrophes", "It's rock'n'roll.", "<p>It’s rock’n’roll.</p>\n"},
		{"dashes", "1990--2000 --- done", "<p>1990–2000 — done</p>\n"},
		{"ellipsis", "Wait...", "<p>Wait…</p>\n"},
		{"no French spaces", "Note: yes! Why? Because; here", "<p>Note: yes! Why? Because; here</p>\n"},
		{"angle brackets stay", "a << b >> c", "<p>a &lt;&lt; b &gt;&gt; c</p>\n"},
		{"code span untouched", "`\"a\" -- b...`", "<p><code>&quot;a&quot; -- b...</code></p>\n"},
		{"other language uses English", `"Hallo"`, "<p>“Hallo”</p>\n"}, // Dutch
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := "en"
			if tt.name == "other language uses English" {
				lang = "nl"
			}
			got := string(c.Convert([]byte(tt.in), Context{Lang: lang}).HTML)
			if got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestFrenchTypography(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"straight quotes become guillemets", `Il a dit "bonjour".`, "<p>Il a dit «\u202fbonjour\u202f».</p>\n"},
		{"spaced straight quotes", `Il a dit " bonjour ".`, "<p>Il a dit «\u202fbonjour\u202f».</p>\n"},
		{"typed guillemets with spaces", "« Bonjour »", "<p>«\u202fBonjour\u202f»</p>\n"},
		{"typed guillemets without spaces", "«Bonjour»", "<p>«\u202fBonjour\u202f»</p>\n"},
		{"angle brackets become guillemets", "<<Bonjour>>", "<p>«\u202fBonjour\u202f»</p>\n"},
		{"correct text unchanged", "Quoi\u202f? «\u202fOui\u202f»\u202f; note\u00a0: non\u202f!", "<p>Quoi\u202f? «\u202fOui\u202f»\u202f; note\u00a0: non\u202f!</p>\n"},
		{"normal space replaced", "Oui ; non ! Vraiment ?", "<p>Oui\u202f; non\u202f! Vraiment\u202f?</p>\n"},
		{"missing space added", "Oui; non! Vraiment?", "<p>Oui\u202f; non\u202f! Vraiment\u202f?</p>\n"},
		{"no-break space before ; replaced", "Oui\u00a0; non", "<p>Oui\u202f; non</p>\n"},
		{"several spaces become one", "Oui   !", "<p>Oui\u202f!</p>\n"},
		{"thousands", "421 000 euros et 1 500 000 visiteurs", "<p>421\u202f000 euros et 1\u202f500\u202f000 visiteurs</p>\n"},
		{"thousands after a no-break space", "421\u00a0000 euros", "<p>421\u202f000 euros</p>\n"},
		{"a year then a number is not one number", "en 2020 100 entreprises", "<p>en 2020 100 entreprises</p>\n"},
		{"two numbers", "les 3 1234 et 12 34 cas", "<p>les 3 1234 et 12 34 cas</p>\n"},
		{"thousands in emphasis", "*421 000* euros", "<p><em>421\u202f000</em> euros</p>\n"},
		{"code is left alone", "`421 000` euros", "<p><code>421 000</code> euros</p>\n"},
		{"colon gets a no-break space", "Note : ici. Note: là.", "<p>Note\u00a0: ici. Note\u00a0: là.</p>\n"},
		{"colon keeps an entity no-break space", "Note&nbsp;: ici", "<p>Note\u00a0: ici</p>\n"},
		{"colon keeps a narrow space", "Note\u202f: ici", "<p>Note\u202f: ici</p>\n"},
		{"doubled punctuation", "Quoi ?! Non!!", "<p>Quoi\u202f?! Non\u202f!!</p>\n"},
		{"after ellipsis and abbreviation", "Vraiment... ? etc. : fin", "<p>Vraiment…\u202f? etc.\u00a0: fin</p>\n"},
		{"across emphasis", "*mot* : **fort** !", "<p><em>mot</em>\u00a0: <strong>fort</strong>\u202f!</p>\n"},
		{"after a link", "[lien](https://example.com) ?", `<p><a href="https://example.com">lien</a>` + "\u202f?</p>\n"},
		{"after a code span", "`x`: y", "<p><code>x</code>\u00a0: y</p>\n"},
		{"at end of line", "Pourquoi?\nParce que.", "<p>Pourquoi\u202f?\nParce que.</p>\n"},
		{"apostrophes", "l'été d'aujourd'hui", "<p>l’été d’aujourd’hui</p>\n"},
		{"dashes and ellipsis", "Alors... bon -- oui --- non", "<p>Alors… bon – oui — non</p>\n"},
		{"times, schemes and double colons left alone", "À 10:30, le schéma http:// et a::b, ?x=1 et C:\\dir",
			"<p>À 10:30, le schéma http:// et a::b, ?x=1 et C:\\dir</p>\n"},
		{"code span untouched", "`a : b ! \"c\"`", "<p><code>a : b ! &quot;c&quot;</code></p>\n"},
		{"code block untouched", "```\nOui ; non ! \"c\"\n```\n", "<pre><code>Oui ; non ! &quot;c&quot;\n</code></pre>\n"},
		{"indented code untouched", "    Oui ; non !\n", "<pre><code>Oui ; non !\n</code></pre>\n"},
		{"autolink untouched", "Voir https://example.com/?a=1:2 !",
			`<p>Voir <a href="https://example.com/?a=1:2">https://example.com/?a=1:2</a>` + "\u202f!</p>\n"},
		{"link destination and title untouched", `[a : b](https://x.org/a:b "t : u")`,
			`<p><a href="https://x.org/a:b" title="t : u">a` + "\u00a0: b</a></p>\n"},
		{"escaped characters stay escaped", `\<c\> &amp; d !`, "<p>&lt;c&gt; &amp; d\u202f!</p>\n"},
		{"heading", "## Qualité : oui\n", "<h2 id=\"qualite-oui\">Qualité\u00a0: oui</h2>\n"},
		{"table cell", "| a |\n|---|\n| b ! |\n", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b\u202f!</td>\n</tr>\n</tbody>\n</table>\n"},
		{"image alt", "![Vue : Lyon](lyon.jpg)", "<p><img src=\"lyon.jpg\" alt=\"Vue\u00a0: Lyon\"></p>\n"},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(c.Convert([]byte(tt.in), Context{Lang: "fr"}).HTML)
			if got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
	t.Run("regional French", func(t *testing.T) {
		got := string(c.Convert([]byte("Oui !"), Context{Lang: "fr-CA"}).HTML)
		if want := "<p>Oui\u202f!</p>\n"; got != want {
			t.Errorf("got %q; want %q", got, want)
		}
	})
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name   string
		lang   string
		in     string
		offset int
		want   []Heading
	}{
		{
			name: "accents folded and duplicates numbered",
			lang: "fr", offset: 4,
			in: "# Qualité de l'eau\n\nTexte\n\n## Qualité de l'eau\n\n## Qualité de l'eau\n",
			want: []Heading{
				{Level: 1, ID: "qualite-de-l-eau", Text: "Qualité de l’eau", Line: 5},
				{Level: 2, ID: "qualite-de-l-eau-1", Text: "Qualité de l’eau", Line: 9},
				{Level: 2, ID: "qualite-de-l-eau-2", Text: "Qualité de l’eau", Line: 11},
			},
		},
		{
			name: "markup and ligatures",
			lang: "fr",
			in:   "### Œuvres & *projets* `v2` [lien](https://x.org)\n",
			want: []Heading{{Level: 3, ID: "oeuvres-projets-v2-lien", Text: "Œuvres & projets v2 lien", Line: 1}},
		},
		{
			name: "no letters",
			lang: "en",
			in:   "## !!!\n\n## ...\n",
			want: []Heading{
				{Level: 2, ID: "section", Text: "!!!", Line: 1},
				{Level: 2, ID: "section-1", Text: "…", Line: 3},
			},
		},
		{
			name: "setext",
			lang: "en", offset: 2,
			in:   "Intro\n\nSetext heading\n--------------\n",
			want: []Heading{{Level: 2, ID: "setext-heading", Text: "Setext heading", Line: 5}},
		},
		{
			name: "English apostrophes dropped",
			lang: "en",
			in:   "## Don't panic\n",
			want: []Heading{{Level: 2, ID: "dont-panic", Text: "Don’t panic", Line: 1}},
		},
		{
			name: "numbered ids do not collide",
			lang: "en",
			in:   "## A\n## A 1\n## A\n",
			want: []Heading{
				{Level: 2, ID: "a", Text: "A", Line: 1},
				{Level: 2, ID: "a-1", Text: "A 1", Line: 2},
				{Level: 2, ID: "a-2", Text: "A", Line: 3},
			},
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Convert([]byte(tt.in), Context{Lang: tt.lang, LineOffset: tt.offset}).Headings
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v; want %+v", got, tt.want)
			}
		})
	}
	t.Run("id in HTML", func(t *testing.T) {
		got := string(c.Convert([]byte("## Qualité"), Context{Lang: "fr"}).HTML)
		if want := "<h2 id=\"qualite\">Qualité</h2>\n"; got != want {
			t.Errorf("got %q; want %q", got, want)
		}
	})
}

// resolver resolves links against a fixed set of pages and records its calls.
type resolver struct {
	mu    sync.Mutex
	calls []string
}

func (r *resolver) resolve(dest string) (string, error) {
	r.mu.Lock()
	r.calls = append(r.calls, dest)
	r.mu.Unlock()
	pages := map[string]string{
		"../clusters/biocat.md": "/fr/clusters/biocat/",
		"about.md":              "/fr/a-propos/",
	}
	path, frag, hasFrag := strings.Cut(dest, "#")
	url, ok := pages[path]
	if !ok {
		return "", fmt.Errorf("no such page content/fr/%s", strings.TrimPrefix(path, "../"))
	}
	if hasFrag {
		url += "#" + frag
	}
	return url, nil
}

func TestLinks(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		offset   int
		html     string
		links    []Link
		problems []Problem
		calls    []string
	}{
		{
			name:  "resolved",
			in:    "[Biocat](../clusters/biocat.md)",
			html:  `<p><a href="/fr/clusters/biocat/">Biocat</a></p>` + "\n",
			links: []Link{{Dest: "/fr/clusters/biocat/", Line: 1}},
			calls: []string{"../clusters/biocat.md"},
		},
		{
			name:   "fragment kept",
			in:     "[Team](../clusters/biocat.md#team)",
			offset: 3,
			html:   `<p><a href="/fr/clusters/biocat/#team">Team</a></p>` + "\n",
			links:  []Link{{Dest: "/fr/clusters/biocat/#team", Line: 4}},
			calls:  []string{"../clusters/biocat.md#team"},
		},
		{
			name:     "missing page",
			in:       "Intro\n\nSee the\n[x](../x.md) now.",
			offset:   5,
			html:     "<p>Intro</p>\n" + `<p>See the` + "\n" + `<a href="#">x</a> now.</p>` + "\n",
			links:    []Link{{Dest: "#", Line: 9}},
			problems: []Problem{{Line: 9, Msg: "link to ../x.md: no such page content/fr/x.md"}},
			calls:    []string{"../x.md"},
		},
		{
			name:  "reference link",
			in:    "[x][b]\n\n[b]: about.md",
			html:  `<p><a href="/fr/a-propos/">x</a></p>` + "\n",
			links: []Link{{Dest: "/fr/a-propos/", Line: 1}},
			calls: []string{"about.md"},
		},
		{
			name:  "external untouched",
			in:    "[x](https://example.com/page.md)",
			html:  `<p><a href="https://example.com/page.md">x</a></p>` + "\n",
			links: []Link{{Dest: "https://example.com/page.md", Line: 1}},
		},
		{
			name:  "mailto untouched",
			in:    "[mail](mailto:info@example.com) <info@example.com>",
			html:  `<p><a href="mailto:info@example.com">mail</a> <a href="mailto:info@example.com">info@example.com</a></p>` + "\n",
			links: []Link{{Dest: "mailto:info@example.com", Line: 1}, {Dest: "mailto:info@example.com", Line: 1}},
		},
		{
			name:  "absolute path, fragment and other files untouched",
			in:    "[a](/fr/about.md) [b](#top) [c](files/report.pdf) [d](about.md?x)",
			html:  `<p><a href="/fr/about.md">a</a> <a href="#top">b</a> <a href="files/report.pdf">c</a> <a href="about.md?x">d</a></p>` + "\n",
			links: []Link{{Dest: "/fr/about.md", Line: 1}, {Dest: "#top", Line: 1}, {Dest: "files/report.pdf", Line: 1}, {Dest: "about.md?x", Line: 1}},
		},
		{
			name:  "images listed",
			in:    "text\n![Logo](logo.png)",
			html:  "<p>text\n" + `<img src="logo.png" alt="Logo"></p>` + "\n",
			links: []Link{{Dest: "logo.png", Line: 2}},
		},
		{
			name:  "href is URL-escaped",
			in:    "[x](<https://example.com/a b>)",
			html:  `<p><a href="https://example.com/a%20b">x</a></p>` + "\n",
			links: []Link{{Dest: "https://example.com/a%20b", Line: 1}},
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r resolver
			res := c.Convert([]byte(tt.in), Context{Lang: "fr", Resolve: r.resolve, LineOffset: tt.offset})
			if got := string(res.HTML); got != tt.html {
				t.Errorf("HTML: got %q; want %q", got, tt.html)
			}
			if !reflect.DeepEqual(res.Links, tt.links) {
				t.Errorf("Links: got %+v; want %+v", res.Links, tt.links)
			}
			if !reflect.DeepEqual(res.Problems, tt.problems) {
				t.Errorf("Problems: got %+v; want %+v", res.Problems, tt.problems)
			}
			if !reflect.DeepEqual(r.calls, tt.calls) {
				t.Errorf("Resolve calls: got %q; want %q", r.calls, tt.calls)
			}
		})
	}
	t.Run("nil Resolve leaves links alone", func(t *testing.T) {
		res := c.Convert([]byte("[x](a.md)"), Context{Lang: "en"})
		if got, want := string(res.HTML), `<p><a href="a.md">x</a></p>`+"\n"; got != want {
			t.Errorf("got %q; want %q", got, want)
		}
		if len(res.Problems) != 0 {
			t.Errorf("Problems: got %+v; want none", res.Problems)
		}
	})
}

func TestImages(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		images   []Image
		problems []Problem
	}{
		{
			name:   "with alt",
			in:     "![A *nice* photo](photo.jpg)",
			images: []Image{{Dest: "photo.jpg", Alt: "A nice photo", Line: 11}},
		},
		{
			name:     "without alt",
			in:       "Text\n\n![](x.png)",
			images:   []Image{{Dest: "x.png", Alt: "", Line: 13}},
			problems: []Problem{{Line: 13, Msg: "image x.png has no alt text; write ![description](x.png)"}},
		},
		{
			name:     "blank alt",
			in:       "![ ](x.png)",
			images:   []Image{{Dest: "x.png", Alt: "", Line: 11}},
			problems: []Problem{{Line: 11, Msg: "image x.png has no alt text; write ![description](x.png)"}},
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Convert([]byte(tt.in), Context{Lang: "en", LineOffset: 10})
			if !reflect.DeepEqual(res.Images, tt.images) {
				t.Errorf("Images: got %+v; want %+v", res.Images, tt.images)
			}
			if !reflect.DeepEqual(res.Problems, tt.problems) {
				t.Errorf("Problems: got %+v; want %+v", res.Problems, tt.problems)
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name   string
		unsafe bool
		in     string
		want   string
	}{
		{"inline omitted", false, "a <b>x</b>", "<p>a <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n"},
		{"block omitted", false, "<div class=\"x\">y</div>\n", "<!-- raw HTML omitted -->\n"},
		{"script omitted", false, "<script>alert(1)</script>\n", "<!-- raw HTML omitted -->\n"},
		{"inline allowed", true, "a <b>x</b>", "<p>a <b>x</b></p>\n"},
		{"block allowed", true, "<div class=\"x\">y</div>\n", "<div class=\"x\">y</div>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(New(Options{UnsafeHTML: tt.unsafe}).Convert([]byte(tt.in), Context{Lang: "en"}).HTML)
			if got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestUnsafeURLs(t *testing.T) {
	tests := []struct {
		name, in, want string
		problem        bool
	}{
		{"javascript link", "[x](javascript:alert(1))", `<p><a href="#">x</a></p>` + "\n", true},
		{"mixed case", "[x](JaVaScRiPt:alert(1))", `<p><a href="#">x</a></p>` + "\n", true},
		{"entity", "[x](&#106;avascript:alert(1))", `<p><a href="#">x</a></p>` + "\n", true},
		{"tab inside scheme", "[x](<java&#9;script:alert(1)>)", `<p><a href="#">x</a></p>` + "\n", true},
		{"reference", "[x][r]\n\n[r]: javascript:alert(1)", `<p><a href="#">x</a></p>` + "\n", true},
		{"autolink", "<javascript:alert(1)>", `<p><a href="#">javascript:alert(1)</a></p>` + "\n", true},
		{"vbscript", "[x](vbscript:msgbox)", `<p><a href="#">x</a></p>` + "\n", true},
		{"data html", "[x](data:text/html;base64,PHNjcmlwdD4=)", `<p><a href="#">x</a></p>` + "\n", true},
		{"data svg image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", `<p><img src="#" alt="x"></p>` + "\n", true},
		{"data png image allowed", "![x](data:image/png;base64,iVBO)", `<p><img src="data:image/png;base64,iVBO" alt="x"></p>` + "\n", false},
		{"javascript in text is just text", "javascript:alert(1)", "<p>javascript:alert(1)</p>\n", false},
	}
	for _, unsafe := range []bool{false, true} {
		c := New(Options{UnsafeHTML: unsafe})
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/unsafe=%v", tt.name, unsafe), func(t *testing.T) {
				res := c.Convert([]byte(tt.in), Context{Lang: "en"})
				if got := string(res.HTML); got != tt.want {
					t.Errorf("got %q; want %q", got, tt.want)
				}
				if got := len(res.Problems) == 1 && strings.Contains(res.Problems[0].Msg, "URLs are not allowed"); got != tt.problem {
					t.Errorf("problem reported: got %v (%+v); want %v", got, res.Problems, tt.problem)
				}
			})
		}
	}
}

// TestRootPaths: a link or image from the site's root gets the base URL's
// path from Root; relative references, other sites, fragments and the
// pages .md links resolve to are left alone (Resolve's URLs have it).
func TestRootPaths(t *testing.T) {
	c := New(Options{})
	root := func(p string) string { // as urls.Site.Rooted
		if strings.HasPrefix(p, "//") {
			return p
		}
		return "/biox4clusters" + p
	}
	in := "[a](/en/about/) ![logo](/img/a%20b.svg) [b](photo.jpg) [c](//cdn.example.org/x) [d](https://example.org/) [e](#team) [f](x.md) [g](/en/?q=1#top)\n"
	res := c.Convert([]byte(in), Context{Lang: "en", Root: root, Resolve: func(string) (string, error) { return "/biox4clusters/en/x/", nil }})
	want := `<p><a href="/biox4clusters/en/about/">a</a> <img src="/biox4clusters/img/a%20b.svg" alt="logo"> <a href="photo.jpg">b</a> <a href="//cdn.example.org/x">c</a> <a href="https://example.org/">d</a> <a href="#team">e</a> <a href="/biox4clusters/en/x/">f</a> <a href="/biox4clusters/en/?q=1#top">g</a></p>` + "\n"
	if got := string(res.HTML); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(res.Images) != 1 || res.Images[0].Dest != "/biox4clusters/img/a%20b.svg" {
		t.Errorf("images: got %+v; want the rooted address", res.Images)
	}
	if len(res.Problems) != 0 {
		t.Errorf("problems: %+v", res.Problems)
	}
}

func TestConcurrentAndDeterministic(t *testing.T) {
	c := New(Options{})
	body := []byte(benchDoc)
	ctx := Context{Lang: "fr", Resolve: (&resolver{}).resolve}
	want := c.Convert(body, ctx)
	var wg sync.WaitGroup
	results := make([]Result, 8)
	for i := range results {
		wg.Go(func() { results[i] = c.Convert(body, ctx) })
	}
	wg.Wait()
	for i, got := range results {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("run %d: got a different result:\n%s\nwant:\n%s", i, got.HTML, want.HTML)
		}
	}
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

func FuzzConvert(f *testing.F) {
	seeds := []string{
		"",
		"# Qualité : l'été\n\n## Qualité\n",
		`Il a dit "bonjour" : c'est « vrai » ! Vraiment ?`,
		"[a](../clusters/biocat.md#team) [b](x.md) [c](https://x.org/a.md) <javascript:alert(1)>",
		"![](x.png) ![alt](data:image/svg+xml,<svg>)",
		"| a | b |\n|---|---|\n| c : | d ! |\n\n- [x] fait : oui\n\n~~barré~~ [^1]\n\n[^1]: Note : ici.",
		"a&nbsp;: b &amp; c\\! d &#58; e `x : y`\n\n```\n\"a\" : b\n```",
		"<b>raw</b> <div>x</div>\n\nhttps://example.com/?a=1:2 !",
		"\" bonjour \" «» « » \"\" ::: ?!?! 10:30",
	}
	for _, s := range seeds {
		f.Add([]byte(s), true, false)
		f.Add([]byte(s), false, true)
	}
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, body []byte, french, unsafeHTML bool) {
		c := safe
		if unsafeHTML {
			c = unsafe
		}
		lang := "en"
		if french {
			lang = "fr"
		}
		resolve := func(dest string) (string, error) {
			path, _, _ := strings.Cut(dest, "#")
			if !strings.HasSuffix(path, ".md") || strings.HasPrefix(dest, "/") || schemeRE.MatchString(dest) {
				t.Errorf("Resolve(%q) called with a destination that is not a relative .md path", dest)
			}
			if strings.Contains(dest, "missing") {
				return "", errors.New("no such page")
			}
			return "/" + strings.TrimSuffix(path, ".md") + "/", nil
		}
		start := time.Now()
		res := c.Convert(body, Context{Lang: lang, Resolve: resolve, LineOffset: 2})
		if d := time.Since(start); d > time.Second {
			t.Errorf("Convert took %v for %d bytes", d, len(body))
		}
		if utf8.Valid(body) {
			if !utf8.Valid(res.HTML) {
				t.Errorf("HTML is not valid UTF-8: %q", res.HTML)
			}
			for _, h := range res.Headings {
				if !utf8.ValidString(h.Text) || !utf8.ValidString(h.ID) {
					t.Errorf("heading is not valid UTF-8: %+v", h)
				}
			}
		}
		lines := strings.Count(string(body), "\n") + 1
		for _, p := range res.Problems {
			if p.Line < 3 || p.Line > lines+2 {
				t.Errorf("problem line %d outside the body (lines 3 to %d): %s", p.Line, lines+2, p.Msg)
			}
		}
		if !unsafeHTML {
			for _, bad := range []string{`href="javascript:`, `src="javascript:`, `href="vbscript:`, `href="data:text`} {
				if strings.Contains(strings.ToLower(string(res.HTML)), bad) {
					t.Errorf("HTML contains %s: %q", bad, res.HTML)
				}
			}
		}
	})
}

// benchDoc is a French page of about 600 words.
var benchDoc = strings.Repeat(`## Qualité de l'eau : un enjeu régional

Le cluster "BioX" réunit des entreprises, des laboratoires et des hôpitaux ; il
accompagne les PME dans leurs projets d'innovation. Pourquoi ? Parce que la
santé est l'affaire de tous ! Voir [Biocat](../clusters/biocat.md#team) et
[la mission](../missions/brazil.md) : deux exemples... parmi d'autres.

- **Maladies infectieuses** -- diagnostic, vaccins et « thérapies innovantes » ;
- *Oncologie* --- de la recherche à la clinique : essais, données, `+"`code : ici`"+` ;
- Voir https://www.biox4clusters.eu/fr/ pour en savoir plus !

| Région | Entreprises | Remarque |
|---|---|---|
| Auvergne-Rhône-Alpes | 120 | Très active ! |
| Catalogne | 95 | "Dynamique" |

Les partenaires ont rencontré des investisseurs à São Paulo, à Montréal et à
Barcelone ; ils ont présenté leurs technologies, leurs services et leurs
marchés. L'objectif : créer des liens durables entre les écosystèmes.

`, 4)

func BenchmarkConvert(b *testing.B) {
	c := New(Options{})
	body := []byte(benchDoc)
	ctx := Context{Lang: "fr", Resolve: (&resolver{}).resolve, LineOffset: 12}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		c.Convert(body, ctx)
	}
}
