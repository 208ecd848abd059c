package site

import (
	"slices"

	"github.com/consort-ssg/consort/internal/markdown"
	"github.com/consort-ssg/consort/internal/minify"
)

// bodyConverter turns a page's Markdown into the HTML its pages show:
// converted (internal/markdown), then minified as a page's HTML is, once
// per body and kept with it in the Cache, so that neither a build nor a
// preview's rebuild minifies a body again with every page that shows it
// (render's templates are minified once too, and the pages they make are
// not minified whole).
type bodyConverter struct {
	md *markdown.Converter
	mz *minify.Minifier
}

func newBodyConverter(cfg MarkdownConfig) *bodyConverter {
	return &bodyConverter{markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML}), minify.New()}
}

func (c *bodyConverter) convert(body []byte, ctx markdown.Context) markdown.Result {
	res := c.md.Convert(body, ctx)
	html, err := c.mz.HTML(res.HTML)
	if err != nil {
		// Only HTML written into the body (markdown.unsafeHTML) can
		// hold what the minifier cannot read: a <script> or <style>
		// that is not JavaScript or CSS.
		res.Problems = append(res.Problems, markdown.Problem{Line: ctx.LineOffset + 1,
			Msg: "the HTML written in the text cannot be minified: " + err.Error() + "; check the <script> and <style> elements in it"})
		slices.SortStableFunc(res.Problems, func(a, b markdown.Problem) int { return a.Line - b.Line })
		return res
	}
	res.HTML = html
	return res
}
