package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/markdown"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// Options control what Load includes.
type Options struct {
	Drafts  bool      // include pages with draft: true
	Future  bool      // include pages whose publishDate is after Clock
	Clock   time.Time // "now" for publishDate, expiryDate and upcoming missions; zero means time.Now()
	BaseURL string    // overrides site.yaml's baseURL when set
	// MaxFileSize is the largest content file read, in bytes; 0 means 10 MB.
	MaxFileSize int64
	// Cache, when set, keeps parsed and rendered files between Loads of
	// the same site so that unchanged files are not done again.
	Cache *Cache
	// DropSource frees each page's Markdown source (Page.Body) once it
	// is converted, for a build that needs it no more (consort build:
	// at 10,000 pages it is 60 MB held to the end). Ignored with a
	// Cache: the preview compares sources.
	DropSource bool
	// KeepGoing makes Load return the site even when the content has
	// errors, which are then in Site.Errors: pages that do not validate
	// are kept as far as they could be read, so that the links and
	// images of every page can still be checked. Such a site is for
	// consort check, which reports every problem at once; it must not
	// be published.
	KeepGoing bool
}

// DefaultMaxFileSize is the size limit of a content file unless Options say otherwise.
const DefaultMaxFileSize = 10 << 20

// Site is the loaded content: configuration and pages, validated and
// linked. It is read-only once Load returns.
type Site struct {
	Config *Config
	Pages  []*Page   // every published page, by language (site order) then file
	Clock  time.Time // the build's "now"
	// Warnings are problems that did not stop the build.
	Warnings Problems
	// Errors are the errors of a site loaded with Options.KeepGoing.
	Errors Problems
	// Excluded are pages left out (drafts, future, expired), by file.
	Excluded map[string]string

	byFile map[string]*Page
	byName map[string]*Page // lang + "/" + section + "/" + name
	// bySection holds, under lang + "/" + section, the section's pages
	// (not the section page) in file order, for PagesOf.
	bySection map[string][]*Page
}

// ConfigFile is where the site configuration lives in the source tree.
const ConfigFile = "content/site.yaml"

// Load reads content/ from fsys (the site folder: content/, templates/,
// static/), validates every file and returns the site. When anything is
// wrong it returns Problems listing every problem found, sorted by file
// and line.
func Load(fsys fs.FS, opts Options) (*Site, error) {
	if opts.Clock.IsZero() {
		opts.Clock = time.Now()
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if st, err := fs.Lstat(fsys, ConfigFile); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return nil, Problems{{File: ConfigFile, Msg: symlinkMsg}}
	}
	data, err := readLimited(fsys, ConfigFile, 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Problems{{File: ConfigFile, Msg: "missing; a site needs content/site.yaml (run `consort new site DIR` to start one)"}}
	}
	if err != nil {
		return nil, Problems{{File: ConfigFile, Msg: err.Error()}}
	}
	cfg, problems := parseConfig(data, ConfigFile)
	if cfg == nil {
		return nil, problems
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimRight(opts.BaseURL, "/") + "/"
		cfg.setURLs()
	}
	checkReview(&cfg.Accessibility, opts.Clock, func(field string, sev Severity, format string, args ...any) {
		problems = append(problems, Problem{File: ConfigFile, Line: cfg.Line(field), Field: field, Msg: fmt.Sprintf(format, args...), Severity: sev})
	})
	l := &loader{fsys: fsys, cfg: cfg, opts: opts, problems: problems, configSum: configKey(data, cfg.BaseURL), text: markdown.New(markdown.Options{})}
	cfg.typeset(l.text)
	s := l.load()
	l.problems.Sort()
	errs := l.problems.Errors()
	if len(errs) > 0 && !opts.KeepGoing {
		return nil, l.problems
	}
	s.Warnings, s.Errors = l.problems.Warnings(), errs
	return s, nil
}

// Typeset gives the texts of c that readers see (the description, the
// funding texts, the labels of vocabularies) their language's typography
// ("Mission d’affaires", not "Mission d'affaires"), as Load does: what is
// generated from a parsed configuration alone (the CMS's configuration)
// then says what the built site says.
func (c *Config) Typeset() {
	c.typeset(markdown.New(markdown.Options{}))
}

// A value a language borrowed from the default language (FillLanguages)
// keeps the default language's typography.
func (c *Config) typeset(text *markdown.Converter) {
	set := func(field string, m map[string]string) {
		for lang, v := range m {
			typo := lang
			if c.Borrowed(field, lang) {
				typo = c.DefaultLang()
			}
			m[lang] = text.Text(v, typo)
		}
	}
	set("description", c.Description)
	set("funding.name", c.Funding.Name)
	set("funding.acknowledgement", c.Funding.Acknowledgement)
	set("funding.disclaimer", c.Funding.Disclaimer.Text)
	for vocab, keys := range c.Vocabularies {
		for key, labels := range keys {
			set("vocabularies."+vocab+"."+key, labels)
		}
	}
}

type loader struct {
	fsys      fs.FS
	cfg       *Config
	opts      Options
	mu        sync.Mutex
	problems  Problems
	configSum [32]byte // of site.yaml, for the cache
	text      *markdown.Converter
}

// typography gives the text fields readers see the typography of the
// page's language, as the Markdown body has it.
func (l *loader) typography(p *Page) {
	f := p.Front()
	f.Title = l.text.Text(f.Title, p.Lang)
	f.Summary = l.text.Text(f.Summary, p.Lang)
	if iv := p.Interview(); iv != nil {
		iv.Quote = l.text.Text(iv.Quote, p.Lang)
		iv.Role = l.text.Text(iv.Role, p.Lang)
	}
}

func (l *loader) add(p Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, p)
	l.mu.Unlock()
}

func (l *loader) load() *Site {
	s := &Site{Config: l.cfg, Clock: l.opts.Clock, Excluded: map[string]string{}, byFile: map[string]*Page{}, byName: map[string]*Page{}, bySection: map[string][]*Page{}}
	files := l.listFiles()
	pages := make([]*Page, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		g.Go(func() error {
			pages[i] = l.parseFile(f)
			return nil
		})
	}
	g.Wait()

	for i, p := range pages {
		if p == nil {
			// Its problems are reported; a stand-in keeps what names
			// it from being reported too.
			if p = l.standIn(files[i]); p == nil {
				continue
			}
		}
		if why := l.exclusion(p); why != "" {
			s.Excluded[p.File] = why
			continue
		}
		s.Pages = append(s.Pages, p)
	}
	s.Pages = append(s.Pages, l.synthesize(s.Pages)...)
	s.Pages = append(s.Pages, l.legalPages(s.Pages)...)
	sortPages(s.Pages, l.cfg.LangCodes())
	for _, p := range s.Pages {
		s.byFile[p.File] = p
		if p.Section != "" && p.Kind != KindSection {
			s.byName[p.Lang+"/"+p.Section+"/"+p.Name] = p
		}
	}
	l.checkURLs(s)
	for _, p := range s.Pages {
		if p.Section != "" && p.Kind != KindSection {
			s.bySection[p.Lang+"/"+p.Section] = append(s.bySection[p.Lang+"/"+p.Section], p)
		}
	}
	l.pairTranslations(s)
	l.resolveReferences(s)
	l.checkMenus(s)
	l.renderMarkdown(s)
	return s
}

// standIn returns the page that stands for a content file that could not
// be read (its front matter does not parse, it is not UTF-8...), so that
// the pages linking to it or naming it are not reported as well: a page
// of its kind titled with its name, without body, marked Unreadable. It
// returns nil when the file's place cannot hold a page.
func (l *loader) standIn(file string) *Page {
	rel := strings.TrimPrefix(file, "content/")
	lang, rel, _ := strings.Cut(rel, "/")
	p := &Page{Lang: lang, File: file, Rel: rel, Unreadable: true}
	p.Kind, p.Section, p.Name = classify(rel)
	if p.Kind == "" {
		return nil
	}
	p.Params = newParams(p.Kind)
	p.Front().Title = p.Name
	p.Slug = p.Name
	p.URL = l.pageURL(p, path.Dir(rel))
	p.Key = rel
	return p
}

// listFiles walks content/<lang>/ for every language and reports files
// and folders that do not belong.
func (l *loader) listFiles() []string {
	var files []string
	langs := map[string]bool{}
	for _, c := range l.cfg.LangCodes() {
		langs[c] = true
	}
	entries, err := fs.ReadDir(l.fsys, "content")
	if err != nil {
		l.add(Problem{File: "content", Msg: "cannot read the content folder: " + err.Error()})
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case ignoredName(name) || name == "site.yaml":
		case e.Type()&fs.ModeSymlink != 0:
			// A language folder that is a link would be walked by
			// WalkDir, which follows its root.
			l.add(Problem{File: "content/" + name, Msg: symlinkMsg})
			delete(langs, name)
		case e.IsDir() && langs[name]:
		case e.IsDir():
			l.add(Problem{File: "content/" + name, Msg: fmt.Sprintf("%q is not a language of content/site.yaml (%s); move its files under a language folder or add the language", name, strings.Join(l.cfg.LangCodes(), ", ")), Severity: Warning})
		default:
			l.add(Problem{File: "content/" + name, Msg: "is not used; content files go under a language folder such as content/en/", Severity: Warning})
		}
	}
	for _, lang := range l.cfg.LangCodes() {
		if !langs[lang] {
			continue // a link, reported above
		}
		root := "content/" + lang
		err := fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					l.add(Problem{File: root, Msg: "missing; every language of site.yaml needs a folder with at least index.md", Severity: Warning})
					return fs.SkipDir
				}
				l.add(Problem{File: p, Msg: "cannot read: " + err.Error()})
				return nil
			}
			if ignoredName(d.Name()) && p != root {
				if hiddenPage(d) {
					l.add(Problem{File: p, Msg: "is not published: consort leaves out files and folders whose names start with a dot; rename it to publish it", Severity: Warning})
				}
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				l.add(Problem{File: p, Msg: symlinkMsg})
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				l.add(Problem{File: p, Msg: "is not a regular file"})
				return nil
			}
			if strings.HasSuffix(strings.ToLower(p), ".md") {
				files = append(files, p)
			} else {
				l.add(Problem{File: p, Msg: "is not a Markdown file and is not published; put images and downloads in static/", Severity: Warning})
			}
			return nil
		})
		if err != nil {
			l.add(Problem{File: root, Msg: err.Error()})
		}
	}
	sort.Strings(files)
	return files
}

// symlinkMsg is the problem of a symbolic link in content/: it could
// publish any file of the machine, so it is refused wherever it points.
const symlinkMsg = "is a symbolic link; consort does not follow links in content/, copy the file instead"

func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// hiddenPage reports whether a file or folder of a language folder that
// is left out for its name looks meant as content: a Markdown file or a
// folder whose name starts with a dot, but for version control's.
func hiddenPage(d fs.DirEntry) bool {
	name := d.Name()
	switch {
	case !strings.HasPrefix(name, "."):
		return false // editor backups: name~, #name#
	case d.IsDir():
		return name != ".git" && name != ".svn" && name != ".hg"
	}
	return strings.HasSuffix(strings.ToLower(name), ".md")
}

// ErrTooLarge is ReadFile's error for a file over its size limit.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads file name of fsys when it is at most limit bytes, and
// returns ErrTooLarge otherwise, having read none of it when its size
// says so and at most limit+1 bytes when the size is unknown or wrong. It
// reads into a buffer of the file's size, as os.ReadFile does: one read
// and one for the end, not a buffer grown read by read.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if st.Size() > limit {
			return nil, ErrTooLarge
		}
		size = st.Size() + 1 // room to see the end in the second read
	}
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew, or its size was unknown
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, ErrTooLarge
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// readLimited is ReadFile with the problem an author reads.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	data, err := ReadFile(fsys, name, limit)
	if errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("is larger than %d MB; split it into smaller pages (or raise the limit with --max-file-size)", limit>>20)
	}
	return data, err
}

// maxFileProblems is how many front matter problems are reported for one
// file; a file of a million unknown keys must not make a million messages.
const maxFileProblems = 50

var tomlKeyRE = regexp.MustCompile(`^\s*\[?\s*"?([A-Za-z0-9_.-]+)"?\s*[=\]]`)

// parseFile reads and validates one content file. It returns nil when the
// file is too broken to be a page; its problems are recorded.
func (l *loader) parseFile(file string) *Page {
	if p, ok := l.opts.Cache.known(l, file); ok {
		return p
	}
	data, err := readLimited(l.fsys, file, l.opts.MaxFileSize)
	if err != nil {
		l.add(Problem{File: file, Msg: err.Error()})
		return nil
	}
	return l.opts.Cache.parse(l, file, data, sha256.Sum256(data))
}

// parseData parses and validates the bytes of a content file, one phase
// after the other: the text, where the file sits, the front matter, its
// fields, then the page's address. Each phase records its problems; a
// phase that leaves nothing to go on returns nil.
func (l *loader) parseData(file string, data []byte, sum [32]byte) *Page {
	data, ok := l.plainText(file, data)
	if !ok {
		return nil
	}
	rel := strings.TrimPrefix(file, "content/")
	lang, rel, _ := strings.Cut(rel, "/")
	p := &Page{Lang: lang, File: file, Rel: rel, Hash: hex.EncodeToString(sum[:])}
	p.Kind, p.Section, p.Name = classify(rel)
	if p.Kind == "" {
		l.add(Problem{File: file, Msg: fmt.Sprintf("pages of %s/ cannot be in sub-folders; move it to content/%s/%s/%s", p.Section, lang, p.Section, path.Base(rel))})
		return nil
	}
	fm, format, ok := l.splitFrontMatter(p, data)
	if !ok {
		return nil
	}
	node, ok := l.frontMatterNode(file, fm, format)
	if !ok {
		return nil
	}
	l.decodeFields(p, node, format)
	l.typography(p)
	l.address(p)
	l.root(p)
	return p
}

// plainText checks that a content file is text, and returns it with a leading
// byte order mark removed and CRLF line ends read as LF.
func (l *loader) plainText(file string, data []byte) ([]byte, bool) {
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		l.add(Problem{File: file, Line: line, Msg: "is not valid UTF-8 text; save the file as UTF-8 in your editor"})
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if bytes.Contains(data, []byte("\r\n")) { // ReplaceAll copies even when there is none
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		l.add(Problem{File: file, Line: 1 + bytes.Count(data[:bytes.IndexByte(data, 0)], []byte("\n")), Msg: "contains a NUL character; this is not a text file"})
		return nil, false
	}
	return data, true
}

// splitFrontMatter cuts the front matter off the text of page p and sets
// p.Body and p.BodyLine. It returns the front matter and its format, yaml
// or toml.
func (l *loader) splitFrontMatter(p *Page, data []byte) (fm []byte, format string, ok bool) {
	file := p.File
	// frontmatter.Parse copies what it reads, the body too, to return it;
	// the body is in data already, so the reader ends where the front
	// matter does, and the body's start is worked out from what was read.
	r := &frontMatterReader{data: data}
	capture := func(f string) func([]byte, any) error {
		return func(b []byte, _ any) error {
			fm, format, r.done = append([]byte{}, b...), f, true
			return nil
		}
	}
	rest, err := frontmatter.Parse(r, nil,
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")))
	if err != nil {
		l.add(Problem{File: file, Line: 1, Msg: "cannot read front matter: " + err.Error()})
		return nil, "", false
	}
	if !r.done {
		first, _, _ := bytes.Cut(data, []byte("\n"))
		switch strings.TrimSpace(string(first)) {
		case "---", "+++":
			l.add(Problem{File: file, Line: 1, Msg: fmt.Sprintf("front matter starts with %s but is never closed; add a line %s after the last field", strings.TrimSpace(string(first)), strings.TrimSpace(string(first)))})
		default:
			l.add(Problem{File: file, Line: 1, Msg: "has no front matter; start the file with a line ---, then `title: ...`, then a line ---"})
		}
		return nil, "", false
	}
	// rest is the part of the body the parser had read ahead.
	start := r.off - len(rest)
	p.Body = data[start:]
	p.BodyLine = bytes.Count(data[:start], []byte("\n"))
	if line, msg := checkNesting(p.Body); line > 0 {
		// Reported, and not parsed: the page stays, so links to it
		// do not fail too.
		l.add(Problem{File: file, Line: p.BodyLine + line, Msg: msg})
		p.Body = nil
	}
	return fm, format, true
}

// A frontMatterReader reads data until done is set, then reports the end.
type frontMatterReader struct {
	data []byte
	off  int // bytes read
	done bool
}

func (r *frontMatterReader) Read(b []byte) (int, error) {
	if r.done || r.off == len(r.data) {
		return 0, io.EOF
	}
	n := copy(b, r.data[r.off:])
	r.off += n
	return n, nil
}

// frontMatterNode parses front matter, YAML or TOML, into one YAML node
// tree, refusing what is too deep or uses YAML aliases.
func (l *loader) frontMatterNode(file string, fm []byte, format string) (*yaml.Node, bool) {
	var node yaml.Node
	switch format {
	case "yaml":
		if err := yaml.Unmarshal(fm, &node); err != nil {
			l.add(yamlProblem(file, fm, 1, err))
			return nil, false
		}
	case "toml":
		if tomlDepth(fm) > maxDepth {
			l.add(Problem{File: file, Line: 2, Msg: "front matter " + deepMsg})
			return nil, false
		}
		var m map[string]any
		if _, err := toml.Decode(string(fm), &m); err != nil {
			line := 2
			var pe toml.ParseError
			if errors.As(err, &pe) {
				line = pe.Position.Line + 1
			}
			l.add(Problem{File: file, Line: line, Msg: "front matter is not valid TOML: " + strings.TrimPrefix(err.Error(), "toml: ")})
			return nil, false
		}
		if err := node.Encode(plainTOML(m)); err != nil {
			l.add(Problem{File: file, Line: 1, Msg: "cannot read TOML front matter: " + err.Error()})
			return nil, false
		}
		setTOMLLines(&node, fm)
	}
	if tooDeep(&node, 0) {
		l.add(Problem{File: file, Line: 2, Msg: "front matter " + deepMsg})
		return nil, false
	}
	if hasAlias(&node, 0) {
		l.add(Problem{File: file, Line: lineIn(aliasLine(&node, 0), format), Msg: "YAML anchors and aliases (&name, *name) are not supported in content; write the value out in full"})
		return nil, false
	}
	return &node, true
}

// decodeFields decodes the front matter into the fields of the page's
// kind (p.Params), remembers the line of each field and validates them.
// A value that cannot be read is reported once, not again by Validate.
func (l *loader) decodeFields(p *Page, node *yaml.Node, format string) {
	d := newDecoder()
	p.Params = newParams(p.Kind)
	d.decodeStruct(node, p.Params, "")
	failed := map[string]bool{}
	for i, e := range d.problems {
		failed[e.Field] = true
		switch {
		case i < maxFileProblems:
			l.add(Problem{File: p.File, Line: lineIn(e.Line, format), Field: e.Field, Msg: e.Msg})
		case i == maxFileProblems:
			l.add(Problem{File: p.File, Line: lineIn(e.Line, format), Msg: fmt.Sprintf("and %d more problems in the front matter; fix the ones above first", len(d.problems)-i)})
		}
	}
	p.line = map[string]int{}
	for k, v := range d.lines {
		p.line[k] = lineIn(v, format)
	}
	for _, e := range p.Params.Validate(l.cfg.Vocabularies) {
		if failed[e.Field] {
			continue // already reported: the value could not be read
		}
		l.add(Problem{File: p.File, Line: p.fieldLine(e.Field), Field: e.Field, Msg: e.Msg})
		if e.Field != "title" {
			clearField(p.Params, e.Field)
		}
	}
}

// address sets what the page is called and where it is published: its
// slug, URL and translation key.
func (l *loader) address(p *Page) {
	f := p.Front()
	p.Draft = f.Draft
	p.Slug = p.Name
	if f.Slug != "" {
		p.Slug = f.Slug
	} else if p.Kind != KindHome && p.Kind != KindSection && !slugRE.MatchString(p.Name) {
		l.add(Problem{File: p.File, Msg: fmt.Sprintf("the file name %q cannot be used in a URL; rename the file to %s.md or set slug", p.Name, Slugify(p.Name))})
	}
	p.URL = l.pageURL(p, path.Dir(p.Rel))
	p.Key = p.Rel
	if f.TranslationKey != "" {
		p.Key = "key:" + f.TranslationKey
	}
}

// root gives the paths from the site's root that front matter names (an
// image, a logo, a deliverable's file: "/img/logo.svg") the base URL's
// path, so that templates, feeds and the catalogue show the address a
// browser fetches. At the root of a host they stay as written. Fields
// are checked before: a value is a clean path, an https:// address or
// empty.
func (l *loader) root(p *Page) {
	u := l.cfg.URLs()
	f := p.Front()
	f.Image = u.Rooted(f.Image)
	switch v := p.Params.(type) {
	case *Cluster:
		v.Logo = u.Rooted(v.Logo)
	case *Partner:
		v.Logo = u.Rooted(v.Logo)
	case *Deliverable:
		v.File = u.Rooted(v.File)
	}
}

// lineIn converts a line inside the front matter to a line of the file.
func lineIn(line int, format string) int {
	if line <= 0 {
		return 1
	}
	return line + 1 // the opening --- or +++
}

// nearField names the field whose line stands for a missing field.
var nearField = map[string]string{"alt": "image", "start": "end"}

// fieldLine finds the line of a field named in a FieldError ("location.lat").
func (p *Page) fieldLine(field string) int {
	if _, ok := p.line[field]; !ok && nearField[field] != "" {
		field = nearField[field]
	}
	if l := nearestLine(p.line, field); l > 0 {
		return l
	}
	return 1
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// classify gives the kind, section and name of a path under a language
// folder. Kind is "" for a file nested inside a section.
func classify(rel string) (Kind, string, string) {
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	dir := path.Dir(rel)
	if rel == "index.md" {
		return KindHome, "", "index"
	}
	top, _, nested := strings.Cut(dir, "/")
	if k, ok := sectionKinds[top]; ok {
		if nested {
			return "", top, name
		}
		if name == "index" {
			return KindSection, top, "index"
		}
		return k, top, name
	}
	return KindPage, "", name
}

func (l *loader) pageURL(p *Page, dir string) string {
	u := l.cfg.URLs()
	switch p.Kind {
	case KindHome:
		return u.Home(p.Lang)
	case KindSection:
		return u.Section(p.Lang, p.Section)
	}
	if p.Section != "" {
		return u.Member(p.Lang, p.Section, p.Slug)
	}
	var slugs []string
	if dir != "." {
		for _, seg := range strings.Split(dir, "/") {
			slug := Slugify(seg)
			if slug == "" {
				// "/en//x/" is no clean path to publish at.
				l.add(Problem{File: p.File, Msg: fmt.Sprintf("the folder name %q cannot be used in a URL; rename the folder with letters or digits", seg)})
				slug = "-"
			}
			slugs = append(slugs, slug)
		}
	}
	if p.Name != "index" || p.Front().Slug != "" {
		slugs = append(slugs, p.Slug)
	}
	return u.Page(p.Lang, slugs...)
}

// exclusion says why a page is left out of the site, or "".
func (l *loader) exclusion(p *Page) string {
	f := p.Front()
	now := l.opts.Clock
	switch {
	case f.Draft && !l.opts.Drafts:
		return "draft"
	case !f.PublishDate.IsZero() && f.PublishDate.After(now) && !l.opts.Future:
		return "publishDate is in the future"
	case p.Kind == KindNews && f.PublishDate.IsZero() && f.Date.After(now) && !l.opts.Future:
		return "date is in the future"
	case !f.ExpiryDate.IsZero() && !f.ExpiryDate.After(now):
		return "expired"
	}
	return ""
}

// synthesize makes the home and section pages content/ does not have, so
// that every list and every language switcher has somewhere to go.
func (l *loader) synthesize(pages []*Page) []*Page {
	have := map[string]bool{}
	needSection := map[string]bool{}
	for _, p := range pages {
		switch p.Kind {
		case KindHome:
			have[p.Lang+"/"] = true
		case KindSection:
			have[p.Lang+"/"+p.Section] = true
		}
		if p.Section != "" {
			needSection[p.Section] = true
		}
	}
	var out []*Page
	for _, lang := range l.cfg.LangCodes() {
		if !have[lang+"/"] {
			p := &Page{Kind: KindHome, Lang: lang, File: "content/" + lang + "/index.md", Rel: "index.md", Name: "index", Synthetic: true,
				Params: &PageParams{Front: Front{Title: l.cfg.Title[lang], Summary: l.cfg.Description[lang]}}}
			p.URL, p.Key = l.cfg.URLs().Home(lang), p.Rel
			out = append(out, p)
		}
		for _, sec := range sortedKeys(needSection) {
			if have[lang+"/"+sec] {
				continue
			}
			slug := l.cfg.SectionSlug(sec, lang)
			p := &Page{Kind: KindSection, Lang: lang, Section: sec, File: "content/" + lang + "/" + sec + "/index.md", Rel: sec + "/index.md", Name: "index", Slug: slug, Synthetic: true,
				Params: &PageParams{Front: Front{Title: strings.ToUpper(slug[:1]) + slug[1:]}}}
			p.URL, p.Key = l.cfg.URLs().Section(lang, sec), p.Rel
			out = append(out, p)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortPages(pages []*Page, langs []string) {
	order := map[string]int{}
	for i, l := range langs {
		order[l] = i
	}
	sort.Slice(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.Lang != b.Lang {
			return order[a.Lang] < order[b.Lang]
		}
		return a.File < b.File
	})
}

// checkURLs reports two pages with the same URL, also when they differ
// only in case or Unicode normalisation (which collide on many hosts).
//
// The second page of a URL is left out of Pages (it stays known by file,
// so that links to it are not reported too): a site loaded with KeepGoing
// still has one page per output.
func (l *loader) checkURLs(s *Site) {
	seen := map[string]*Page{}
	kept := s.Pages[:0]
	for _, p := range s.Pages {
		k := strings.ToLower(norm.NFC.String(p.URL))
		if q, ok := seen[k]; ok {
			l.add(Problem{File: p.File, Line: p.Line("slug"), Msg: fmt.Sprintf("has the same URL %s as %s; change the slug of one of them", p.URL, q.File)})
			continue
		}
		seen[k] = p
		kept = append(kept, p)
	}
	clear(s.Pages[len(kept):])
	s.Pages = kept
}

func (l *loader) pairTranslations(s *Site) {
	groups := map[string][]*Page{}
	for _, p := range s.Pages {
		if p.Kind == KindHome {
			p.Key = "index.md"
		}
		groups[p.Key] = append(groups[p.Key], p)
	}
	for _, key := range sortedKeys(groups) {
		g := groups[key]
		byLang := map[string]*Page{}
		for _, p := range g {
			if q, ok := byLang[p.Lang]; ok {
				l.add(Problem{File: p.File, Line: p.Line("translationKey"), Field: "translationKey", Msg: fmt.Sprintf("%q is also used by %s in the same language; each translation key names one page per language", p.Front().TranslationKey, q.File)})
				continue
			}
			byLang[p.Lang] = p
		}
		for _, p := range g {
			for _, lang := range l.cfg.LangCodes() {
				if t := byLang[lang]; t != nil && t != p && lang != p.Lang {
					p.Translations = append(p.Translations, t)
				}
			}
			if p.Kind != KindSection && p.Kind != KindHome && len(p.Translations) > 0 && p.Kind != p.Translations[0].Kind {
				l.add(Problem{File: p.File, Msg: fmt.Sprintf("is paired with %s, which is %s, not %s; translations must be in the same section", p.Translations[0].File, withArticle(string(p.Translations[0].Kind)), withArticle(string(p.Kind)))})
			}
		}
	}
}

// lookup finds the page of a section by name, in lang first and then in
// the other languages.
func (s *Site) lookup(lang, section, name string) *Page {
	if p := s.byName[lang+"/"+section+"/"+name]; p != nil {
		return p
	}
	for _, other := range s.Config.LangCodes() {
		if p := s.byName[other+"/"+section+"/"+name]; p != nil {
			return p
		}
	}
	return nil
}

func (l *loader) resolveReferences(s *Site) {
	ref := func(p *Page, field, section, name string) *Page {
		if t := s.lookup(p.Lang, section, name); t != nil {
			return t
		}
		target := "content/" + p.Lang + "/" + section + "/" + name + ".md"
		msg := fmt.Sprintf("%q names %s, which does not exist", name, target)
		if why, ok := s.Excluded[target]; ok {
			msg = fmt.Sprintf("%q names %s, which is not published (%s)", name, target, why)
		} else {
			var names []string
			for k := range s.byName {
				if strings.HasPrefix(k, p.Lang+"/"+section+"/") {
					names = append(names, strings.TrimPrefix(k, p.Lang+"/"+section+"/"))
				}
			}
			sort.Strings(names)
			if h := didYouMean(name, names); h != "" {
				msg += fmt.Sprintf("; did you mean %q?", h)
			} else {
				msg += "; create it or fix the name"
			}
		}
		l.add(Problem{File: p.File, Line: p.Line(field), Field: field, Msg: msg})
		return nil
	}
	for _, p := range s.Pages {
		switch v := p.Params.(type) {
		case *Partner:
			if v.Cluster != "" {
				if c := ref(p, "cluster", "clusters", v.Cluster); c != nil {
					p.ClusterPage = c
					c.Members = append(c.Members, p)
				}
			}
		case *Mission:
			for _, name := range v.Clusters {
				if c := ref(p, "clusters", "clusters", name); c != nil {
					p.Participants = append(p.Participants, c)
					c.Missions = append(c.Missions, p)
				}
			}
			for _, name := range v.Partners {
				if c := ref(p, "partners", "partners", name); c != nil {
					p.Participants = append(p.Participants, c)
					c.Missions = append(c.Missions, p)
				}
			}
		case *Interview:
			if v.Organisation != "" {
				org := s.lookup(p.Lang, "clusters", v.Organisation)
				if org == nil {
					org = ref(p, "organisation", "partners", v.Organisation)
				}
				if org != nil {
					p.Organisation = org
					org.Interviews = append(org.Interviews, p)
				}
			}
		}
	}
}

func (l *loader) checkMenus(s *Site) {
	for _, lang := range sortedKeys(l.cfg.Menus) {
		for _, e := range l.cfg.Menus[lang] {
			switch {
			case e.Page != "" && e.URL != "":
				l.add(Problem{File: ConfigFile, Field: "menus." + lang, Msg: fmt.Sprintf("entry %q has both page and url; keep one", e.Page)})
			case e.Page != "":
				if s.byFile["content/"+lang+"/"+e.Page] == nil && !e.borrowed {
					l.add(Problem{File: ConfigFile, Field: "menus." + lang, Msg: fmt.Sprintf("page %q does not exist in content/%s/", e.Page, lang)})
				}
			case e.URL == "":
				l.add(Problem{File: ConfigFile, Field: "menus." + lang, Msg: "an entry needs a page (a path under content/" + lang + "/) or a url"})
			case !menuURL(e.URL):
				l.add(Problem{File: ConfigFile, Field: "menus." + lang, Msg: fmt.Sprintf("url %q is not a web address nor a clean path on this site; write https://... or /%s/page/", e.URL, lang)})
			case e.Title == "":
				l.add(Problem{File: ConfigFile, Field: "menus." + lang, Msg: fmt.Sprintf("entry %q needs a title", e.URL)})
			}
		}
	}
}

// menuURL reports whether a menu entry's url may be linked: an http(s)
// or mailto: address, or a path on this site without .., // or controls.
func menuURL(u string) bool {
	if strings.HasPrefix(u, "/") {
		p, _, _ := strings.Cut(u, "#")
		p, _, _ = strings.Cut(p, "?")
		return cleanURLPath(p)
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	return (pu.Scheme == "https" || pu.Scheme == "http") && pu.Host != "" || pu.Scheme == "mailto" && pu.Opaque != ""
}

// renderMarkdown converts every body in parallel, rewriting links to .md
// files into page URLs.
func (l *loader) renderMarkdown(s *Site) {
	conv := newBodyConverter(l.cfg.Markdown)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range s.Pages {
		if p.Synthetic || p.Unreadable {
			continue
		}
		g.Go(func() error {
			res := l.opts.Cache.convert(conv, s, p, l.configSum)
			p.HTML, p.Headings, p.Links, p.Images = res.HTML, res.Headings, res.Links, res.Images
			if l.opts.DropSource && l.opts.Cache == nil {
				p.Body = nil
			}
			for _, pr := range res.Problems {
				l.add(Problem{File: p.File, Line: pr.Line, Msg: pr.Msg})
			}
			return nil
		})
	}
	g.Wait()
}

// resolveLink maps a relative link to a .md file, written in page p, to
// the URL of the page it names.
func (s *Site) resolveLink(p *Page, dest string) (string, error) {
	target, frag, _ := strings.Cut(dest, "#")
	var file string
	if strings.HasPrefix(target, "/") {
		file = path.Clean("content" + target)
	} else {
		file = path.Join(path.Dir(p.File), target)
	}
	if !strings.HasPrefix(file, "content/") {
		return "", fmt.Errorf("it points outside the content/ folder; link to a page's file, such as about.md or ../partners/index.md")
	}
	t := s.byFile[file]
	if t == nil {
		if why, ok := s.Excluded[file]; ok {
			return "", fmt.Errorf("%s is not published (%s)", file, why)
		}
		if near := s.nearFile(file); near != "" {
			// The link as written, with the file name corrected.
			fixed := target[:strings.LastIndex(target, "/")+1] + path.Base(near)
			if path.Dir(near) != path.Dir(file) {
				fixed = path.Base(near)
				if rel, ok := relPath(path.Dir(p.File), near); ok {
					fixed = rel
				}
			}
			return "", fmt.Errorf("%s does not exist; did you mean %s?", file, fixed)
		}
		return "", fmt.Errorf("%s does not exist; fix the path or create the page", file)
	}
	if frag != "" {
		return t.URL + "#" + frag, nil
	}
	return t.URL, nil
}

// nearFile returns the content file a typo away from file (a name in the
// same folder, or the same name in another section of the language), or "".
func (s *Site) nearFile(file string) string {
	dir, base := path.Dir(file), path.Base(file)
	var same, other []string
	for f := range s.byFile {
		if s.byFile[f].Synthetic {
			continue
		}
		if path.Dir(f) == dir {
			same = append(same, f)
		} else if path.Base(f) == base && strings.HasPrefix(f, "content/"+strings.Split(file, "/")[1]+"/") {
			other = append(other, f)
		}
	}
	sort.Strings(same)
	sort.Strings(other)
	limit := max(1, len([]rune(strings.TrimSuffix(base, ".md")))/3)
	if f := DidYouMean(file, same, limit); f != "" {
		return f
	}
	if len(other) > 0 {
		return other[0]
	}
	return ""
}

// relPath returns the path of file relative to folder dir, both under
// content/.
func relPath(dir, file string) (string, bool) {
	from, to := strings.Split(dir, "/"), strings.Split(file, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	if i == 0 {
		return "", false
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/"), true
}

// plainTOML turns TOML's date types into the strings YAML content uses.
func plainTOML(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plainTOML(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainTOML(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainTOML(e)
		}
		return out
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04")
	}
	return v
}

// setTOMLLines gives the keys of a node made from TOML the lines they
// have in the front matter text, so messages point at the right line.
func setTOMLLines(node *yaml.Node, fm []byte) {
	lines := map[string]int{}
	for i, line := range strings.Split(string(fm), "\n") {
		if m := tomlKeyRE.FindStringSubmatch(line); m != nil {
			if _, ok := lines[m[1]]; !ok {
				lines[m[1]] = i + 1
			}
		}
	}
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		if n.Kind == yaml.DocumentNode {
			for _, c := range n.Content {
				walk(c, prefix)
			}
			return
		}
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			line := lines[prefix+k.Value]
			if line == 0 {
				line = lines[k.Value]
			}
			k.Line, n.Content[i+1].Line = line, line
			walk(n.Content[i+1], prefix+k.Value+".")
		}
	}
	walk(node, "")
}

// Page returns the page of a content file ("content/en/about.md"), or nil.
func (s *Site) Page(file string) *Page { return s.byFile[file] }

// Lookup returns the page of a section by its name (file base name) in
// lang, falling back to other languages; nil when there is none.
func (s *Site) Lookup(lang, section, name string) *Page { return s.lookup(lang, section, name) }

// Langs returns the language codes, default first.
func (s *Site) Langs() []string { return s.Config.LangCodes() }

// Home returns the home page of lang.
func (s *Site) Home(lang string) *Page { return s.byFile["content/"+lang+"/index.md"] }

// Section returns the section page of lang, or nil when the section has
// no pages in any language.
func (s *Site) Section(lang, section string) *Page {
	return s.byFile["content/"+lang+"/"+section+"/index.md"]
}

// PagesOf returns the pages of a section in lang (not the section page),
// in file order. The slice is the caller's; it costs the section's size,
// not the site's.
func (s *Site) PagesOf(lang, section string) []*Page {
	return slices.Clone(s.bySection[lang+"/"+section])
}

// LangPages returns every page of lang.
func (s *Site) LangPages(lang string) []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Lang == lang {
			out = append(out, p)
		}
	}
	return out
}

// Upcoming reports whether a mission starts (or ends) at or after the
// site's clock; missions without dates count as upcoming.
func (s *Site) Upcoming(p *Page) bool {
	m := p.Mission()
	if m == nil {
		return false
	}
	if m.Start.IsZero() {
		return true
	}
	end := m.End
	if end.IsZero() {
		end = m.Start
	}
	return !end.Time.AddDate(0, 0, 1).Before(s.Clock)
}
