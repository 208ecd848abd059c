package serve

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// sourceFS is the site folder as the builder reads it: content/ from a
// copy in memory, refreshed path by path as the watcher reports changes,
// and everything else (templates/, static/) from the disk. Keeping
// content/ in memory, each file hashed once when it changes, is what lets
// a rebuild of 10,000 pages read one file instead of 10,000
// (site.ContentHasher).
//
// Only Markdown files and site.yaml are read into memory, at most max+1
// bytes each (enough for site.Load to report a file over the limit);
// other files of content/ are listed but not read, since Load only warns
// about them.
type sourceFS struct {
	dir  string
	disk fs.FS
	max  int64

	mu    sync.RWMutex
	files map[string]*memFile // regular files and links under content/
	dirs  map[string]*memDir  // folders: "content", "content/en"...
}

type memFile struct {
	data []byte
	sum  [32]byte
	info fs.FileInfo // from Lstat
}

type memDir struct {
	info    fs.FileInfo
	entries map[string]fs.DirEntry
	sorted  []fs.DirEntry // entries by name; nil when they changed since
}

const contentDir = "content"

func newSourceFS(dir string, max int64) (*sourceFS, error) {
	s := &sourceFS{dir: dir, disk: os.DirFS(dir), max: max}
	return s, s.reload()
}

// reload reads content/ again from the disk.
func (s *sourceFS) reload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files, s.dirs = map[string]*memFile{}, map[string]*memDir{}
	defer s.sortDirs()
	return s.load(contentDir)
}

// refresh reads the given paths (slash-separated, relative to the site
// folder) again from the disk: files, folders with everything in them, or
// paths that are gone. Paths outside content/ are the disk's already.
func (s *sourceFS) refresh(paths []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.sortDirs()
	var errs []error
	for _, p := range paths {
		if p != contentDir && !strings.HasPrefix(p, contentDir+"/") {
			continue
		}
		if f := s.files[p]; f != nil && f.info.Mode().IsRegular() {
			if st, err := os.Lstat(s.abs(p)); err == nil && st.Mode().IsRegular() {
				// A file saved again keeps its place in its folder's
				// sorted entries (memDir.put), which a folder of
				// thousands of pages would otherwise sort again.
				if err := s.load(p); err != nil {
					errs = append(errs, err)
				}
				continue
			}
		}
		s.forget(p)
		if err := s.load(p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// load reads p and, for a folder, what it holds; a missing p is no error.
func (s *sourceFS) load(p string) error {
	info, err := os.Lstat(s.abs(p))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if p != contentDir {
		s.mkdirs(path.Dir(p))
		s.dirs[path.Dir(p)].put(fs.FileInfoToDirEntry(info))
	}
	if !info.IsDir() {
		f := &memFile{info: info}
		if info.Mode().IsRegular() && (strings.HasSuffix(strings.ToLower(p), ".md") || strings.HasSuffix(p, ".yaml")) {
			if f.data, err = readHead(s.abs(p), s.max+1); err != nil {
				return err
			}
			f.sum = sha256.Sum256(f.data)
		}
		s.files[p] = f
		return nil
	}
	s.dirs[p] = &memDir{info: info, entries: map[string]fs.DirEntry{}}
	entries, err := os.ReadDir(s.abs(p))
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if err := s.load(p + "/" + e.Name()); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// forget drops p and everything under it.
func (s *sourceFS) forget(p string) {
	delete(s.files, p)
	if _, ok := s.dirs[p]; ok {
		for f := range s.files {
			if strings.HasPrefix(f, p+"/") {
				delete(s.files, f)
			}
		}
		for d := range s.dirs {
			if d == p || strings.HasPrefix(d, p+"/") {
				delete(s.dirs, d)
			}
		}
	}
	if parent := s.dirs[path.Dir(p)]; parent != nil && p != contentDir {
		parent.remove(path.Base(p))
	}
}

// mkdirs makes sure the folder d and its parents are known.
func (s *sourceFS) mkdirs(d string) {
	if _, ok := s.dirs[d]; ok || d == "." {
		return
	}
	if d != contentDir {
		s.mkdirs(path.Dir(d))
	}
	info, err := os.Lstat(s.abs(d))
	if err != nil {
		info = dirInfo{name: path.Base(d)}
	}
	s.dirs[d] = &memDir{info: info, entries: map[string]fs.DirEntry{}}
	if d != contentDir {
		s.dirs[path.Dir(d)].put(fs.FileInfoToDirEntry(info))
	}
}

func (s *sourceFS) abs(p string) string { return filepath.Join(s.dir, filepath.FromSlash(p)) }

func readHead(name string, n int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

func inMemory(name string) bool {
	return name == contentDir || strings.HasPrefix(name, contentDir+"/")
}

// Open implements fs.FS.
func (s *sourceFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if !inMemory(name) {
		return s.disk.Open(name)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f, ok := s.files[name]; ok {
		if f.info.Mode()&fs.ModeSymlink != 0 {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("symbolic link")}
		}
		return &openFile{Reader: bytes.NewReader(f.data), info: f.info}, nil
	}
	if d, ok := s.dirs[name]; ok {
		return &openDir{info: d.info, entries: d.sorted}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (s *sourceFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !inMemory(name) {
		return fs.ReadDir(s.disk, name)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return append([]fs.DirEntry(nil), d.sorted...), nil
}

// put adds or replaces an entry; a replaced one keeps its place in the
// sorted list, so that editing a file does not sort its folder again.
func (d *memDir) put(e fs.DirEntry) {
	_, had := d.entries[e.Name()]
	d.entries[e.Name()] = e
	if !had || d.sorted == nil {
		d.sorted = nil
		return
	}
	i := sort.Search(len(d.sorted), func(i int) bool { return d.sorted[i].Name() >= e.Name() })
	d.sorted = slices.Clone(d.sorted) // an open folder may be reading the old one
	d.sorted[i] = e
}

func (d *memDir) remove(name string) {
	if _, had := d.entries[name]; had {
		delete(d.entries, name)
		d.sorted = nil
	}
}

// sortDirs sorts the entries of the folders that changed; the caller
// holds the write lock.
func (s *sourceFS) sortDirs() {
	for _, d := range s.dirs {
		if d.sorted != nil {
			continue
		}
		d.sorted = make([]fs.DirEntry, 0, len(d.entries))
		for _, e := range d.entries {
			d.sorted = append(d.sorted, e)
		}
		sort.Slice(d.sorted, func(i, j int) bool { return d.sorted[i].Name() < d.sorted[j].Name() })
	}
}

// Stat implements fs.StatFS. In content/ it does not follow symbolic
// links either.
func (s *sourceFS) Stat(name string) (fs.FileInfo, error) {
	if !inMemory(name) {
		return fs.Stat(s.disk, name)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f, ok := s.files[name]; ok {
		return f.info, nil
	}
	if d, ok := s.dirs[name]; ok {
		return d.info, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// Lstat implements fs.ReadLinkFS: symbolic links in content/ are not
// followed (site.Load refuses them).
func (s *sourceFS) Lstat(name string) (fs.FileInfo, error) {
	if !inMemory(name) {
		return fs.Lstat(s.disk, name)
	}
	return s.Stat(name)
}

// ReadLink implements fs.ReadLinkFS.
func (s *sourceFS) ReadLink(name string) (string, error) {
	if !inMemory(name) {
		return fs.ReadLink(s.disk, name)
	}
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return os.Readlink(s.abs(name))
}

// ContentHash implements site.ContentHasher for the files kept in memory.
func (s *sourceFS) ContentHash(name string) ([32]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.files[name]
	if !ok || f.data == nil {
		return [32]byte{}, false
	}
	return f.sum, true
}

type openFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Close() error               { return nil }

type openDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *openDir) Close() error               { return nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return append([]fs.DirEntry(nil), rest...), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return append([]fs.DirEntry(nil), rest[:n]...), nil
}

// dirInfo stands for a folder that went between listing and reading.
type dirInfo struct{ name string }

func (d dirInfo) Name() string       { return d.name }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }
