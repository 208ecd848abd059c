//go:build !unix

package browser

import "os"

// terminal returns nil: the note goes to the standard error.
func terminal() *os.File { return nil }
