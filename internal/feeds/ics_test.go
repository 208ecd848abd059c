package feeds_test

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/site"

	"github.com/emersion/go-ical"
)

func parseICS(t *testing.T, name string, data []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", name, err, data)
	}
	// The encoder checks what RFC 5545 requires of each component
	// (VERSION and PRODID once, UID and DTSTAMP once per event...).
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return cal
}

// instant resolves a DTSTART or DTEND with the calendar's own VTIMEZONE
// (not Go's data), the way a client that knows no IANA names would.
func instant(t *testing.T, cal *ical.Calendar, prop *ical.Prop) time.Time {
	t.Helper()
	tzid := prop.Params.Get(ical.PropTimezoneID)
	wall, err := time.Parse("20060102T150405", prop.Value)
	if err != nil {
		t.Fatalf("%s: %v", prop.Value, err)
	}
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone || c.Props.Get(ical.PropTimezoneID).Value != tzid {
			continue
		}
		// The observance in force: the last one whose onset is not
		// after the time, onsets read in their TZOFFSETFROM.
		type obs struct {
			onset time.Time
			to    int
		}
		var list []obs
		for _, o := range c.Children {
			onset, _ := time.Parse("20060102T150405", o.Props.Get(ical.PropDateTimeStart).Value)
			from, to := offset(t, o.Props.Get(ical.PropTimezoneOffsetFrom).Value), offset(t, o.Props.Get(ical.PropTimezoneOffsetTo).Value)
			list = append(list, obs{onset.Add(-time.Duration(from) * time.Second), to})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].onset.Before(list[j].onset) })
		to := 0
		found := false
		for _, o := range list {
			if !o.onset.After(wall.Add(-time.Duration(o.to) * time.Second)) {
				to, found = o.to, true
			}
		}
		if !found {
			t.Fatalf("VTIMEZONE %s has no observance in force at %s", tzid, prop.Value)
		}
		return wall.Add(-time.Duration(to) * time.Second).UTC()
	}
	t.Fatalf("no VTIMEZONE for TZID %q", tzid)
	return time.Time{}
}

func offset(t *testing.T, s string) int {
	t.Helper()
	var h, m int
	if _, err := fmt.Sscanf(s[1:], "%02d%02d", &h, &m); err != nil {
		t.Fatalf("offset %q: %v", s, err)
	}
	secs := h*3600 + m*60
	if s[0] == '-' {
		secs = -secs
	}
	return secs
}

func events(cal *ical.Calendar) map[string]ical.Event {
	m := map[string]ical.Event{}
	for _, e := range cal.Events() {
		summary, _ := e.Props.Get(ical.PropSummary).Text()
		m[summary] = e
	}
	return m
}

func TestCalendarFormat(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	for path, data := range allFiles(t, s) {
		if !strings.HasSuffix(path, ".ics") {
			continue
		}
		t.Run(path, func(t *testing.T) {
			if !bytes.HasSuffix(data, []byte("\r\n")) {
				t.Errorf("does not end in CRLF")
			}
			for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
				if bytes.ContainsAny(line, "\r\n") {
					t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
				}
				if len(line) > 75 {
					t.Errorf("line %d is %d octets; want at most 75: %q", i+1, len(line), line)
				}
				if !bytes.Equal(line, bytes.ToValidUTF8(line, nil)) {
					t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
				}
			}
			parseICS(t, path, data)
		})
	}
}

func TestCalendarEvents(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	files := allFiles(t, s)
	cal := parseICS(t, "en/missions/calendar.ics", files["en/missions/calendar.ics"])
	evs := events(cal)
	if len(evs) != 4 {
		t.Errorf("got %d events; want 4 (the undated mission left out)", len(evs))
	}
	const brazil = "Business mission to São Paulo with a title long enough to be folded over several lines of the calendar file"
	paris := time.Date(2025, 3, 29, 9, 0, 0, 0, mustLoad(t, "Europe/Paris"))
	tests := []struct {
		name, summary string
		prop          string
		tzid, value   string // as written
		valueType     string // VALUE= parameter
		want          time.Time
	}{
		{"timed start, winter time", "Paris summit, spring edition", ical.PropDateTimeStart, "Europe/Paris", "20250329T090000", "", paris},
		{"timed end, summer time", "Paris summit, spring edition", ical.PropDateTimeEnd, "Europe/Paris", "20250330T173000", "", time.Date(2025, 3, 30, 15, 30, 0, 0, time.UTC)},
		{"timed start, southern zone", brazil, ical.PropDateTimeStart, "America/Sao_Paulo", "20261102T100000", "", time.Date(2026, 11, 2, 13, 0, 0, 0, time.UTC)},
		{"date-only end of a timed mission: end of that day", brazil, ical.PropDateTimeEnd, "America/Sao_Paulo", "20261107T000000", "", time.Date(2026, 11, 7, 3, 0, 0, 0, time.UTC)},
		{"all-day start", "Trade fair", ical.PropDateTimeStart, "", "20260610", "DATE", time.Time{}},
		{"all-day end is exclusive", "Trade fair", ical.PropDateTimeEnd, "", "20260613", "DATE", time.Time{}},
		{"floating time", "Webinar", ical.PropDateTimeStart, "", "20260901T150000", "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, ok := evs[tt.summary]
			if !ok {
				t.Fatalf("no event %q", tt.summary)
			}
			p := ev.Props.Get(tt.prop)
			if p == nil {
				t.Fatalf("no %s", tt.prop)
			}
			if got := p.Params.Get(ical.PropTimezoneID); got != tt.tzid {
				t.Errorf("TZID = %q; want %q", got, tt.tzid)
			}
			if got := p.Params.Get(ical.ParamValue); got != tt.valueType {
				t.Errorf("VALUE = %q; want %q", got, tt.valueType)
			}
			if p.Value != tt.value {
				t.Errorf("value = %q; want %q", p.Value, tt.value)
			}
			if tt.tzid == "" {
				return
			}
			// The IANA name as clients that know it read it...
			got, err := p.DateTime(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("by TZID: %s; want %s", got.UTC(), tt.want.UTC())
			}
			// ...and the VTIMEZONE as the others do.
			if got := instant(t, cal, p); !got.Equal(tt.want) {
				t.Errorf("by VTIMEZONE: %s; want %s", got, tt.want.UTC())
			}
		})
	}

	t.Run("webinar has no end", func(t *testing.T) {
		if p := evs["Webinar"].Props.Get(ical.PropDateTimeEnd); p != nil {
			t.Errorf("DTEND = %s; want none (the content gives no end)", p.Value)
		}
	})

	t.Run("text", func(t *testing.T) {
		ev := evs["Paris summit, spring edition"]
		text := func(name string) string {
			p := ev.Props.Get(name)
			if p == nil {
				return ""
			}
			v, err := p.Text()
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		checks := []struct{ name, got, want string }{
			{"description", text(ical.PropDescription), "A two-day summit across the change to summer time.\n\nhttps://consort.example.org/en/missions/paris-summit/"},
			{"location", text(ical.PropLocation), "Paris, France"},
			{"categories", text(ical.PropCategories), "Event"},
			{"url", ev.Props.Get(ical.PropURL).Value, "https://consort.example.org/en/missions/paris-summit/"},
			{"geo", ev.Props.Get(ical.PropGeo).Value, "48.856600;2.352200"},
			{"dtstamp: the build clock", ev.Props.Get(ical.PropDateTimeStamp).Value, "20250601T120000Z"},
			{"language", ev.Props.Get(ical.PropSummary).Params.Get(ical.ParamLanguage), "en"},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s = %q; want %q", c.name, c.got, c.want)
			}
		}
		if !strings.Contains(string(files["en/missions/calendar.ics"]), `SUMMARY;LANGUAGE=en:Paris summit\, spring edition`) {
			t.Errorf("the comma in SUMMARY is not escaped")
		}
	})
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data for %s: %v", name, err)
	}
	return loc
}

// TestVTIMEZONE checks the generated time zones against Go's data at every
// hour of the years the calendar covers.
func TestVTIMEZONE(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	cal := parseICS(t, "en/missions/calendar.ics", allFiles(t, s)["en/missions/calendar.ics"])
	tests := []struct {
		tzid     string
		from, to time.Time
		kinds    string
	}{
		{"Europe/Paris", time.Date(2024, 10, 28, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), "STANDARD DAYLIGHT"},
		{"America/Sao_Paulo", time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC), "STANDARD"},
	}
	for _, tt := range tests {
		t.Run(tt.tzid, func(t *testing.T) {
			loc := mustLoad(t, tt.tzid)
			var kinds []string
			for _, c := range cal.Children {
				if c.Name == ical.CompTimezone && c.Props.Get(ical.PropTimezoneID).Value == tt.tzid {
					for _, o := range c.Children {
						kinds = append(kinds, o.Name)
					}
				}
			}
			if got := strings.Join(kinds, " "); got != tt.kinds {
				t.Errorf("observances %s; want %s", got, tt.kinds)
			}
			for u := tt.from; u.Before(tt.to); u = u.Add(time.Hour) {
				local := u.In(loc)
				prop := ical.NewProp(ical.PropDateTimeStart)
				prop.Params.Set(ical.PropTimezoneID, tt.tzid)
				prop.Value = local.Format("20060102T150405")
				// Wall times that occur twice (the hour the clocks go
				// back) are ambiguous; RFC 5545 takes the first.
				if local.Add(-time.Hour).Format("15") == local.Format("15") {
					continue
				}
				if got := instant(t, cal, prop); !got.Equal(u) {
					t.Fatalf("%s local %s: VTIMEZONE gives %s; want %s", tt.tzid, prop.Value, got, u)
				}
			}
		})
	}
}

func TestCalendarUIDs(t *testing.T) {
	a := allFiles(t, loadSite(t, "site.txtar", site.Options{}))
	b := allFiles(t, loadSite(t, "site.txtar", site.Options{Clock: clock.AddDate(0, 0, 3)}))
	uids := func(files map[string][]byte, name string) []string {
		var out []string
		for _, e := range parseICS(t, name, files[name]).Events() {
			out = append(out, e.Props.Get(ical.PropUID).Value)
		}
		sort.Strings(out)
		return out
	}
	en, en2, fr := uids(a, "en/missions/calendar.ics"), uids(b, "en/missions/calendar.ics"), uids(a, "fr/missions/calendar.ics")
	if strings.Join(en, " ") != strings.Join(en2, " ") {
		t.Errorf("UIDs changed between builds: %v, then %v", en, en2)
	}
	want := "missions-brazil@consort.example.org missions-fair@consort.example.org missions-paris-summit@consort.example.org missions-webinar@consort.example.org"
	if got := strings.Join(en, " "); got != want {
		t.Errorf("UIDs %s; want %s", got, want)
	}
	if got := strings.Join(fr, " "); got != "missions-paris-summit@consort.example.org" {
		t.Errorf("French UIDs %s; want the English event's", got)
	}
	one := uids(a, "en/missions/paris-summit.ics")
	if strings.Join(one, " ") != "missions-paris-summit@consort.example.org" {
		t.Errorf("the mission's own file has UIDs %v", one)
	}
}

func TestEscapeAndFold(t *testing.T) {
	s := loadSite(t, "site.txtar", site.Options{})
	data := allFiles(t, s)["en/missions/brazil.ics"]
	cal := parseICS(t, "brazil.ics", data)
	ev := cal.Events()[0]
	got, err := ev.Props.Get(ical.PropSummary).Text()
	if err != nil {
		t.Fatal(err)
	}
	if want := "Business mission to São Paulo with a title long enough to be folded over several lines of the calendar file"; got != want {
		t.Errorf("SUMMARY unfolds to %q; want %q", got, want)
	}
	if !bytes.Contains(data, []byte("\r\n ")) {
		t.Errorf("no folded line in %s", data)
	}
}
