package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// writeSite writes testdata/site.txtar into a temporary folder.
func writeSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func consort(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	if err != nil {
		if t := errorText(err); t != "" {
			errb.WriteString(t + "\n")
		}
	}
	return out.String(), errb.String(), exitCode(err)
}

func TestExitCodes(t *testing.T) {
	dir := writeSite(t)
	tests := []struct {
		name       string
		args       []string
		code       int
		wantStdout string
		wantStderr string
	}{
		{"no command", nil, 2, "", "Usage: consort <command>"},
		{"help", []string{"help"}, 0, "Commands:", ""},
		{"help build", []string{"help", "build"}, 0, "-base-url", ""},
		{"build -h", []string{"build", "-h"}, 0, "Usage: consort build", ""},
		{"unknown command", []string{"bild"}, 2, "", `unknown command "bild"`},
		{"unknown flag", []string{"build", "--nope"}, 2, "", "flag provided but not defined: -nope"},
		{"stray argument", []string{"build", "--source", dir, "extra"}, 2, "", `unexpected argument "extra"`},
		{"no content folder", []string{"build", "--source", t.TempDir()}, 2, "", "has no content/ folder"},
		{"bad base url", []string{"build", "--source", dir, "--base-url", "example.org"}, 2, "", "--base-url"},
		{"base url with a query", []string{"build", "--source", dir, "--base-url", "https://example.org/project/?x=1"}, 2, "", "has a query or fragment"},
		{"bad clock", []string{"build", "--source", dir, "--clock", "tomorrow"}, 2, "", "--clock"},
		{"version", []string{"version"}, 0, "consort ", ""},
		{"build", []string{"build", "--source", dir, "--out", filepath.Join(t.TempDir(), "out")}, 0, "built 3 pages (en 3)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := consort(tt.args...)
			if code != tt.code {
				t.Errorf("exit code: got %d; want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout: got %q; want it to contain %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr: got %q; want it to contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

// builtSite writes the test site, builds it (with flags) into a fresh
// output folder and returns the site folder, the output folder and its
// snapshot.
func builtSite(t *testing.T, flags ...string) (dir, out string, before map[string]string) {
	t.Helper()
	dir = writeSite(t)
	out = filepath.Join(t.TempDir(), "public")
	if _, stderr, code := consort(append([]string{"build", "--source", dir, "--out", out}, flags...)...); code != 0 {
		t.Fatalf("first build %v: exit %d: %s", flags, code, stderr)
	}
	return dir, out, snapshot(t, out)
}

// TestFailedBuildKeepsOutput: a build with a content error exits 1, says
// where the problem is, and leaves the previous output as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir, out, before := builtSite(t)
	bad := filepath.Join(dir, "content/en/about.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: About\ncountry: France\n---\nChanged.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := consort("build", "--source", dir, "--out", out)
	if code != 1 {
		t.Errorf("exit code: got %d; want 1", code)
	}
	want := "content/en/about.md:3: country: unknown field"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("stderr: got %q; want the problem (%s) and that nothing was written", stderr, want)
	}
	if after := snapshot(t, out); !equalTrees(before, after) {
		t.Errorf("the failed build changed %s", out)
	}
}

// TestShippedSiteBuilds runs the CLI on the repository's own site.
func TestShippedSiteBuilds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	stdout, stderr, code := consort("build", "--source", "../..", "--out", out, "--clock", "2026-01-15")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built ") {
		t.Errorf("stdout: got %q; want a summary", stdout)
	}
	for _, p := range []string{"index.html", "404.html", "en/index.html", "fr/index.html", "fr/partenaires/biomerieux/index.html", "en/clusters/erai/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[strings.TrimPrefix(p, dir)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestInterruptedBuildWritesNothing: a build whose context ends (Ctrl-C,
// SIGTERM) before it writes leaves the previous output as it was and
// says so, with exit status 1.
func TestInterruptedBuildWritesNothing(t *testing.T) {
	dir, out, before := builtSite(t, "--sync")
	if err := os.WriteFile(filepath.Join(dir, "content/en/about.md"), []byte("---\ntitle: Changed\n---\nChanged.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := run(ctx, []string{"build", "--source", dir, "--out", out}, io.Discard, io.Discard)
	if code := exitCode(err); code != 1 || !strings.Contains(errorText(err), "interrupted; nothing was written") {
		t.Errorf("got exit %d, %q; want 1 and that nothing was written", code, errorText(err))
	}
	if after := snapshot(t, out); !equalTrees(before, after) {
		t.Errorf("the interrupted build changed %s", out)
	}
}

// TestLateProblemKeepsOutput: a problem found after pages were already
// written into the new folder (two outputs at one path, which only the
// end of the build sees) still leaves the previous output as it was,
// with no temporary folder or lock beside it.
func TestLateProblemKeepsOutput(t *testing.T) {
	dir, out, before := builtSite(t)
	clash := filepath.Join(dir, "static/en/about/index.html")
	if err := os.MkdirAll(filepath.Dir(clash), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(clash, []byte("<p>a static page where a page is</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := consort("build", "--source", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, "two outputs have the same path") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("got exit %d, %q; want 1, the clash and that nothing was written", code, stderr)
	}
	if after := snapshot(t, out); !equalTrees(before, after) {
		t.Errorf("the failed build changed %s", out)
	}
	if left, _ := filepath.Glob(out + ".*"); len(left) > 0 {
		t.Errorf("got %v beside the output; want nothing left", left)
	}
}
