package check

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/consort-ssg/consort/internal/cms"
	"github.com/consort-ssg/consort/internal/site"
)

// checkCMS reports a copy of the CMS configuration (content/.schemas/cms/,
// written by consort new schemas) that no longer matches site.yaml and
// consort's kinds, like the schemas. The published /admin/ is always
// generated afresh; the copy is what reviewers see of the editors' forms.
func (c *checker) checkCMS() {
	if c.opts.Source == nil {
		return
	}
	_, err := fs.Stat(c.opts.Source, cms.CopyDir)
	hasCopies := err == nil
	if _, err := fs.Stat(c.opts.Source, SchemaDir); err != nil && !hasCopies {
		return // the site keeps no generated files
	}
	want := map[string]bool{}
	for _, f := range cms.Copies(c.s.Config) {
		want[f.Path] = true
		have, err := fs.ReadFile(c.opts.Source, f.Path)
		switch {
		case err != nil:
			c.add(site.Problem{File: f.Path, Msg: "missing; run `consort new schemas` to write the CMS configuration", Severity: site.Warning, Code: CodeSchema})
		case !bytes.Equal(have, f.Data):
			c.add(site.Problem{File: f.Path, Msg: "is out of date with content/site.yaml or this version of consort; run `consort new schemas`", Severity: site.Warning, Code: CodeSchema})
		}
	}
	if !hasCopies {
		return
	}
	entries, _ := fs.ReadDir(c.opts.Source, cms.CopyDir)
	for _, e := range entries {
		name := cms.CopyDir + "/" + e.Name()
		if e.IsDir() || want[name] || !strings.HasSuffix(e.Name(), ".yml") {
			continue
		}
		msg := "is no longer used (its language or the cms: block of site.yaml is gone); run `consort new schemas`, which removes it"
		c.add(site.Problem{File: name, Msg: msg, Severity: site.Warning, Code: CodeSchema})
	}
}
