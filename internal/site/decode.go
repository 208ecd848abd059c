package site

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder fills Go structs from YAML nodes field by field, so that every
// problem is reported (not only the first), with the line of its key, and
// unknown keys get a "did you mean" hint.
type decoder struct {
	lines    map[string]int // dotted field path -> line of its key
	problems []FieldErrorAt
}

// FieldErrorAt is a FieldError with the line it was found on.
type FieldErrorAt struct {
	FieldError
	Line int
}

func newDecoder() *decoder { return &decoder{lines: map[string]int{}} }

func (d *decoder) fail(line int, field, format string, args ...any) {
	d.problems = append(d.problems, FieldErrorAt{FieldError{field, fmt.Sprintf(format, args...)}, line})
}

// decodeStruct decodes a mapping node into the struct pointed to by dst.
// prefix is the dotted path of the mapping ("" at the top).
func (d *decoder) decodeStruct(node *yaml.Node, dst any, prefix string) {
	v := reflect.ValueOf(dst).Elem()
	if node.Kind == yaml.DocumentNode {
		if len(node.Content) == 0 {
			return
		}
		node = node.Content[0]
	}
	if node.Kind == 0 || node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		return // empty front matter: the missing fields say what is wrong
	}
	if node.Kind != yaml.MappingNode {
		d.fail(node.Line, strings.TrimSuffix(prefix, "."), "want a set of `key: value` lines, got %s", describe(node))
		return
	}
	fields := structFields(v.Type())
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, val := node.Content[i], node.Content[i+1]
		key := k.Value
		path := prefix + key
		if seen[key] {
			d.fail(k.Line, path, "appears twice; keep one")
			continue
		}
		seen[key] = true
		d.lines[path] = k.Line
		idx, ok := fields[key]
		if !ok {
			msg := "unknown field"
			if s := didYouMean(key, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; known fields: " + strings.Join(names, ", ")
			}
			d.fail(k.Line, path, "%s", msg)
			continue
		}
		d.decodeValue(val, v.FieldByIndex(idx), path)
	}
}

func (d *decoder) decodeValue(val *yaml.Node, f reflect.Value, path string) {
	if val.Kind == yaml.AliasNode {
		d.fail(val.Line, path, "YAML aliases (*name) are not supported in content; write the value out")
		return
	}
	if hasAlias(val, 0) {
		d.fail(val.Line, path, "YAML aliases (*name) are not supported in content; write the value out")
		return
	}
	if fp, ok := f.Addr().Interface().(*Funding); ok {
		d.readFunding(val, fp)
		return
	}
	// Nested plain structs (source, location) are decoded field by field too.
	if f.Kind() == reflect.Struct && !f.Addr().Type().Implements(unmarshalerType) {
		d.decodeStruct(val, f.Addr().Interface(), path+".")
		return
	}
	if f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct && !f.Type().Implements(unmarshalerType) {
		if val.Tag == "!!null" {
			return
		}
		nv := reflect.New(f.Type().Elem())
		d.decodeStruct(val, nv.Interface(), path+".")
		f.Set(nv)
		return
	}
	// A single string where a list is wanted is accepted as a list of one.
	if f.Kind() == reflect.Slice && val.Kind == yaml.ScalarNode && val.Tag != "!!null" {
		val = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: val.Line, Column: val.Column, Content: []*yaml.Node{val}}
	}
	if f.Kind() == reflect.Map || f.Kind() == reflect.Slice {
		d.recordLines(val, path)
	}
	if err := val.Decode(f.Addr().Interface()); err != nil {
		d.fail(val.Line, path, "%s", typeMessage(err, f.Type(), val))
	}
}

// recordLines notes the lines of a map's keys, so that messages about
// "sections.partners" point at the line of partners.
func (d *decoder) recordLines(n *yaml.Node, prefix string) {
	if n.Kind == yaml.SequenceNode {
		for i, item := range n.Content {
			p := prefix + "." + strconv.Itoa(i)
			d.lines[p] = item.Line
			d.recordLines(item, p)
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		p := prefix + "." + n.Content[i].Value
		d.lines[p] = n.Content[i].Line
		d.recordLines(n.Content[i+1], p)
	}
}

var unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()

// hasAlias reports whether n contains an alias; aliases are refused so that
// "billion laughs" documents cannot expand.
func hasAlias(n *yaml.Node, depth int) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return true
	}
	if depth > 64 {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c, depth+1) {
			return true
		}
	}
	return false
}

// aliasLine returns the line (1-based, in the YAML text) of the first
// anchor or alias in n, or 0.
func aliasLine(n *yaml.Node, depth int) int {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n.Line
	}
	if depth > 64 {
		return n.Line
	}
	for _, c := range n.Content {
		if l := aliasLine(c, depth+1); l > 0 {
			return l
		}
	}
	return 0
}

// maxDepth is how deeply front matter and site.yaml may nest lists and
// sets of keys; a site needs four levels (vocabularies.orgType.agency.en).
const maxDepth = 64

// deepMsg is the problem of front matter nested deeper than maxDepth.
var deepMsg = fmt.Sprintf("nests lists or sets of keys more than %d levels deep; write the values out flat", maxDepth)

// tooDeep reports whether n nests deeper than maxDepth, depth being its own.
func tooDeep(n *yaml.Node, depth int) bool {
	if depth > maxDepth {
		return true
	}
	for _, c := range n.Content {
		if tooDeep(c, depth+1) {
			return true
		}
	}
	return false
}

// tomlDepth returns how deeply TOML text nests arrays and inline tables,
// skipping strings and comments. It runs before the TOML decoder, whose
// time grows faster than the square of the depth of nested inline tables
// (10,000 levels take half a minute).
func tomlDepth(text []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case '"', '\'':
			quote := text[i : i+1]
			if bytes.HasPrefix(text[i:], bytes.Repeat(quote, 3)) {
				quote = text[i : i+3]
			}
			end := len(text)
			for j := i + len(quote); j < len(text); j++ {
				if c == '"' && text[j] == '\\' {
					j++
					continue
				}
				if bytes.HasPrefix(text[j:], quote) {
					end = j + len(quote) - 1
					break
				}
			}
			i = end
		case '[', '{':
			depth++
			deepest = max(deepest, depth)
		case ']', '}':
			depth--
		}
	}
	return deepest
}

// typeMessage turns a yaml decoding error into words an editor understands.
func typeMessage(err error, t reflect.Type, val *yaml.Node) string {
	if fe, ok := err.(FieldError); ok {
		return fe.Msg
	}
	if _, ok := err.(*yaml.TypeError); !ok {
		return err.Error()
	}
	return fmt.Sprintf("want %s, got %s", describeType(t), describe(val))
}

func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(describeType(t.Elem()), "a ")
	case reflect.Map:
		return "a set of `key: value` lines"
	}
	return withArticle(t.Name())
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a set of `key: value` lines"
	}
	s := n.Value
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// structFields maps yaml keys to field indexes, following inline embedding.
func structFields(t reflect.Type) map[string][]int {
	out := map[string][]int{}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("yaml")
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int{}, index...), i)
			if opts == "inline" {
				walk(f.Type, idx)
				continue
			}
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name[:1]) + f.Name[1:]
			}
			out[name] = idx
		}
	}
	walk(t, nil)
	return out
}

// clearField sets the field of a front matter struct named by a
// FieldError ("website", "location.lat": its first segment) to its zero
// value, so that a value reported as wrong is not also used by what
// follows (a site loaded with KeepGoing renders the page: a website
// "www.example.org" would be reported again as a broken relative link).
func clearField(params any, field string) {
	name, _, _ := strings.Cut(field, ".")
	v := reflect.ValueOf(params)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	if idx, ok := structFields(v.Elem().Type())[name]; ok {
		f := v.Elem().FieldByIndex(idx)
		f.Set(reflect.Zero(f.Type()))
	}
}
