package publish

import (
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/consort-ssg/consort/internal/output"
)

// TestWriterStreams adds files from several goroutines, in no order, and
// checks that Commit leaves exactly what Write of the same files does.
func TestWriterStreams(t *testing.T) {
	files := site("new", 300)
	want := filepath.Join(t.TempDir(), "public")
	if err := Write(want, files, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, site("old", 20), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	w, err := Create(dir, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(files))
	for i := len(files) - 1; i >= 0; i-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.Add(files[i])
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Add(%s): %v", files[i].Path, err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := tree(t, dir), tree(t, want); !reflect.DeepEqual(got, want) {
		t.Errorf("got %d entries after streaming; want the %d that Write makes", len(got), len(want))
	}
	if err := w.Add(output.File{Path: "late.html"}); err == nil {
		t.Error("Add after Commit: got no error; want one")
	}
}

// TestWriterRefuses: what Write refuses as a whole, Add refuses file by
// file, and Abort then leaves the previous output as it was.
func TestWriterRefuses(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"same path twice", []string{"a/index.html", "a/index.html"}, `"a/index.html" is produced twice`},
		{"file, then a folder of that name", []string{"a", "a/b.html"}, `"a" is a file`},
		{"folder, then a file of that name", []string{"a/b.html", "a"}, `"a" is a file`},
		{"path out of the folder", []string{"../x.html"}, "x.html"},
		{"the marker's path", []string{".consort"}, ".consort"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if err := Write(dir, site("old", 5), WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			w, err := Create(dir, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var last error
			for _, p := range tt.files {
				if err := w.Add(output.File{Path: p, Data: []byte("x")}); err != nil {
					last = err
					break
				}
			}
			if last == nil || !strings.Contains(last.Error(), tt.want) {
				t.Fatalf("got %v; want an error with %q", last, tt.want)
			}
			if err := w.Abort(); err != nil {
				t.Fatal(err)
			}
			if after := tree(t, dir); !reflect.DeepEqual(before, after) {
				t.Error("the aborted write changed the output folder")
			}
			if leftovers, _ := filepath.Glob(dir + ".*"); len(leftovers) > 0 {
				t.Errorf("got %v beside the output; want no temporary folder or lock", leftovers)
			}
			// The lock is free again.
			if err := Write(dir, site("new", 5), WriteOptions{}); err != nil {
				t.Errorf("Write after Abort: %v", err)
			}
		})
	}
}
