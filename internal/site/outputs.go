package site

// What a site has to publish besides its pages; the addresses come from
// Config.URLs.

// HasNewsFeed reports whether lang has an Atom feed: when it has news.
func (s *Site) HasNewsFeed(lang string) bool { return len(s.bySection[lang+"/news"]) > 0 }

// HasCalendar reports whether lang has a calendar of missions: when a
// mission of lang has dates.
func (s *Site) HasCalendar(lang string) bool {
	// Every page's head asks: look at the site's own list, not a copy
	// (PagesOf) of it.
	for _, p := range s.bySection[lang+"/missions"] {
		if p.HasCalendar() {
			return true
		}
	}
	return false
}

// HasCalendar reports whether p is a mission with its own calendar file:
// one with dates.
func (p *Page) HasCalendar() bool {
	m := p.Mission()
	return m != nil && !m.Start.IsZero()
}
