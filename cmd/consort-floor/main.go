// Command consort-floor is the benchmark's floor: the least a static site
// generator has to do with a site folder. It reads every content/**/*.md
// file, parses its YAML front matter, converts its Markdown with goldmark
// (GitHub dialect) and writes it through one small html/template into
// -out/<lang>/<path>/index.html, on every core at once. It validates
// nothing, links nothing and lists nothing, so no generator doing real work
// on the same files can be much faster: .ci/bench.sh reports consort's time
// as a multiple of this one.
//
// With -minify it also minifies each page before writing it, with the
// minifier consort uses (internal/minify: tdewolff/minify's HTML minifier,
// configured as consort configures it), in the same worker that rendered
// the page, as consort does. A site generator whose output must be
// minified cannot do less; that is the floor the "at most 1.5x"
// is measured against.
//
//	consort-floor [-minify] -source SITE -out DIR
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/sync/errgroup"

	"github.com/consort-ssg/consort/internal/minify"
	"github.com/consort-ssg/consort/internal/output"
)

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Title}}</title><meta name="description" content="{{.Summary}}"></head>
<body><main><h1>{{.Title}}</h1>
{{.Content}}</main></body>
</html>
`))

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "consort-floor:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("consort-floor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site folder, holding content/")
	out := fs.String("out", "", "the output folder; must not exist or be empty")
	minified := fs.Bool("minify", false, "minify each page as consort does (internal/minify) before writing it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	files, err := list(filepath.Join(*source, "content"))
	if err != nil {
		return err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	var mz *minify.Minifier
	if *minified {
		mz = minify.New()
	}
	errs := make([]error, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	// Each running conversion takes two buffers and gives them back, so
	// that there are about as many buffers as cores, as with one pair
	// per worker.
	buffers := sync.Pool{New: func() any { return new([2]bytes.Buffer) }}
	for i, f := range files {
		g.Go(func() error {
			b := buffers.Get().(*[2]bytes.Buffer)
			errs[i] = convert(md, mz, *source, *out, f, &b[0], &b[1])
			buffers.Put(b)
			return nil
		})
	}
	g.Wait()
	return errors.Join(errs...)
}

// list returns the Markdown files under root, as paths relative to it.
func list(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files, err
}

type front struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
}

// convert turns content/<rel> into out/<rel minus .md>/index.html,
// minified by mz unless mz is nil.
func convert(md goldmark.Markdown, mz *minify.Minifier, source, out, rel string, buf, html *bytes.Buffer) error {
	data, err := os.ReadFile(filepath.Join(source, "content", filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	var fm struct {
		front `yaml:",inline"`
		Rest  map[string]any `yaml:",inline"`
	}
	body, err := frontmatter.Parse(bytes.NewReader(data), &fm)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	buf.Reset()
	if err := md.Convert(body, buf); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	lang, _, _ := strings.Cut(rel, "/")
	html.Reset()
	err = page.Execute(html, map[string]any{"Lang": lang, "Title": fm.Title, "Summary": fm.Summary, "Content": template.HTML(buf.Bytes())})
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	dir := filepath.Join(out, filepath.FromSlash(strings.TrimSuffix(rel, ".md")))
	if filepath.Base(dir) == "index" {
		dir = filepath.Dir(dir)
	}
	result := html.Bytes()
	if mz != nil {
		// Own lets the minifier work on the buffer's bytes, as consort's
		// build does with the pages it renders.
		f, err := mz.Own(output.File{Path: rel + ".html", Data: result})
		if err != nil {
			return err
		}
		result = f.Data
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), result, 0o644)
}
