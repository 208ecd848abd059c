//go:build unix

package browser

import (
	"os"
	"syscall"
)

// terminal opens the controlling terminal for writing, or returns nil.
// It opens it with syscall rather than os, so that the go command's test
// cache does not take /dev/tty for an input of the tests (its time changes
// whenever anything is written to the terminal).
func terminal() *os.File {
	fd, err := syscall.Open("/dev/tty", syscall.O_WRONLY|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	return os.NewFile(uintptr(fd), "/dev/tty")
}
