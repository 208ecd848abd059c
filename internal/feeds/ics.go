package feeds

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// Calendars returns, per language, an iCalendar file (RFC 5545) of every
// mission that has dates, at "<lang>/<missions slug>/calendar.ics", and
// one file per such mission beside its page. Missions whose dates are not
// announced yet are left out: a calendar event needs a start.
//
// Times. A mission given by dates only is an all-day event (VALUE=DATE,
// DTEND the day after its last day, as RFC 5545 wants). A mission with a
// time of day and a timeZone keeps the wall-clock time its organisers
// wrote, with TZID set to the IANA name, and the calendar carries a
// VTIMEZONE for each zone it names, made from Go's time zone data: one
// observance per offset change from before the first event to after the
// last, so that every client, including those that do not know IANA
// names, gets the same instants. A time of day without a timeZone is a
// floating time (the same wall-clock time wherever the reader is), which is
// what the content says and no more.
//
// UID is the mission's translation key and the site's host, the same in
// every language and every build: the English and French files describe
// the same event. DTSTAMP is the build's clock (--clock), so builds of
// the same content with the same clock are byte-identical. Lines end in
// CRLF and are folded at 75 octets without splitting a UTF-8 character;
// text is escaped.
func Calendars(s *site.Site, opts Options) []output.File {
	var files []output.File
	urls := s.Config.URLs()
	for _, lang := range s.Langs() {
		var events []*site.Page
		for _, p := range s.PagesOf(lang, "missions") {
			if p.HasCalendar() {
				u := urls.MissionCalendar(lang, p.Slug)
				events = append(events, p)
				files = append(files, output.File{Path: urls.File(u), Data: calendar(s, lang, p.Title(), []*site.Page{p}, u, opts)})
			}
		}
		if len(events) == 0 {
			continue
		}
		sort.SliceStable(events, func(i, j int) bool {
			a, b := events[i].Mission().Start, events[j].Mission().Start
			if !a.Equal(b.Time) {
				return a.Before(b.Time)
			}
			return events[i].File < events[j].File
		})
		name := s.Config.Title[lang]
		if sec := s.Section(lang, "missions"); sec != nil {
			name = sec.Title() + " – " + name
		}
		u := urls.Calendar(lang)
		files = append(files, output.File{Path: urls.File(u), Data: calendar(s, lang, name, events, u, opts)})
	}
	return files
}

func calendar(s *site.Site, lang, name string, events []*site.Page, selfURL string, opts Options) []byte {
	w := &icsWriter{}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//consort//" + escapeText(s.Config.Title[lang]) + "//" + strings.ToUpper(lang))
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("NAME:" + escapeText(name))
	w.line("X-WR-CALNAME:" + escapeText(name))
	w.line("SOURCE;VALUE=URI:" + s.Config.AbsURL(selfURL))
	w.line("REFRESH-INTERVAL;VALUE=DURATION:P1D")
	w.line("X-PUBLISHED-TTL:P1D")

	// Time zones the events name, with the span of instants they cover.
	spans := map[string][2]time.Time{}
	for _, p := range events {
		ev := eventTimes(p.Mission())
		if ev.loc == nil {
			continue
		}
		sp, ok := spans[ev.tzid]
		if !ok || ev.start.Before(sp[0]) {
			sp[0] = ev.start
		}
		if !ok || ev.end.After(sp[1]) {
			sp[1] = ev.end
		}
		spans[ev.tzid] = sp
	}
	for _, tzid := range slices.Sorted(maps.Keys(spans)) {
		loc, _ := time.LoadLocation(tzid) // eventTimes loaded it already
		vtimezone(w, loc, tzid, spans[tzid][0], spans[tzid][1])
	}
	for _, p := range events {
		vevent(w, s, p, opts)
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

// times is when an event is, ready to be written.
type times struct {
	allDay     bool
	start, end time.Time      // for all-day events, dates at 00:00 UTC; end is exclusive
	hasEnd     bool           // timed events may have no end
	loc        *time.Location // nil: all-day or floating
	tzid       string
}

func eventTimes(m *site.Mission) times {
	var t times
	end := m.End
	if end.IsZero() {
		end = m.Start
	}
	if !m.Start.HasTime {
		t.allDay, t.hasEnd = true, true
		t.start = day(m.Start.Time)
		t.end = day(end.Time).AddDate(0, 0, 1)
		return t
	}
	if m.TimeZone != "" {
		if loc, err := time.LoadLocation(m.TimeZone); err == nil {
			t.loc, t.tzid = loc, m.TimeZone
		}
	}
	in := time.UTC
	if t.loc != nil {
		in = t.loc
	}
	wall := func(d time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, in)
	}
	t.start = wall(m.Start.Time)
	t.end = t.start
	switch {
	case m.End.IsZero():
	case m.End.HasTime:
		t.end, t.hasEnd = wall(m.End.Time), true
	default: // a date without a time: the end of that day
		t.end, t.hasEnd = wall(day(m.End.Time).AddDate(0, 0, 1)), true
	}
	return t
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func vevent(w *icsWriter, s *site.Site, p *site.Page, opts Options) {
	m := p.Mission()
	ev := eventTimes(m)
	w.line("BEGIN:VEVENT")
	w.line("UID:" + escapeText(uid(s, p)))
	w.line("DTSTAMP:" + s.Clock.UTC().Format("20060102T150405Z"))
	switch {
	case ev.allDay:
		w.line("DTSTART;VALUE=DATE:" + ev.start.Format("20060102"))
		w.line("DTEND;VALUE=DATE:" + ev.end.Format("20060102"))
	case ev.loc != nil:
		w.line("DTSTART;TZID=" + ev.tzid + ":" + ev.start.Format("20060102T150405"))
		if ev.hasEnd {
			w.line("DTEND;TZID=" + ev.tzid + ":" + ev.end.Format("20060102T150405"))
		}
	default:
		w.line("DTSTART:" + ev.start.Format("20060102T150405"))
		if ev.hasEnd {
			w.line("DTEND:" + ev.end.Format("20060102T150405"))
		}
	}
	lang := ";LANGUAGE=" + p.Lang
	w.line("SUMMARY" + lang + ":" + escapeText(p.Title()))
	desc := p.Summary()
	if desc != "" {
		desc += "\n\n"
	}
	desc += s.Config.AbsURL(p.URL)
	w.line("DESCRIPTION" + lang + ":" + escapeText(desc))
	var where []string
	if m.City != "" {
		where = append(where, m.City)
	}
	if m.Country != "" {
		c := m.Country
		if opts.Bundle != nil {
			c = opts.Bundle.Locale(p.Lang).Country(m.Country)
		}
		where = append(where, c)
	}
	if len(where) > 0 {
		w.line("LOCATION" + lang + ":" + escapeText(strings.Join(where, ", ")))
	}
	if m.Location != nil {
		w.line(fmt.Sprintf("GEO:%.6f;%.6f", m.Location.Lat, m.Location.Lon))
	}
	if m.MissionType != "" {
		w.line("CATEGORIES" + lang + ":" + escapeText(s.Config.Vocabularies.Label("missionType", m.MissionType, p.Lang)))
	}
	w.line("URL;VALUE=URI:" + s.Config.AbsURL(p.URL))
	w.line("END:VEVENT")
}

// uid names an event the same way in every build and every language.
func uid(s *site.Site, p *site.Page) string {
	key := strings.TrimSuffix(p.Key, ".md") // "missions/brazil-trip" or "key:brazil-2026"
	return strings.NewReplacer("/", "-", ":", "-", " ", "-").Replace(key) + "@" + host(s)
}

// vtimezone writes the VTIMEZONE of loc covering the instants from to to:
// one STANDARD or DAYLIGHT observance for each period of constant offset
// that overlaps them, starting with the one in force at from.
func vtimezone(w *icsWriter, loc *time.Location, tzid string, from, to time.Time) {
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + tzid)
	t := from.In(loc)
	for n := 0; n < 1000; n++ { // zones change a few times a year; the bound stops a runaway
		start, end := t.ZoneBounds()
		name, offset := t.Zone()
		prevOffset := offset
		onset := "19700101T000000"
		if !start.IsZero() {
			_, prevOffset = start.Add(-time.Second).Zone()
			onset = start.In(time.FixedZone("", prevOffset)).Format("20060102T150405")
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		w.line("BEGIN:" + kind)
		w.line("DTSTART:" + onset)
		w.line("TZOFFSETFROM:" + utcOffset(prevOffset))
		w.line("TZOFFSETTO:" + utcOffset(offset))
		if name != "" {
			w.line("TZNAME:" + escapeText(name))
		}
		w.line("END:" + kind)
		if end.IsZero() || end.After(to) {
			break
		}
		t = end.In(loc)
	}
	w.line("END:VTIMEZONE")
}

// utcOffset formats seconds east of UTC as RFC 5545's UTC-OFFSET: +0100,
// -0300, +053000 when there are seconds.
func utcOffset(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	s := fmt.Sprintf("%s%02d%02d", sign, secs/3600, secs/60%60)
	if secs%60 != 0 {
		s += fmt.Sprintf("%02d", secs%60)
	}
	return s
}

// escapeText escapes an RFC 5545 TEXT value: backslash, semicolon, comma
// and line breaks.
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// icsWriter writes content lines ending in CRLF, folded so that no line
// is longer than 75 octets.
type icsWriter struct{ buf bytes.Buffer }

func (w *icsWriter) line(s string) {
	const limit = 75
	first := true
	for {
		room := limit
		if !first {
			room = limit - 1 // the leading space of a continuation line counts
		}
		if len(s) <= room {
			break
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8: fold on the octet rather than never
			cut = room
		}
		if !first {
			w.buf.WriteByte(' ')
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n")
		s, first = s[cut:], false
	}
	if !first {
		w.buf.WriteByte(' ')
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}
