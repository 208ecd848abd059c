package render

import (
	"html/template"
	"slices"
	"text/template/parse"
)

// Uses returns the template files ("base.html", "partials/nav.html",
// "partner.html") that rendering with layout may execute, sorted: those
// of the templates it reaches from base.html through {{template}},
// {{block}} and {{.Cached "partials/..."}}. Template names are constants
// in Go templates, so the list is complete (a template behind an {{if}}
// counts). A Cached name that is not a constant counts every partial.
// An incremental build renders again, after a template file changed,
// only the pages whose layout uses it.
func (e *Engine) Uses(layout string) []string { return e.uses[layout] }

// usesOf works out Uses of a layout's template set, before any is
// executed (execution escapes, and so changes, the trees).
func usesOf(t *template.Template) []string {
	files := map[string]bool{}
	seen := map[string]bool{}
	var visit func(name string)
	var walk func(n parse.Node)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		tt := t.Lookup(name)
		if tt == nil || tt.Tree == nil {
			return
		}
		files[tt.Tree.ParseName] = true
		walk(tt.Tree.Root)
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for i, a := range n.Args {
				if idents := identsOf(a); len(idents) > 0 && idents[len(idents)-1] == "Cached" {
					if i+1 < len(n.Args) {
						if s, ok := n.Args[i+1].(*parse.StringNode); ok {
							visit(s.Text)
							continue
						}
					}
					for _, p := range t.Templates() { // a name worked out at run time
						if p.Tree != nil && len(p.Name()) > len("partials/") && p.Name()[:len("partials/")] == "partials/" {
							visit(p.Name())
						}
					}
				}
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			visit(n.Name)
			walk(n.Pipe)
		}
	}
	visit("base.html")
	out := make([]string, 0, len(files))
	for f := range files {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}
