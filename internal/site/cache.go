package site

import (
	"crypto/sha256"
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/consort-ssg/consort/internal/markdown"
)

// Cache keeps what Load computed for each content file, so that the next
// Load of the same site redoes only the files whose bytes changed:
//
//   - the parsed and validated front matter, with the file's problems,
//     keyed by the file's path and the SHA-256 of its bytes;
//   - the rendered Markdown, keyed by the same plus the targets its links
//     resolved to: when a page it links to moves, the body is rendered
//     again.
//
// Both are also keyed by the SHA-256 of content/site.yaml, since the
// vocabularies, section slugs and Markdown options change what a file
// gives. Linking the pages together (translations, references, menus) is
// redone by every Load; it is cheap.
//
// Pass the same Cache in Options.Cache to successive Loads; it is safe for
// concurrent use. The zero value is not usable; call NewCache. A nil
// *Cache caches nothing.
type Cache struct {
	mu    sync.RWMutex
	files map[string]*cacheEntry

	worldMu   sync.Mutex
	seed      maphash.Seed
	worldSite *Site  // the last site worldOf hashed...
	worldSum  uint64 // ...and its key

	parseHits, parseMisses, mdHits, mdMisses atomic.Int64
}

// cacheEntry is what the cache holds of one file.
type cacheEntry struct {
	used   atomic.Bool // looked up since the last Prune
	parsed atomic.Pointer[parsedFile]
	md     atomic.Pointer[renderedBody]
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]*cacheEntry{}, seed: maphash.MakeSeed()}
}

// entry returns the entry of file, made when missing, marked used.
func (c *Cache) entry(file string) *cacheEntry {
	c.mu.RLock()
	e := c.files[file]
	c.mu.RUnlock()
	if e == nil {
		c.mu.Lock()
		if e = c.files[file]; e == nil {
			e = &cacheEntry{}
			c.files[file] = e
		}
		c.mu.Unlock()
	}
	e.used.Store(true)
	return e
}

// CacheStats counts the lookups of a Cache since it was made.
type CacheStats struct {
	ParseHits, ParseMisses       int64
	MarkdownHits, MarkdownMisses int64
}

// Stats returns the hits and misses so far.
func (c *Cache) Stats() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	return CacheStats{c.parseHits.Load(), c.parseMisses.Load(), c.mdHits.Load(), c.mdMisses.Load()}
}

// Prune forgets the files no Load has looked up since the previous Prune:
// files that were deleted or renamed. Call it after a Load.
func (c *Cache) Prune() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for f, e := range c.files {
		if !e.used.Swap(false) {
			delete(c.files, f)
		}
	}
}

// parsedFile is the outcome of parseData for one version of a file.
type parsedFile struct {
	sum, config [32]byte
	page        *Page // nil when the file is too broken to be a page; never linked
	problems    Problems
}

// renderedBody is the Markdown of one version of a page with the link
// targets it resolved, in the order the converter asked for them.
type renderedBody struct {
	sum    string // Page.Hash
	config [32]byte
	links  []resolvedLink
	res    markdown.Result
	// world is the key of the pages and URLs the links were last found
	// to resolve against (Cache.worldOf).
	world atomic.Uint64
}

type resolvedLink struct{ dest, url, err string }

// parse returns the page of file, whose bytes are data, from the cache
// when the same bytes were parsed with the same site.yaml before. Its
// problems are added to l either way.
func (c *Cache) parse(l *loader, file string, data []byte, sum [32]byte) *Page {
	if c == nil {
		return l.parseData(file, data, sum)
	}
	entry := c.entry(file)
	e := entry.parsed.Load()
	if e == nil || e.sum != sum || e.config != l.configSum {
		c.parseMisses.Add(1)
		// Parse with a loader of its own to keep this file's problems. It
		// needs every field parseData uses; TestCacheReusesUnchangedFiles
		// compares cached and uncached loads to catch one left out.
		own := &loader{fsys: l.fsys, cfg: l.cfg, opts: l.opts, configSum: l.configSum, text: l.text}
		e = &parsedFile{sum: sum, config: l.configSum, page: own.parseData(file, data, sum), problems: own.problems}
		entry.parsed.Store(e)
	} else {
		c.parseHits.Add(1)
	}
	for _, p := range e.problems {
		l.add(p)
	}
	return e.page.unlinked()
}

// ContentHasher is implemented by file systems that know the SHA-256 of
// their files' bytes without reading them (consort serve keeps the site in
// memory and hashes a file once, when it changes). With a Cache, Load then
// reads only the files it has not parsed in that version.
type ContentHasher interface {
	ContentHash(name string) (sum [32]byte, ok bool)
}

// known returns the page of file from the cache without reading the file,
// when the file system knows its hash and that version is cached.
func (c *Cache) known(l *loader, file string) (*Page, bool) {
	h, ok := l.fsys.(ContentHasher)
	if c == nil || !ok {
		return nil, false
	}
	sum, ok := h.ContentHash(file)
	if !ok {
		return nil, false
	}
	e := c.entry(file).parsed.Load()
	if e == nil || e.sum != sum || e.config != l.configSum {
		return nil, false
	}
	c.parseHits.Add(1)
	for _, p := range e.problems {
		l.add(p)
	}
	return e.page.unlinked(), true
}

// unlinked returns a copy of p as parseData made it, without what linking
// a site adds, so that every Load links pages of its own; nil for nil.
func (p *Page) unlinked() *Page {
	if p == nil {
		return nil
	}
	q := *p
	q.HTML, q.Headings, q.Links, q.Images = nil, nil, nil, nil
	q.Translations = nil
	q.ClusterPage, q.Participants, q.Organisation = nil, nil, nil
	q.Members, q.Missions, q.Interviews = nil, nil, nil
	return &q
}

// convert renders the body of p, resolving its links to other pages in s,
// from the cache when the same bytes were rendered before and every link
// still resolves to the same target. The result is shared: read-only.
func (c *Cache) convert(conv *bodyConverter, s *Site, p *Page, configSum [32]byte) markdown.Result {
	resolve := func(dest string) (string, error) { return s.resolveLink(p, dest) }
	u := s.Config.URLs()
	from, _ := u.SitePath(p.URL)
	ctx := markdown.Context{Lang: p.Lang, LineOffset: p.BodyLine, Resolve: resolve, Root: u.Rooted, URL: from}
	if c == nil {
		return conv.convert(p.Body, ctx)
	}
	world := c.worldOf(s)
	entry := c.entry(p.File)
	e := entry.md.Load()
	if e != nil && e.sum == p.Hash && e.config == configSum {
		// Links resolve against the pages' files and URLs: when those
		// did not change since, no link needs resolving again.
		if e.world.Load() == world || e.stillResolves(resolve) {
			e.world.Store(world)
			c.mdHits.Add(1)
			return e.res
		}
	}
	c.mdMisses.Add(1)
	var links []resolvedLink
	ctx.Resolve = func(dest string) (string, error) {
		u, err := resolve(dest)
		links = append(links, resolvedLink{dest, u, errText(err)})
		return u, err
	}
	res := conv.convert(p.Body, ctx)
	e = &renderedBody{sum: p.Hash, config: configSum, links: links, res: res}
	e.world.Store(world)
	entry.md.Store(e)
	return res
}

// worldOf returns a key of what links resolve against in s: the file and
// URL of every page and the files left out, with why. It is computed
// once per site.
func (c *Cache) worldOf(s *Site) uint64 {
	c.worldMu.Lock()
	defer c.worldMu.Unlock()
	if c.worldSite == s {
		return c.worldSum
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, p := range s.Pages {
		h.WriteString(p.File)
		h.WriteByte(0)
		h.WriteString(p.URL)
		h.WriteByte(0)
	}
	h.WriteByte(1)
	for _, f := range sortedKeys(s.Excluded) {
		h.WriteString(f)
		h.WriteByte(0)
		h.WriteString(s.Excluded[f])
		h.WriteByte(0)
	}
	c.worldSite, c.worldSum = s, h.Sum64()
	return c.worldSum
}

func (e *renderedBody) stillResolves(resolve func(string) (string, error)) bool {
	for _, l := range e.links {
		u, err := resolve(l.dest)
		if u != l.url || errText(err) != l.err {
			return false
		}
	}
	return true
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// configKey is what the cache keys on besides a file: site.yaml's bytes
// and the base URL in effect.
func configKey(siteYAML []byte, baseURL string) [32]byte {
	h := sha256.New()
	h.Write(siteYAML)
	h.Write([]byte{0})
	h.Write([]byte(baseURL)) // --base-url moves every page's URL
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}
