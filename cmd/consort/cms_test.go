package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/scaffold"
)

// TestCMS turns the CMS on in a new site: consort new schemas writes the
// configuration's copy, consort check is clean, build publishes /admin/
// outside the sitemaps, and a language removed from site.yaml has its copy
// reported, then removed.
func TestCMS(t *testing.T) {
	dir := t.TempDir()
	files, err := scaffold.NewSite(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := scaffold.Create(dir, files); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "content", "site.yaml")
	cfg, _ := os.ReadFile(cfgPath)
	os.WriteFile(cfgPath, append(cfg, "\ncms:\n  backend: github\n  repo: my-consortium/website\n"...), 0o644)

	out, errs, code := consort("new", "schemas", "--source", dir)
	if code != 0 || !strings.Contains(out, "wrote content/.schemas/cms/config.yml") || !strings.Contains(out, "wrote content/.schemas/cms/config.fr.yml") {
		t.Fatalf("new schemas: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = consort("check", "--source", dir)
	if code != 0 || strings.Contains(out, "[schema]") {
		t.Fatalf("check after new schemas: exit %d\n%s%s", code, out, errs)
	}
	pub := filepath.Join(t.TempDir(), "public")
	if out, errs, code = consort("build", "--source", dir, "--out", pub); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	page, err := os.ReadFile(filepath.Join(pub, "admin", "index.html"))
	if err != nil || !strings.Contains(string(page), "noindex") || !strings.Contains(string(page), "integrity=") {
		t.Errorf("admin/index.html: %v\n%s", err, page)
	}
	if _, err := os.Stat(filepath.Join(pub, "admin", "config.yml")); err != nil {
		t.Error(err)
	}
	filepath.Walk(pub, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.Contains(p, string(filepath.Separator)+"admin"+string(filepath.Separator)) {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), "/admin/") || strings.Contains(string(data), "sveltia") {
			t.Errorf("%s names the admin", p)
		}
		return nil
	})

	// The site drops the cms: block: check reports the copies, new
	// schemas removes them.
	os.WriteFile(cfgPath, cfg, 0o644)
	out, _, _ = consort("check", "--source", dir)
	if !strings.Contains(out, "content/.schemas/cms/config.fr.yml: warning[schema]: is no longer used") {
		t.Errorf("check without cms: block:\n%s", out)
	}
	out, _, _ = consort("new", "schemas", "--source", dir)
	if !strings.Contains(out, "removed content/.schemas/cms/config.yml") {
		t.Errorf("new schemas without cms: block:\n%s", out)
	}
}
