package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"gopkg.in/yaml.v3"
)

// Bundle holds the UI strings and locale rules of every loaded language.
// It is immutable once Load returns.
type Bundle struct {
	langs   []string
	locales map[string]*Locale
	missing []MissingKey
	files   map[string]bool // lang -> it has a strings file
}

// MissingKey is a key defined for some language but not for Lang.
type MissingKey struct {
	Lang, Key string
}

// String returns "lang: key".
func (m MissingKey) String() string { return m.Lang + ": " + m.Key }

// Error is a problem in a strings file. Load returns one Error per problem,
// joined with errors.Join; use errors.As to reach them.
type Error struct {
	File string // path of the file, as given to LoadDir: "templates/i18n/fr.yaml"
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
}

// Error returns "file:line: message", or "file: message" without a line.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Load reads <lang>.yaml for each language from the top of fsys (for
// example os.DirFS("templates/i18n")). Errors name the files as "fr.yaml";
// use LoadDir to have them carry the folder too.
func Load(fsys fs.FS, langs []string) (*Bundle, error) {
	return LoadDir(fsys, ".", langs)
}

// LoadDir reads dir/<lang>.yaml for each language from fsys, so that errors
// name the files as the user sees them: LoadDir(siteFS, "templates/i18n",
// langs) reports "templates/i18n/fr.yaml:12: ...". All problems of all files
// are reported together.
//
// The first language is the default. A language may have no file, or a
// file that lacks keys: each missing string falls back to the default
// language's (Missing lists them). The default language's file must
// exist, unless the folder has en.yaml, whose strings are then the
// fallback of every language.
func LoadDir(fsys fs.FS, dir string, langs []string) (*Bundle, error) {
	if len(langs) == 0 {
		return nil, errors.New("i18n: no languages to load")
	}
	b := &Bundle{locales: make(map[string]*Locale, len(langs)), files: map[string]bool{}}
	var errs []error
	keys := make(map[string]map[string]bool, len(langs)) // lang -> key set
	var fallback *Locale
	for i, lang := range langs {
		if _, dup := keys[lang]; dup {
			errs = append(errs, fmt.Errorf("i18n: language %q listed twice", lang))
			continue
		}
		file := path.Join(dir, lang+".yaml")
		f, err := newFormats(lang)
		if err != nil {
			errs = append(errs, &Error{File: file, Msg: err.Error()})
			keys[lang] = nil
			continue
		}
		_, statErr := fs.Stat(fsys, file)
		exists := statErr == nil
		var msgs []*goi18n.Message
		if exists || i == 0 {
			var ferrs []error
			msgs, ferrs = readFile(fsys, file)
			if i == 0 && !exists && lang != "en" {
				if en, enErrs := readFile(fsys, path.Join(dir, "en.yaml")); len(enErrs) == 0 {
					ef, _ := newFormats("en")
					fallback = newLocale("en", ef, en, nil)
					ferrs = nil
				}
			}
			errs = append(errs, ferrs...)
		}
		b.files[lang] = exists
		l := newLocale(lang, f, msgs, fallback)
		if i == 0 && fallback == nil {
			fallback = l
		}
		set := make(map[string]bool, len(msgs))
		for _, m := range msgs {
			set[m.ID] = true
		}
		keys[lang] = set
		b.langs = append(b.langs, lang)
		b.locales[lang] = l
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	all := map[string]bool{}
	for _, set := range keys {
		for k := range set {
			all[k] = true
		}
	}
	if fallback != nil && fallback.lang != langs[0] {
		for k := range fallback.entries {
			all[k] = true
		}
	}
	for _, lang := range b.langs {
		for k := range all {
			if !keys[lang][k] {
				b.missing = append(b.missing, MissingKey{Lang: lang, Key: k})
			}
		}
	}
	slices.SortFunc(b.missing, func(x, y MissingKey) int {
		if c := strings.Compare(x.Lang, y.Lang); c != 0 {
			return c
		}
		return strings.Compare(x.Key, y.Key)
	})
	return b, nil
}

// Langs returns the loaded language codes in the order given to Load.
func (b *Bundle) Langs() []string { return slices.Clone(b.langs) }

// Locale returns the locale of lang; it is never nil for a loaded language.
// For a language that was not loaded it returns a locale without UI strings
// (T reports every key missing) and with English formatting rules, so that a
// template mistake shows on the page instead of crashing the build.
func (b *Bundle) Locale(lang string) *Locale {
	if l, ok := b.locales[lang]; ok {
		return l
	}
	f, err := newFormats(lang)
	if err != nil {
		f, _ = newFormats("en")
	}
	return newLocale(lang, f, nil, nil)
}

// HasFile reports whether lang has a strings file of its own.
func (b *Bundle) HasFile(lang string) bool { return b.files[lang] }

// MissingIn returns, for each language that lacks some of the keys
// another language defines, how many it lacks, in the order of the
// languages. Those strings fall back to the default language.
func (b *Bundle) MissingIn() []MissingCount {
	n := map[string]int{}
	for _, m := range b.missing {
		n[m.Lang]++
	}
	var out []MissingCount
	for _, lang := range b.langs {
		if n[lang] > 0 {
			out = append(out, MissingCount{Lang: lang, Count: n[lang], HasFile: b.files[lang], Fallback: b.locales[lang].fallbackLang()})
		}
	}
	return out
}

// MissingCount is how many UI strings a language lacks.
type MissingCount struct {
	Lang     string
	Count    int
	HasFile  bool   // the language has a strings file, which lacks keys
	Fallback string // the language the missing strings are shown in; "" when none
}

// Missing lists the keys that some language defines and another lacks,
// sorted by language then key. It is empty when all files agree.
func (b *Bundle) Missing() []MissingKey { return slices.Clone(b.missing) }

// pluralForms are the CLDR plural categories, in CLDR order.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readFile parses one strings file. It returns the messages it could read
// and one *Error per problem.
func readFile(fsys fs.FS, file string) ([]*goi18n.Message, []error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "file not found"
		}
		return nil, []error{&Error{File: file, Msg: msg}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		e := &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = m[2]
		}
		return nil, []error{e}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 { // empty file
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return nil, nil // only comments
		}
		return nil, []error{&Error{File: file, Line: root.Line, Msg: "expected a map of keys to strings"}}
	}
	var (
		msgs []*goi18n.Message
		errs []error
		seen = map[string]int{}
	)
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn, vn := root.Content[i], resolveAlias(root.Content[i+1])
		if kn.Kind != yaml.ScalarNode || kn.Value == "" {
			fail(kn.Line, "a key must be a non-empty string")
			continue
		}
		key := kn.Value
		if line, dup := seen[key]; dup {
			fail(kn.Line, "key %q already defined on line %d", key, line)
			continue
		}
		seen[key] = kn.Line
		m := &goi18n.Message{ID: key}
		switch vn.Kind {
		case yaml.ScalarNode:
			if vn.Tag == "!!null" {
				fail(vn.Line, "key %q has no value; write \"\" for an empty string", key)
				continue
			}
			if line, err := checkTemplate(vn); err != "" {
				fail(line, "key %q: %s", key, err)
				continue
			}
			m.Other = vn.Value
		case yaml.MappingNode:
			if isUnquotedTemplate(vn) {
				fail(vn.Line, "key %q: %s", key, unquotedTemplateMsg)
				continue
			}
			if !readPlural(m, vn, fail) {
				continue
			}
		default:
			fail(vn.Line, "key %q: expected a string or a map of plural forms (%s)", key, strings.Join(pluralForms, ", "))
			continue
		}
		msgs = append(msgs, m)
	}
	return msgs, errs
}

// readPlural fills m's plural forms from the map n, reporting problems with
// fail. It returns false when the message is unusable.
func readPlural(m *goi18n.Message, n *yaml.Node, fail func(int, string, ...any)) bool {
	ok := true
	forms := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn, vn := n.Content[i], resolveAlias(n.Content[i+1])
		form := fn.Value
		if fn.Kind != yaml.ScalarNode || !slices.Contains(pluralForms, form) {
			fail(fn.Line, "key %q: %q is not a CLDR plural form (%s)", m.ID, form, strings.Join(pluralForms, ", "))
			ok = false
			continue
		}
		if forms[form] {
			fail(fn.Line, "key %q: plural form %q given twice", m.ID, form)
			ok = false
			continue
		}
		forms[form] = true
		if isUnquotedTemplate(vn) {
			fail(vn.Line, "key %q, form %q: %s", m.ID, form, unquotedTemplateMsg)
			ok = false
			continue
		}
		if vn.Kind != yaml.ScalarNode || vn.Tag == "!!null" || vn.Value == "" {
			fail(vn.Line, "key %q: plural form %q must be a non-empty string", m.ID, form)
			ok = false
			continue
		}
		if line, err := checkTemplate(vn); err != "" {
			fail(line, "key %q, form %q: %s", m.ID, form, err)
			ok = false
			continue
		}
		switch form {
		case "zero":
			m.Zero = vn.Value
		case "one":
			m.One = vn.Value
		case "two":
			m.Two = vn.Value
		case "few":
			m.Few = vn.Value
		case "many":
			m.Many = vn.Value
		case "other":
			m.Other = vn.Value
		}
	}
	if ok && !forms["other"] {
		fail(n.Line, "key %q: plural forms need an \"other\" form", m.ID)
		ok = false
	}
	return ok
}

const unquotedTemplateMsg = `a value starting with "{{" must be quoted: "{{.Count}} ..."`

// isUnquotedTemplate reports whether n is what YAML makes of an unquoted
// {{.X}}: a flow map holding a flow map.
func isUnquotedTemplate(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 &&
		len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

var tmplErrRE = regexp.MustCompile(`^template: [^:]*:(\d+): (.*)$`)

// checkTemplate parses the string the way go-i18n will execute it. For a
// syntax error it returns the file line to report and a message; otherwise
// it returns "" as the message.
func checkTemplate(n *yaml.Node) (line int, msg string) {
	if !strings.Contains(n.Value, "{{") {
		return n.Line, ""
	}
	_, err := template.New("").Parse(n.Value)
	if err == nil {
		return n.Line, ""
	}
	line, msg = n.Line, err.Error()
	if m := tmplErrRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		// The text of a literal block scalar starts on the line after the
		// "|" indicator, one template line per file line: point at the
		// faulty line itself.
		if tl, _ := strconv.Atoi(m[1]); n.Style&yaml.LiteralStyle != 0 && tl > 0 {
			line += tl
		}
	}
	return line, "template: " + msg
}

// newLocale builds the locale of lang from its messages. Each language has a
// go-i18n bundle of its own, so that plural forms follow its rules; a key
// it lacks is looked up in fallback (the default language), and Missing
// reports it.
func newLocale(lang string, f formats, msgs []*goi18n.Message, fallback *Locale) *Locale {
	gb := goi18n.NewBundle(f.tag)
	// AddMessages fails only for a language without CLDR plural rules, and
	// newFormats accepts only languages that have them (see the tests).
	_ = gb.AddMessages(f.tag, msgs...)
	entries := make(map[string]entry, len(msgs))
	for _, m := range msgs {
		entries[m.ID] = entry{
			plural: m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != "",
			empty:  m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.Other == "",
		}
	}
	l := &Locale{
		fallback:  fallback,
		lang:      lang,
		formats:   f,
		entries:   entries,
		localizer: goi18n.NewLocalizer(gb, f.tag.String()),
		collators: newCollatorPool(f.tag),
		countries: make([]string, 26*26),
	}
	for id, e := range entries {
		if !e.empty {
			e.plain = l.localize(id, &goi18n.LocalizeConfig{MessageID: id})
			entries[id] = e
		}
	}
	for i := range l.countries {
		l.countries[i] = l.country(string([]byte{'A' + byte(i/26), 'A' + byte(i%26)}))
	}
	return l
}
