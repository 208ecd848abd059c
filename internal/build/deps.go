package build

import (
	"bytes"
	"io/fs"
	"reflect"
	"slices"

	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
)

// siteDiff is what changed between two loads of a site, as the keys of
// what pages read (render.Key), and the pages to render again.
type siteDiff struct {
	// keys are the reads whose answer changed.
	keys map[render.Key]bool
	// card is true when a page appeared, went, or changed in what other
	// pages show of it (front matter, URL, draft state, links).
	card bool
	// bodies are the kinds of the pages whose body changed.
	bodies map[site.Kind]bool
	// frame is true when the 404 page of a language changed.
	frame bool
	// pagesChanged is true when a page came or went.
	pagesChanged bool
	// affected are the page files to render again.
	affected map[string]bool
}

func newDiff() *siteDiff {
	return &siteDiff{keys: map[render.Key]bool{}, bodies: map[site.Kind]bool{}, affected: map[string]bool{}}
}

func (d *siteDiff) showsBody(kinds []site.Kind) bool {
	for _, k := range kinds {
		if d.bodies[k] {
			return true
		}
	}
	return false
}

// bodiesChanged is the diff of a site.Refresh: only the bodies of the
// changed files changed.
func bodiesChanged(old, cur *site.Site, changed []string) *siteDiff {
	d := newDiff()
	for _, f := range changed {
		if p := cur.Page(f); p != nil && p != old.Page(f) {
			d.body(p)
		}
	}
	return d
}

// body notes that the body of p changed.
func (d *siteDiff) body(p *site.Page) {
	d.affected[p.File], d.bodies[p.Kind] = true, true
	d.keys[render.Key{Kind: render.ReadBody, Name: p.File}] = true
}

// diffSites compares the pages of two loads. A page whose own file
// changed renders again; a page that came, went, or changed in what
// others show of it (sameCard, sameLinks) changes the keys that read it:
//
//   - the page itself (its title and URL, and what a template handed it
//     sees: its front matter and links), and when its front matter
//     changed, the pages it links to and that link to it (whose links
//     templates follow to it), in both loads;
//   - the lists of the sections of all those, and the lists of every
//     page of their languages;
//   - its name, for lookups by name;
//   - the maps' shading of a language, when it changed.
func diffSites(old, cur *site.Site, eng *render.Engine) *siteDiff {
	d := newDiff()
	// cards are the files of the pages that came, went or changed in
	// front matter; linked those whose links alone changed.
	var cards, linked []string
	for _, p := range cur.Pages {
		o := old.Page(p.File)
		switch {
		case o == nil:
			cards = append(cards, p.File)
			d.pagesChanged = true
		case !sameCard(o, p):
			cards = append(cards, p.File)
		case !sameLinks(o, p):
			linked = append(linked, p.File)
		case !bytes.Equal(o.HTML, p.HTML):
			d.body(p)
		default:
			continue
		}
		d.affected[p.File] = true
	}
	for _, o := range old.Pages {
		if cur.Page(o.File) == nil {
			cards = append(cards, o.File)
			d.pagesChanged = true
		}
	}
	if len(cards)+len(linked) > 0 {
		d.card = true
		d.cardKeys(old, cur, cards, linked, eng)
	}
	return d
}

// cardKeys changes the keys of the reads that show the pages of cards
// (front matter changed, or came or went) and linked (links changed),
// in both loads.
func (d *siteDiff) cardKeys(old, cur *site.Site, cards, linked []string, eng *render.Engine) {
	shade := false
	for _, s := range []*site.Site{old, cur} {
		for _, f := range cards {
			d.keys[render.Key{Kind: render.ReadCard, Name: f}] = true
			p := s.Page(f)
			if p == nil {
				d.keys[render.Key{Kind: render.ReadPage, Name: f}] = true
				continue
			}
			d.keys[render.Key{Kind: render.ReadName, Name: p.Section + "/" + p.Name}] = true
			shade = shade || p.Section == "clusters" || p.Section == "missions"
			d.seen(p)
			for _, n := range links(p) {
				d.seen(n)
			}
		}
		for _, f := range linked {
			if p := s.Page(f); p != nil {
				d.seen(p)
			}
		}
	}
	if shade {
		for _, lang := range cur.Langs() {
			om, ok := eng.Shading(old, lang)
			cm, ck := eng.Shading(cur, lang)
			if !slices.Equal(om, cm) || !slices.Equal(ok, ck) {
				d.keys[render.Key{Kind: render.ReadShade, Name: lang}] = true
			}
		}
	}
}

// seen changes the keys of the reads that show p.
func (d *siteDiff) seen(p *site.Page) {
	d.keys[render.Key{Kind: render.ReadPage, Name: p.File}] = true
	d.keys[render.Key{Kind: render.ReadList, Name: p.Lang + "/" + p.Section}] = true
	d.keys[render.Key{Kind: render.ReadLang, Name: p.Lang}] = true
	d.keys[render.Key{Kind: render.ReadLang, Name: ""}] = true
}

// readersOf marks as affected the pages that read a changed key, by the
// reads of the last build; bodyReaders are the pages that read bodies.
func (d *siteDiff) readersOf(reads map[string][]render.Key, bodyReaders map[string]bool) {
	if len(d.keys) == 0 {
		return
	}
	var kinds [render.ReadShade + 1]bool
	for k := range d.keys {
		kinds[k.Kind] = true
	}
	check := func(file string) {
		if d.affected[file] {
			return
		}
		for _, k := range reads[file] {
			if kinds[k.Kind] && d.keys[k] {
				d.affected[file] = true
				return
			}
		}
	}
	// The common change, a body alone, is looked up among the readers
	// of bodies only.
	if kinds == ([render.ReadShade + 1]bool{render.ReadBody: true}) {
		for file := range bodyReaders {
			check(file)
		}
		return
	}
	for file := range reads {
		check(file)
	}
}

// readsBody reports whether keys hold another page's body.
func readsBody(keys []render.Key) bool {
	return slices.ContainsFunc(keys, func(k render.Key) bool { return k.Kind == render.ReadBody })
}

// links are the pages p links to and that link to it, with its
// translations: what a template handed p can reach from it.
func links(p *site.Page) []*site.Page {
	out := slices.Clone(p.Translations)
	if p.ClusterPage != nil {
		out = append(out, p.ClusterPage)
	}
	if p.Organisation != nil {
		out = append(out, p.Organisation)
	}
	out = append(out, p.Participants...)
	out = append(out, p.Members...)
	out = append(out, p.Missions...)
	return append(out, p.Interviews...)
}

// sameCard reports whether two loads of a page show the same to other
// pages.
func sameCard(a, b *site.Page) bool {
	return a.Kind == b.Kind && a.URL == b.URL && a.Slug == b.Slug && a.Draft == b.Draft &&
		a.Key == b.Key && a.Synthetic == b.Synthetic &&
		(a.Params == b.Params || reflect.DeepEqual(a.Params, b.Params))
}

// sameLinks reports whether two loads of a page have the same
// translations and name and are named by the same pages.
func sameLinks(a, b *site.Page) bool {
	same := func(x, y []*site.Page) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i].File != y[i].File {
				return false
			}
		}
		return true
	}
	one := func(x *site.Page) []*site.Page {
		if x == nil {
			return nil
		}
		return []*site.Page{x}
	}
	return same(a.Translations, b.Translations) && same(one(a.ClusterPage), one(b.ClusterPage)) &&
		same(one(a.Organisation), one(b.Organisation)) && same(a.Participants, b.Participants) &&
		same(a.Members, b.Members) && same(a.Missions, b.Missions) && same(a.Interviews, b.Interviews)
}

// usersOf marks as affected the pages whose layout uses one of the
// template files changed (render.Engine.Uses), before or after.
func (d *siteDiff) usersOf(s *site.Site, changed []string, old, cur *render.Engine) {
	if len(changed) == 0 {
		return
	}
	uses := map[string]bool{}
	for _, p := range s.Pages {
		layout := render.LayoutOf(p)
		u, ok := uses[layout]
		if !ok {
			u = slices.ContainsFunc(changed, func(f string) bool {
				return slices.Contains(old.Uses(layout), f) || slices.Contains(cur.Uses(layout), f)
			})
			uses[layout] = u
		}
		if u {
			d.affected[p.File] = true
		}
	}
}

// readTheme reads the template files.
func readTheme(theme fs.FS) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(theme, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		files[p] = data
		return err
	})
	return files, err
}

// changedFiles returns the paths whose bytes differ between a and b, or
// that only one has, sorted.
func changedFiles(a, b map[string][]byte) []string {
	var out []string
	for p, data := range b {
		if old, ok := a[p]; !ok || !bytes.Equal(old, data) {
			out = append(out, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
