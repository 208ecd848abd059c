// Package scaffold writes new content for editors: a page of any kind with
// its twins in the site's other languages, a translation of an existing
// page that records what it was made from, a whole new site, and the JSON
// Schemas of the front matter for editors' text editors.
//
// Functions plan files (they read the site folder and return []File);
// Create writes them and never overwrites a file, Replace rewrites one.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/site"
)

// File is a file scaffold plans, relative to the site folder.
type File struct {
	Path string // "content/en/partners/biocat.md"
	Data []byte
}

// config reads the site's content/site.yaml.
func config(fsys fs.FS) (*site.Config, error) {
	data, err := fs.ReadFile(fsys, site.ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is missing; run consort in a site folder (or name one with --source), or start a site with `consort new site DIR`", site.ConfigFile)
	}
	if err != nil {
		return nil, err
	}
	cfg, ps := site.ParseConfig(data)
	if cfg == nil || len(ps.Errors()) > 0 {
		return nil, ps.Errors()
	}
	return cfg, nil
}

// ParseKind reads a kind name as `consort new` takes it.
func ParseKind(s string) (site.Kind, bool) {
	for _, k := range Kinds() {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Page plans a new page of kind k titled title in lang (the site's first
// language when ""), and its twins in the site's other languages, which
// record that they were made from it. The file name is the title folded
// to ASCII, lower case: "Klaster LifeScience Kraków" ->
// klaster-lifescience-krakow.md. When a page of the section has that name
// (or slug) in any language, Page refuses and names its file; a name
// taken by something else (a plain page named like a section,
// "partners") gets a number: partners-2.md. now dates news.
func Page(fsys fs.FS, k site.Kind, title, lang string, now time.Time) ([]File, error) {
	cfg, err := config(fsys)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(title) == "" {
		return nil, errors.New("the title is empty; write it in quotes, e.g. consort new partner \"Klaster LifeScience Kraków\"")
	}
	if lang == "" {
		lang = cfg.DefaultLang()
	}
	if !hasLang(cfg, lang) {
		return nil, fmt.Errorf("%q is not a language of %s (%s)", lang, site.ConfigFile, strings.Join(cfg.LangCodes(), ", "))
	}
	section := site.SectionOf(k)
	dir := section
	base := site.Slugify(title)
	if base == "" || base == "index" {
		base = string(k)
	}
	if f := existingPage(fsys, cfg, section, base); f != "" {
		return nil, fmt.Errorf("%s already exists: a page by that name is there; edit it, or give the new page another title", f)
	}
	taken := takenNames(fsys, cfg, section)
	name := base
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	rel := path.Join(dir, name+".md")
	sk := skeleton{kind: k, lang: lang, title: strings.TrimSpace(title), name: name, cfg: cfg, now: now, refs: firstNames(fsys, cfg)}
	src := []byte(sk.text())
	files := []File{{Path: "content/" + lang + "/" + rel, Data: src}}
	for _, other := range cfg.LangCodes() {
		if other == lang {
			continue
		}
		tw := sk
		tw.lang = other
		tw.translatedFrom = NewRecord(lang, src).String()
		files = append(files, File{Path: "content/" + other + "/" + rel, Data: []byte(tw.text())})
	}
	return files, nil
}

func hasLang(cfg *site.Config, lang string) bool {
	for _, l := range cfg.LangCodes() {
		if l == lang {
			return true
		}
	}
	return false
}

// existingPage returns the content file of section, in any language,
// named name (or whose slug is name), or "": a page made twice would
// otherwise be made again under another name.
func existingPage(fsys fs.FS, cfg *site.Config, section, name string) string {
	for _, lang := range cfg.LangCodes() {
		dir := path.Join("content", lang, section)
		entries, _ := fs.ReadDir(fsys, dir)
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(e.Name(), name+".md") {
				return path.Join(dir, e.Name())
			}
		}
	}
	if s, err := site.Load(fsys, site.Options{Drafts: true, Future: true, KeepGoing: true}); err == nil {
		for _, p := range s.Pages {
			if p.Section == section && p.Kind != site.KindSection && !p.Synthetic && strings.EqualFold(p.Slug, name) {
				return p.File
			}
		}
	}
	return ""
}

// takenNames returns the names (lower case) a new file of section may not
// have: files and folders of that section in any language, their slugs,
// and, for plain pages, the URL slugs of the sections.
func takenNames(fsys fs.FS, cfg *site.Config, section string) map[string]bool {
	taken := map[string]bool{"index": true}
	for _, lang := range cfg.LangCodes() {
		dir := path.Join("content", lang, section)
		entries, _ := fs.ReadDir(fsys, dir)
		for _, e := range entries {
			taken[strings.ToLower(strings.TrimSuffix(e.Name(), ".md"))] = true
		}
		if section == "" {
			for sec := range cfg.Sections {
				taken[cfg.SectionSlug(sec, lang)] = true
			}
			for _, k := range Kinds() {
				if s := site.SectionOf(k); s != "" {
					taken[cfg.SectionSlug(s, lang)] = true
				}
			}
			taken["catalogue"] = true
		}
	}
	// Slugs set in front matter, when the site loads.
	if s, err := site.Load(fsys, site.Options{Drafts: true, Future: true, KeepGoing: true}); err == nil {
		for _, p := range s.Pages {
			if p.Section == section && p.Kind != site.KindSection {
				taken[strings.ToLower(p.Slug)] = true
			}
		}
	}
	return taken
}

// firstNames returns, per section, the first page name in the default
// language, for examples of references.
func firstNames(fsys fs.FS, cfg *site.Config) map[string]string {
	out := map[string]string{}
	for _, sec := range []string{"clusters", "partners"} {
		entries, _ := fs.ReadDir(fsys, path.Join("content", cfg.DefaultLang(), sec))
		for _, e := range entries {
			n := strings.TrimSuffix(e.Name(), ".md")
			if !e.IsDir() && n != "index" && strings.HasSuffix(e.Name(), ".md") {
				out[sec] = n
				break
			}
		}
	}
	return out
}

// splitFile returns a content file's front matter lines (without the
// delimiters), its delimiter ("---" or "+++") and the rest of the file.
func splitFile(data []byte) (fm []string, delim string, rest []byte, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	first, after, ok := strings.Cut(text, "\n")
	delim = strings.TrimSpace(first)
	if !ok || (delim != "---" && delim != "+++") {
		return nil, "", nil, errors.New("has no front matter (a first line --- or +++)")
	}
	lines := strings.Split(after, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == delim {
			return lines[:i], delim, []byte(strings.Join(lines[i+1:], "\n")), nil
		}
	}
	return nil, "", nil, fmt.Errorf("front matter starts with %s but is never closed", delim)
}

// keyRE matches a top-level key of YAML (key:) or TOML (key =) front matter.
func keyRE(key string) *regexp.Regexp {
	return regexp.MustCompile(`^["']?` + regexp.QuoteMeta(key) + `["']?\s*[:=]`)
}

// setKey returns front matter lines with the top-level key set to value
// (a YAML or TOML literal): the line is replaced where it is, keeping a
// trailing comment, or added after the opening delimiter.
func setKey(fm []string, delim, key, value, comment string) []string {
	re := keyRE(key)
	sep := ": "
	if delim == "+++" {
		sep = " = "
	}
	for i, l := range fm {
		if re.MatchString(l) {
			trail := ""
			if j := commentAt(l); j >= 0 {
				trail = l[j:]
			}
			fm[i] = key + sep + value + trail
			return fm
		}
	}
	line := key + sep + value
	if comment != "" {
		line += "  # " + comment
	}
	return append([]string{line}, fm...)
}

// commentAt returns where the trailing comment of a front matter line
// starts (the spaces before its #), or -1: a # after a space and outside
// quotes.
func commentAt(l string) int {
	var quote byte
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && i > 0 && (l[i-1] == ' ' || l[i-1] == '\t'):
			j := i
			for j > 0 && (l[j-1] == ' ' || l[j-1] == '\t') {
				j--
			}
			return j
		}
	}
	return -1
}

// getKey returns the value of a top-level key, unquoted, without comment.
func getKey(fm []string, key string) string {
	re := keyRE(key)
	for _, l := range fm {
		if loc := re.FindStringIndex(l); loc != nil {
			v := l[loc[1]:]
			if j := commentAt(v); j >= 0 {
				v = v[:j]
			}
			v = strings.TrimSpace(v)
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}

func join(fm []string, delim string, rest []byte) []byte {
	var b bytes.Buffer
	b.WriteString(delim + "\n")
	for _, l := range fm {
		b.WriteString(l + "\n")
	}
	b.WriteString(delim + "\n")
	b.Write(rest)
	return b.Bytes()
}

// langOf splits "content/en/news/x.md" into "en" and "news/x.md".
func langOf(cfg *site.Config, file string) (lang, rel string, err error) {
	file = path.Clean(filepath.ToSlash(file))
	rest, ok := strings.CutPrefix(file, "content/")
	lang, rel, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || !hasLang(cfg, lang) || !strings.HasSuffix(rel, ".md") {
		return "", "", fmt.Errorf("%s is not a content file; name it from the site folder, e.g. content/en/news/ce4big.md", file)
	}
	return lang, rel, nil
}

var translateDoc = map[string]string{
	"en": "translate the title, summary and text; keep keys such as orgType or country as they are",
	"fr": "traduisez le titre, le résumé et le texte ; gardez les clés comme orgType ou country telles quelles",
}

var draftTranslationDoc = map[string]string{
	"en": "remove this line once the translation is done",
	"fr": "supprimez cette ligne une fois la traduction terminée",
}

// Translate plans the translation of the content file src (a path from
// the site folder) into lang: the same path under content/<lang>/, with
// the source's front matter and text to translate, draft: true, and
// translatedFrom recording the source's language and version.
func Translate(fsys fs.FS, src, lang string) (File, error) {
	cfg, err := config(fsys)
	if err != nil {
		return File{}, err
	}
	from, rel, err := langOf(cfg, src)
	if err != nil {
		return File{}, err
	}
	src = "content/" + from + "/" + rel
	if !hasLang(cfg, lang) {
		return File{}, fmt.Errorf("--to %q is not a language of %s (%s)", lang, site.ConfigFile, strings.Join(cfg.LangCodes(), ", "))
	}
	if lang == from {
		return File{}, fmt.Errorf("%s is already in %s; name the language to translate into with --to", src, lang)
	}
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return File{}, err
	}
	target := "content/" + lang + "/" + rel
	if _, err := fs.Stat(fsys, target); err == nil {
		return File{}, fmt.Errorf("%s exists; consort never overwrites. Once it is up to date with %s, record that with `consort new --translate --update %s`", target, src, target)
	}
	if s, err := site.Load(fsys, site.Options{Drafts: true, Future: true, KeepGoing: true}); err == nil {
		if p := s.Page(src); p != nil {
			if t := p.Translation(lang); t != nil && !t.Synthetic {
				return File{}, fmt.Errorf("%s is already translated into %s by %s (same translationKey)", src, lang, t.File)
			}
		}
	}
	fm, delim, rest, err := splitFile(data)
	if err != nil {
		return File{}, fmt.Errorf("%s %w", src, err)
	}
	rec := NewRecord(from, data)
	value := rec.String()
	if delim == "+++" {
		value = `"` + value + `"`
	}
	fm = setKey(fm, delim, "translatedFrom", value, FieldDoc(site.KindPage, "translatedFrom", lang))
	fm = setKey(fm, delim, "draft", "true", pick(draftTranslationDoc, lang))
	fm = append([]string{"# " + pick(translateDoc, lang)}, fm...)
	return File{Path: target, Data: join(fm, delim, rest)}, nil
}

// Update plans the rewrite of a translation's translatedFrom so that it
// records the current version of its source: what an editor runs once the
// translation has caught up. from names the source's language when the
// file has no translatedFrom yet ("" picks the site's other language when
// there are two). It returns the file and the old and new records.
func Update(fsys fs.FS, file, from string) (f File, old, now string, err error) {
	cfg, err := config(fsys)
	if err != nil {
		return File{}, "", "", err
	}
	lang, rel, err := langOf(cfg, file)
	if err != nil {
		return File{}, "", "", err
	}
	file = "content/" + lang + "/" + rel
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return File{}, "", "", err
	}
	fm, delim, rest, err := splitFile(data)
	if err != nil {
		return File{}, "", "", fmt.Errorf("%s %w", file, err)
	}
	old = getKey(fm, "translatedFrom")
	srcLang := from
	if srcLang == "" {
		if rec, ok := ParseRecord(old); ok {
			srcLang = rec.Lang
		}
	}
	if srcLang == "" {
		others := []string{}
		for _, l := range cfg.LangCodes() {
			if l != lang {
				others = append(others, l)
			}
		}
		if len(others) != 1 {
			return File{}, "", "", fmt.Errorf("%s has no translatedFrom; say which language it was translated from with --from", file)
		}
		srcLang = others[0]
	}
	if !hasLang(cfg, srcLang) || srcLang == lang {
		return File{}, "", "", fmt.Errorf("--from %q: want another language of %s (%s)", srcLang, site.ConfigFile, strings.Join(cfg.LangCodes(), ", "))
	}
	src := "content/" + srcLang + "/" + rel
	if s, err := site.Load(fsys, site.Options{Drafts: true, Future: true, KeepGoing: true}); err == nil {
		if p := s.Page(file); p != nil {
			if t := p.Translation(srcLang); t != nil && !t.Synthetic {
				src = t.File
			}
		}
	}
	srcData, err := fs.ReadFile(fsys, src)
	if err != nil {
		return File{}, "", "", fmt.Errorf("the source of %s: %w", file, err)
	}
	rec := NewRecord(srcLang, srcData)
	value := rec.String()
	if delim == "+++" {
		value = `"` + value + `"`
	}
	fm = setKey(fm, delim, "translatedFrom", value, FieldDoc(site.KindPage, "translatedFrom", lang))
	return File{Path: file, Data: join(fm, delim, rest)}, old, rec.String(), nil
}

// Create writes files under dir, creating folders as needed. It never
// overwrites: when any file exists it writes nothing and says which.
func Create(dir string, files []File) error {
	var exist []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path))); err == nil {
			exist = append(exist, f.Path)
		}
	}
	if len(exist) > 0 {
		sort.Strings(exist)
		return fmt.Errorf("%s already %s; consort new never overwrites", strings.Join(exist, ", "), map[bool]string{true: "exists", false: "exist"}[len(exist) == 1])
	}
	var created []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = out.Write(f.Data)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			for _, c := range created {
				os.Remove(c)
			}
			return err
		}
		created = append(created, p)
	}
	return nil
}

// Replace rewrites existing files under dir, each atomically (a temporary
// file renamed over it), keeping its permissions.
func Replace(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		mode := os.FileMode(0o644)
		if st, err := os.Stat(p); err == nil {
			mode = st.Mode().Perm()
		}
		tmp, err := os.CreateTemp(filepath.Dir(p), ".consort-*")
		if err != nil {
			return err
		}
		_, err = tmp.Write(f.Data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), mode)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), p)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}
