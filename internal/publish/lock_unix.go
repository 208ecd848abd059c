//go:build unix

package publish

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// processAlive reports whether a process with this ID exists. A process of
// another user counts (EPERM); so does a zombie that has not been reaped.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// parentLock holds an exclusive flock on folder dir until the returned
// function is called. It is held only for the few system calls that take
// the output lock. Where the filesystem does not support flock (some network
// filesystems), it does nothing.
func parentLock(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(fd, syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			// Not supported here: carry on without it.
			return func() { f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, errors.New("another process holds a lock on " + dir + " for too long")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
