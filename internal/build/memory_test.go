package build_test

import (
	"context"

	"github.com/consort-ssg/consort/internal/build"
)

// inMemory builds into a Files sink and returns the result with the
// files it was handed, as they are published.
func inMemory(opts build.Options) (*build.Result, error) {
	var files build.Files
	res, err := build.Build(context.Background(), opts, &files)
	if err != nil {
		return nil, err
	}
	res.Files = files.Sorted()
	return res, nil
}

// rendered is inMemory with the files as rendered, not minified.
func rendered(opts build.Options) (*build.Result, error) {
	return inMemory(build.Unminified(opts))
}
