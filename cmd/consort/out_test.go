package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutRefused runs consort build with --out pointing at folders it must
// never replace: each is refused with a clear message, exit status 2 (bad
// usage, as the help says), and
// left as it was; an empty folder and consort's own output are replaced.
func TestOutRefused(t *testing.T) {
	dir := writeSite(t)
	home := filepath.Join(t.TempDir(), "home")
	if err := os.MkdirAll(filepath.Join(home, "Documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	foreign := filepath.Join(t.TempDir(), "notes")
	file := filepath.Join(t.TempDir(), "file.txt")
	empty := filepath.Join(t.TempDir(), "empty")
	previous := filepath.Join(t.TempDir(), "public")
	for _, d := range []string{foreign, empty} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(foreign, "notes.txt"), file} {
		if err := os.WriteFile(f, []byte("mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, code := consort("build", "--quiet", "--source", dir, "--out", previous); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, out, want string
	}{
		{"the root", "/", "refusing to replace /: it is the root of the filesystem"},
		{"the home folder", home, "refusing to replace " + home + ": it is your home folder"},
		{"a folder holding the home folder", filepath.Dir(home), "refusing to replace " + filepath.Dir(home) + ": it contains your home folder"},
		{"the current folder", ".", "refusing to replace .: it is the current folder"},
		{"a folder holding the current folder", filepath.Dir(wd), "it contains the current folder"},
		{"content/", filepath.Join(dir, "content"), "refusing to replace " + filepath.Join(dir, "content") + ": it is the protected folder " + filepath.Join(dir, "content")},
		{"a folder inside static/", filepath.Join(dir, "static", "out"), "it is inside the protected folder " + filepath.Join(dir, "static")},
		{"the site folder", dir, "refusing to replace " + dir + ": it contains the protected folder"},
		{"a folder of other files", foreign, "refusing to replace " + foreign + ": it is not empty and was not made by consort; choose an empty --out folder or delete it"},
		{"a file", file, "refusing to replace " + file + ": it is not a folder"},
		{"an empty folder", empty, ""},
		{"consort's previous output", previous, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before map[string]string
			// Only the test's own folders: the repository's may change
			// under other hands meanwhile.
			if st, err := os.Stat(tt.out); err == nil && st.IsDir() && strings.HasPrefix(tt.out, os.TempDir()) && tt.want != "" {
				before = snapshot(t, tt.out)
			}
			_, stderr, code := consort("build", "--quiet", "--source", dir, "--out", tt.out)
			if tt.want == "" {
				if code != 0 {
					t.Fatalf("got exit %d, stderr %q; want the site built", code, stderr)
				}
				if _, err := os.Stat(filepath.Join(tt.out, "en", "index.html")); err != nil {
					t.Errorf("got %v; want the site in %s", err, tt.out)
				}
				return
			}
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("got exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if before != nil && !equalTrees(before, snapshot(t, tt.out)) {
				t.Errorf("the refused build changed %s", tt.out)
			}
		})
	}
	if data, err := os.ReadFile(filepath.Join(foreign, "notes.txt")); err != nil || string(data) != "mine\n" {
		t.Errorf("got %q, %v for the foreign folder's file; want it untouched", data, err)
	}
}
