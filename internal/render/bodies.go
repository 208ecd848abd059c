package render

import (
	"html/template"
	"text/template/parse"
)

// bodyFields are what only a page's body gives: {{.HTML .Page}},
// {{.QA .Page}}, {{.Page.HTML}}, {{.Page.Headings}}...
var bodyFields = map[string]bool{"HTML": true, "QA": true, "Headings": true, "Links": true, "Images": true, "Body": true}

// ShowsOtherBodies reports whether a template of the engine may show the
// body of a page other than the one it renders: whether a build must
// keep every body until every page is rendered. It is worked out from
// the parsed templates, and errs on the side of yes: a body reached in
// any other form than {{.HTML .Page}}, {{$.QA $.Page}}, {{.Page.HTML}}
// counts. The catalogue's layouts are not looked at: their items' HTML
// are cards, not bodies.
func (e *Engine) ShowsOtherBodies() bool { return e.otherBodies }

// showsOtherBodies is ShowsOtherBodies of the templates of layouts,
// before any is executed (execution escapes, and so changes, the trees).
func showsOtherBodies(layouts map[string]*template.Template) bool {
	seen := map[*parse.Tree]bool{}
	for name, t := range layouts {
		if name == "catalogue" || name == "facet" {
			continue // base.html and the partials are looked at in the others
		}
		for _, tt := range t.Templates() {
			tree := tt.Tree
			if tree == nil || seen[tree] {
				continue
			}
			seen[tree] = true
			if otherBody(tree.Root) {
				return true
			}
		}
	}
	return false
}

// otherBody reports whether a node shows a body other than .Page's.
func otherBody(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if otherBody(c) {
				return true
			}
		}
	case *parse.ActionNode:
		return otherBody(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if otherBody(c) {
				return true
			}
		}
	case *parse.CommandNode:
		for i, a := range n.Args {
			if idents := identsOf(a); len(idents) > 0 && bodyFields[idents[len(idents)-1]] {
				own := len(idents) >= 2 && idents[len(idents)-2] == "Page" ||
					i == 0 && len(n.Args) == 2 && isPage(n.Args[1])
				if !own {
					return true
				}
			}
			if otherBody(a) {
				return true
			}
		}
	case *parse.ChainNode:
		return otherBody(n.Node)
	case *parse.IfNode:
		return otherBody(n.Pipe) || otherBody(n.List) || otherBody(n.ElseList)
	case *parse.RangeNode:
		return otherBody(n.Pipe) || otherBody(n.List) || otherBody(n.ElseList)
	case *parse.WithNode:
		return otherBody(n.Pipe) || otherBody(n.List) || otherBody(n.ElseList)
	case *parse.TemplateNode:
		return otherBody(n.Pipe)
	}
	return false
}

// identsOf returns the field names of a field, chain or variable node
// (.Page.HTML: Page, HTML), or nil.
func identsOf(n parse.Node) []string {
	switch n := n.(type) {
	case *parse.FieldNode:
		return n.Ident
	case *parse.VariableNode:
		return n.Ident[1:]
	case *parse.ChainNode:
		return n.Field
	}
	return nil
}

// isPage reports whether a node is .Page or $.Page.
func isPage(n parse.Node) bool {
	idents := identsOf(n)
	return len(idents) == 1 && idents[0] == "Page"
}
