package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/cms"
	"github.com/consort-ssg/consort/internal/site"
)

// TestCMSCopy checks the warnings about content/.schemas/cms/, the copy of
// the CMS configuration that consort new schemas writes.
func TestCMSCopy(t *testing.T) {
	_, base := fixture(t, "clean")
	base[site.ConfigFile].Data = append(base[site.ConfigFile].Data, "\ncms:\n  backend: test-repo\n"...)
	cfg, ps := site.ParseConfig(base[site.ConfigFile].Data)
	if len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}
	schemaWarnings := func(fsys fstest.MapFS) []string {
		var out []string
		for _, p := range Site(context.Background(), buildOptions(fsys), Options{Source: fsys}).Problems {
			if p.Code == CodeSchema && strings.HasPrefix(p.File, cms.CopyDir) {
				out = append(out, p.File+": "+p.Msg)
			}
		}
		return out
	}
	withCopies := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = &fstest.MapFile{Data: v.Data}
		}
		for _, f := range cms.Copies(cfg) {
			fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		}
		return fsys
	}

	if w := schemaWarnings(base); len(w) != 0 {
		t.Errorf("a site that keeps no generated files: got %q, want no warning", w)
	}
	if w := schemaWarnings(withCopies()); len(w) != 0 {
		t.Errorf("up-to-date copies: got %q, want no warning", w)
	}

	stale := withCopies()
	stale[site.ConfigFile] = &fstest.MapFile{Data: []byte(strings.Replace(string(stale[site.ConfigFile].Data), "backend: test-repo", "backend: github\n  repo: a/b", 1))}
	w := schemaWarnings(stale)
	if len(w) != len(cfg.Languages) || !strings.Contains(w[0], "out of date with content/site.yaml") {
		t.Errorf("site.yaml changed: got %q, want each copy out of date", w)
	}

	extra := withCopies()
	extra[cms.CopyDir+"/config.de.yml"] = &fstest.MapFile{Data: []byte("old")}
	if w := schemaWarnings(extra); len(w) != 1 || !strings.Contains(w[0], "config.de.yml: is no longer used") {
		t.Errorf("a language gone: got %q, want config.de.yml no longer used", w)
	}

	missing := withCopies()
	delete(missing, cms.CopyDir+"/config.yml")
	if w := schemaWarnings(missing); len(w) != 1 || !strings.Contains(w[0], "config.yml: missing") {
		t.Errorf("a copy deleted: got %q, want it missing", w)
	}
}
