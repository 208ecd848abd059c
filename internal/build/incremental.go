package build

import (
	"bytes"
	"html"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"consort/internal/images"
	"consort/internal/output"
	"consort/internal/render"
	"consort/internal/site"
)

// Builder builds the same site again and again, redoing only what the
// changes since its previous build require: `consort serve` keeps one.
// Each Rebuild returns the very files Build would return for the same
// source, byte for byte.
//
// What is reused:
//   - content files whose bytes did not change are neither parsed nor
//     rendered from Markdown again (site.Cache);
//   - the templates, the UI strings and the static files are read again
//     only when a path under templates/ or static/ changed;
//   - a page is rendered again only when its own file changed or a page
//     it shows changed (see affected), or when the frame every page
//     shares changed; otherwise its previous output is kept;
//   - the generated stages (catalogue, feeds) run again only when a page
//     changed in what other pages show, or a body they show changed.
//
// A change to content/site.yaml, to templates/ or to the asset names
// renders every page again, with the parsed content still reused.
//
// A Builder is not safe for concurrent use.
type Builder struct {
	opts    Options
	last    *state // the last build that succeeded; nil before
	pending pending
	failed  bool // the last Rebuild failed: its changes are not all known
}

// pending are the kinds of change seen since the last successful build.
type pending struct {
	all, config, theme, static bool
}

// state is what a successful build leaves for the next one.
type state struct {
	site    *site.Site
	eng     *render.Engine
	theme   themeInfo
	assets  *render.Assets
	static  []output.File            // after fingerprinting
	pages   map[string][]output.File // a page's outputs, by page file
	siteOut []output.File            // render.SiteJobs' outputs
	stages  [][]output.File          // each stage's outputs
	// sorted are the finished outputs (after images.Process), index
	// their positions by path; variants are the resized pictures among
	// them; refs are the file names in the srcset attributes of each
	// page, when there are variants.
	sorted []output.File
	index  map[string]int
	// commit finishes the state once the build succeeded.
	commit   func()
	variants map[string][]byte
	refs     map[string][]string
}

// NewBuilder returns a Builder for opts. It keeps a site.Cache in
// opts.Site.Cache (its own when none is given) and fixes the clock at
// now when opts.Site.Clock is zero, so that successive builds agree on
// which missions are upcoming.
func NewBuilder(opts Options) *Builder {
	if opts.Site.Cache == nil {
		opts.Site.Cache = site.NewCache()
	}
	if opts.Site.Clock.IsZero() {
		opts.Site.Clock = time.Now()
	}
	return &Builder{opts: opts, pending: pending{all: true}}
}

// Options returns the options the Builder builds with.
func (b *Builder) Options() Options { return b.opts }

// Update is the outcome of a Rebuild: the whole build, as Build returns
// it, and what changed since the previous successful one.
type Update struct {
	*Result
	// Changed are the output paths that are new or whose bytes differ
	// from the previous build's; Removed those that are gone. Both
	// sorted. The first build lists every file as changed.
	Changed, Removed []string
	// Rendered counts the pages whose templates were executed (the 404
	// pages and the language chooser, rendered every time, not counted);
	// Full is true when every page was.
	Rendered int
	Full     bool
	// Refreshed is true when only page bodies changed and the site was
	// not loaded again (site.Refresh).
	Refreshed bool
	// Published are the files of Changed with their final bytes,
	// minified as Build hands them to its sink: what a preview serves.
	Published []output.File
}

// Rebuild builds the site. changed are the paths of the source that
// changed since the previous call, slash-separated and relative to
// Options.Source ("content/en/about.md", "templates/base.html",
// "static/css/site.css"); nil means "unknown", which redoes everything
// (still reusing the content cache). The first call builds everything.
//
// When the build fails, nothing is forgotten: the next call builds
// against the last successful build with every change seen since.
func (b *Builder) Rebuild(changed []string) (*Update, error) {
	start := time.Now()
	b.note(changed)
	prev := b.last
	// The common edit, a few sentences in a page, skips linking the
	// whole site again: site.Refresh, when it can.
	var s *site.Site
	fast := false
	if prev != nil && !b.failed && b.pending == (pending{}) && onlyMarkdown(changed) {
		s, fast = site.Refresh(prev.site, b.opts.Source, b.opts.Site, changed)
	}
	if !fast {
		var err error
		if s, err = site.Load(b.opts.Source, b.opts.Site); err != nil {
			b.failed = true
			return nil, err
		}
	}
	u, err := b.rebuild(start, prev, s, fast, changed)
	if err != nil {
		b.failed = true
		return nil, err
	}
	if u.Published, err = published(u.Update); err != nil {
		b.failed = true
		return nil, err
	}
	if u.state.commit != nil {
		u.state.commit()
	}
	b.last, b.pending, b.failed = u.state, pending{}, false
	if !fast {
		b.opts.Site.Cache.Prune() // only a full Load looks every file up
	}
	return u.Update, nil
}

// onlyMarkdown reports whether every changed path is a page of content/.
func onlyMarkdown(changed []string) bool {
	for _, p := range changed {
		if !strings.HasPrefix(p, "content/") || !strings.HasSuffix(p, ".md") {
			return false
		}
	}
	return len(changed) > 0
}

type built struct {
	*Update
	state *state
}

// rebuild renders what changed between prev and s.
func (b *Builder) rebuild(start time.Time, prev *state, s *site.Site, fast bool, changed []string) (built, error) {
	var err error
	cur := &state{site: s}
	full := prev == nil || b.pending.all || b.pending.config || b.pending.theme
	if full {
		theme := themeFS(b.opts)
		if cur.eng, err = render.New(theme, s.Langs()); err != nil {
			return built{}, err
		}
		if cur.theme, err = scanTheme(theme); err != nil {
			return built{}, err
		}
	} else {
		cur.eng, cur.theme = prev.eng, prev.theme
	}
	if prev == nil || b.pending.all || b.pending.static {
		if cur.assets, cur.static, err = readStatic(b.opts); err != nil {
			return built{}, err
		}
		if prev != nil && !sameAssets(prev.static, cur.static) {
			full = true
		}
	} else {
		cur.assets, cur.static = prev.assets, prev.static
	}
	ropts := render.Options{Preview: b.opts.Preview, Assets: cur.assets}

	// The 404 pages first: they are the frame every page of their
	// language shares (menu, feeds, footer), so when one changed, every
	// page of its language is rendered again.
	if cur.siteOut, err = cur.eng.RenderJobs(s, cur.eng.SiteJobs(s, ropts)); err != nil {
		return built{}, err
	}
	var d *siteDiff
	switch {
	case fast && !cur.theme.bodyWide:
		// Only bodies changed: only their pages render again.
		d = &siteDiff{bodies: map[site.Kind]bool{}, affected: map[string]bool{}}
		for _, f := range changed {
			if p := s.Page(f); p != nil && p != prev.site.Page(f) {
				d.affected[f], d.bodies[p.Kind] = true, true
			}
		}
	case !full:
		d = diffSites(prev.site, s, cur.theme)
	}
	if !full {
		for _, lang := range framesChanged(prev.siteOut, cur.siteOut, s.Langs()) {
			d.frame = true
			for _, p := range s.LangPages(lang) {
				d.affected[p.File] = true
			}
		}
	}

	var jobs []render.Job
	var owners []int // the index in s.Pages of each job's page
	outs := make([][]output.File, len(s.Pages))
	made := make([]bool, len(s.Pages))
	for i, p := range s.Pages {
		if !full {
			outs[i] = prev.pages[p.File]
		}
		if full || d.affected[p.File] || outs[i] == nil {
			made[i], outs[i] = true, nil
			for _, j := range cur.eng.PageJobs(s, p, ropts) {
				jobs = append(jobs, j)
				owners = append(owners, i)
			}
		}
	}
	rendered, err := cur.eng.RenderJobs(s, jobs)
	if err != nil {
		return built{}, err
	}
	for k, f := range rendered[:len(jobs)] {
		outs[owners[k]] = append(outs[owners[k]], f)
	}

	// files are the outputs as the stages see them; fresh are those made
	// this time, which images.Process must see again (with the static
	// files, which it reads the pictures from); the others are kept as
	// it made them last time.
	files := make([]output.File, 0, len(s.Pages)+len(cur.siteOut))
	var fresh []output.File
	count := 0
	for i, out := range outs {
		if made[i] {
			count++
			fresh = append(fresh, out...)
		}
		files = append(files, out...)
	}
	// The outputs by page for next time: last time's map, updated, when
	// the same pages are there.
	if full || d.pagesChanged {
		cur.pages = make(map[string][]output.File, len(s.Pages))
		for i, p := range s.Pages {
			cur.pages[p.File] = outs[i]
		}
	} else {
		cur.pages = prev.pages // updated by commit, once nothing can fail
		cur.commit = func() {
			for i, p := range s.Pages {
				if made[i] {
					cur.pages[p.File] = outs[i]
				}
			}
		}
	}
	files = append(files, cur.siteOut...)
	fresh = append(fresh, cur.siteOut...)
	for i, st := range stages() {
		var out []output.File
		if full || d.frame || d.card || d.showsBody(st.bodies) {
			if out, err = st.run(s, cur.eng, ropts, files); err != nil {
				return built{}, err
			}
			fresh = append(fresh, out...)
		} else {
			out = prev.stages[i]
		}
		cur.stages = append(cur.stages, out)
		files = append(files, out...)
	}
	files = append(files, cur.static...)
	all := full || b.pending.static
	if all {
		fresh = files
	} else {
		fresh = append(fresh, cur.static...)
	}
	processed, err := images.Process(s, fresh, images.Options{})
	if err != nil {
		return built{}, err
	}
	cur.variants = map[string][]byte{}
	inputs := make(map[string]bool, len(fresh))
	for _, f := range fresh {
		inputs[f.Path] = true
	}
	final := processed
	for _, f := range processed {
		if !inputs[f.Path] {
			cur.variants[f.Path] = f.Data
		}
	}
	if len(cur.variants) > 0 || (prev != nil && len(prev.variants) > 0) {
		// Which resized copies each page shows, to keep those of the
		// pictures that pages not made again still show.
		cur.refs = map[string][]string{}
		for _, f := range processed {
			if inputs[f.Path] && f.Ext() == ".html" {
				if names := srcsetNames(f.Data); names != nil {
					cur.refs[f.Path] = names
				}
			}
		}
	}
	if !all {
		// What Process made of the files not made again, and the resized
		// copies of the pictures they show.
		for _, f := range files {
			if !inputs[f.Path] {
				old, _ := prev.get(f.Path)
				final = append(final, output.File{Path: f.Path, Data: old})
				if names := prev.refs[f.Path]; names != nil {
					cur.refs[f.Path] = names
				}
			}
		}
		shown := map[string]bool{}
		for _, names := range cur.refs {
			for _, n := range names {
				shown[n] = true
			}
		}
		for p, data := range prev.variants {
			if _, ok := cur.variants[p]; !ok && !inputs[p] && shown[path.Base(p)] {
				cur.variants[p] = data
				final = append(final, output.File{Path: p, Data: data})
			}
		}
	}
	u := &Update{Rendered: count, Full: full, Refreshed: fast}
	// Only what Process returned can be new: the rest is last time's.
	if prev != nil && len(final) == len(prev.sorted) && !hasNewPath(processed, prev.index) {
		// The same paths as last time (the usual edit): patch last
		// time's sorted list where Process made something new.
		cur.sorted, cur.index = slices.Clone(prev.sorted), prev.index
		for _, f := range processed {
			if i := cur.index[f.Path]; !bytes.Equal(cur.sorted[i].Data, f.Data) {
				cur.sorted[i].Data = f.Data
				u.Changed = append(u.Changed, f.Path)
			}
		}
		sort.Strings(u.Changed)
	} else {
		if err := checkCollisions(final); err != nil {
			return built{}, err
		}
		slices.SortFunc(final, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
		cur.sorted, cur.index = final, make(map[string]int, len(final))
		for i, f := range final {
			cur.index[f.Path] = i
			if old, ok := prev.get(f.Path); !ok || !bytes.Equal(old, f.Data) {
				u.Changed = append(u.Changed, f.Path)
			}
		}
		if prev != nil {
			for _, f := range prev.sorted {
				if _, ok := cur.index[f.Path]; !ok {
					u.Removed = append(u.Removed, f.Path)
				}
			}
		}
	}
	u.Result = result(s, cur.eng, cur.sorted, start)
	return built{u, cur}, nil
}

func hasNewPath(files []output.File, old map[string]int) bool {
	for _, f := range files {
		if _, ok := old[f.Path]; !ok {
			return true
		}
	}
	return false
}

// get returns the finished output at path p of a previous build.
func (st *state) get(p string) ([]byte, bool) {
	if st == nil {
		return nil, false
	}
	i, ok := st.index[p]
	if !ok {
		return nil, false
	}
	return st.sorted[i].Data, true
}

// note records what the changed paths may invalidate.
func (b *Builder) note(changed []string) {
	if changed == nil {
		b.pending.all = true
	}
	for _, p := range changed {
		switch {
		case p == site.ConfigFile:
			b.pending.config = true
		case p == "templates" || strings.HasPrefix(p, "templates/"):
			b.pending.theme = true
		case p == "static" || strings.HasPrefix(p, "static/"):
			b.pending.static = true
		case p == "content" || strings.HasPrefix(p, "content/"):
			// Load compares content by hash.
		default:
			// The site folder itself: templates/ or static/ may have
			// appeared or gone.
			b.pending.theme, b.pending.static = true, true
		}
	}
}

// sameAssets reports whether two static outputs give templates the same
// asset names: same fingerprinted files with the same bytes.
func sameAssets(a, b []output.File) bool {
	fp := func(files []output.File) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range files {
			if fingerprinted[f.Ext()] {
				m[f.Path] = f.Data
			}
		}
		return m
	}
	ma, mb := fp(a), fp(b)
	if len(ma) != len(mb) {
		return false
	}
	for p, d := range ma {
		if e, ok := mb[p]; !ok || !bytes.Equal(d, e) {
			return false
		}
	}
	return true
}

// framesChanged returns the languages whose 404 page differs between two
// renders of render.SiteJobs.
func framesChanged(prev, cur []output.File, langs []string) []string {
	find := func(files []output.File, p string) []byte {
		for _, f := range files {
			if f.Path == p {
				return f.Data
			}
		}
		return nil
	}
	var out []string
	for _, lang := range langs {
		p := lang + "/404.html"
		a, b := find(prev, p), find(cur, p)
		if a == nil || !bytes.Equal(a, b) {
			out = append(out, lang)
		}
	}
	return out
}

// siteDiff is what changed between two loads of a site.
type siteDiff struct {
	// card is true when a page appeared, went, or changed in what other
	// pages show of it (front matter, URL, draft state).
	card bool
	// bodies are the kinds of the pages whose body alone changed.
	bodies map[site.Kind]bool
	// frame is true when the 404 page of a language changed.
	frame bool
	// pagesChanged is true when a page came or went.
	pagesChanged bool
	// affected are the page files to render again.
	affected map[string]bool
}

func (d *siteDiff) showsBody(kinds []site.Kind) bool {
	for _, k := range kinds {
		if d.bodies[k] {
			return true
		}
	}
	return false
}

// diffSites compares the pages of two loads and finds the pages to
// render again: a page whose own file or links changed, and for a page
// that changed in what others show of it (its card), every page that
// shows it:
//
//   - its translations (language switcher, hreflang);
//   - the pages it names and that name it, and the translations of
//     those (partner -> cluster, mission -> participants, backlinks), with
//     the lists and home page of their language (cards may show them);
//   - the list of its section and the home page of its language;
//   - every page of its section when it is the section page (breadcrumbs);
//   - every page of its language when it is in the menu;
//   - every page of a layout that lists pages by itself (PagesOf,
//     Latest...: the home page in the default theme).
//
// Both loads are walked, so that a page that went or stopped naming
// another is handled like one that came.
func diffSites(old, cur *site.Site, th themeInfo) *siteDiff {
	d := &siteDiff{bodies: map[site.Kind]bool{}, affected: map[string]bool{}}
	var cards []string
	for _, p := range cur.Pages {
		o := old.Page(p.File)
		switch {
		case o == nil:
			cards = append(cards, p.File)
			d.pagesChanged = true
		case !sameCard(o, p):
			cards = append(cards, p.File)
		case !sameLinks(o, p):
			d.affected[p.File] = true
		case !bytes.Equal(o.HTML, p.HTML):
			d.affected[p.File] = true
			d.bodies[p.Kind] = true
			if th.bodyWide {
				cards = append(cards, p.File)
			}
		}
	}
	for _, o := range old.Pages {
		if cur.Page(o.File) == nil {
			cards = append(cards, o.File)
			d.pagesChanged = true
		}
	}
	if len(cards) == 0 {
		return d
	}
	d.card = true
	for _, s := range []*site.Site{old, cur} {
		for _, f := range cards {
			if p := s.Page(f); p != nil {
				d.markShowing(s, p)
			}
		}
		for _, p := range s.Pages {
			if th.wide[render.LayoutOf(p)] {
				d.affected[p.File] = true
			}
		}
	}
	return d
}

func (d *siteDiff) markShowing(s *site.Site, c *site.Page) {
	mark := func(p *site.Page) {
		if p != nil {
			d.affected[p.File] = true
		}
	}
	lists := func(p *site.Page) {
		if p.Section != "" && p.Kind != site.KindSection {
			mark(s.Section(p.Lang, p.Section))
		}
		mark(s.Home(p.Lang))
	}
	for _, t := range append([]*site.Page{c}, c.Translations...) {
		mark(t)
		lists(t)
		for _, n := range neighbours(t) {
			for _, nt := range append([]*site.Page{n}, n.Translations...) {
				mark(nt)
				lists(nt)
			}
		}
	}
	if c.Kind == site.KindSection {
		for _, p := range s.PagesOf(c.Lang, c.Section) {
			mark(p)
		}
	}
	for _, e := range s.Config.Menus[c.Lang] {
		if e.Page != "" && "content/"+c.Lang+"/"+e.Page == c.File {
			for _, p := range s.LangPages(c.Lang) {
				mark(p)
			}
		}
	}
}

// neighbours are the pages p names and that name it.
func neighbours(p *site.Page) []*site.Page {
	var out []*site.Page
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

// themeInfo is what the templates tell about which pages show what.
type themeInfo struct {
	// wide are the layouts that list pages by themselves (PagesOf,
	// Latest, Section...), rather than through the page's own links:
	// their pages are rendered again whenever any page changes its card.
	wide map[string]bool
	// bodyWide is true when a template shows the body of a page other
	// than the one being rendered: every body edit then counts as a card
	// change.
	bodyWide bool
}

var (
	// wideRE finds template calls that reach pages other than the
	// page's own and its links.
	wideRE = regexp.MustCompile(`\b(?:PagesOf|Latest|LangPages|Lookup)\b|\.Site\.(?:Pages|Page|Home|Section)\b|(?:^|[\s({])\$?\.Section\s+"`)
	// bodyRE finds what only a page's body gives.
	bodyRE = regexp.MustCompile(`\.(?:HTML|QA|Headings|Links|Images|Body)\b`)
	// ownBodyRE are the forms that show the page's own body:
	// {{.HTML .Page}}, {{$.HTML $.Page}}, {{.Page.HTML}}, {{.QA .Page}}.
	ownCallRE = regexp.MustCompile(`^\s+\$?\.Page\b`)
)

// stageLayouts are the layouts the stages render (the catalogue's), not
// pages.
var stageLayouts = map[string]bool{"catalogue": true, "facet": true}

// scanTheme reads the templates to find the wide layouts and whether
// bodies show elsewhere than on their own page.
func scanTheme(theme fs.FS) (themeInfo, error) {
	info := themeInfo{wide: map[string]bool{}}
	shared := false // base.html or a partial lists pages: every layout does
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		src, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		text := string(src)
		if stageLayouts[strings.TrimSuffix(p, ".html")] {
			return nil // the stages say themselves what they show
		}
		if wideRE.MatchString(text) {
			if p == "base.html" || strings.HasPrefix(p, "partials/") {
				shared = true
			} else {
				info.wide[strings.TrimSuffix(p, ".html")] = true
			}
		}
		for _, m := range bodyRE.FindAllStringIndex(text, -1) {
			own := strings.HasSuffix(text[:m[0]], ".Page") ||
				((text[m[0]:m[1]] == ".HTML" || text[m[0]:m[1]] == ".QA") && ownCallRE.MatchString(text[m[1]:]))
			if !own {
				info.bodyWide = true
			}
		}
		return nil
	})
	if shared {
		for _, l := range render.Layouts() {
			info.wide[l] = true
		}
	}
	return info, err
}

// srcsetNames returns the file names (last path segment, unescaped) of
// the URLs in the srcset attributes of an HTML page, or nil.
func srcsetNames(page []byte) []string {
	var names []string
	for rest := page; ; {
		i := bytes.Index(rest, []byte("srcset="))
		if i < 0 {
			return names
		}
		rest = rest[i+len("srcset="):]
		var val []byte
		if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
			j := bytes.IndexByte(rest[1:], rest[0])
			if j < 0 {
				return names
			}
			val, rest = rest[1:1+j], rest[2+j:]
		} else {
			j := bytes.IndexAny(rest, " \t\n>")
			if j < 0 {
				j = len(rest)
			}
			val, rest = rest[:j], rest[j:]
		}
		for _, cand := range strings.Split(html.UnescapeString(string(val)), ",") {
			u, _, _ := strings.Cut(strings.TrimSpace(cand), " ")
			if n, err := url.PathUnescape(path.Base(u)); err == nil && u != "" {
				names = append(names, n)
			}
		}
	}
}
