package feeds_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/feeds"
	"github.com/consort-ssg/consort/internal/site"

	"github.com/emersion/go-ical"
)

// fuzzConfig is the site.yaml of the fuzzed sites.
const fuzzConfig = `baseURL: https://example.org/
languages: [{code: en, name: English}, {code: fr, name: Français}]
title: {en: "T <&>", fr: "T"}
vocabularies:
  missionType: {event: {en: "Event, <b>", fr: "Événement; x"}}
`

// fuzzSite loads a site with one news item and one mission whose text
// fields are the fuzzed strings; nil when the content does not load (the
// loader's own fuzz test covers that).
func fuzzSite(title, summary, body, city, start, end, tz string) *site.Site {
	q := strconv.Quote
	news := "---\ntitle: " + q(title) + "\nsummary: " + q(summary) + "\ndate: 2025-05-01\nauthor: " + q(city) + "\ntags: [" + q(summary) + "]\n---\n" + body
	mission := "---\ntitle: " + q(title) + "\nsummary: " + q(summary) + "\nmissionType: event\ncity: " + q(city) + "\nstart: " + q(start) + "\n"
	if end != "" {
		mission += "end: " + q(end) + "\n"
	}
	if tz != "" {
		mission += "timeZone: " + q(tz) + "\n"
	}
	mission += "---\n" + body
	fsys := fstest.MapFS{
		"content/site.yaml":        {Data: []byte(fuzzConfig)},
		"content/en/news/n.md":     {Data: []byte(news)},
		"content/fr/news/n.md":     {Data: []byte(news)},
		"content/en/missions/m.md": {Data: []byte(mission)},
	}
	s, err := site.Load(fsys, site.Options{Clock: clock, Future: true})
	if err != nil {
		return nil
	}
	return s
}

func FuzzAtom(f *testing.F) {
	f.Add("News", "A summary.", "Body with [a link](/en/) and ![img](/img/a.png).", "Lyon")
	f.Add("</title><script>alert(1)</script>", "]]><x>", "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>", "&amp;")
	f.Add("\x01\x0b\ufffe\uffff", "\u2028\u2029", "```\n]]>\n```\n", "\"'")
	f.Add("Qualité : « été »", "l'été !", "# Titre ?\n\n- a\n- b\n", "Kraków")
	f.Add("T", "]]]]>>", "```\n  a]]>b ]]]]> \"q\" 'a' &amp; <x>\n\tend\n```\n\n<b>]]></b>", "A")
	f.Fuzz(func(t *testing.T, title, summary, body, author string) {
		s := fuzzSite(title, summary, body, author, "2025-07-01", "", "")
		if s == nil {
			return
		}
		files := feeds.Atom(s)
		if len(files) == 0 {
			t.Fatal("got no feed for a site with news")
		}
		for _, file := range files {
			if !utf8.Valid(file.Data) {
				t.Fatalf("%s is not valid UTF-8", file.Path)
			}
			// Well-formed XML whose entry title reads back as the page's
			// title: nothing a title holds can end the element early.
			var feed struct {
				Entries []struct {
					Title   string `xml:"title"`
					Summary string `xml:"summary"`
					Content string `xml:"content"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal(file.Data, &feed); err != nil {
				t.Fatalf("%s is not well-formed XML: %v\n%s", file.Path, err, file.Data)
			}
			d := xml.NewDecoder(bytes.NewReader(file.Data))
			for {
				_, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", file.Path, err)
				}
			}
			p := s.PagesOf(strings.Split(file.Path, "/")[0], "news")[0]
			if len(feed.Entries) != 1 {
				t.Fatalf("%s: got %d entries; want 1", file.Path, len(feed.Entries))
			}
			if got, want := feed.Entries[0].Title, xmlSafe(p.Title()); got != want {
				t.Errorf("%s: entry title reads back as %q; want %q", file.Path, got, want)
			}
			if got, want := feed.Entries[0].Summary, xmlSafe(p.Summary()); got != want {
				t.Errorf("%s: entry summary reads back as %q; want %q", file.Path, got, want)
			}
			// The HTML, white space included, as it is and once minified
			// (links to the site are made absolute: left out here; a
			// body is minified, its attributes quoted or not).
			if !bytes.Contains(p.HTML, []byte(`="/`)) && !bytes.Contains(p.HTML, []byte(`=/`)) {
				for _, data := range [][]byte{file.Data, minifyXML(t, file.Path, file.Data)} {
					var m struct {
						Content string `xml:"entry>content"`
					}
					if err := xml.Unmarshal(data, &m); err != nil {
						t.Fatalf("%s: %v\n%s", file.Path, err, data)
					}
					if want := xmlSafe(string(p.HTML)); m.Content != want {
						t.Errorf("%s: content reads back as %q; want %q", file.Path, m.Content, want)
					}
				}
			}
		}
	})
}

// xmlSafe is s as XML can carry it: characters XML forbids become U+FFFD,
// and a carriage return reads back as a line feed.
func xmlSafe(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	var out string
	xml.Unmarshal([]byte("<x>"+b.String()+"</x>"), &out)
	return out
}

func FuzzICS(f *testing.F) {
	f.Add("Trip", "Summary", "Lyon", "2025-07-01 09:00", "2025-07-03 18:00", "America/Sao_Paulo")
	f.Add("a;b,c\\d\ne", "END:VEVENT\r\nBEGIN:VEVENT", "x\r\ny", "2025-07-01", "2025-07-01", "")
	f.Add(strings.Repeat("é", 80), strings.Repeat("x", 200), strings.Repeat("日本", 50), "2025-07-01T09:00", "", "Europe/Paris")
	f.Add("t", "s", "c", "2025-03-30 01:30", "2025-10-26 02:30", "Europe/London")
	f.Add("t", "s", "c", "1900-01-01", "2100-12-31", "Pacific/Apia")
	f.Fuzz(func(t *testing.T, title, summary, city, start, end, tz string) {
		s := fuzzSite(title, summary, "", city, start, end, tz)
		if s == nil {
			return
		}
		files := feeds.Calendars(s, feeds.Options{})
		if len(files) == 0 {
			t.Fatal("got no calendar for a site with a dated mission")
		}
		for _, file := range files {
			for i, line := range strings.SplitAfter(string(file.Data), "\r\n") {
				if line == "" {
					continue
				}
				if !strings.HasSuffix(line, "\r\n") || strings.ContainsAny(strings.TrimSuffix(line, "\r\n"), "\r\n") {
					t.Fatalf("%s line %d: %q; want a content line ending in CRLF only", file.Path, i+1, line)
				}
				if len(line)-2 > 75 {
					t.Fatalf("%s line %d is %d octets; want at most 75", file.Path, i+1, len(line)-2)
				}
				if !utf8.ValidString(line) {
					t.Fatalf("%s line %d is not valid UTF-8 (a fold split a character)", file.Path, i+1)
				}
			}
			cal, err := ical.NewDecoder(bytes.NewReader(file.Data)).Decode()
			if err != nil {
				t.Fatalf("%s does not parse: %v\n%s", file.Path, err, file.Data)
			}
			if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
				t.Fatalf("%s: %v", file.Path, err)
			}
			var events []*ical.Component
			for _, c := range cal.Children {
				if c.Name == ical.CompEvent {
					events = append(events, c)
				}
			}
			if len(events) != 1 {
				t.Fatalf("%s: got %d events; want 1 (no text may start an event of its own)", file.Path, len(events))
			}
			got, err := events[0].Props.Text(ical.PropSummary)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s.PagesOf("en", "missions")[0].Title())
			if got != want {
				t.Errorf("%s: SUMMARY reads back as %q; want %q", file.Path, got, want)
			}
		}
	})
}

// TestFuzzSiteLoads keeps the fuzz tests honest: their plain seeds must
// load, or every input would be skipped.
func TestFuzzSiteLoads(t *testing.T) {
	if s := fuzzSite("News", "A summary.", "Body.", "Lyon", "2025-07-01 09:00", "2025-07-03 18:00", "America/Sao_Paulo"); s == nil {
		t.Fatal("got no site from the plain seed; want one")
	}
}
