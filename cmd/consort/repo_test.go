package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/scaffold"
)

// TestNewSiteIsARepository: consort new site writes a site that a
// consortium keeps in a repository of its own, and that repository's own
// commands work: go tool consort build and check, with consort taken
// from this checkout through a replace directive (so no network).
func TestNewSiteIsARepository(t *testing.T) {
	if testing.Short() {
		t.Skip("builds consort as a tool of a new module; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	checkout, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "BioX4Clusters site")
	out, errs, code := consort("new", "site", dir, "--replace", checkout, "--clock", "2026-01-15")
	if code != 0 {
		t.Fatalf("consort new site --replace: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "go mod tidy\n  go tool consort serve") {
		t.Errorf("next steps do not name go mod tidy and go tool consort serve:\n%s", out)
	}
	for _, f := range []string{"go.mod", "README.md", ".gitignore", ".github/workflows/pages.yml", ".gitlab-ci.yml", "content/site.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("consort new site wrote no %s", f)
		}
	}
	mod := readFile(t, filepath.Join(dir, "go.mod"))
	for _, want := range []string{"module biox4clusters-site\n", "tool " + scaffold.Module + "/cmd/consort\n", "replace " + scaffold.Module + " => " + filepath.ToSlash(checkout) + "\n"} {
		if !strings.Contains(mod, want) {
			t.Errorf("go.mod lacks %q:\n%s", want, mod)
		}
	}

	// The commands the site's README and CI files give, run as they are,
	// offline: everything consort needs is in the module cache already.
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "GOTOOLCHAIN=local")
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(gobin, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd("mod", "tidy")
	if out := goCmd("tool", "consort", "check", "--strict"); !strings.Contains(out, "no problems") {
		t.Errorf("go tool consort check: %s", out)
	}
	goCmd("tool", "consort", "build", "--quiet", "--base-url", "https://example.org/")
	if _, err := os.Stat(filepath.Join(dir, "public", "en", "index.html")); err != nil {
		t.Errorf("go tool consort build wrote no public/en/index.html: %v", err)
	}
	if out := goCmd("tool", "consort", "version"); !strings.HasPrefix(out, "consort ") {
		t.Errorf("go tool consort version: %q", out)
	}
}

// TestCIFilesBuildWhatTheyPublish: the CI files of a new site check and
// build with the address their host gives, and publish public/.
func TestCIFilesBuildWhatTheyPublish(t *testing.T) {
	files := map[string]string{}
	for _, f := range scaffold.Repository("site", scaffold.Tool{Version: "v0.4.0"}) {
		files[f.Path] = string(f.Data)
	}
	gh := files[".github/workflows/pages.yml"]
	for _, want := range []string{"go-version-file: go.mod", "go tool consort check", `go tool consort build --base-url "${{ steps.pages.outputs.base_url }}/"`, "path: public", "actions/deploy-pages"} {
		if !strings.Contains(gh, want) {
			t.Errorf("pages.yml lacks %q", want)
		}
	}
	gl := files[".gitlab-ci.yml"]
	for _, want := range []string{"pages:", "image: golang:1.26", "go tool consort check", `go tool consort build --base-url "$CI_PAGES_URL/"`, "- public"} {
		if !strings.Contains(gl, want) {
			t.Errorf(".gitlab-ci.yml lacks %q", want)
		}
	}
	if want := "require " + scaffold.Module + " v0.4.0\n"; !strings.Contains(files["go.mod"], want) {
		t.Errorf("go.mod of a released consort lacks %q:\n%s", want, files["go.mod"])
	}
	// A consort built from a modified checkout has no version to pin.
	for _, f := range scaffold.Repository("site", scaffold.Tool{Version: "v0.0.0-20261206194200-63ae2e7abcde+dirty"}) {
		if f.Path == "go.mod" && strings.Contains(string(f.Data), "require") {
			t.Errorf("go.mod pins a dirty pseudo-version:\n%s", f.Data)
		}
		if f.Path == "README.md" && !strings.Contains(string(f.Data), "go get -tool "+scaffold.Module+"/cmd/consort@latest") {
			t.Errorf("README of an unpinned site does not say how to pin consort")
		}
	}
	// The Go versions agree with consort's own go.mod.
	gomod := readFile(t, "../../go.mod")
	if m := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(gomod); m == nil || m[1] != scaffold.GoVersion {
		t.Errorf("consort's go.mod says go %v; scaffold.GoVersion is %s", m, scaffold.GoVersion)
	}
	if !strings.HasPrefix(scaffold.GoVersion, "1.26.") {
		t.Errorf("the GitLab image golang:1.26 does not match GoVersion %s", scaffold.GoVersion)
	}
}
