// Package corpus writes a synthetic bilingual consortium site of any size,
// for benchmarks and for tests that need many pages.
//
// The site is deterministic: the same Options give the same bytes. It has
// the layout consort reads (content/site.yaml, content/en/..., content/fr/...,
// static/) and, with Options.Hugo, the files Hugo needs to build the very same
// content files (hugo.toml, layouts/, i18n/, data/): a minimal theme that
// renders what consort's default theme renders (base layout, single pages,
// paginated lists, a JSON list of partners, RSS, sitemap).
//
// Most pages are partners with full front matter and 300-800 words of
// Markdown: headings, lists, a table, emphasis, links to other pages written
// as relative .md paths, sometimes an image, French with accents and the
// punctuation French typography rewrites. The rest are clusters, missions,
// interviews, news, the home and section pages and a few plain pages.
// Every file is valid for consort's validation: vocabulary keys exist in the
// generated site.yaml, references name existing files, links point to
// existing files, images have alt text.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/sync/errgroup"
)

// HugoDir is the folder, inside the corpus, of the Hugo site.
const HugoDir = "hugo"

// MinPages is the smallest corpus Write makes.
const MinPages = 60

// Options say what to write.
type Options struct {
	// Pages is the number of content files, both languages together
	// (each language gets half; an odd number is rounded up).
	Pages int
	// Seed selects the corpus; the same seed gives the same files.
	Seed int64
	// Hugo also writes the same content as a Hugo site into the folder
	// hugo/ (HugoDir): hugo.toml, layouts/, i18n/, data/, static/ and
	// content/<lang>/, where the home and section pages are _index.md.
	// Only with the default languages (Langs).
	Hugo bool
	// Langs are the site's languages, the default first; nil means Langs
	// (en, fr). Every language gets the same pages; the text of a
	// language other than English and French is the English one (the
	// word pools are English and French), under that language's
	// typography, collation, dates and UI strings.
	Langs []string
}

// Counts are the pages of one language, by kind.
type Counts struct {
	Clusters, Partners, Missions, Interviews, News int
}

// fixedPages are the pages every language has besides the sections'
// entries: the home page, the five section pages and the plain pages.
var plainPages = []string{"about", "objectives", "contact"}

const sectionCount = 5

// Plan returns how many pages of each kind a language gets in a corpus of
// pages content files in two languages.
func Plan(pages int) Counts { return PlanLangs(pages, 2) }

// PlanLangs is Plan for a corpus in n languages: each gets an equal share
// of the pages (rounded up), and at least what a two-language corpus of
// MinPages has.
func PlanLangs(pages, n int) Counts {
	n = max(n, 1)
	perLang := max((pages+n-1)/n, (MinPages+1)/2)
	c := Counts{
		Clusters:   max(4, perLang/100),
		Missions:   max(2, perLang*4/100),
		Interviews: max(2, perLang*3/100),
		News:       max(2, perLang*7/100),
	}
	c.Partners = perLang - 1 - sectionCount - len(plainPages) - c.Clusters - c.Missions - c.Interviews - c.News
	return c
}

// PerLang is the number of content files of one language.
func (c Counts) PerLang() int {
	return 1 + sectionCount + len(plainPages) + c.Clusters + c.Partners + c.Missions + c.Interviews + c.News
}

// Langs are the corpus's languages, the default first.
var Langs = []string{"en", "fr"}

// Write writes the corpus into dir, which must not have a content/ folder
// yet; it is created if missing.
func Write(dir string, opts Options) error {
	if opts.Pages < MinPages {
		return fmt.Errorf("corpus: %d pages is too few; write at least %d", opts.Pages, MinPages)
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return fmt.Errorf("corpus: %s already has a content folder; choose an empty folder", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("corpus: %w", err)
	}
	langs := opts.Langs
	if len(langs) == 0 {
		langs = Langs
	}
	if err := checkLangs(langs); err != nil {
		return err
	}
	if opts.Hugo && !slices.Equal(langs, Langs) {
		return fmt.Errorf("corpus: the Hugo site is written in %s only", strings.Join(Langs, " and "))
	}
	g := &generator{seed: uint64(opts.Seed), counts: PlanLangs(opts.Pages, len(langs))}
	var files []file
	files = append(files, file{path: "content/site.yaml", data: func() []byte { return siteYAML(langs) }})
	files = append(files, file{path: "static/img/lab.svg", data: func() []byte { return []byte(labSVG) }})
	for _, lang := range langs {
		files = append(files, g.contentFiles(lang)...)
	}
	if opts.Hugo {
		for i, f := range files {
			if f.path != "content/site.yaml" {
				files[i].also = []string{HugoDir + "/" + hugoPath(f.path)}
			}
		}
		hf, err := hugoFiles()
		if err != nil {
			return err
		}
		files = append(files, hf...)
	}
	return writeAll(dir, files)
}

// file is an output of the generator, written at path and at each of
// also; data is called on a worker.
type file struct {
	path string
	data func() []byte
	also []string
}

func writeAll(dir string, files []file) error {
	dirs := map[string]bool{}
	for _, f := range files {
		for _, p := range append([]string{f.path}, f.also...) {
			d := path.Dir(p)
			if !dirs[d] {
				dirs[d] = true
				if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
					return fmt.Errorf("corpus: %w", err)
				}
			}
		}
	}
	errs := make([]error, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		g.Go(func() error {
			data := f.data()
			for _, p := range append([]string{f.path}, f.also...) {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), data, 0o644); err != nil {
					errs[i] = fmt.Errorf("corpus: %w", err)
				}
			}
			return nil
		})
	}
	g.Wait()
	return errors.Join(errs...)
}

// generator makes the content. Every name and every file is a function of
// the seed and an index, so files are made independently and in parallel.
type generator struct {
	seed   uint64
	counts Counts
}

// Stream numbers for the random sources of each kind of thing.
const (
	streamName = iota + 1
	streamFile
)

func (g *generator) rng(stream uint64, kind string, i int) *rand.Rand {
	h := uint64(14695981039346656037)
	for _, c := range []byte(kind) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return rand.New(rand.NewPCG(g.seed^stream<<56, h^uint64(i)))
}

// org is an organisation's name and base name.
type org struct {
	name string // file base name
	en   string
	fr   string
}

func (o org) title(lang string) string {
	if lang == "fr" {
		return o.fr
	}
	return o.en
}

func (g *generator) partner(i int) org {
	r := g.rng(streamName, "partner", i)
	stem := pick(r, namePrefix) + pick(r, nameRoot)
	k := nameKind[r.IntN(len(nameKind))]
	o := org{en: stem + " " + k.en}
	if strings.HasPrefix(k.fr, "Laboratoires") || strings.HasPrefix(k.fr, "Institut") || strings.HasPrefix(k.fr, "Centre") {
		o.fr = k.fr + " " + stem
	} else {
		o.fr = stem + " " + k.fr
	}
	o.name = fmt.Sprintf("%s-%05d", site.Slugify(o.en), i)
	return o
}

var clusterKinds = []struct{ en, fr string }{
	{"Biopole", "Biopôle"}, {"Life Sciences Cluster", "Cluster des sciences de la vie"},
	{"Health Valley", "Vallée de la santé"}, {"BioCluster", "BioCluster"}, {"Medicen", "Medicen"},
}

func (g *generator) cluster(i int) (org, place) {
	r := g.rng(streamName, "cluster", i)
	p := places[i%len(places)]
	k := clusterKinds[r.IntN(len(clusterKinds))]
	o := org{en: p.City + " " + k.en, fr: k.fr + " " + p.City}
	o.name = fmt.Sprintf("%s-%03d", site.Slugify(o.en), i)
	return o, p
}

func (g *generator) mission(i int) org {
	r := g.rng(streamName, "mission", i)
	p := places[r.IntN(len(places))]
	t := missionTypes[r.IntN(len(missionTypes))]
	labels := vocabLabel("missionType", t)
	o := org{en: labels[0] + " to " + p.City, fr: labels[1] + " à " + p.City}
	o.name = fmt.Sprintf("%s-%04d", site.Slugify(o.en), i)
	return o
}

func (g *generator) interview(i int) org {
	r := g.rng(streamName, "interview", i)
	person := pick(r, people)
	o := org{en: "Interview with " + person, fr: "Entretien avec " + person}
	o.name = fmt.Sprintf("%s-%04d", site.Slugify(person), i)
	return o
}

func (g *generator) news(i int) org {
	r := g.rng(streamName, "news", i)
	p := g.partner(r.IntN(g.counts.Partners))
	o := org{en: p.en + " joins a new " + pick(r, []string{"partnership", "programme", "consortium", "project"}),
		fr: p.fr + " rejoint un nouveau " + pick(r, []string{"partenariat", "programme", "consortium", "projet"})}
	o.name = fmt.Sprintf("news-%05d", i)
	return o
}

// target names a page another page can link to.
type target struct {
	section, name, title string
}

// randomTarget picks a page of any section, weighted like the corpus.
func (g *generator) randomTarget(r *rand.Rand, lang string) target {
	c := g.counts
	switch n := r.IntN(100); {
	case n < 70:
		p := g.partner(r.IntN(c.Partners))
		return target{"partners", p.name, p.title(lang)}
	case n < 82:
		cl, _ := g.cluster(r.IntN(c.Clusters))
		return target{"clusters", cl.name, cl.title(lang)}
	case n < 90:
		m := g.mission(r.IntN(c.Missions))
		return target{"missions", m.name, m.title(lang)}
	case n < 95:
		iv := g.interview(r.IntN(c.Interviews))
		return target{"interviews", iv.name, iv.title(lang)}
	default:
		nw := g.news(r.IntN(c.News))
		return target{"news", nw.name, nw.title(lang)}
	}
}

// relLink is the relative path from a file in section from ("" for the
// language folder) to the file of t.
func relLink(from string, t target) string {
	file := t.name + ".md"
	if t.name == "index" {
		file = "index.md"
	}
	switch {
	case t.section == from:
		return file
	case from == "":
		return t.section + "/" + file
	case t.section == "":
		return "../" + file
	}
	return "../" + t.section + "/" + file
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// pickN returns n distinct elements of list in list order.
func pickN[T any](r *rand.Rand, list []T, n int) []T {
	n = min(n, len(list))
	idx := r.Perm(len(list))[:n]
	sortInts(idx)
	out := make([]T, n)
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func vocabLabel(vocab, key string) [2]string {
	for _, v := range vocabulary {
		if v.name != vocab {
			continue
		}
		for _, k := range v.keys {
			if k[0] == key {
				return [2]string{k[1], k[2]}
			}
		}
	}
	return [2]string{key, key}
}

// q quotes s as a YAML double-quoted scalar.
func q(s string) string {
	return strconv.Quote(s)
}

func yamlList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = q(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// date returns a date between from and to (years, inclusive) as YYYY-MM-DD.
func date(r *rand.Rand, from, to int) string {
	return fmt.Sprintf("%04d-%02d-%02d", from+r.IntN(to-from+1), 1+r.IntN(12), 1+r.IntN(28))
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// doc accumulates a content file.
type doc struct{ bytes.Buffer }

func (d *doc) f(format string, args ...any) { fmt.Fprintf(&d.Buffer, format, args...) }

const labSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#e8f0f8"/><circle cx="160" cy="90" r="50" fill="#039"/></svg>
`

// checkLangs refuses a language list consort would not build.
func checkLangs(langs []string) error {
	seen := map[string]bool{}
	for _, l := range langs {
		if err := i18n.CheckLanguage(l); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if seen[l] {
			return fmt.Errorf("corpus: %q is listed twice", l)
		}
		seen[l] = true
	}
	return nil
}

// textLang is the language of the words of lang's pages: English and
// French have word pools, the others take the English ones.
func textLang(lang string) string {
	if lang == "fr" {
		return "fr"
	}
	return "en"
}
