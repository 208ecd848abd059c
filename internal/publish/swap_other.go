//go:build !linux

package publish

// exchange is not available on this system; Write swaps with two renames.
func exchange(a, b string) error { return errNoExchange }

// syncFilesystem is not available on this system; Write fsyncs each file.
func syncFilesystem(string) error { return errNoSyncfs }
