package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/consort-ssg/consort/internal/site"
)

// Cached renders the partial template name with the page's data once per
// site, language and key, and gives the same HTML to every later page
// that asks with the same key: for the parts of the frame that many pages
// share, such as the menus. The key must tell apart everything the
// partial shows that differs between pages; the language is part of it
// already. A partial that shows anything else of the page must not be
// cached.
//
//	{{.Cached "partials/nav.html" .MenuKey}}
func (d *Data) Cached(name string, key ...any) (template.HTML, error) {
	if d.engine == nil || !strings.HasPrefix(name, "partials/") {
		return "", fmt.Errorf("Cached: %q is not a partial (partials/*.html)", name)
	}
	layouts := d.engine.layouts
	if d.plain { // reporting an error at the line written (Engine.asWritten)
		layouts = d.engine.plain
	}
	work := func() (cachedPart, error) {
		t := layouts[d.Kind]
		if t == nil || t.Lookup(name) == nil {
			return cachedPart{}, fmt.Errorf("Cached: no template %s", name)
		}
		// What the partial reads is recorded apart, and given to every
		// page that gets its HTML.
		own := d.reads
		d.reads = &Reads{}
		defer func() { d.reads = own }()
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, name, d); err != nil {
			return cachedPart{}, err
		}
		return cachedPart{template.HTML(b.String()), d.reads.list()}, nil
	}
	if d.plain {
		part, err := work()
		return part.html, err
	}
	k := d.Lang + "\x00" + name + "\x00" + fmt.Sprint(key...)
	part, err := d.engine.parts.get(d.site, k, work)
	d.reads.merge(part.reads)
	return part.html, err
}

// cachedPart is a Cached partial's HTML and what it read.
type cachedPart struct {
	html  template.HTML
	reads []Key
}

// MenuKey names the state of the page's menu, an entry a letter: "c" the
// page itself, "a" a section above it, "-" neither; the key of the
// menus' Cached partials.
func (d *Data) MenuKey() string {
	var b strings.Builder
	for _, it := range d.Menu {
		switch {
		case it.Current:
			b.WriteByte('c')
		case it.Ancestor:
			b.WriteByte('a')
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

// siteMemo remembers values worked out for the site being rendered, by
// key, and forgets them when asked about another site (the preview
// renders a new one after each change). A value is worked out outside
// the lock: two pages asking at once may both work it out, and get the
// same.
type siteMemo[V any] struct {
	mu   sync.Mutex
	site *site.Site
	m    map[string]V
}

func (c *siteMemo[V]) get(s *site.Site, key string, work func() (V, error)) (V, error) {
	c.mu.Lock()
	if c.site != s {
		c.site, c.m = s, map[string]V{}
	}
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := work()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.site == s {
		c.m[key] = v
	}
	c.mu.Unlock()
	return v, nil
}
