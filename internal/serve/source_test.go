package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/consort-ssg/consort/internal/site"
)

// tree lists every path under content/ with its type and, for the files
// kept in memory, their bytes.
func tree(t *testing.T, fsys fs.FS) string {
	t.Helper()
	var lines []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", p, d.Type())
		if d.Type().IsRegular() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			line += " " + string(data)
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestSourceFSIsAFileSystem(t *testing.T) {
	dir := writeSite(t, "site")
	src, err := newSourceFS(dir, site.DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(src, "content/site.yaml", "content/en/about.md", "content/en/partners/acme.md"); err != nil {
		t.Fatal(err)
	}
}

func TestSourceFSRefresh(t *testing.T) {
	tests := []struct {
		name    string
		change  func(dir string) error
		changed []string // what the watcher would report
	}{
		{"file edited", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "content/en/about.md"), []byte("---\ntitle: New\n---\n"), 0o644)
		}, []string{"content/en/about.md"}},
		{"file deleted", func(dir string) error {
			return os.Remove(filepath.Join(dir, "content/en/about.md"))
		}, []string{"content/en/about.md"}},
		{"folder created with files", func(dir string) error {
			if err := os.MkdirAll(filepath.Join(dir, "content/en/missions/2026"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "content/en/missions/trip.md"), []byte("---\ntitle: Trip\n---\n"), 0o644)
		}, []string{"content/en/missions"}},
		{"folder renamed", func(dir string) error {
			return os.Rename(filepath.Join(dir, "content/en/partners"), filepath.Join(dir, "content/en/orgs"))
		}, []string{"content/en/partners", "content/en/orgs"}},
		{"folder deleted", func(dir string) error {
			return os.RemoveAll(filepath.Join(dir, "content/en/news"))
		}, []string{"content/en/news"}},
		{"file replaced by a symbolic link", func(dir string) error {
			if err := os.Remove(filepath.Join(dir, "content/en/about.md")); err != nil {
				return err
			}
			return os.Symlink("/etc/passwd", filepath.Join(dir, "content/en/about.md"))
		}, []string{"content/en/about.md"}},
		{"file replaced by a folder", func(dir string) error {
			if err := os.Remove(filepath.Join(dir, "content/en/about.md")); err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(dir, "content/en/about.md"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "content/en/about.md/index.md"), []byte("---\ntitle: In\n---\n"), 0o644)
		}, []string{"content/en/about.md"}},
		{"symbolic link added", func(dir string) error {
			return os.Symlink("/etc/passwd", filepath.Join(dir, "content/en/passwd.md"))
		}, []string{"content/en/passwd.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, "site")
			src, err := newSourceFS(dir, site.DefaultMaxFileSize)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.change(dir); err != nil {
				t.Fatal(err)
			}
			if err := src.refresh(tt.changed); err != nil {
				t.Fatal(err)
			}
			if got, want := tree(t, src), tree(t, os.DirFS(dir)); got != want {
				t.Errorf("after refresh:\n%s\nwant what the disk has:\n%s", got, want)
			}
		})
	}
}

// TestSourceFSLoadsLikeTheDisk checks that site.Load sees the same site,
// with the same problems, through the in-memory copy as on the disk.
func TestSourceFSLoadsLikeTheDisk(t *testing.T) {
	dir := writeSite(t, "site")
	writeFile(t, dir, "outside.md", "---\ntitle: Outside\n---\nSecret.\n")
	if err := os.Symlink(filepath.Join(dir, "outside.md"), filepath.Join(dir, "content/en/linked.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/en/brochure.pdf", "%PDF-1.4")
	writeFile(t, dir, "content/en/big.md", "---\ntitle: Big\n---\n"+strings.Repeat("x", 2<<20))
	opts := site.Options{Clock: clock, MaxFileSize: 1 << 20}
	src, err := newSourceFS(dir, opts.MaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	_, memErr := site.Load(src, opts)
	_, diskErr := site.Load(os.DirFS(dir), opts)
	if memErr == nil || diskErr == nil {
		t.Fatalf("got errors %v and %v; want the link and the big file reported", memErr, diskErr)
	}
	if memErr.Error() != diskErr.Error() {
		t.Errorf("in memory:\n%v\nwant as on disk:\n%v", memErr, diskErr)
	}
	for _, want := range []string{"content/en/linked.md: is a symbolic link", "content/en/big.md: is larger than 1 MB"} {
		if !strings.Contains(memErr.Error(), want) {
			t.Errorf("got\n%v\nwant %q", memErr, want)
		}
	}
}
