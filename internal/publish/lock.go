package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lockFile is a held output lock.
type lockFile struct {
	path string
}

// acquireLock takes the lock file lockPath for the output folder shown
// (as the user named it). It refuses when a running process holds it and
// takes it over when the process that wrote it is gone. Creating the lock and
// taking over a stale one happen while holding parentLock on the lock's
// folder, so the check of a stale lock and its removal cannot interleave
// with another Write doing the same.
func acquireLock(shown, shownLock, lockPath string) (*lockFile, error) {
	unlock, err := parentLock(filepath.Dir(lockPath))
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", shown, err)
	}
	defer unlock()

	for range 3 {
		f, err := os.OpenFile(lockPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
			cerr := f.Close()
			if err := errors.Join(werr, cerr); err != nil {
				os.Remove(lockPath)
				return nil, fmt.Errorf("writing lock %s: %w", shownLock, err)
			}
			return &lockFile{path: lockPath}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("creating lock %s: %w", shownLock, err)
		}
		data, err := os.ReadFile(lockPath)
		if errors.Is(err, os.ErrNotExist) {
			continue // released meanwhile
		}
		if err != nil {
			return nil, fmt.Errorf("reading lock %s: %w", shownLock, err)
		}
		// A lock is written whole under parentLock, so content that is not
		// a PID comes from a writer that died while writing it, or from
		// something else entirely: either way no build holds it.
		if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && pid > 0 && processAlive(pid) {
			return nil, fmt.Errorf("another consort build is writing %s (pid %d); wait for it or remove %s if no build is running", shown, pid, shownLock)
		}
		if err := os.Remove(lockPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("removing stale lock %s: %w", shownLock, err)
		}
	}
	return nil, fmt.Errorf("could not take lock %s; remove it if no build is running", shownLock)
}

// release removes the lock file.
func (l *lockFile) release() error {
	if err := os.Remove(l.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing lock %s: %w", l.path, err)
	}
	return nil
}
