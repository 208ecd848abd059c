package build

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/feeds"
	"github.com/consort-ssg/consort/internal/images"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/render"
	"github.com/consort-ssg/consort/internal/site"
)

// Builder builds the same site again and again, redoing only what the
// changes since its previous build require: `consort serve` keeps one.
// Each Rebuild returns the very files Build would return for the same
// source, byte for byte: it renders each page with the same function
// (render.Engine.PageJobs and RenderJobs) and runs the same stages.
//
// What is reused:
//   - content files whose bytes did not change are neither parsed nor
//     rendered from Markdown again (site.Cache);
//   - the templates, the UI strings and the static files are read again
//     only when a path under templates/ or static/ changed;
//   - a page is rendered again only when its own file changed, or
//     something it read of the site when it was last rendered changed
//     (render.Key: other pages, a section's list, the maps' shading,
//     other pages' bodies; recorded by render as it hands them out), or
//     the frame every page of its language shares changed (its 404 page
//     differs); otherwise its previous output is kept;
//   - the generated stages (catalogue, feeds) run again only when a page
//     changed in what other pages show, or a body they show changed;
//   - the pictures are resized again only for the pages rendered again;
//     the copies of those the other pages show (images.Report) are kept.
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
	all, config, content, theme, static bool
}

// state is what a successful build leaves for the next one.
type state struct {
	site   *site.Site
	eng    *render.Engine
	theme  map[string][]byte // the template files, by path under templates/
	assets *render.Assets
	static []output.File            // after fingerprinting
	pages  map[string][]output.File // a page's outputs, by page file
	reads  map[string][]render.Key  // what a page read, by page file
	// bodyReaders are the pages whose reads hold another page's body:
	// the only ones a body edit can reach besides its own page.
	bodyReaders map[string]bool
	siteOut     []output.File   // render.SiteJobs' outputs
	stages      [][]output.File // each stage's outputs
	// sorted are the finished outputs (after images.Process), index
	// their positions by path.
	sorted []output.File
	index  map[string]int
	// shown are the pictures each output shows, by output path; copies
	// the resized copies of each picture shown (images.Report).
	shown  map[string][]string
	copies map[string][]output.File
	// counts are Stats.Pages.
	counts map[string]map[string]int
	// maps are the maps the pages drew.
	maps *render.Maps
	// commit finishes the state once the build succeeded.
	commit []func()
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
	var s *site.Site
	fast, same := false, false
	switch {
	case prev != nil && !b.pending.all && !b.pending.config && !b.pending.content:
		// Only templates/ or static/ changed: the site is the same.
		s, same = prev.site, true
	case prev != nil && !b.failed && b.pending == (pending{content: true}) && onlyMarkdown(changed):
		// The common edit, a few sentences in a page, skips linking
		// the whole site again: site.Refresh, when it can.
		s, fast = site.Refresh(prev.site, b.opts.Source, b.opts.Site, changed)
	}
	if !fast && !same {
		var err error
		if s, err = site.Load(b.opts.Source, b.opts.Site); err != nil {
			b.failed = true
			return nil, err
		}
	}
	r := &run{b: b, prev: prev, cur: &state{site: s}, fast: fast, same: same, changed: changed, start: start}
	u, err := r.build()
	if err != nil {
		b.failed = true
		return nil, err
	}
	if u.Published, err = published(u); err != nil {
		b.failed = true
		return nil, err
	}
	for _, f := range r.cur.commit {
		f()
	}
	b.last, b.pending, b.failed = r.cur, pending{}, false
	if !fast && !same {
		b.opts.Site.Cache.Prune() // only a full Load looks every file up
	}
	return u, nil
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

// run is one Rebuild, from the loaded site to the finished files, phase
// by phase (build).
type run struct {
	b         *Builder
	prev, cur *state
	fast      bool     // only bodies changed (site.Refresh)
	same      bool     // the site is last time's: no content changed
	changed   []string // the source paths changed
	start     time.Time

	full bool // every page renders again
	// templates are the template files that changed, when only those
	// of pages (.html) did.
	templates []string
	ropts     render.Options
	diff      *siteDiff // what changed; nil when full
	// files are the outputs as the stages see them (nil until
	// allFiles when renderAffected rendered); fresh are those made this
	// time, which images.Process must see again.
	files, fresh []output.File
	// made are the outputs of the pages rendered, by page file, when
	// renderAffected rendered them.
	made     map[string][]output.File
	rendered int
}

// build runs the phases of a rebuild.
func (r *run) build() (*Update, error) {
	if err := r.prepare(); err != nil {
		return nil, err
	}
	// The 404 pages first: they are the frame every page of their
	// language shares (menu, feeds, footer), so when one changed, every
	// page of its language is rendered again.
	var err error
	if r.sameFrame() {
		r.cur.siteOut = r.prev.siteOut
	} else if r.cur.siteOut, err = r.cur.eng.RenderJobs(r.cur.site, r.cur.eng.SiteJobs(r.cur.site, r.ropts)); err != nil {
		return nil, err
	}
	if !r.full {
		r.diff = r.invalidate()
	}
	if err := r.renderPages(); err != nil {
		return nil, err
	}
	if err := r.runStages(); err != nil {
		return nil, err
	}
	final, processed, err := r.processImages()
	if err != nil {
		return nil, err
	}
	return r.finish(final, processed)
}

// prepare reads the templates and the static files again when they
// changed, and decides whether every page renders again.
func (r *run) prepare() error {
	b, prev, cur, s := r.b, r.prev, r.cur, r.cur.site
	var err error
	r.full = prev == nil || b.pending.all || b.pending.config
	if r.full || b.pending.theme {
		theme := themeFS(b.opts)
		if cur.eng, err = newEngine(b.opts, s); err != nil {
			return err
		}
		if cur.theme, err = readTheme(theme); err != nil {
			return err
		}
		if !r.full {
			r.templates = changedFiles(prev.theme, cur.theme)
			for _, f := range r.templates {
				if !strings.HasSuffix(f, ".html") {
					r.full = true // the UI strings: every page shows some
				}
			}
		}
	} else {
		cur.eng, cur.theme = prev.eng, prev.theme
	}
	if prev == nil || b.pending.all || b.pending.static {
		if cur.assets, cur.static, err = readStatic(b.opts); err != nil {
			return err
		}
		if prev != nil && !sameAssets(prev.static, cur.static) {
			r.full = true
		}
	} else {
		cur.assets, cur.static = prev.assets, prev.static
	}
	// The maps pages drew show front matter only, in the UI strings'
	// words: while neither changed, they are drawn once.
	if !r.full && (r.same || r.fast) && prev.maps != nil {
		cur.maps = prev.maps
	} else {
		cur.maps = render.NewMaps()
	}
	r.ropts = render.Options{Preview: b.opts.Preview, Assets: cur.assets, Record: true, Maps: cur.maps}
	return nil
}

// sameFrame reports whether the 404 pages and the language chooser are
// last time's without rendering them: when only bodies changed and no
// template shows another page's body (they have none of their own).
func (r *run) sameFrame() bool {
	return r.fast && !r.full && len(r.templates) == 0 && r.cur.eng == r.prev.eng && !r.cur.eng.ShowsOtherBodies()
}

// invalidate finds the pages to render again: those whose file changed,
// those that read something that changed, and every page of a language
// whose frame changed.
func (r *run) invalidate() *siteDiff {
	prev, s := r.prev, r.cur.site
	var d *siteDiff
	switch {
	case r.same:
		d = newDiff()
	case r.fast:
		d = bodiesChanged(prev.site, s, r.changed)
	default:
		d = diffSites(prev.site, s, prev.eng)
	}
	d.readersOf(prev.reads, prev.bodyReaders)
	d.usersOf(s, r.templates, prev.eng, r.cur.eng)
	for _, lang := range framesChanged(prev.siteOut, r.cur.siteOut, s.Langs()) {
		d.frame = true
		for _, p := range s.LangPages(lang) {
			d.affected[p.File] = true
		}
	}
	return d
}

// renderPages renders the pages to render again and keeps the others'
// outputs and reads.
func (r *run) renderPages() error {
	if !r.full && !r.diff.pagesChanged {
		return r.renderAffected()
	}
	prev, cur, s := r.prev, r.cur, r.cur.site
	var jobs []render.Job
	var owners []int // the index in s.Pages of each job's page
	outs := make([][]output.File, len(s.Pages))
	reads := make([][]render.Key, len(s.Pages))
	made := make([]bool, len(s.Pages))
	firstJob := make([]int, len(s.Pages))
	for i, p := range s.Pages {
		if !r.full {
			outs[i], reads[i] = prev.pages[p.File], prev.reads[p.File]
		}
		if r.full || r.diff.affected[p.File] || outs[i] == nil {
			made[i], outs[i] = true, nil
			firstJob[i] = len(jobs)
			for _, j := range cur.eng.PageJobs(s, p, r.ropts) {
				jobs = append(jobs, j)
				owners = append(owners, i)
			}
		}
	}
	rendered, err := cur.eng.RenderJobs(s, jobs)
	if err != nil {
		return err
	}
	for k, f := range rendered[:len(jobs)] {
		outs[owners[k]] = append(outs[owners[k]], f)
	}
	r.files = make([]output.File, 0, len(s.Pages)+len(cur.siteOut))
	cur.pages = make(map[string][]output.File, len(s.Pages))
	cur.reads = make(map[string][]render.Key, len(s.Pages))
	cur.bodyReaders = map[string]bool{}
	for i, p := range s.Pages {
		if made[i] {
			r.rendered++
			r.fresh = append(r.fresh, outs[i]...)
			reads[i] = jobs[firstJob[i]].Reads() // the jobs of a page share them
		}
		r.files = append(r.files, outs[i]...)
		cur.pages[p.File], cur.reads[p.File] = outs[i], reads[i]
		if readsBody(reads[i]) {
			cur.bodyReaders[p.File] = true
		}
	}
	r.files = append(r.files, cur.siteOut...)
	r.fresh = append(r.fresh, cur.siteOut...)
	return nil
}

// renderAffected renders the affected pages when the site has the same
// pages as last time, without going through the others: last time's
// outputs and reads by page are kept, and updated by commit once nothing
// can fail. r.files, which only a stage that runs again needs, is left
// to allFiles.
func (r *run) renderAffected() error {
	prev, cur, s := r.prev, r.cur, r.cur.site
	files := make([]string, 0, len(r.diff.affected))
	for f := range r.diff.affected {
		if s.Page(f) != nil {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	var jobs []render.Job
	var owners []int // the index in files of each job's page
	for i, f := range files {
		for _, j := range cur.eng.PageJobs(s, s.Page(f), r.ropts) {
			jobs = append(jobs, j)
			owners = append(owners, i)
		}
	}
	rendered, err := cur.eng.RenderJobs(s, jobs)
	if err != nil {
		return err
	}
	outs := make([][]output.File, len(files))
	reads := make([][]render.Key, len(files))
	for k, f := range rendered[:len(jobs)] {
		i := owners[k]
		if outs[i] == nil {
			reads[i] = jobs[k].Reads() // the jobs of a page share them
		}
		outs[i] = append(outs[i], f)
	}
	r.made = make(map[string][]output.File, len(files))
	for i, f := range files {
		r.made[f] = outs[i]
		r.fresh = append(r.fresh, outs[i]...)
	}
	r.rendered = len(files)
	r.fresh = append(r.fresh, cur.siteOut...)
	cur.pages, cur.reads, cur.bodyReaders = prev.pages, prev.reads, prev.bodyReaders
	cur.commit = append(cur.commit, func() {
		for i, f := range files {
			cur.pages[f], cur.reads[f] = outs[i], reads[i]
			if readsBody(reads[i]) {
				cur.bodyReaders[f] = true
			} else {
				delete(cur.bodyReaders, f)
			}
		}
	})
	return nil
}

// allFiles returns the outputs of the pages, in the order of the site's
// pages, and of render.SiteJobs: r.files, made on first use when
// renderAffected left it.
func (r *run) allFiles() []output.File {
	if r.files != nil {
		return r.files
	}
	s := r.cur.site
	r.files = make([]output.File, 0, len(s.Pages)+len(r.cur.siteOut))
	for _, p := range s.Pages {
		out, ok := r.made[p.File]
		if !ok {
			out = r.prev.pages[p.File]
		}
		r.files = append(r.files, out...)
	}
	r.files = append(r.files, r.cur.siteOut...)
	return r.files
}

// runStages runs the stages whose outputs may have changed and keeps the
// others' outputs.
func (r *run) runStages() error {
	cur := r.cur
	for i, st := range stages() {
		var out []output.File
		if r.stageRuns(st) {
			files := slices.Concat(append([][]output.File{r.allFiles()}, cur.stages[:i]...)...)
			var err error
			if out, err = st.run(cur.site, cur.eng, r.ropts, files); err != nil {
				return err
			}
			r.fresh = append(r.fresh, out...)
		} else {
			out = r.prev.stages[i]
		}
		cur.stages = append(cur.stages, out)
	}
	return nil
}

// stageRuns reports whether st may make other outputs than last time.
func (r *run) stageRuns(st stage) bool {
	d := r.diff
	// The frame changed for a reason the diff may not know, unless the
	// site is the same: then a template changed it.
	if r.full || d.frame && !r.same || d.card || d.showsBody(st.bodies) {
		return true
	}
	if len(r.templates) == 0 {
		return false
	}
	layouts, noindex, known := templatesOf(st)
	if !known || noindex && r.noindexChanged() {
		return true
	}
	for _, layout := range layouts {
		for _, f := range r.templates {
			if slices.Contains(r.prev.eng.Uses(layout), f) || slices.Contains(r.cur.eng.Uses(layout), f) {
				return true
			}
		}
	}
	return false
}

// templatesOf says what of the templates the outputs of st depend on:
// the layouts it renders, and whether it reads which pages' outputs are
// marked noindex. The citation files and the CMS's depend on none; a
// stage not known here depends on every template (known is false).
func templatesOf(st stage) (layouts []string, noindex, known bool) {
	switch st.name {
	case "catalogue":
		return []string{"catalogue", "facet"}, false, true
	case "feeds":
		return nil, true, true // the sitemaps leave out noindex pages
	case "citations", "cms":
		return nil, false, true
	}
	return nil, false, false
}

// noindexChanged reports whether a page rendered again changed in which
// of its outputs are marked noindex (feeds.NoIndex), or in their paths.
func (r *run) noindexChanged() bool {
	if r.made == nil {
		return true
	}
	for f, out := range r.made {
		old := r.prev.pages[f]
		if !samePathList(old, out) {
			return true
		}
		for i := range out {
			if feeds.NoIndex(old[i].Data) != feeds.NoIndex(out[i].Data) {
				return true
			}
		}
	}
	return false
}

// everything returns every output before images.Process: the pages',
// the stages' and the static files.
func (r *run) everything() []output.File {
	return slices.Concat(append(append([][]output.File{r.allFiles()}, r.cur.stages...), r.cur.static)...)
}

// processImages runs images.Process on the outputs made this time (all
// of them when a static file changed) and returns the finished outputs,
// with last time's for the others and the resized copies of the
// pictures they show, and what Process returned. When the outputs are
// those of last time by path (samePaths), final is nil: finish patches
// last time's.
func (r *run) processImages() (final, processed []output.File, err error) {
	prev, cur := r.prev, r.cur
	all := r.full || r.b.pending.static
	var fresh []output.File
	iopts := images.Options{}
	if all {
		fresh = r.everything()
	} else {
		fresh = append(r.fresh, cur.static...)
		if r.fast || r.same {
			// The other pages' images were checked last time, against
			// the same static files.
			iopts.Pages = []*site.Page{}
			for _, f := range r.changed {
				if p := cur.site.Page(f); p != nil {
					iopts.Pages = append(iopts.Pages, p)
				}
			}
		}
	}
	// The pages that show no picture to resize are left as they are
	// (images.Final), as Build hands them on before Process.
	u := cur.site.Config.URLs()
	var left, process []output.File
	for _, f := range fresh {
		if f.Ext() == ".html" && images.Final(u, f.Data) {
			left = append(left, f)
		} else {
			process = append(process, f)
		}
	}
	processed, rep, err := images.ProcessReport(cur.site, process, iopts)
	if err != nil {
		return nil, nil, err
	}
	processed = append(processed, left...)
	inputs := make(map[string]bool, len(fresh))
	for _, f := range fresh {
		inputs[f.Path] = true
	}
	if !all && r.samePaths(inputs, rep) {
		// Every output shows the pictures it showed: the same copies.
		cur.shown, cur.copies = prev.shown, prev.copies
		return nil, processed, nil
	}
	cur.shown, cur.copies = rep.Shown, map[string][]output.File{}
	byPath := map[string][]byte{}
	for _, f := range processed {
		if !inputs[f.Path] {
			byPath[f.Path] = f.Data
		}
	}
	for pic, paths := range rep.Copies {
		for _, p := range paths {
			cur.copies[pic] = append(cur.copies[pic], output.File{Path: p, Data: byPath[p]})
		}
	}
	final = processed
	if all {
		return final, processed, nil
	}
	// What Process made last time of the files not made again, and the
	// resized copies of the pictures they show.
	for _, f := range r.everything() {
		if !inputs[f.Path] {
			final = append(final, prev.file(f.Path))
			if pics := prev.shown[f.Path]; pics != nil {
				cur.shown[f.Path] = pics
			}
		}
	}
	var kept []string
	for _, pics := range cur.shown {
		for _, pic := range pics {
			if _, ok := cur.copies[pic]; !ok && prev.copies[pic] != nil && !slices.Contains(kept, pic) {
				kept = append(kept, pic)
			}
		}
	}
	for _, pic := range kept {
		cur.copies[pic] = prev.copies[pic]
		final = append(final, prev.copies[pic]...)
	}
	return final, processed, nil
}

// samePaths reports whether the outputs of this run are last time's by
// path, so that finish may patch last time's list without going through
// every output: the pages rendered (by renderAffected), the site's own
// pages and the stages run made the outputs they made last time, the
// outputs made (inputs, with the static files) show the pictures they
// showed, and Process made no file last time's build lacks.
func (r *run) samePaths(inputs map[string]bool, rep images.Report) bool {
	prev, cur := r.prev, r.cur
	if r.made == nil || !samePathList(prev.siteOut, cur.siteOut) {
		return false
	}
	for f, out := range r.made {
		if !samePathList(prev.pages[f], out) {
			return false
		}
	}
	for i, out := range cur.stages {
		if !samePathList(prev.stages[i], out) {
			return false
		}
	}
	for p := range inputs {
		if !slices.Equal(prev.shown[p], rep.Shown[p]) {
			return false
		}
	}
	for _, paths := range rep.Copies {
		for _, p := range paths {
			if _, ok := prev.index[p]; !ok {
				return false
			}
		}
	}
	return true
}

// samePathList reports whether a and b have the same paths in the same
// order.
func samePathList(a, b []output.File) bool {
	return slices.EqualFunc(a, b, func(x, y output.File) bool { return x.Path == y.Path })
}

// finish sorts the finished outputs and lists what changed since last
// time: only what Process returned can be new, the rest is last time's.
// final nil means the same paths as last time.
func (r *run) finish(final, processed []output.File) (*Update, error) {
	prev, cur := r.prev, r.cur
	u := &Update{Rendered: r.rendered, Full: r.full || r.rendered == len(cur.site.Pages), Refreshed: r.fast}
	if prev != nil && (final == nil || len(final) == len(prev.sorted) && !hasNewPath(processed, prev.index)) {
		// The same paths as last time (the usual edit): patch last
		// time's sorted list where Process made something new.
		cur.sorted, cur.index = slices.Clone(prev.sorted), prev.index
		for _, f := range processed {
			if i := cur.index[f.Path]; !bytes.Equal(cur.sorted[i].Data, f.Data) || cur.sorted[i].Minified != f.Minified {
				cur.sorted[i] = f
				u.Changed = append(u.Changed, f.Path)
			}
		}
		sort.Strings(u.Changed)
	} else {
		if err := checkCollisions(final); err != nil {
			return nil, err
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
	// A refreshed site has the same pages, of the same kinds.
	if r.fast || r.same {
		cur.counts = prev.counts
	} else {
		cur.counts = countPages(cur.site)
	}
	u.Result = result(cur.site, cur.eng, cur.sorted, cur.counts, r.start)
	return u, nil
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
// file returns last time's output at path p as it was finished (its
// Data and whether it is minified), with Path p.
func (st *state) file(p string) output.File {
	if st != nil {
		if i, ok := st.index[p]; ok {
			return st.sorted[i]
		}
	}
	return output.File{Path: p}
}

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
			b.pending.content = true // Load compares content by hash
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
