package build

import (
	"context"

	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
)

// published returns the files of u that changed, minified as Build hands
// them to its sink.
func published(u *Update) ([]output.File, error) {
	changed := make([]output.File, 0, len(u.Changed))
	i := 0
	for _, p := range u.Changed { // both sorted by path
		for u.Files[i].Path != p {
			i++
		}
		changed = append(changed, u.Files[i])
	}
	return minify.Files(context.Background(), changed)
}
