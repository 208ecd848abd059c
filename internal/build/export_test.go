package build

// Unminified makes a build hand its files on as rendered, for tests that
// read what the templates wrote.
func Unminified(opts Options) Options {
	opts.unminified = true
	return opts
}
