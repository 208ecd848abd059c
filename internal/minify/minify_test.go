package minify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/output"
)

const testPage = `<!DOCTYPE html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <title>Biocat  —  partenaires</title>
    <!--[if lt IE 9]><script src="/html5shiv.js"></script><![endif]-->
    <script type="application/ld+json">
      {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Biocat <\/script> & co",
        "foundingDate": "2006",
        "employees": 1.50
      }
    </script>
    <style>
      body { color : #ff0000 ; margin : 0px ; }
    </style>
  </head>
  <body class="page  partner">
    <!-- an ordinary comment -->
    <p id="intro">Hello,   <b>world</b> </p>
    <pre>  keep
      this   spacing  </pre>
    <textarea>  and   this  </textarea>
    <a href="/fr/partenaires/biocat/" title="Biocat page">Biocat</a>
    <script>
      var greeting = "hello";
      console.log(greeting);
    </script>
  </body>
</html>
`

// ldJSON returns the content of each JSON-LD script in page.
func ldJSON(page string) []string {
	re := regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestMinifyByType(t *testing.T) {
	tests := []struct {
		name string
		path string
		in   string
		// want is the exact output; when empty, check decides.
		want  string
		check func(t *testing.T, got string)
	}{
		{
			name: "html keeps document tags, lang and end tags and is smaller",
			path: "fr/index.html",
			in:   testPage,
			check: func(t *testing.T, got string) {
				for _, keep := range []string{"<!doctype html>", "<html lang=fr>", "<head>", "</head>", "<body class=\"page partner\">", "</p>", "</body></html>", `title="Biocat page"`} {
					if !strings.Contains(got, keep) {
						t.Errorf("got %q; want it to contain %q", got, keep)
					}
				}
				if len(got) >= len(testPage) {
					t.Errorf("got %d bytes; want fewer than the %d of the input", len(got), len(testPage))
				}
			},
		},
		{
			name: "html keeps conditional comments and drops ordinary ones",
			path: "fr/index.html",
			in:   testPage,
			check: func(t *testing.T, got string) {
				if !strings.Contains(got, `<!--[if lt IE 9]><script src=/html5shiv.js></script><![endif]-->`) {
					t.Errorf("got %q; want the conditional comment kept", got)
				}
				if strings.Contains(got, "ordinary comment") {
					t.Errorf("got %q; want the ordinary comment dropped", got)
				}
			},
		},
		{
			name: "html keeps whitespace inside pre and textarea",
			path: "fr/index.html",
			in:   testPage,
			check: func(t *testing.T, got string) {
				for _, keep := range []string{"<pre>  keep\n      this   spacing  </pre>", "<textarea>  and   this  </textarea>"} {
					if !strings.Contains(got, keep) {
						t.Errorf("got %q; want it to contain %q", got, keep)
					}
				}
			},
		},
		{
			name: "html JSON-LD stays valid JSON and is minified",
			path: "fr/index.html",
			in:   testPage,
			check: func(t *testing.T, got string) {
				scripts := ldJSON(got)
				if len(scripts) != 1 {
					t.Fatalf("got %d JSON-LD scripts in %q; want 1", len(scripts), got)
				}
				var v map[string]any
				if err := json.Unmarshal([]byte(scripts[0]), &v); err != nil {
					t.Fatalf("got JSON-LD %q that does not parse: %v; want valid JSON", scripts[0], err)
				}
				if v["name"] != "Biocat </script> & co" || v["@type"] != "Organization" {
					t.Errorf("got JSON-LD %v; want name and @type unchanged", v)
				}
				if strings.Contains(scripts[0], "\n") {
					t.Errorf("got JSON-LD %q; want it minified", scripts[0])
				}
				if strings.Contains(strings.ToLower(scripts[0]), "</script") {
					t.Errorf("got JSON-LD %q; want no </script inside the script", scripts[0])
				}
			},
		},
		{
			name: "html inline script is minified",
			path: "index.html",
			in:   testPage,
			check: func(t *testing.T, got string) {
				if strings.Contains(got, "var greeting = ") {
					t.Errorf("got %q; want the inline script minified", got)
				}
			},
		},
		{
			name: "html typed script never gains </script",
			path: "index.html",
			in:   `<html><body><script type="text/javascript">var s = "<" + "/script>";</script></body></html>`,
			check: func(t *testing.T, got string) {
				if strings.Count(strings.ToLower(got), "</script") != 1 {
					t.Errorf("got %q; want exactly one </script", got)
				}
			},
		},
		{name: "htm is html", path: "old.htm", in: "<p>a   b</p>\n", want: "<p>a b</p>"},
		{name: "upper-case extension", path: "OLD.HTML", in: "<p>a   b</p>\n", want: "<p>a b</p>"},
		{name: "css", path: "css/site.css", in: "body {\n  color : #ff0000 ;\n  margin : 0px ;\n}\n", want: "body{color:red;margin:0}"},
		{name: "invalid css is copied, not rejected", path: "bad.css", in: "body { color: red; }}}} @@@", want: "body{color:red}}}}@@@"},
		{name: "js", path: "js/app.js", in: "function add(first, second) {\n  return first + second;\n}\n", want: "function add(e,t){return e+t}"},
		{name: "json", path: "search.json", in: "{\n  \"a\": [1, 2],\n  \"b\": \"x y\"\n}\n", want: `{"a":[1,2],"b":"x y"}`},
		{name: "schema json", path: "site.schema.json", in: "{ \"type\" : \"object\" }", want: `{"type":"object"}`},
		{name: "webmanifest", path: "site.webmanifest", in: "{ \"name\" : \"BioX4Clusters\" }", want: `{"name":"BioX4Clusters"}`},
		{name: "svg", path: "img/logo.svg", in: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n  <!-- c -->\n  <rect width=\"10\" height=\"10\" fill=\"#ff0000\" />\n</svg>\n", want: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>`},
		{name: "svg in html is kept as written", path: "map.html", in: "<p>a   b</p><svg viewBox=\"0 0 10 10\"><a href=\"/x/\" aria-label=\"1. X\"><title>1. X</title><circle cx=\"5.0\" cy=\"5\" r=\"2\"/></a></svg>", want: `<p>a b</p><svg viewBox="0 0 10 10"><a href="/x/" aria-label="1. X"><title>1. X</title><circle cx="5.0" cy="5" r="2"/></a></svg>`},
		{name: "xml", path: "sitemap.xml", in: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset>\n  <url>\n    <loc>https://example.org/</loc>\n  </url>\n</urlset>\n", want: `<?xml version="1.0" encoding="UTF-8"?><urlset><url><loc>https://example.org/</loc></url></urlset>`},
		{name: "ics untouched", path: "en/missions/brazil/event.ics", in: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:  two  spaces \r\nEND:VCALENDAR\r\n"},
		{name: "txt untouched", path: "robots.txt", in: "User-agent: *\n\nAllow:   /\n"},
		{name: "csv untouched", path: "catalogue.csv", in: "name,  city\n\"Biocat\",  Barcelona\n"},
		{name: "unknown extension untouched", path: "img/photo.jpg", in: "\xff\xd8\xff  binary  "},
		{name: "no extension untouched", path: "CNAME", in: "www.example.org\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Files(context.Background(), []output.File{{Path: tt.path, Data: []byte(tt.in)}})
			if err != nil {
				t.Fatalf("got error %v; want none", err)
			}
			if len(got) != 1 || got[0].Path != tt.path {
				t.Fatalf("got %v; want one file %s", got, tt.path)
			}
			out := string(got[0].Data)
			switch {
			case tt.check != nil:
				tt.check(t, out)
			case tt.want != "":
				if out != tt.want {
					t.Errorf("got %q; want %q", out, tt.want)
				}
			default: // untouched
				if out != tt.in {
					t.Errorf("got %q; want the input unchanged %q", out, tt.in)
				}
			}
		})
	}
}

func TestMinifyErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []output.File
		want  []string // substrings of the error, in order
	}{
		{
			name:  "invalid json names the file",
			files: []output.File{{Path: "data/search.json", Data: []byte(`{"a": [1, 2]`)}},
			want:  []string{"data/search.json: minify: "},
		},
		{
			name:  "invalid js names the file",
			files: []output.File{{Path: "js/app.js", Data: []byte("function (")}},
			want:  []string{"js/app.js: minify: "},
		},
		{
			name:  "invalid inline script names the page",
			files: []output.File{{Path: "en/index.html", Data: []byte("<p><script>var = ;</script>")}},
			want:  []string{"en/index.html: minify: "},
		},
		{
			name: "every failing file is reported in order",
			files: []output.File{
				{Path: "b.json", Data: []byte("{")},
				{Path: "ok.json", Data: []byte("{}")},
				{Path: "a.js", Data: []byte("var = ;")},
			},
			want: []string{"b.json: minify: ", "a.js: minify: "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Files(context.Background(), tt.files)
			if err == nil {
				t.Fatalf("got %v and no error; want an error", got)
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("got error %q; want it to contain %q (after offset %d)", msg, w, at)
				}
				at += i + len(w)
			}
			if got != nil {
				t.Errorf("got %d files; want none with an error", len(got))
			}
		})
	}
}

func TestMinifyKeepsOrderAndInput(t *testing.T) {
	var files []output.File
	for i := range 200 {
		files = append(files,
			output.File{Path: fmt.Sprintf("p%03d/index.html", i), Data: []byte(fmt.Sprintf("<p>page   %d</p>\n", i))},
			output.File{Path: fmt.Sprintf("p%03d/cal.ics", i), Data: []byte("BEGIN:VCALENDAR\r\n")},
		)
	}
	before := make([][]byte, len(files))
	for i, f := range files {
		before[i] = bytes.Clone(f.Data)
	}
	first, err := Files(context.Background(), files)
	if err != nil {
		t.Fatalf("got error %v; want none", err)
	}
	second, err := Files(context.Background(), files)
	if err != nil {
		t.Fatalf("got error %v; want none", err)
	}
	for i := range files {
		if first[i].Path != files[i].Path {
			t.Fatalf("got path %s at %d; want %s", first[i].Path, i, files[i].Path)
		}
		if !bytes.Equal(first[i].Data, second[i].Data) {
			t.Errorf("got %q then %q for %s; want the same output each run", first[i].Data, second[i].Data, files[i].Path)
		}
		if !bytes.Equal(files[i].Data, before[i]) {
			t.Errorf("got input %s changed to %q; want it untouched", files[i].Path, files[i].Data)
		}
	}
	if want := "<p>page 7</p>"; string(first[14].Data) != want {
		t.Errorf("got %q; want %q", first[14].Data, want)
	}
	if got, err := Files(context.Background(), nil); err != nil || len(got) != 0 {
		t.Errorf("got %v, %v for no files; want none and no error", got, err)
	}
}

// benchPage returns a realistic page of about 30 KB: head with metadata and
// JSON-LD, navigation, cards, a table, footer and a script.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Partners — BioX4Clusters</title>
    <meta name="description" content="Companies, laboratories and hospitals of the four clusters.">
    <link rel="alternate" hreflang="fr" href="https://www.biox4clusters.eu/fr/partenaires/">
    <link rel="stylesheet" href="/css/site.css">
    <script type="application/ld+json">
      {"@context": "https://schema.org", "@type": "CollectionPage", "name": "Partners", "url": "https://www.biox4clusters.eu/en/partners/"}
    </script>
    <style>
      .card { display: flex; padding: 1rem 1.5rem; border: 1px solid #dddddd; }
      .card h2 { font-size: 1.25rem; margin: 0 0 .5rem 0; }
    </style>
  </head>
  <body>
    <header class="site-header">
      <nav aria-label="Main">
        <ul>
          <li><a href="/en/about/">About</a></li>
          <li><a href="/en/clusters/">Clusters</a></li>
          <li><a href="/en/partners/" aria-current="page">Partners</a></li>
          <li><a href="/en/missions/">Missions</a></li>
          <li><a href="/en/catalogue/">Catalogue</a></li>
        </ul>
      </nav>
    </header>
    <main id="content">
      <h1>Partners</h1>
`)
	for i := 0; b.Len() < 27000; i++ {
		fmt.Fprintf(&b, `      <article class="card partner" id="partner-%d">
        <img src="/img/partners/logo-%d.svg" alt="Logo of partner %d" width="120" height="60" loading="lazy">
        <div class="card-body">
          <h2><a href="/en/partners/partner-%d/">Partner number %d</a></h2>
          <p class="meta">Small and medium enterprise  ·  Lyon, France</p>
          <p>
            A company working on   infectious diseases and diagnostics, member of the
            cluster since 2012, with services for clinical trials and regulatory affairs.
          </p>
          <ul class="tags"><li>Diagnostics</li><li>Vaccines</li><li>Bioproduction</li></ul>
        </div>
      </article>
`, i, i, i, i, i)
	}
	b.WriteString(`    </main>
    <footer>
      <p>This project has received funding from the European Union.</p>
    </footer>
    <script>
      document.querySelectorAll(".card").forEach(function (card) {
        card.addEventListener("click", function () { window.location = card.querySelector("a").href; });
      });
    </script>
  </body>
</html>
`)
	return []byte(b.String())
}

func BenchmarkMinify(b *testing.B) {
	page := benchPage()
	files := []output.File{{Path: "en/partners/index.html", Data: page}}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Files(context.Background(), files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMinifySite minifies 200 pages, to show the parallel speed-up
// (run with -cpu 1,2).
func BenchmarkMinifySite(b *testing.B) {
	page := benchPage()
	files := make([]output.File, 200)
	for i := range files {
		files[i] = output.File{Path: fmt.Sprintf("en/p%03d/index.html", i), Data: page}
	}
	b.SetBytes(int64(len(page) * len(files)))
	for b.Loop() {
		if _, err := Files(context.Background(), files); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMinifyLeavesMinifiedFiles: a file already minified (a fingerprinted
// asset whose integrity hash was taken) is not minified again, since the
// JavaScript minifier may rename its variables a second time.
func TestMinifyLeavesMinifiedFiles(t *testing.T) {
	in := []output.File{
		{Path: "js/a.js", Data: []byte("function f(longName){return longName+1}"), Minified: true},
		{Path: "js/b.js", Data: []byte("function f(longName){return longName+1}")},
	}
	out, err := Files(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if string(out[0].Data) != string(in[0].Data) {
		t.Errorf("minified file changed: got %q; want %q", out[0].Data, in[0].Data)
	}
	if string(out[1].Data) == string(in[1].Data) || !out[1].Minified {
		t.Errorf("plain file: got %q (Minified %v); want it minified and marked", out[1].Data, out[1].Minified)
	}
}

// TestTemplate: a template's HTML is minified as a page's, its actions
// are left as they are, in text, between attributes and in values, and a
// script holding actions is left alone; HTML minifies a piece of a page.
func TestTemplate(t *testing.T) {
	mz := New()
	src := "<ul class=\"menu\">\n  {{range .Menu}}<li><a href=\"{{.URL}}\"{{if .Current}} aria-current=\"page\"{{end}}>{{.Title}}</a></li>\n  {{end}}\n</ul>\n<p title=\"a  b\">  {{.T \"x  y\"}}  </p>\n<script>var h = {{.Homes}};   var d = 1;</script>\n<script>var  e  =  2;</script>\n"
	got, err := mz.Template([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<ul class=menu>`, `{{range .Menu}}<li><a href="{{.URL}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a></li>`,
		`{{.T "x  y"}}`, `<script>var h = {{.Homes}};   var d = 1;</script>`, `<script>var e=2</script>`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("Template: got\n%s\nwant it to hold %s", got, want)
		}
	}
	if _, err := mz.Template([]byte("<p>{{/* consort: script kept 0 */}}</p>")); err == nil || !strings.Contains(err.Error(), "remove or reword") {
		t.Errorf("Template of a source holding consort's own mark: got %v; want an error saying what to do", err)
	}
	piece, err := mz.HTML([]byte("<p>A   <a href=\"/en/\">link</a>.</p>\n<h2 id=\"x\">X</h2>\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p>A <a href=/en/>link</a>.</p><h2 id=x>X</h2>`; string(piece) != want {
		t.Errorf("HTML: got %q; want %q", piece, want)
	}
}

// TestTemplateKeepsEdges: the white space a template starts or ends with
// may separate words of the page it lands in ({{template "name" .}}
// between two words): it is kept, as one character.
func TestTemplateKeepsEdges(t *testing.T) {
	mz := New()
	for src, want := range map[string]string{
		" {{.X}} ":             " {{.X}} ",
		"<a>x</a>\n":           "<a>x</a>\n",
		"\n\n  <p>a</p>  \n":   "\n<p>a</p>\n",
		"{{.X}}":               "{{.X}}",
		"   ":                  " ",
		"":                     "",
		"\t<span>a</span> \t ": " <span>a</span> ",
	} {
		got, err := mz.Template([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("Template(%q): got %q; want %q", src, got, want)
		}
	}
}
