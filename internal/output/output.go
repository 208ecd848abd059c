// Package output defines the unit every stage of a build produces: a file of
// the published site held in memory. Renderers, the catalogue and the feeds
// return []File; publish is the only package that writes them to disk.
package output

import (
	"path"
	"sort"
	"strings"
)

// File is one file of the published site.
type File struct {
	// Path is slash-separated and relative to the output folder, without a
	// leading slash: "en/partners/biocat/index.html".
	Path string
	// Data is the file's content.
	Data []byte
	// Minified is true once Data went through the minifier: minifying
	// again may change the bytes (renamed variables), which would break
	// a content hash or an integrity attribute taken from them.
	Minified bool
}

// Ext returns the lower-case extension of the file's path, with the dot.
func (f File) Ext() string { return strings.ToLower(path.Ext(f.Path)) }

// Sort orders files by path, so that every stage's output is deterministic.
func Sort(files []File) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
}
