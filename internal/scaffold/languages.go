package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"gopkg.in/yaml.v3"
)

// PageIn is Page with the twins made only in langs (besides lang); an
// empty langs makes them in every language of the site, as Page does.
func PageIn(fsys fs.FS, k site.Kind, title, lang string, langs []string, now time.Time) ([]File, error) {
	files, err := Page(fsys, k, title, lang, now)
	if err != nil || len(langs) == 0 {
		return files, err
	}
	cfg, err := config(fsys)
	if err != nil {
		return nil, err
	}
	for _, l := range langs {
		if !hasLang(cfg, l) {
			return nil, fmt.Errorf("--langs: %q is not a language of %s (%s)", l, site.ConfigFile, strings.Join(cfg.LangCodes(), ", "))
		}
	}
	out := files[:1] // the page itself, in lang
	for _, f := range files[1:] {
		if slices.Contains(langs, langOfPath(f.Path)) {
			out = append(out, f)
		}
	}
	return out, nil
}

// langOfPath is the language folder of "content/<lang>/...".
func langOfPath(p string) string {
	rest := strings.TrimPrefix(p, "content/")
	l, _, _ := strings.Cut(rest, "/")
	return l
}

// ParseLangs reads a comma-separated list of language codes ("en,de,pl"),
// each one CLDR knows, none twice.
func ParseLangs(s string) ([]string, error) {
	var langs []string
	for _, l := range strings.Split(s, ",") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if err := i18n.CheckLanguage(l); err != nil {
			return nil, err
		}
		if slices.Contains(langs, l) {
			return nil, fmt.Errorf("%q is listed twice", l)
		}
		langs = append(langs, l)
	}
	if len(langs) == 0 {
		return nil, fmt.Errorf("no language in %q; write codes such as en,de,pl", s)
	}
	return langs, nil
}

// NewSiteIn is NewSite in the given languages, the first the default.
// The example texts exist in English and French; the default language
// takes the English ones when it is neither, to translate. The other
// languages' pages start as copies of the default language's, recording
// that they are translated from it, and site.yaml leaves out their
// titles, labels and menus, so that consort check lists what to add
// (each shows the default language's meanwhile).
func NewSiteIn(now time.Time, langs []string) ([]File, error) {
	if len(langs) == 0 {
		return NewSite(now)
	}
	yml, err := siteYAMLIn(langs)
	if err != nil {
		return nil, err
	}
	return newSite(now, yml)
}

// siteYAMLIn rewrites the built-in site.yaml for langs, keeping its
// comments.
func siteYAMLIn(langs []string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(siteYAML), &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "languages" {
			v.Content = nil
			for _, l := range langs {
				v.Content = append(v.Content, &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Value: "code"}, {Kind: yaml.ScalarNode, Value: l},
					{Kind: yaml.ScalarNode, Value: "name"}, {Kind: yaml.ScalarNode, Value: selfName(l)},
				}})
			}
			continue
		}
		relang(v, langs)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	// The encoder drops blank lines: put one back before each comment
	// that starts a setting.
	lines := strings.Split(b.String(), "\n")
	var out []string
	for i, l := range lines {
		if i > 0 && strings.HasPrefix(l, "#") && lines[i-1] != "" && !strings.HasPrefix(lines[i-1], "#") {
			out = append(out, "")
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n")), nil
}

// relang rewrites every map keyed by the built-in languages (en, fr) for
// langs: a language keeps its own value, the default language takes the
// English one when it has none, the others are left out.
func relang(n *yaml.Node, langs []string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	if isLangMap(n) {
		vals := map[string]*yaml.Node{}
		var keyNode *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			vals[n.Content[i].Value] = n.Content[i+1]
			keyNode = n.Content[i]
		}
		n.Content = nil
		for i, l := range langs {
			v := vals[l]
			if v == nil && i == 0 {
				v = vals["en"]
			}
			if v == nil {
				continue
			}
			k := *keyNode
			k.Value, k.HeadComment, k.LineComment, k.FootComment = l, "", "", ""
			n.Content = append(n.Content, &k, v)
		}
		return
	}
	for i := 1; i < len(n.Content); i += 2 {
		relang(n.Content[i], langs)
	}
}

func isLangMap(n *yaml.Node) bool {
	if len(n.Content) == 0 {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k != "en" && k != "fr" {
			return false
		}
	}
	return true
}

// selfName is a language's name in itself, with a capital: "Deutsch".
func selfName(code string) string {
	tag := language.Make(code)
	name := display.Self.Name(tag)
	if name == "" {
		return code
	}
	r := []rune(name)
	return cases.Upper(tag).String(string(r[:1])) + string(r[1:])
}
