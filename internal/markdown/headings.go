package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// headingIDs is an AST transformer that gives every heading a unique id
// made from its text and records the headings in the document state. It runs
// after the typography transformers so that Heading.Text is final.
type headingIDs struct {
	key    parser.ContextKey
	writer html.Writer
	french bool
}

// Transform implements parser.ASTTransformer.
func (h *headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc, h.key)
	if st == nil {
		return
	}
	source := reader.Source()
	ids := idSet{used: map[string]bool{}, next: map[string]int{}}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		heading, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		txt := plainText(heading, source, h.writer)
		id := ids.unique(slug(txt, h.french))
		heading.SetAttributeString("id", []byte(id))
		st.res.Headings = append(st.res.Headings, Heading{
			Level: heading.Level,
			ID:    id,
			Text:  txt,
			Line:  st.nodeLine(heading),
		})
		return ast.WalkSkipChildren, nil
	})
}

// slug turns heading text into an id: accents folded, lower case, letters
// and digits kept (œ, æ and ß spelt oe, ae and ss), every other run of
// characters one "-". Apostrophes are
// dropped in English ("don't" -> "dont") but separate words in French
// ("l'été" -> "l-ete").
func slug(s string, french bool) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark left by the decomposition of an accented letter
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			switch r = unicode.ToLower(r); r {
			// Ligatures have no decomposition; spell them out.
			case 'œ':
				b.WriteString("oe")
			case 'æ':
				b.WriteString("ae")
			case 'ß':
				b.WriteString("ss")
			default:
				b.WriteRune(r)
			}
		case !french && (r == '\'' || r == '’' || r == '‘'):
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// idSet hands out unique ids within one document.
type idSet struct {
	used map[string]bool
	next map[string]int // next suffix to try for a base
}

// unique returns base, or base-1, base-2... whichever is not used yet, and
// marks it used.
func (s *idSet) unique(base string) string {
	id := base
	for i := max(s.next[base], 1); s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return id
}
