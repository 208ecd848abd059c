package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// UIStrings plans templates/i18n/<lang>.yaml for a language of the site
// that has no UI strings of its own: a copy of the default language's
// strings (the site's own file, else the theme's, else the theme's
// English), with a header that says what to translate and which plural
// forms the language has. theme is the default theme (templates.FS).
func UIStrings(fsys, theme fs.FS, lang string) (File, error) {
	cfg, err := config(fsys)
	if err != nil {
		return File{}, err
	}
	if !hasLang(cfg, lang) {
		return File{}, fmt.Errorf("%q is not a language of %s (%s); add it to languages: first", lang, site.ConfigFile, strings.Join(cfg.LangCodes(), ", "))
	}
	out := "templates/i18n/" + lang + ".yaml"
	if _, err := fs.Stat(fsys, out); err == nil {
		return File{}, fmt.Errorf("%s already exists", out)
	}
	if _, err := fs.Stat(theme, "i18n/"+lang+".yaml"); err == nil {
		return File{}, fmt.Errorf("the theme already has UI strings in %s; write %s only to change some of them", lang, out)
	}
	from := cfg.DefaultLang()
	var src []byte
	for _, c := range []struct {
		fsys fs.FS
		path string
	}{{fsys, "templates/i18n/" + from + ".yaml"}, {theme, "i18n/" + from + ".yaml"}, {theme, "i18n/en.yaml"}} {
		if src, err = fs.ReadFile(c.fsys, c.path); err == nil {
			from = strings.TrimSuffix(c.path[strings.LastIndex(c.path, "/")+1:], ".yaml")
			break
		}
	}
	if src == nil {
		return File{}, errors.New("no UI strings to start from: neither the site nor the theme has " + cfg.DefaultLang() + ".yaml")
	}
	// Drop the source's own header (its first comment lines).
	body := string(src)
	for strings.HasPrefix(body, "#") {
		_, body, _ = strings.Cut(body, "\n")
	}
	head := fmt.Sprintf(`# UI strings, %s: written by consort new strings from the %s ones.
# Translate each value; keep the keys, and keep {{.Count}}, {{.Name}} and
# the other {{...}} as they are. A string deleted here shows in %s.
# A string that depends on a number is a map of CLDR plural forms; %s has
# %s (give each; "other" is required).
`, lang, from, cfg.DefaultLang(), lang, strings.Join(pluralForms(lang), ", "))
	return File{Path: out, Data: []byte(head + body)}, nil
}

// pluralForms lists the CLDR plural categories a language uses for
// whole numbers and decimals, in CLDR order.
func pluralForms(lang string) []string {
	tag, err := language.Parse(lang)
	if err != nil {
		return []string{"other"}
	}
	seen := map[plural.Form]bool{}
	for n := 0; n <= 200; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	seen[plural.Cardinal.MatchPlural(tag, 1000000, 0, 0, 0, 0)] = true
	seen[plural.Cardinal.MatchPlural(tag, 15, 1, 1, 5, 5)] = true // 1.5
	var out []string
	for _, f := range []struct {
		form plural.Form
		name string
	}{{plural.Zero, "zero"}, {plural.One, "one"}, {plural.Two, "two"}, {plural.Few, "few"}, {plural.Many, "many"}, {plural.Other, "other"}} {
		if seen[f.form] {
			out = append(out, f.name)
		}
	}
	return out
}
