package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/consort-ssg/consort/internal/output"
)

// markerName is the file that marks a folder as consort's output.
const markerName = ".consort"

// markerData is the marker file's content.
const markerData = "consort output\n"

// checkPath reports why p is not a clean relative slash path, or nil.
func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("output path is empty")
	case strings.ContainsRune(p, 0):
		return fmt.Errorf("output path %q contains a NUL byte", p)
	case strings.Contains(p, `\`):
		return fmt.Errorf("output path %q contains a backslash; use forward slashes", p)
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("output path %q is absolute; it must be relative to the output folder", p)
	case p == "." || p == "..", strings.HasPrefix(p, "../"), strings.HasSuffix(p, "/.."), strings.Contains(p, "/../"):
		return fmt.Errorf("output path %q leaves the output folder", p)
	case path.Clean(p) != p:
		return fmt.Errorf("output path %q is not clean (want %q)", p, path.Clean(p))
	case p == markerName:
		return fmt.Errorf("output path %q is reserved for consort's marker file", p)
	}
	return nil
}

// checkFiles checks every path and returns the files sorted by path. It
// rejects duplicates and a path that is also another path's folder.
func checkFiles(files []output.File) ([]output.File, error) {
	var errs []error
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sorted := slices.Clone(files)
	output.Sort(sorted)
	// After sorting, "a" is followed by the paths that start with "a"; a
	// path under "a/" sorts after "a" and before any path that does not start
	// with "a", but "a-b" or "a.x" can come between them, so check each
	// file's folders against the set of files instead of neighbours only.
	isFile := make(map[string]bool, len(sorted))
	for i, f := range sorted {
		if i > 0 && sorted[i-1].Path == f.Path {
			errs = append(errs, fmt.Errorf("output path %q is produced twice", f.Path))
		}
		isFile[f.Path] = true
	}
	for _, f := range sorted {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if isFile[d] {
				errs = append(errs, fmt.Errorf("output path %q is a file, but %q needs it to be a folder", d, f.Path))
				break
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return sorted, nil
}

// resolve returns the absolute form of p with symbolic links resolved, as
// far as p exists: the longest existing ancestor is resolved and the rest
// appended.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if _, err := os.Lstat(cur); err == nil {
			real, err := filepath.EvalSymlinks(cur)
			if err != nil {
				return "", err
			}
			return filepath.Join(real, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// sameDir reports whether a and b name the same folder: the same string, or
// (where both exist) the same file by os.SameFile, which also catches
// case-insensitive filesystems and bind mounts.
func sameDir(a, b string) bool {
	if a == b {
		return true
	}
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(ia, ib)
}

// within reports whether folder dir is p or one of p's ancestors.
func within(p, dir string) bool {
	for cur := p; ; cur = filepath.Dir(cur) {
		if sameDir(cur, dir) {
			return true
		}
		if filepath.Dir(cur) == cur {
			return false
		}
	}
}

// checkTarget refuses output folders that must never be replaced. shown is
// the folder as the user named it; target is its resolved form.
func checkTarget(shown, target string, forbidden []string) error {
	refuse := func(why string) error {
		return &RefusedError{fmt.Sprintf("refusing to replace %s: %s", shown, why)}
	}
	if filepath.Dir(target) == target {
		return refuse("it is the root of the filesystem")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := resolve(home); err == nil {
			if sameDir(target, h) {
				return refuse("it is your home folder")
			}
			if within(h, target) {
				return refuse("it contains your home folder " + h)
			}
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if w, err := resolve(wd); err == nil {
			if sameDir(target, w) {
				return refuse("it is the current folder")
			}
			if within(w, target) {
				return refuse("it contains the current folder " + w)
			}
		}
	}
	for _, f := range forbidden {
		r, err := resolve(f)
		if err != nil {
			return fmt.Errorf("checking protected folder %s: %w", f, err)
		}
		switch {
		case sameDir(target, r):
			return refuse("it is the protected folder " + f)
		case within(r, target):
			return refuse("it contains the protected folder " + f)
		case within(target, r):
			return refuse("it is inside the protected folder " + f)
		}
	}
	return nil
}

// checkOwned refuses a target that exists and is neither an empty folder nor
// a folder with consort's marker.
func checkOwned(shown, target string) error {
	info, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return &RefusedError{fmt.Sprintf("refusing to replace %s: it is not a folder", shown)}
	}
	if owned(target) {
		return nil
	}
	return &RefusedError{fmt.Sprintf("refusing to replace %s: it is not empty and was not made by consort; choose an empty --out folder or delete it", shown)}
}

// RefusedError is the error of an output folder Write and Create refuse
// to replace (the root, the home folder, the sources, a folder of other
// files): the folder named is wrong, not the build.
type RefusedError struct{ msg string }

func (e *RefusedError) Error() string { return e.msg }

// owned reports whether folder dir carries consort's marker or is empty.
func owned(dir string) bool {
	if info, err := os.Lstat(filepath.Join(dir, markerName)); err == nil && info.Mode().IsRegular() {
		return true
	}
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	return len(names) == 0 && err != nil // io.EOF: empty
}
