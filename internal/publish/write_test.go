package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/consort-ssg/consort/internal/output"
)

// site returns a small build whose contents depend on tag.
func site(tag string, n int) []output.File {
	files := []output.File{
		{Path: "index.html", Data: []byte("<p>home " + tag + "</p>")},
		{Path: "robots.txt", Data: []byte("User-agent: *\n")},
	}
	for i := range n {
		files = append(files, output.File{
			Path: fmt.Sprintf("en/section%d/page-%s-%03d/index.html", i%7, tag, i),
			Data: []byte(fmt.Sprintf("<p>%s %d</p>", tag, i)),
		})
	}
	return files
}

// tree returns every file and folder under dir: a file's slash path maps to
// its content, a folder's to "<dir>". It returns nil when dir does not exist.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			got[rel] = "<dir>"
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got[rel] = string(data)
		default:
			got[rel] = "<" + d.Type().String() + ">"
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading tree %s: %v", dir, err)
	}
	return got
}

// wantTree is the tree Write should leave for files.
func wantTree(files []output.File) map[string]string {
	want := map[string]string{markerName: markerData}
	for _, f := range files {
		want[f.Path] = string(f.Data)
		for d := filepath.ToSlash(filepath.Dir(f.Path)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			want[d] = "<dir>"
		}
	}
	return want
}

// sameTree fails the test when got and want differ, naming the first few
// differences.
func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if maps.Equal(got, want) {
		return
	}
	if got == nil {
		t.Fatalf("%s: got no folder; want %d entries", what, len(want))
	}
	var diffs []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if g != want[k] {
			diffs = append(diffs, fmt.Sprintf("%s is %q, want %q", k, g, want[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "extra "+k)
		}
	}
	if len(diffs) > 8 {
		diffs = append(diffs[:8], "...")
	}
	t.Fatalf("%s: got a different tree (%d entries; want %d): %s", what, len(got), len(want), strings.Join(diffs, "; "))
}

// siblings returns the names in dir's parent that start with dir's name.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), filepath.Base(dir)) {
			names = append(names, e.Name())
		}
	}
	return names
}

// onlyDir fails unless dir is alone: no lock, temporary or old folder.
func onlyDir(t *testing.T, dir string) {
	t.Helper()
	if got, want := siblings(t, dir), []string{filepath.Base(dir)}; !slices.Equal(got, want) {
		t.Fatalf("got %v beside the output; want only %v", got, want)
	}
}

// mustWrite writes files into dir and fails the test on error.
func mustWrite(t *testing.T, dir string, files []output.File) {
	t.Helper()
	if err := Write(dir, files, WriteOptions{}); err != nil {
		t.Fatalf("Write(%s): got error %v; want none", dir, err)
	}
}

// umask returns the process's umask, read from /proc where available.
func umask() (fs.FileMode, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "Umask:"); ok {
			m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			return fs.FileMode(m), err == nil
		}
	}
	return 0, false
}

func TestWriteFresh(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{name: "missing folder", dir: func(t *testing.T) string { return filepath.Join(t.TempDir(), "public") }},
		{name: "missing parents", dir: func(t *testing.T) string { return filepath.Join(t.TempDir(), "a", "b", "public") }},
		{name: "trailing slash", dir: func(t *testing.T) string { return filepath.Join(t.TempDir(), "public") + "/" }},
		{name: "empty folder", dir: func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "public")
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
			return d
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			files := site("a", 30)
			mustWrite(t, dir, files)
			dir = filepath.Clean(dir)
			sameTree(t, "after Write", tree(t, dir), wantTree(files))
			onlyDir(t, dir)
		})
	}
}

func TestWriteModes(t *testing.T) {
	mask, ok := umask()
	if !ok || runtime.GOOS == "windows" {
		t.Skip("cannot read the umask here")
	}
	dir := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dir, site("a", 3))
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644) &^ mask
		if d.IsDir() {
			want = 0o755 &^ mask
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: got mode %v; want %v", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteDoesNotChangeInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := []output.File{{Path: "z.txt", Data: []byte("z")}, {Path: "a.txt", Data: []byte("a")}}
	mustWrite(t, dir, files)
	if files[0].Path != "z.txt" {
		t.Errorf("got files reordered (%s first); want the caller's slice untouched", files[0].Path)
	}
}

func TestWriteReplaces(t *testing.T) {
	tests := []struct {
		name string
		opts WriteOptions
	}{
		{name: "exchange"},
		{name: "two renames", opts: WriteOptions{renameSwap: true}},
		{name: "synced", opts: WriteOptions{Sync: true}},
		{name: "fsync each file", opts: WriteOptions{Sync: true, fsyncEach: true}},
		{name: "one worker", opts: WriteOptions{workers: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			mustWrite(t, dir, site("old", 40))
			next := site("new", 25)
			if err := Write(dir, next, tt.opts); err != nil {
				t.Fatalf("got error %v; want none", err)
			}
			// No file of the old build survives: their names all carry "old".
			sameTree(t, "after replacing", tree(t, dir), wantTree(next))
			onlyDir(t, dir)
		})
	}
}

func TestWriteFailureKeepsPreviousBuild(t *testing.T) {
	long := strings.Repeat("x", 300) // longer than any file name may be
	tests := []struct {
		name    string
		files   []output.File
		opts    WriteOptions
		wantErr string
	}{
		{
			name:    "invalid path in the middle",
			files:   slices.Insert(site("new", 20), 10, output.File{Path: "a/../../b", Data: []byte("x")}),
			wantErr: `output path "a/../../b" leaves the output folder`,
		},
		{
			name:    "same path twice",
			files:   append(site("new", 20), output.File{Path: "index.html", Data: []byte("again")}),
			wantErr: `output path "index.html" is produced twice`,
		},
		{
			name:    "file where a folder is needed",
			files:   append(site("new", 5), output.File{Path: "en", Data: []byte("x")}),
			wantErr: `output path "en" is a file, but "en/section0/page-new-000/index.html" needs it to be a folder`,
		},
		{
			name:    "name too long for the filesystem midway",
			files:   slices.Insert(site("new", 20), 10, output.File{Path: "en/" + long + ".html", Data: []byte("x")}),
			opts:    WriteOptions{workers: 1},
			wantErr: "file name too long",
		},
		{
			name:  "failure after some files",
			files: site("new", 20),
			opts: WriteOptions{hook: func(stage string, n int) error {
				if stage == stageFile && n == 7 {
					return errors.New("disk on fire")
				}
				return nil
			}},
			wantErr: "disk on fire",
		},
		{
			name:  "failure after flushing",
			files: site("new", 20),
			opts: WriteOptions{hook: func(stage string, n int) error {
				if stage == stageSynced {
					return errors.New("disk on fire")
				}
				return nil
			}},
			wantErr: "disk on fire",
		},
		{
			name:  "failure between the two renames",
			files: site("new", 20),
			opts: WriteOptions{renameSwap: true, hook: func(stage string, n int) error {
				if stage == stageMovedOld {
					return errors.New("disk on fire")
				}
				return nil
			}},
			wantErr: "disk on fire",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			prev := site("old", 30)
			mustWrite(t, dir, prev)
			before := tree(t, dir)
			err := Write(dir, tt.files, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got error %v; want one containing %q", err, tt.wantErr)
			}
			sameTree(t, "after the failed Write", tree(t, dir), before)
			onlyDir(t, dir)
		})
	}
}

func TestWriteRejectsUnsafePaths(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		wantErr string
	}{
		{name: "parent", path: "../x", wantErr: `"../x" leaves the output folder`},
		{name: "dot dot alone", path: "..", wantErr: `".." leaves the output folder`},
		{name: "absolute", path: "/abs", wantErr: `"/abs" is absolute`},
		{name: "climbs out midway", path: "a/../../b", wantErr: `"a/../../b" leaves the output folder`},
		{name: "climbs and returns", path: "a/../b", wantErr: `"a/../b" leaves the output folder`},
		{name: "backslash", path: `a\b`, wantErr: `"a\\b" contains a backslash`},
		{name: "NUL byte", path: "a\x00b", wantErr: `"a\x00b" contains a NUL byte`},
		{name: "empty", path: "", wantErr: "output path is empty"},
		{name: "dot", path: ".", wantErr: `"." leaves the output folder`},
		{name: "double slash", path: "a//b", wantErr: `"a//b" is not clean`},
		{name: "trailing slash", path: "a/", wantErr: `"a/" is not clean`},
		{name: "dot segment", path: "a/./b", wantErr: `"a/./b" is not clean`},
		{name: "marker", path: ".consort", wantErr: `".consort" is reserved`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			files := []output.File{{Path: "index.html"}, {Path: tt.path, Data: []byte("x")}}
			err := Write(dir, files, WriteOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got error %v; want one containing %q", err, tt.wantErr)
			}
			if _, err := os.Lstat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("got %s created (%v); want nothing written", dir, err)
			}
		})
	}
}

func TestWriteAcceptsOddButSafePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := []output.File{
		{Path: "..hidden", Data: []byte("1")},
		{Path: "a/..b/c", Data: []byte("2")},
		{Path: ".well-known/security.txt", Data: []byte("3")},
		{Path: "fr/actualités/été/index.html", Data: []byte("4")},
		{Path: "a-b", Data: []byte("5")}, // sorts between "a" and "a/..."
	}
	mustWrite(t, dir, files)
	sameTree(t, "after Write", tree(t, dir), wantTree(files))
}

func TestWriteRefusesFolders(t *testing.T) {
	const foreign = "refusing to replace %s: it is not empty and was not made by consort; choose an empty --out folder or delete it"
	tests := []struct {
		name string
		// setup returns the folder to write and the error it must give.
		setup func(t *testing.T) (dir string, forbidden []string, wantErr string)
	}{
		{name: "filesystem root", setup: func(t *testing.T) (string, []string, string) {
			return "/", nil, "refusing to replace /: it is the root of the filesystem"
		}},
		{name: "home folder", setup: func(t *testing.T) (string, []string, string) {
			home := filepath.Join(t.TempDir(), "home")
			mustWrite(t, home, site("home", 1)) // even one made by consort
			t.Setenv("HOME", home)
			return home, nil, "it is your home folder"
		}},
		{name: "folder containing home", setup: func(t *testing.T) (string, []string, string) {
			base := t.TempDir()
			home := filepath.Join(base, "users", "me")
			if err := os.MkdirAll(home, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Setenv("HOME", home)
			return filepath.Join(base, "users"), nil, "it contains your home folder"
		}},
		{name: "current folder", setup: func(t *testing.T) (string, []string, string) {
			d := t.TempDir()
			t.Chdir(d)
			return ".", nil, "refusing to replace .: it is the current folder"
		}},
		{name: "ancestor of the current folder", setup: func(t *testing.T) (string, []string, string) {
			d := t.TempDir()
			sub := filepath.Join(d, "site", "content")
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(sub)
			return "..", nil, "it contains the current folder"
		}},
		{name: "non-empty foreign folder", setup: func(t *testing.T) (string, []string, string) {
			d := filepath.Join(t.TempDir(), "docs")
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, "thesis.tex"), []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			return d, nil, fmt.Sprintf(foreign, d)
		}},
		{name: "foreign folder with only a hidden file", setup: func(t *testing.T) (string, []string, string) {
			d := filepath.Join(t.TempDir(), "docs")
			if err := os.MkdirAll(filepath.Join(d, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			return d, nil, fmt.Sprintf(foreign, d)
		}},
		{name: "marker that is a folder", setup: func(t *testing.T) (string, []string, string) {
			d := filepath.Join(t.TempDir(), "docs")
			if err := os.MkdirAll(filepath.Join(d, markerName), 0o755); err != nil {
				t.Fatal(err)
			}
			return d, nil, fmt.Sprintf(foreign, d)
		}},
		{name: "a file", setup: func(t *testing.T) (string, []string, string) {
			f := filepath.Join(t.TempDir(), "public")
			if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return f, nil, "refusing to replace " + f + ": it is not a folder"
		}},
		{name: "forbidden folder", setup: func(t *testing.T) (string, []string, string) {
			content := filepath.Join(t.TempDir(), "content")
			return content, []string{content}, "it is the protected folder " + content
		}},
		{name: "folder containing a forbidden one", setup: func(t *testing.T) (string, []string, string) {
			d := t.TempDir()
			content := filepath.Join(d, "site", "content")
			return filepath.Join(d, "site"), []string{content}, "it contains the protected folder " + content
		}},
		{name: "folder inside a forbidden one", setup: func(t *testing.T) (string, []string, string) {
			content := filepath.Join(t.TempDir(), "content")
			mustMkdir(t, content)
			return filepath.Join(content, "public"), []string{content}, "it is inside the protected folder " + content
		}},
		{name: "forbidden folder reached through a symbolic link", setup: func(t *testing.T) (string, []string, string) {
			d := t.TempDir()
			content := filepath.Join(d, "content")
			mustMkdir(t, content)
			if err := os.Symlink(content, filepath.Join(d, "link")); err != nil {
				t.Skip("no symbolic links here")
			}
			return filepath.Join(d, "link"), []string{content}, "it is the protected folder " + content
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, forbidden, wantErr := tt.setup(t)
			var before map[string]string
			var beside []string
			if dir != "/" {
				before, beside = tree(t, dir), siblings(t, dir)
			}
			err := Write(dir, site("new", 3), WriteOptions{Forbidden: forbidden})
			if err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Fatalf("got error %v; want one containing %q", err, wantErr)
			}
			if dir == "/" {
				return
			}
			sameTree(t, "after the refused Write", tree(t, dir), before)
			if got := siblings(t, dir); !slices.Equal(got, beside) {
				t.Errorf("got %v beside the folder; want %v as before", got, beside)
			}
		})
	}
}

func mustMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	d := t.TempDir()
	real := filepath.Join(d, "www", "site")
	mustWrite(t, real, site("old", 5))
	link := filepath.Join(d, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here")
	}
	files := site("new", 5)
	mustWrite(t, link, files)
	sameTree(t, "the linked folder", tree(t, real), wantTree(files))
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("got %v, %v for the link; want it still a symbolic link", info, err)
	}
	onlyDir(t, real)
}

func TestLock(t *testing.T) {
	// A process that has exited and been reaped.
	done := exec.Command(os.Args[0], "-test.run=^$")
	if err := done.Run(); err != nil {
		t.Fatalf("running a short process: %v", err)
	}
	deadPID := done.ProcessState.Pid()

	tests := []struct {
		name     string
		content  string
		wantErr  string // "" when the lock is taken over
		lockKept bool
	}{
		{name: "held by a running process", content: strconv.Itoa(os.Getpid()) + "\n", wantErr: "another consort build is writing %[1]s (pid %[2]d); wait for it or remove %[1]s.lock if no build is running", lockKept: true},
		{name: "stale: pid that cannot exist", content: "999999999\n"},
		{name: "stale: pid of an exited process", content: strconv.Itoa(deadPID) + "\n"},
		{name: "stale: empty", content: ""},
		{name: "stale: garbage", content: "not a pid"},
		{name: "stale: negative", content: "-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			prev := site("old", 5)
			mustWrite(t, dir, prev)
			lock := dir + ".lock"
			if err := os.WriteFile(lock, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			next := site("new", 5)
			err := Write(dir, next, WriteOptions{})
			if tt.wantErr != "" {
				want := fmt.Sprintf(tt.wantErr, dir, os.Getpid())
				if err == nil || err.Error() != want {
					t.Fatalf("got error %v; want %q", err, want)
				}
				sameTree(t, "after the refused Write", tree(t, dir), wantTree(prev))
			} else {
				if err != nil {
					t.Fatalf("got error %v; want the stale lock taken over", err)
				}
				sameTree(t, "after Write", tree(t, dir), wantTree(next))
			}
			data, rerr := os.ReadFile(lock)
			switch {
			case tt.lockKept && string(data) != tt.content:
				t.Errorf("got lock %q (%v); want the other build's lock %q left alone", data, rerr, tt.content)
			case !tt.lockKept && !errors.Is(rerr, os.ErrNotExist):
				t.Errorf("got lock %q (%v); want it removed", data, rerr)
			}
		})
	}
}

func TestLockHeldDuringWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	var inner error
	var lockData []byte
	opts := WriteOptions{hook: func(stage string, n int) error {
		if stage == stageWritten {
			lockData, _ = os.ReadFile(dir + ".lock")
			inner = Write(dir, site("other", 2), WriteOptions{})
		}
		return nil
	}}
	if err := Write(dir, site("a", 2), opts); err != nil {
		t.Fatalf("got error %v; want none", err)
	}
	if got, want := string(lockData), strconv.Itoa(os.Getpid())+"\n"; got != want {
		t.Errorf("got lock content %q; want %q", got, want)
	}
	want := fmt.Sprintf("another consort build is writing %s (pid %d)", dir, os.Getpid())
	if inner == nil || !strings.Contains(inner.Error(), want) {
		t.Errorf("got %v from a second Write during the first; want %q", inner, want)
	}
	onlyDir(t, dir)
}

func TestConcurrentWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dir, site("start", 3))
	builds := make([][]output.File, 6)
	errs := make([]error, len(builds))
	var wg sync.WaitGroup
	for i := range builds {
		builds[i] = site(fmt.Sprintf("b%d", i), 40)
		wg.Go(func() { errs[i] = Write(dir, builds[i], WriteOptions{}) })
	}
	wg.Wait()
	got := tree(t, dir)
	var ok int
	var matched bool
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
			matched = matched || maps.Equal(got, wantTree(builds[i]))
		case !strings.Contains(err.Error(), "another consort build is writing"):
			t.Errorf("build %d: got error %v; want none or the lock message", i, err)
		}
	}
	if ok == 0 || !matched {
		t.Errorf("got %d successful builds, tree matching one: %v; want at least one, and the tree of one", ok, matched)
	}
	onlyDir(t, dir)
}

func TestLeftoversRemoved(t *testing.T) {
	d := t.TempDir()
	dir := filepath.Join(d, "public")
	mustWrite(t, dir, site("old", 3))
	put := func(name string, files map[string]string) {
		p := filepath.Join(d, name)
		mustMkdir(t, p)
		for f, c := range files {
			mustMkdir(t, filepath.Dir(filepath.Join(p, f)))
			if err := os.WriteFile(filepath.Join(p, f), []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	put("public.tmp-123", map[string]string{markerName: markerData, "en/index.html": "partial"})
	put("public.old-456", map[string]string{markerName: markerData, "index.html": "previous"})
	put("public.tmp-789", nil) // killed before the marker was written
	put("public.tmp-abc", map[string]string{"mine.txt": "not a leftover name"})
	put("public.old-999", map[string]string{"thesis.tex": "no marker: not ours"})
	put("public.tmp-", map[string]string{markerName: markerData})
	if err := os.WriteFile(filepath.Join(d, "public.tmp-555"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}

	files := site("new", 3)
	mustWrite(t, dir, files)
	sameTree(t, "after Write", tree(t, dir), wantTree(files))
	got := siblings(t, dir)
	want := []string{"public", "public.old-999", "public.tmp-", "public.tmp-555", "public.tmp-abc"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v; want %v (leftovers gone, everything else kept)", got, want)
	}
}

func TestRecoverAfterInterruptedRenameSwap(t *testing.T) {
	d := t.TempDir()
	dir := filepath.Join(d, "public")
	prev := site("old", 10)
	mustWrite(t, dir, prev)
	// What a build killed between "dir -> dir.old-N" and "tmp -> dir" leaves.
	if err := os.Rename(dir, dir+".old-42"); err != nil {
		t.Fatal(err)
	}
	mustMkdir(t, dir+".tmp-43")
	if err := os.WriteFile(filepath.Join(dir+".tmp-43", markerName), []byte(markerData), 0o644); err != nil {
		t.Fatal(err)
	}

	fail := WriteOptions{hook: func(stage string, n int) error {
		if stage == stageFile {
			return errors.New("disk on fire")
		}
		return nil
	}}
	if err := Write(dir, site("new", 10), fail); err == nil {
		t.Fatal("got no error; want the injected failure")
	}
	sameTree(t, "after a failed Write", tree(t, dir), wantTree(prev))
	onlyDir(t, dir)
}

func TestWriteEmptySite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dir, site("old", 3))
	mustWrite(t, dir, nil)
	sameTree(t, "after writing no files", tree(t, dir), wantTree(nil))
}

func TestWriteKeepsBytes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	data := bytes.Repeat([]byte{0, 1, 2, 255, '\r', '\n'}, 5000)
	mustWrite(t, dir, []output.File{{Path: "blob.bin", Data: data}})
	got, err := os.ReadFile(filepath.Join(dir, "blob.bin"))
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("got %d bytes (%v); want the %d bytes given", len(got), err, len(data))
	}
}

// benchFiles returns n files of size bytes spread over folders.
func benchFiles(n, size int) []output.File {
	data := bytes.Repeat([]byte("<p>consort</p>\n"), size/15+1)[:size]
	files := make([]output.File, n)
	for i := range files {
		files[i] = output.File{Path: fmt.Sprintf("en/s%02d/p%05d/index.html", i%50, i), Data: data}
	}
	return files
}

func BenchmarkWrite(b *testing.B) {
	files := benchFiles(10000, 20*1024)
	tests := []struct {
		name string
		opts WriteOptions
	}{
		{name: "default"}, // GOMAXPROCS workers, no flush
		{name: "workers=1", opts: WriteOptions{workers: 1}},
		{name: "sync", opts: WriteOptions{Sync: true}}, // syncfs on Linux
		{name: "fsync-each", opts: WriteOptions{Sync: true, fsyncEach: true}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "public")
			b.SetBytes(int64(len(files) * len(files[0].Data)))
			for b.Loop() {
				if err := Write(dir, files, tt.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
