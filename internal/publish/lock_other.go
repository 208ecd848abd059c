//go:build !unix

package publish

import "os"

// processAlive reports whether a process with this ID exists, as far as
// os.FindProcess can tell on this system.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// parentLock does nothing where flock is not available; the O_EXCL lock
// file still keeps two builds apart, only the take-over of a stale lock is
// not serialised.
func parentLock(string) (func(), error) { return func() {}, nil }
