package feeds_test

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// atomFeed is RFC 4287's feed, as much as the tests check.
type atomFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string     `xml:"id"`
	Title    atomText   `xml:"title"`
	Subtitle atomText   `xml:"subtitle"`
	Updated  string     `xml:"updated"`
	Links    []atomLink `xml:"link"`
	Authors  []struct {
		Name string `xml:"name"`
		URI  string `xml:"uri"`
	} `xml:"author"`
	Generator string `xml:"generator"`
	Entries   []struct {
		ID        string     `xml:"id"`
		Title     atomText   `xml:"title"`
		Links     []atomLink `xml:"link"`
		Published string     `xml:"published"`
		Updated   string     `xml:"updated"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Summary atomText `xml:"summary"`
		Content atomText `xml:"content"`
	} `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

func (l atomLink) String() string { return l.Rel + " " + l.Type + " " + l.HrefLang + " " + l.Href }

func links(ls []atomLink) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.String())
	}
	return strings.Join(out, "\n")
}

func minifyXML(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	out, err := minify.Files(context.Background(), []output.File{{Path: name, Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	return out[0].Data
}

func TestAtom(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	files := allFiles(t, s)
	const base = "https://consort.example.org"
	for _, minified := range []bool{false, true} {
		name := "as built"
		if minified {
			name = "minified"
		}
		t.Run(name, func(t *testing.T) {
			data := files["en/news/atom.xml"]
			if minified {
				data = minifyXML(t, "en/news/atom.xml", data)
			}
			var f atomFeed
			if err := xml.Unmarshal(data, &f); err != nil {
				t.Fatalf("en/news/atom.xml does not parse: %v\n%s", err, data)
			}
			checks := []struct{ field, got, want string }{
				{"xml:lang", f.Lang, "en"},
				{"id", f.ID, base + "/en/news/"},
				{"title", f.Title.Text, "News – Example Consortium"},
				{"title type", f.Title.Type, "text"},
				{"subtitle", f.Subtitle.Text, "A consortium; of clusters, for tests"},
				{"updated: the latest entry's", f.Updated, "2024-04-12T00:00:00Z"},
				{"links", links(f.Links), "self application/atom+xml  " + base + "/en/news/atom.xml\n" +
					"alternate text/html en " + base + "/en/news/\n" +
					"alternate application/atom+xml fr " + base + "/fr/actualites/atom.xml"},
				{"generator", f.Generator, "consort"},
				{"entries", string(rune('0' + len(f.Entries))), "2"},
			}
			if len(f.Authors) == 1 {
				checks = append(checks,
					struct{ field, got, want string }{"author name", f.Authors[0].Name, "Example Consortium"},
					struct{ field, got, want string }{"author uri", f.Authors[0].URI, base + "/en/"})
			} else {
				t.Errorf("feed has %d authors; want 1", len(f.Authors))
			}
			if len(f.Entries) == 2 {
				second, first := f.Entries[0], f.Entries[1] // newest first
				checks = append(checks, []struct{ field, got, want string }{
					{"newest entry id", second.ID, "tag:consort.example.org,2024-04-10:en/news/second.md"},
					{"newest entry title", second.Title.Text, "Breaking </script><script>alert(1)</script> news"},
					{"newest entry published", second.Published, "2024-04-10T00:00:00Z"},
					{"newest entry updated: its publishDate", second.Updated, "2024-04-12T00:00:00Z"},
					{"newest entry links", links(second.Links), "alternate text/html en " + base + "/en/news/second/"},
					{"entry id", first.ID, "tag:consort.example.org,2024-03-05:en/news/first.md"},
					{"entry title", first.Title.Text, "First news, with a comma; and a semicolon"},
					{"entry links", links(first.Links), "alternate text/html en " + base + "/en/news/first/\nalternate text/html fr " + base + "/fr/actualites/first/"},
					{"entry published", first.Published, "2024-03-05T00:00:00Z"},
					{"entry updated", first.Updated, "2024-03-05T00:00:00Z"},
					{"entry summary", first.Summary.Text, "The first item."},
					{"content type", first.Content.Type, "html"},
				}...)
				if len(first.Authors) != 1 || first.Authors[0].Name != "Ada Lovelace" {
					t.Errorf("entry authors = %+v; want Ada Lovelace", first.Authors)
				}
				if len(second.Authors) != 0 {
					t.Errorf("entry without author has authors %+v; want the feed's", second.Authors)
				}
				var terms []string
				for _, c := range first.Categories {
					terms = append(terms, c.Term)
				}
				checks = append(checks, struct{ field, got, want string }{"categories", strings.Join(terms, ","), "launch,clusters"})
				for _, want := range []string{
					`<a href="` + base + `/en/about/">about</a>`,
					`<p>A second paragraph`,
				} {
					if !strings.Contains(first.Content.Text, want) {
						t.Errorf("content lacks %s (full content with absolute links):\n%s", want, first.Content.Text)
					}
				}
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %q; want %q", c.field, c.got, c.want)
				}
			}
			for _, ts := range []string{f.Updated} {
				if _, err := time.Parse(time.RFC3339, ts); err != nil {
					t.Errorf("updated %q is not RFC 3339: %v", ts, err)
				}
			}
		})
	}
}

func TestAtomIDsStable(t *testing.T) {
	a := loadSite(t, "site.txtar", site.Options{Clock: clock})
	b := loadSite(t, "site.txtar", site.Options{Clock: clock.AddDate(1, 0, 0), BaseURL: "https://consort.example.org/"})
	fa, fb := allFiles(t, a)["en/news/atom.xml"], allFiles(t, b)["en/news/atom.xml"]
	if string(fa) != string(fb) {
		t.Errorf("the feed changed with the build clock alone:\n%s\n---\n%s", fa, fb)
	}
}

func TestAtomOnlyWithNews(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{Clock: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)})
	for path := range allFiles(t, s) {
		if strings.HasSuffix(path, "atom.xml") {
			t.Errorf("%s made before any news is published", path)
		}
	}
}
