package build

import (
	"errors"
	"io/fs"
	"sort"
)

// overlay is a read-only file system that shows the files of upper over
// those of lower: a site's own templates/ over the embedded theme.
type overlay struct {
	upper, lower fs.FS // upper may be nil
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.upper != nil {
		f, err := o.upper.Open(name)
		if err == nil {
			st, serr := f.Stat()
			if serr == nil && !st.IsDir() {
				return f, nil
			}
			f.Close()
		}
	}
	if o.lower == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f, err := o.lower.Open(name)
	if err != nil && o.upper != nil {
		// A folder only the site has.
		if uf, uerr := o.upper.Open(name); uerr == nil {
			return uf, nil
		}
	}
	return f, err
}

// ReadDir merges both layers' entries, upper winning.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	found := false
	for _, layer := range []fs.FS{o.lower, o.upper} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
				firstErr = err
			}
			continue
		}
		found = true
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if !found {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
