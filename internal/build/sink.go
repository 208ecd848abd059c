package build

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
)

// A Sink receives the finished files of a build: publish's Writer, which
// puts them on disk, or a Files that keeps them in memory. Add is called
// from several goroutines at once, once per path. f.Data is lent for the
// call only: it may be the renderer's buffer, which is used again for
// another page once Add returns, so a sink that keeps a file keeps a copy
// (Files does). An error from Add fails the build.
type Sink interface {
	Add(f output.File) error
}

// Files is a Sink that keeps every file in memory, for `consort check`,
// consort-shots and tests. The zero value is ready to use.
type Files struct {
	mu    sync.Mutex
	files []output.File
}

// Add keeps a copy of f.
func (m *Files) Add(f output.File) error {
	f.Data = bytes.Clone(f.Data)
	m.mu.Lock()
	m.files = append(m.files, f)
	m.mu.Unlock()
	return nil
}

// Sorted returns the files kept, sorted by path.
func (m *Files) Sorted() []output.File {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Clone(m.files)
	output.Sort(out)
	return out
}

// outlet minifies files and hands them to a Sink, counting them, and
// remembers which pages it took while they were being rendered.
type outlet struct {
	sink      Sink
	mz        *minify.Minifier
	minifying func(string, bool) // Options.minifying
	raw       bool               // Options.unminified

	mu       sync.Mutex
	streamed map[string]bool // pages handed on as they were rendered
	files    int
	bytes    int64
}

func newOutlet(sink Sink, minifying func(string, bool), raw bool) *outlet {
	return &outlet{sink: sink, mz: minify.New(), minifying: minifying, raw: raw, streamed: map[string]bool{}}
}

// add minifies f and hands it to the sink. With own, f.Data may be
// changed by the minifier (it is a buffer nobody reads again), and f is
// remembered as streamed.
func (o *outlet) add(ctx context.Context, f output.File, own bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if o.minifying != nil {
		o.minifying(f.Path, own)
	}
	var err error
	switch {
	case o.raw || f.Minified:
		// Minified by the templates, or not to be minified: as it is.
		// A sink that keeps it copies it (Sink).
	case own:
		f, err = o.mz.Own(f)
	default:
		f, err = o.mz.File(f)
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := o.sink.Add(f); err != nil {
		return err
	}
	o.mu.Lock()
	if own {
		o.streamed[f.Path] = true
	}
	o.files++
	o.bytes += int64(len(f.Data))
	o.mu.Unlock()
	return nil
}

// drop returns files without the pages streamed (which renderPages
// returned with their Path only).
func (o *outlet) drop(files []output.File) []output.File {
	if len(o.streamed) == 0 {
		return files
	}
	return slices.DeleteFunc(files, func(f output.File) bool { return f.Data == nil && o.streamed[f.Path] })
}

// addAll minifies files and hands them to the sink on GOMAXPROCS
// workers, letting go of each once handed on; it returns the first
// error in their order, or ctx's error once cancelled.
func (o *outlet) addAll(ctx context.Context, files []output.File) error {
	errs := make([]error, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(minifyWorkers())
	for i := range files {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			errs[i] = o.add(gctx, files[i], false)
			files[i] = output.File{} // the sink has it
			return errs[i]
		})
	}
	werr := g.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs { // the first in order, not a worker stopped by it
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return werr
}

// minifyWorkers is how many files addAll minifies at once.
func minifyWorkers() int { return runtime.GOMAXPROCS(0) }
