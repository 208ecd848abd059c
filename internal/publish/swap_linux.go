//go:build linux

package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps the folders a and b (renameat2 with
// RENAME_EXCHANGE). It returns errNoExchange when the kernel or the
// filesystem cannot do it.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}

// syncFilesystem flushes everything written on the filesystem that holds
// dir, data and metadata, with one syncfs(2).
func syncFilesystem(dir string) error {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	return unix.Syncfs(fd)
}
