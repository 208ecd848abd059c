package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"reflect"
	"slices"

	"github.com/consort-ssg/consort/internal/markdown"
)

// Refresh returns prev with the content files named read again from fsys,
// when they changed in their bodies only: the same front matter, so the
// same URL, translations, references and place in lists. It is what
// `consort serve` does for the most common edit, a few sentences in one
// page, without linking 10,000 pages again.
//
// ok is false, and a full Load is needed, when anything else may have
// changed: a file is new, gone, or not a page of prev; its front matter
// differs; it has a problem; opts has no Cache, or the Cache does not hold
// the file's previous version. The site returned gives the same pages as
// Load would, and shares all but the refreshed ones with prev, which is
// not modified. (Pages of prev that point to a refreshed page, its
// translations for instance, keep pointing to its previous version, which
// differs from the new one only in its body.)
func Refresh(prev *Site, fsys fs.FS, opts Options, files []string) (s *Site, ok bool) {
	c := opts.Cache
	if c == nil || prev == nil {
		return nil, false
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	opts.Clock = prev.Clock
	l := &loader{fsys: fsys, cfg: prev.Config, opts: opts, text: markdown.New(markdown.Options{})}
	type change struct{ old, new *Page }
	var changes []change
	for _, file := range files {
		old := prev.byFile[file]
		if old == nil || old.Synthetic {
			return nil, false
		}
		e := c.entry(file).parsed.Load()
		if e == nil {
			return nil, false
		}
		l.configSum = e.config
		data, err := readLimited(fsys, file, opts.MaxFileSize)
		if err != nil {
			return nil, false
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) == old.Hash {
			continue
		}
		p := c.parse(l, file, data, sum)
		if p == nil || len(l.problems) > 0 || !sameFront(old, p) {
			return nil, false
		}
		changes = append(changes, change{old, p})
	}
	if len(changes) == 0 {
		return prev, true
	}

	s = &Site{Config: prev.Config, Clock: prev.Clock, Excluded: prev.Excluded,
		Pages: slices.Clone(prev.Pages), byFile: maps.Clone(prev.byFile), byName: maps.Clone(prev.byName), bySection: maps.Clone(prev.bySection)}
	c.sameWorld(prev, s) // no file or URL changed
	conv := newBodyConverter(prev.Config.Markdown)
	refreshed := map[string]bool{}
	for _, ch := range changes {
		old, p := ch.old, ch.new
		p.Key = old.Key
		p.Translations = old.Translations
		p.ClusterPage, p.Participants, p.Organisation = old.ClusterPage, old.Participants, old.Organisation
		p.Members, p.Missions, p.Interviews = old.Members, old.Missions, old.Interviews
		s.Pages[slices.Index(s.Pages, old)] = p
		s.byFile[p.File] = p
		if k := p.Lang + "/" + p.Section + "/" + p.Name; s.byName[k] == old {
			s.byName[k] = p
		}
		if k := p.Lang + "/" + p.Section; slices.Contains(s.bySection[k], old) {
			sec := slices.Clone(s.bySection[k])
			sec[slices.Index(sec, old)] = p
			s.bySection[k] = sec
		}
		refreshed[p.File] = true
	}
	for _, ch := range changes {
		p := ch.new
		res := c.convert(conv, s, p, l.configSum)
		if len(res.Problems) > 0 {
			return nil, false // errors: Load reports them with every other
		}
		p.HTML, p.Headings, p.Links, p.Images = res.HTML, res.Headings, res.Links, res.Images
	}
	// The files refreshed have no problem now; their old warnings go.
	for _, w := range prev.Warnings {
		if !refreshed[w.File] {
			s.Warnings = append(s.Warnings, w)
		}
	}
	return s, true
}

// sameFront reports whether two parses of a page have the same front
// matter and so the same place in the site.
func sameFront(a, b *Page) bool {
	return a.Kind == b.Kind && a.Lang == b.Lang && a.URL == b.URL && a.Slug == b.Slug && a.Draft == b.Draft &&
		a.Section == b.Section && a.Name == b.Name && a.Rel == b.Rel &&
		reflect.DeepEqual(a.Params, b.Params)
}

// sameWorld tells the cache that links resolve in s as in prev, whose key
// it may hold.
func (c *Cache) sameWorld(prev, s *Site) {
	c.worldMu.Lock()
	defer c.worldMu.Unlock()
	if c.worldSite == prev {
		c.worldSite = s
	}
}
