package build

import (
	"errors"
	"io/fs"

	"github.com/consort-ssg/consort/internal/site"
)

// linkedTemplates reports the symbolic links of the site's templates/
// (the folder itself included) and a static/ that is itself one: a link
// could put any file of the machine into the site, so templates/ refuses
// them wherever they point, as content/ and static/ do.
func linkedTemplates(src fs.FS) site.Problems {
	if src == nil {
		return nil
	}
	var ps site.Problems
	refuse := func(p, dir string) {
		ps = append(ps, site.Problem{File: p, Msg: "is a symbolic link; consort does not follow links in " + dir + "/, copy the file instead"})
	}
	for _, dir := range []string{"templates", "static"} {
		if st, err := fs.Lstat(src, dir); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			refuse(dir, dir)
		}
	}
	if len(ps) > 0 {
		return ps
	}
	err := fs.WalkDir(src, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "templates" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			refuse(p, "templates")
		}
		return nil
	})
	if err != nil {
		ps = append(ps, site.Problem{File: "templates", Msg: "cannot be read: " + err.Error()})
	}
	return ps
}
