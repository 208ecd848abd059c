// Package markdown converts page bodies to HTML. It is the only place in
// consort where the Markdown engine (goldmark) is configured.
//
// # Dialect
//
// CommonMark plus the GitHub extensions (tables, strikethrough, autolinked
// bare URLs, task lists) and footnotes ([^1]).
//
// Raw HTML in Markdown is rendered only when [Options.UnsafeHTML] is true;
// otherwise each piece is replaced by the comment "<!-- raw HTML omitted -->".
//
// # Typography
//
// Every language gets curly apostrophes, "--" as an en dash, "---" as an
// em dash and "..." as an ellipsis, and straight quotes become the
// quotation marks of the language's typographic tradition ([Context.Lang],
// by its base code):
//
//	English and others  "a" 'b'  ->  “a” ‘b’
//	German              "a" 'b'  ->  „a“ ‚b‘
//	Polish              "a" 'b'  ->  „a” «b»
//	Italian, Spanish    "a" 'b'  ->  «a» “b”
//	French              "a"      ->  « a » (narrow no-break spaces)
//
// Italian, Spanish and Polish also turn "<<" and ">>" into « and ».
// The typographic characters are written as UTF-8, not as HTML entities.
//
// French ([Context.Lang] "fr") additionally gets:
//   - straight double quotes as guillemets (« like this »), with a narrow
//     no-break space (U+202F) inside them and inside any « » typed by the
//     author, replacing ordinary spaces typed there;
//   - a narrow no-break space (U+202F) before ; ! ? and a no-break space
//     (U+00A0) before : — an existing ordinary space there is replaced,
//     an existing no-break space is kept, nothing is ever added twice.
//
// The French space is only added when the punctuation follows a word (or a
// closing quote, bracket, code span...) and is followed by a space, a closing
// character or the end of the text, so "http://", "10:30", "::" and "?x=1"
// are left alone. Code spans, code blocks, raw HTML, link destinations and
// autolinks are never touched, in any language.
//
// # Headings
//
// Every heading gets an id made from its text: accents folded
// ("Qualité" -> "qualite", using Unicode decomposition; "œ" -> "oe"), lower case,
// every run of other characters turned into one "-" (English apostrophes are
// dropped instead: "Don't" -> "dont"), "section" when nothing is left, and
// "-1", "-2"... appended to make ids unique within the document.
//
// # Links
//
// A link whose destination has no scheme, does not start with "/" or "#",
// and whose path (the part before any "#") ends in ".md" is a link to another
// page: the destination (backslash escapes and entities resolved, fragment
// included) is passed to [Context.Resolve] and replaced by the URL it returns.
// When Resolve fails, the link points to "#" and a [Problem] is recorded.
// When Resolve is nil such links are left as they are.
// Links with a scheme (https:, mailto:...) and absolute paths are not changed.
//
// Links and images whose URL uses the javascript:, vbscript:, file: or data:
// scheme (except data:image/png, gif, jpeg and webp) are replaced by "#" and
// reported as a Problem, whatever the value of UnsafeHTML. (Raw HTML let
// through by UnsafeHTML is not inspected.)
//
// Images without alt text are reported as a Problem.
//
// Line numbers in [Result] are lines of the whole source file: the line in
// body (1-based) plus [Context.LineOffset].
//
// A [Converter] holds no per-document state and is safe for concurrent use;
// output is deterministic.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Converter.
type Options struct {
	// UnsafeHTML renders raw HTML found in Markdown. When false (the default)
	// it is replaced by "<!-- raw HTML omitted -->".
	UnsafeHTML bool
}

// Converter converts Markdown to HTML. Build it once with New; it is safe for
// concurrent use.
type Converter struct {
	// md holds one goldmark per typographic style (see quoteStyles),
	// "" being the English default.
	md  map[string]goldmark.Markdown
	key parser.ContextKey // where Convert stores its per-document state
	out sync.Pool         // of *output, reused from one document to the next
}

// output is where a document is rendered. goldmark renders into a
// buffered writer, and makes one of 4 KB for each document unless given one.
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// maxPooledOutput is the largest rendering buffer kept for the next
// document: a rare huge page should not keep its buffer for the build.
const maxPooledOutput = 1 << 20

// New returns a Converter configured with opts.
func New(opts Options) *Converter {
	key := parser.NewContextKey()
	c := &Converter{md: map[string]goldmark.Markdown{}, key: key}
	for style := range quoteStyles {
		c.md[style] = newGoldmark(style, opts, key)
	}
	return c
}

// Context is what Convert needs to know about the page being converted.
type Context struct {
	// Lang selects the typography rules: "fr" (or "fr-XX") for French,
	// anything else for English.
	Lang string
	// Resolve maps a link destination that points to a Markdown file
	// (relative path ending in .md, optionally with #fragment, e.g.
	// "../clusters/biocat.md#team") to the URL of the target page
	// ("/fr/clusters/biocat/#team"). It returns an error (e.g. "no such page
	// content/fr/clusters/biocat.md") when the target does not exist.
	// When nil, links to .md files are left as they are. The error says
	// what is wrong and what to do; it follows "link to DEST: ".
	Resolve func(dest string) (string, error)
	// Root maps a path from the site's root as the author wrote it
	// ("/en/about/", "/img/photo.jpg") to the address browsers need: the
	// same path under the base URL's path for a site published under one.
	// When nil, such paths are left as they are.
	Root func(path string) string
	// URL is the address of the page from the site's root ("/en/about/",
	// without the base URL's path). When set, a relative link or image
	// that climbs above the site's root from there ("../../../etc/passwd")
	// is a problem.
	URL string
	// LineOffset is the number of lines before the body in the source file
	// (front matter); it is added to every reported line.
	LineOffset int
}

// Heading is a heading of the document, in document order.
type Heading struct {
	Level int    // 1 to 6
	ID    string // value of the id attribute
	Text  string // plain text, after typography
	Line  int    // line in the source file
}

// Link is a link or image destination as written in the HTML href or src
// attribute (after rewriting, URL-escaped), for the link checker.
type Link struct {
	Dest string
	Line int
}

// Image is an image of the document.
type Image struct {
	Dest string // as written in the src attribute
	Alt  string // plain text
	Line int
}

// Problem is something the author should fix.
type Problem struct {
	Line int // line in the source file (body line + LineOffset)
	Msg  string
}

// Result is the outcome of Convert.
type Result struct {
	HTML     []byte
	Headings []Heading
	Links    []Link // every link, autolink and image, in document order
	Images   []Image
	Problems []Problem // sorted by line
}

// Convert converts a page body to HTML.
func (c *Converter) Convert(body []byte, ctx Context) Result {
	md := c.md[typographyOf(ctx.Lang)]
	st := &state{ctx: ctx, source: body}
	pc := parser.NewContext()
	pc.Set(c.key, st)
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	out, _ := c.out.Get().(*output)
	if out == nil {
		out = new(output)
		out.w = bufio.NewWriter(&out.buf)
	}
	out.buf.Reset()
	out.w.Reset(&out.buf)
	if err := md.Renderer().Render(out.w, body, doc); err != nil {
		st.res.Problems = append(st.res.Problems, Problem{Line: ctx.LineOffset + 1, Msg: "cannot render Markdown: " + err.Error()})
	}
	_ = out.w.Flush() // Render flushes; this is for the error path
	// A copy of exactly the HTML's size: callers keep every page's HTML
	// for the whole build.
	st.res.HTML = bytes.Clone(out.buf.Bytes())
	if out.buf.Cap() <= maxPooledOutput {
		c.out.Put(out)
	}
	sort.SliceStable(st.res.Problems, func(i, j int) bool { return st.res.Problems[i].Line < st.res.Problems[j].Line })
	return st.res
}

func isFrench(lang string) bool { return typographyOf(lang) == "fr" }

// typographyOf is the typographic style of a language: its base code
// when quoteStyles has it, else "" (English).
func typographyOf(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if _, ok := quoteStyles[lang]; ok {
		return lang
	}
	return ""
}

// quotes are the characters straight quotes and << >> become in a
// language: double open and close, single open and close, and the angle
// quotes (empty: "<<" and ">>" stay as typed).
type quotes struct {
	open, close, openSingle, closeSingle, openAngle, closeAngle string
}

// quoteStyles are the quotation marks of each language's typographic
// tradition, as its style guides give them for running text: German
// (Duden) „…“ and ‚…‘; Polish (PWN) „…” with «…» inside; Italian and
// Spanish (RAE) «…» first, then “…” inside; French «…» with narrow
// no-break spaces (added by frenchTypography). English, Dutch and the
// other languages use “…” and ‘…’.
var quoteStyles = map[string]quotes{
	"":   {"“", "”", "‘", "’", "", ""},
	"fr": {"«", "»", "‘", "’", "«", "»"},
	"de": {"„", "“", "‚", "‘", "", ""},
	"pl": {"„", "”", "«", "»", "«", "»"},
	"it": {"«", "»", "“", "”", "«", "»"},
	"es": {"«", "»", "“", "”", "«", "»"},
}

// state is the per-document state shared by the AST transformers through the
// parser context.
type state struct {
	ctx        Context
	source     []byte
	lineStarts []int // byte offsets of the start of each line, computed on demand
	res        Result
}

func stateOf(pc parser.Context, key parser.ContextKey) *state {
	st, _ := pc.Get(key).(*state)
	return st
}

// line returns the source-file line of byte offset off in the body.
func (s *state) line(off int) int {
	if s.lineStarts == nil {
		s.lineStarts = []int{0}
		for i, b := range s.source {
			if b == '\n' {
				s.lineStarts = append(s.lineStarts, i+1)
			}
		}
	}
	if off < 0 {
		off = 0
	}
	// number of line starts <= off
	n := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > off })
	return n + s.ctx.LineOffset
}

// nodeLine returns the source-file line where n starts.
func (s *state) nodeLine(n ast.Node) int {
	return s.line(nodeOffset(n))
}

func (s *state) problem(line int, format string, args ...any) {
	s.res.Problems = append(s.res.Problems, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// nodeOffset returns the byte offset where n starts in the source, using the
// node's own position, its first text, or its enclosing block.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				return t.Segment.Start
			}
		}
	}
	return 0
}

const (
	nbsp  = '\u00A0' // no-break space, before : in French
	nnbsp = '\u202F' // narrow no-break space, before ; ! ? and inside « »
)

func newGoldmark(style string, opts Options, key parser.ContextKey) goldmark.Markdown {
	q := quoteStyles[style]
	orNil := func(s string) []byte {
		if s == "" {
			return nil // "<<" and ">>" stay as they are
		}
		return []byte(s)
	}
	subs := map[extension.TypographicPunctuation][]byte{
		extension.LeftSingleQuote:  []byte(q.openSingle),
		extension.RightSingleQuote: []byte(q.closeSingle),
		extension.LeftDoubleQuote:  []byte(q.open),
		extension.RightDoubleQuote: []byte(q.close),
		extension.EnDash:           []byte("–"),
		extension.EmDash:           []byte("—"),
		extension.Ellipsis:         []byte("…"),
		extension.Apostrophe:       []byte("’"),
		extension.LeftAngleQuote:   orNil(q.openAngle),
		extension.RightAngleQuote:  orNil(q.closeAngle),
	}
	french := style == "fr"
	w := html.NewWriter()
	transformers := []util.PrioritizedValue{
		util.Prioritized(&linkRewriter{key: key, writer: w}, 200),
		util.Prioritized(&headingIDs{key: key, writer: w, french: french}, 300),
	}
	if french {
		// The narrow spaces are added by frenchTypography.
		transformers = append(transformers, util.Prioritized(&frenchTypography{writer: w}, 100))
	}
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
		),
		goldmark.WithParserOptions(parser.WithASTTransformers(transformers...)),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}
