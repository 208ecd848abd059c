package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/consort-ssg/consort/internal/output"
)

// WriteOptions tunes Write.
type WriteOptions struct {
	// Forbidden names folders that Write must never replace, for example
	// the site's content and static folders. The output folder may not be
	// one of them, contain one or lie inside one.
	Forbidden []string

	// Sync flushes the new folder to disk before the swap, and the
	// swap after it, so that a power cut or a crash of the machine
	// also leaves the previous build or the new one whole. Without it
	// the swap is just as atomic for every program on the machine (a
	// killed build leaves the previous folder complete; the kernel has
	// the files), and a build does not wait for the disk: on the
	// benchmark machine flushing took half the time of a 1,000-page
	// build, and syncfs flushes everything else waiting on that
	// filesystem too.
	Sync bool

	// hook, when set, is called at each stage of a Write (tests use it to
	// inject failures and to kill a Write at a known point). A non-nil
	// error before the swap makes the Write fail there; after the swap it
	// is ignored. For stageFile, n is the number of files written so far;
	// it may be called from several goroutines at once.
	hook func(stage string, n int) error
	// renameSwap makes Write swap with two renames even where an atomic
	// exchange is available, so that tests cover that path.
	renameSwap bool
	// fsyncEach makes a Sync Write fsync every file and folder instead
	// of one syncfs of the filesystem, as on systems without syncfs.
	fsyncEach bool
	// workers overrides the number of goroutines that write files.
	workers int
}

// Stages of a Write, as passed to WriteOptions.hook.
const (
	stageLocked   = "locked"    // lock held, nothing else done yet
	stageFile     = "file"      // n files written into the temporary folder
	stageWritten  = "written"   // every file written, not yet flushed
	stageSynced   = "synced"    // temporary folder flushed to disk
	stageMovedOld = "moved-old" // two-rename swap: dir moved aside, new build not yet in place
	stageSwapped  = "swapped"   // new build in place, previous one not yet removed
	stageDone     = "done"      // previous build removed, lock not yet released
)

var (
	errNoExchange = errors.New("atomic exchange of folders is not supported here")
	errNoSyncfs   = errors.New("syncfs is not supported here")
)

func (o *WriteOptions) at(stage string, n int) error {
	if o.hook == nil {
		return nil
	}
	return o.hook(stage, n)
}

// Write replaces folder dir with files, all at once or not at all; see the
// package documentation for the procedure and the folders it refuses.
// It is Create, Add of every file (on GOMAXPROCS workers) and Commit,
// with the files checked as a whole before anything touches the disk.
func Write(dir string, files []output.File, opts WriteOptions) (err error) {
	if dir == "" {
		return errors.New("no output folder given")
	}
	sorted, err := checkFiles(files)
	if err != nil {
		return err
	}
	w, err := Create(dir, opts)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			w.Abort()
		}
	}()
	// The folders first, in order: the workers then only create files.
	for _, d := range folders(sorted) {
		if err := w.mkdir(d); err != nil {
			return fmt.Errorf("writing %s: creating folder %s: %w", w.shown, d, unwrapPath(err))
		}
	}
	if err := w.AddAll(sorted); err != nil {
		return err
	}
	return w.Commit()
}

// A Writer puts a new build in place of an output folder file by file, for
// a build that writes its pages as it makes them instead of holding them
// all: Create, then Add from any number of goroutines, then Commit (or
// Abort). Until Commit swaps it in, the new build is in a temporary folder
// beside the output, and the output and its lock are as described for
// Write.
type Writer struct {
	shown, target, parent, tmp string
	opts                       WriteOptions
	lock                       *lockFile
	root                       *os.Root

	mu    sync.Mutex
	dirs  map[string]bool // folders made in tmp
	paths map[string]bool // files added
	n     int             // files added
	done  bool            // committed or aborted
}

// Create checks dir (see Write), takes its lock and makes the temporary
// folder that Add writes into.
func Create(dir string, opts WriteOptions) (w *Writer, err error) {
	if dir == "" {
		return nil, errors.New("no output folder given")
	}
	shown := filepath.Clean(dir)
	target, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", shown, err)
	}
	if err := checkTarget(shown, target, opts.Forbidden); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating the folder of %s: %w", shown, err)
	}

	lockPath := target + ".lock"
	shownLock := shown + ".lock"
	if abs, err := filepath.Abs(dir); err != nil || abs != target {
		shownLock = lockPath // dir went through a symbolic link
	}
	lock, err := acquireLock(shown, shownLock, lockPath)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, lock.release())
		}
	}()
	if err := opts.at(stageLocked, 0); err != nil {
		return nil, err
	}
	if err := cleanLeftovers(parent, base, target); err != nil {
		return nil, err
	}
	if err := checkOwned(shown, target); err != nil {
		return nil, err
	}
	tmp, err := makeTemp(parent, base)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", shown, err)
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("writing %s: %w", shown, err), removeTree(tmp))
	}
	return &Writer{shown: shown, target: target, parent: parent, tmp: tmp, opts: opts, lock: lock, root: root,
		dirs: map[string]bool{}, paths: map[string]bool{}}, nil
}

// useSyncfs tells whether a Sync Writer flushes with one syncfs rather
// than file by file.
func (w *Writer) useSyncfs() bool { return runtime.GOOS == "linux" && !w.opts.fsyncEach }

// mkdir makes folder d of the new build and the folders above it, once.
func (w *Writer) mkdir(d string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var missing []string
	for ; d != "." && !w.dirs[d]; d = path.Dir(d) {
		if w.paths[d] {
			return fmt.Errorf("output path %q is a file, but a later file needs it to be a folder", d)
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := w.root.Mkdir(missing[i], 0o755); err != nil {
			return err
		}
		w.dirs[missing[i]] = true
	}
	return nil
}

// Add writes file f into the new build. It refuses a path Write would
// refuse (see the package documentation), including a second file at
// the same path and a file where a folder of another is. It is safe to
// call from several goroutines.
func (w *Writer) Add(f output.File) error {
	if err := checkPath(f.Path); err != nil {
		return err
	}
	w.mu.Lock()
	switch {
	case w.done:
		w.mu.Unlock()
		return errors.New("publish: Add after Commit or Abort")
	case w.paths[f.Path]:
		w.mu.Unlock()
		return fmt.Errorf("output path %q is produced twice", f.Path)
	case w.dirs[f.Path]:
		w.mu.Unlock()
		return fmt.Errorf("output path %q is a file, but other files need it to be a folder", f.Path)
	}
	w.paths[f.Path] = true
	w.mu.Unlock()
	if err := w.mkdir(path.Dir(f.Path)); err != nil {
		return fmt.Errorf("writing %s: %s: %w", w.shown, f.Path, unwrapPath(err))
	}
	if err := writeFile(w.root, f, w.opts.Sync && !w.useSyncfs()); err != nil {
		return fmt.Errorf("writing %s: %w", w.shown, err)
	}
	w.mu.Lock()
	w.n++
	n := w.n
	w.mu.Unlock()
	return w.opts.at(stageFile, n)
}

// AddAll adds files on GOMAXPROCS goroutines and returns the first
// error in their order; after an error it starts no further file.
func (w *Writer) AddAll(files []output.File) error {
	workers := w.opts.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(files))
	var failed atomic.Bool
	var g errgroup.Group
	g.SetLimit(workers)
	for i, f := range files {
		if failed.Load() {
			break
		}
		g.Go(func() error {
			if errs[i] = w.Add(f); errs[i] != nil {
				failed.Store(true)
			}
			return nil
		})
	}
	g.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Abort removes the temporary folder and releases the lock: the output
// folder stays as it was. It does nothing after Commit.
func (w *Writer) Abort() error {
	w.mu.Lock()
	if w.done {
		w.mu.Unlock()
		return nil
	}
	w.done = true
	w.mu.Unlock()
	w.root.Close()
	return errors.Join(removeTree(w.tmp), w.lock.release())
}

// Commit flushes the new build when WriteOptions.Sync says so, swaps it
// in place of the output folder and removes the previous build. If it
// fails before the swap, the output folder is as it was.
func (w *Writer) Commit() (err error) {
	w.mu.Lock()
	if w.done {
		w.mu.Unlock()
		return errors.New("publish: Commit after Commit or Abort")
	}
	n := w.n
	w.mu.Unlock()
	swapped := false
	defer func() {
		if !swapped {
			err = errors.Join(err, w.Abort())
			return
		}
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
		err = errors.Join(err, w.lock.release())
	}()
	w.root.Close()
	if err := w.opts.at(stageWritten, n); err != nil {
		return err
	}
	switch {
	case !w.opts.Sync:
	case w.useSyncfs():
		err = syncFilesystem(w.tmp)
	default:
		err = syncFolders(w.tmp, slices.Sorted(maps.Keys(w.dirs)))
	}
	if err != nil {
		return fmt.Errorf("flushing %s to disk: %w", w.shown, err)
	}
	if err := w.opts.at(stageSynced, n); err != nil {
		return err
	}
	old, err := swap(w.tmp, w.target, &w.opts)
	if err != nil {
		return fmt.Errorf("replacing %s: %w", w.shown, err)
	}
	swapped = true
	w.opts.at(stageSwapped, n)
	if w.opts.Sync {
		if err := syncDir(w.parent); err != nil {
			return fmt.Errorf("%s was written, but flushing its folder to disk failed: %w", w.shown, err)
		}
	}
	if old != "" {
		if err := removeTree(old); err != nil {
			return fmt.Errorf("%s was written, but removing the previous build (%s) failed; the next build retries: %w", w.shown, old, err)
		}
	}
	w.opts.at(stageDone, n)
	return nil
}

// randomSuffix returns the decimal digits that end temporary folder names.
func randomSuffix() string {
	return strconv.FormatUint(uint64(rand.Uint32()), 10)
}

// makeTemp creates a fresh folder parent/base.tmp-NNNN with the marker in it.
func makeTemp(parent, base string) (string, error) {
	for range 100 {
		p := filepath.Join(parent, base+".tmp-"+randomSuffix())
		err := os.Mkdir(p, 0o755)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(p, markerName), []byte(markerData), 0o644); err != nil {
			return "", errors.Join(err, removeTree(p))
		}
		return p, nil
	}
	return "", errors.New("could not find a free temporary folder name")
}

// freeName returns a path parent/prefixNNNN that does not exist yet.
func freeName(parent, prefix string) (string, error) {
	for range 100 {
		p := filepath.Join(parent, prefix+randomSuffix())
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
	}
	return "", errors.New("could not find a free folder name")
}

// leftoverKind returns "tmp" or "old" when name is base.tmp-NNNN or
// base.old-NNNN, and "" otherwise.
func leftoverKind(name, base string) string {
	for _, kind := range []string{"tmp", "old"} {
		digits, ok := strings.CutPrefix(name, base+"."+kind+"-")
		if ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
			return kind
		}
	}
	return ""
}

// cleanLeftovers removes the temporary and previous-build folders that a
// killed Write left beside target. If target itself is missing (the Write
// died between the two renames of a swap), the previous build is first put
// back in its place.
func cleanLeftovers(parent, base, target string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("looking for leftovers of an interrupted build: %w", err)
	}
	var all, olds []string
	for _, e := range entries {
		kind := leftoverKind(e.Name(), base)
		if kind == "" || !e.IsDir() {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if !owned(p) {
			continue
		}
		all = append(all, p)
		if kind == "old" {
			olds = append(olds, p)
		}
	}
	if _, err := os.Lstat(target); errors.Is(err, os.ErrNotExist) && len(olds) > 0 {
		newest := slices.MaxFunc(olds, func(a, b string) int {
			return modTime(a).Compare(modTime(b))
		})
		if err := os.Rename(newest, target); err != nil {
			return fmt.Errorf("putting back the previous build from %s: %w", newest, err)
		}
		all = slices.DeleteFunc(all, func(p string) bool { return p == newest })
	}
	for _, p := range all {
		if err := removeTree(p); err != nil {
			return fmt.Errorf("removing %s, left by an interrupted build: %w", p, err)
		}
	}
	return nil
}

func modTime(p string) (t time.Time) {
	if info, err := os.Lstat(p); err == nil {
		t = info.ModTime()
	}
	return t
}

// removeTree removes folder p, its marker last, so that a removal that is
// interrupted leaves a folder cleanLeftovers still recognises.
func removeTree(p string) error {
	entries, err := os.ReadDir(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == markerName {
			continue
		}
		if err := os.RemoveAll(filepath.Join(p, e.Name())); err != nil {
			return err
		}
	}
	if err := os.Remove(filepath.Join(p, markerName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.Remove(p)
}

// folders returns every folder that the sorted files need, parents first.
func folders(files []output.File) []string {
	seen := map[string]bool{}
	var dirs []string
	for _, f := range files {
		for d := path.Dir(f.Path); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs) // "a" sorts before "a/b"
	return dirs
}

// writeFile creates f in root; the file must not exist yet.
func writeFile(root *os.Root, f output.File, fsync bool) error {
	w, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, unwrapPath(err))
	}
	_, err = w.Write(f.Data)
	if err == nil && fsync {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the *fs.PathError around err, whose path the caller
// already names.
func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// syncFolders flushes tmp's folders, for systems where the files were
// fsynced one by one.
func syncFolders(tmp string, dirs []string) error {
	for _, d := range dirs {
		if err := syncDir(filepath.Join(tmp, filepath.FromSlash(d))); err != nil {
			return err
		}
	}
	return syncDir(tmp)
}

// syncDir flushes folder dir's entries. Windows cannot, and needs not.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// swap puts tmp in target's place and returns the path that now holds the
// previous build ("" when there was none). When it fails, target is as it
// was.
func swap(tmp, target string, opts *WriteOptions) (string, error) {
	if _, err := os.Lstat(target); errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(tmp, target)
	}
	if !opts.renameSwap {
		err := exchange(tmp, target)
		if err == nil {
			return tmp, nil
		}
		if !errors.Is(err, errNoExchange) {
			return "", err
		}
	}
	old, err := freeName(filepath.Dir(target), filepath.Base(target)+".old-")
	if err != nil {
		return "", err
	}
	if err := os.Rename(target, old); err != nil {
		return "", err
	}
	err = opts.at(stageMovedOld, 0)
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return "", fmt.Errorf("%w; putting the previous build back failed too (%v): it is in %s", err, rerr, old)
		}
		return "", err
	}
	return old, nil
}
