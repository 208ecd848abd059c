package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the folders of a site whose changes rebuild it;
// content/site.yaml is inside content/.
var watchedDirs = []string{"content", "templates", "static"}

// watcher reports the paths that change under a site's content/,
// templates/ and static/, in batches: after the first event of a burst it
// waits until no event came for quiet (and at most maxWait) and reports
// every path seen, so that an editor's save (write a temporary file,
// rename it over the old one, delete a backup) or a `git checkout` is one
// rebuild. Folders created after the start are watched as soon as they
// appear, and the files already in them are reported.
type watcher struct {
	dir            string
	fsw            *fsnotify.Watcher
	quiet, maxWait time.Duration
}

func newWatcher(dir string, quiet, maxWait time.Duration) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{dir: dir, fsw: fsw, quiet: quiet, maxWait: maxWait}
	// The site folder itself, to see templates/ or static/ appear.
	if err := fsw.Add(dir); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		if _, err := w.addTree(filepath.Join(dir, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches root and every folder under it and returns the files
// found, as site paths.
func (w *watcher) addTree(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already, or never there
			}
			return err
		}
		if p != root && ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.fsw.Add(p)
		}
		if rel, ok := w.rel(p); ok {
			files = append(files, rel)
		}
		return nil
	})
	return files, err
}

// rel turns an absolute path into a site path ("content/en/about.md"),
// false when it is not under a watched folder.
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.dir, p)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	for _, d := range watchedDirs {
		if top == d {
			return r, true
		}
	}
	return "", false
}

// ignored names files editors and systems leave beside the real ones:
// dot files (.swp, .DS_Store), backups (x~, #x#), vim's write test 4913.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") || name == "4913"
}

// run sends batches of changed site paths until ctx is done; a nil batch
// means the watcher lost events (the kernel queue overflowed) and the
// whole site must be read again. It closes the fsnotify watcher on return.
func (w *watcher) run(ctx context.Context, batches chan<- []string) {
	defer w.fsw.Close()
	var (
		pending  = map[string]bool{}
		lost     bool
		timer    = time.NewTimer(time.Hour)
		deadline time.Time
	)
	timer.Stop()
	defer timer.Stop()
	arm := func() {
		now := time.Now()
		if deadline.IsZero() {
			deadline = now.Add(w.maxWait)
		}
		wait := min(w.quiet, deadline.Sub(now))
		timer.Reset(max(wait, 0))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
				continue
			}
			rel, ok := w.rel(ev.Name)
			if !ok {
				continue
			}
			pending[rel] = true
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				// A folder moved away keeps its watch under the old name;
				// drop it (an error just means it was a file).
				_ = w.fsw.Remove(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					// A new folder: watch it, and report what is already
					// in it (files written before the watch began).
					files, err := w.addTree(ev.Name)
					if err != nil {
						lost = true
					}
					for _, f := range files {
						pending[f] = true
					}
				}
			}
			arm()
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				lost = true
				arm()
			}
		case <-timer.C:
			var batch []string
			if !lost {
				batch = make([]string, 0, len(pending))
				for p := range pending {
					batch = append(batch, p)
				}
				sort.Strings(batch)
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				return
			}
			clear(pending)
			lost, deadline = false, time.Time{}
		}
	}
}
