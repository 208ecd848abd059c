package corpus

import (
	"embed"
	"io/fs"
	"path"
	"strings"

	"github.com/consort-ssg/consort/static"
)

// hugoTheme is the Hugo side of the corpus: hugo.toml, layouts/ and i18n/,
// written into HugoDir.
//
//go:embed all:testdata/hugo
var hugoTheme embed.FS

// hugoFiles lists the files Hugo needs besides the content: the theme,
// data/vocab.yaml (the vocabulary labels of site.yaml) and consort's
// stylesheet, which the theme links like consort's does.
func hugoFiles() ([]file, error) {
	var out []file
	err := fs.WalkDir(hugoTheme, "testdata/hugo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := hugoTheme.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, file{path: HugoDir + "/" + strings.TrimPrefix(p, "testdata/hugo/"), data: func() []byte { return data }})
		return nil
	})
	if err != nil {
		return nil, err
	}
	css, err := fs.ReadFile(static.FS, "css/site.css")
	if err != nil {
		return nil, err
	}
	out = append(out, file{path: HugoDir + "/static/css/site.css", data: func() []byte { return css }})
	out = append(out, file{path: HugoDir + "/data/vocab.yaml", data: vocabYAML})
	return out, nil
}

// hugoPath is where Hugo wants a file of the consort layout: the home and
// section pages are branch bundles, _index.md; index.md would make a
// folder a leaf bundle and its other files resources, not pages.
func hugoPath(p string) string {
	if path.Base(p) == "index.md" {
		return path.Dir(p) + "/_index.md"
	}
	return p
}

// vocabYAML maps vocabulary -> key -> language -> label, for Hugo's
// `index site.Data.vocab.orgType .Params.orgType .Lang`.
func vocabYAML() []byte {
	var d doc
	for _, v := range vocabulary {
		d.f("%s:\n", v.name)
		for _, k := range v.keys {
			d.f("  %s: {en: %s, fr: %s}\n", k[0], q(k[1]), q(k[2]))
		}
	}
	return d.Bytes()
}
