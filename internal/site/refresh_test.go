package site

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// dump writes v, following pointers but writing pages as their file, so
// that two sites can be compared field by field, every field, including
// fields added after this test was written.
func dump(b *strings.Builder, v reflect.Value, depth int) {
	if depth > 12 {
		b.WriteString("…")
		return
	}
	if v.Type() == reflect.TypeFor[*Page]() {
		if v.IsNil() {
			b.WriteString("page:nil")
		} else {
			fmt.Fprintf(b, "page:%s", v.Elem().FieldByName("File").String())
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		dump(b, v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type().PkgPath() == "time" {
			fmt.Fprint(b, v.Interface())
			return
		}
		b.WriteString("{")
		for i := 0; i < v.NumField(); i++ {
			fmt.Fprintf(b, "%s:", v.Type().Field(i).Name)
			dump(b, v.Field(i), depth+1)
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			fmt.Fprintf(b, "%q", v.Bytes())
			return
		}
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			dump(b, v.Index(i), depth+1)
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		b.WriteString("map[")
		for _, k := range keys {
			fmt.Fprintf(b, "%v=", k)
			dump(b, v.MapIndex(k), depth+1)
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		fmt.Fprintf(b, "%v", v)
	}
}

func dumpSite(s *Site) string {
	var b strings.Builder
	b.WriteString("site ")
	dump(&b, reflect.ValueOf(s).Elem(), 0)
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "\n%s ", p.File)
		dump(&b, reflect.ValueOf(p).Elem(), 1)
	}
	return b.String()
}

func TestRefresh(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(fs fstest.MapFS) []string
		wantOK bool
	}{
		{"a body", func(fs fstest.MapFS) []string {
			fs["content/en/partners/acme.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Acme\norgType: company\ncountry: FR\n---\nNext to [Lyon](lyon.md), and more.\n")}
			return []string{"content/en/partners/acme.md"}
		}, true},
		{"a home page's body", func(fs fstest.MapFS) []string {
			fs["content/fr/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Accueil : qu'est-ce ?\"\n---\nVoir [Lyon](partners/lyon.md) encore.\n")}
			return []string{"content/fr/index.md"}
		}, true},
		{"bytes unchanged", func(fs fstest.MapFS) []string {
			return []string{"content/en/about.md"}
		}, true},
		{"a title", func(fs fstest.MapFS) []string {
			fs["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About us\n---\nAbout us.\n")}
			return []string{"content/en/about.md"}
		}, false},
		{"a new file", func(fs fstest.MapFS) []string {
			fs["content/fr/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: À propos\n---\nNous.\n")}
			return []string{"content/fr/about.md"}
		}, false},
		{"a broken link", func(fs fstest.MapFS) []string {
			fs["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nSee [nothing](nothing.md).\n")}
			return []string{"content/en/about.md"}
		}, false},
		{"an unknown field", func(fs fstest.MapFS) []string {
			fs["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\ncolour: red\n---\nAbout us.\n")}
			return []string{"content/en/about.md"}
		}, false},
		{"site.yaml", func(fs fstest.MapFS) []string {
			return []string{ConfigFile}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := cacheSite()
			opts := Options{Clock: clock, Cache: NewCache()}
			prev, err := Load(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			before := dumpSite(prev)
			files := tt.edit(fsys)
			s, ok := Refresh(prev, fsys, opts, files)
			if ok != tt.wantOK {
				t.Fatalf("Refresh: got ok %v; want %v", ok, tt.wantOK)
			}
			if got := dumpSite(prev); got != before {
				t.Errorf("Refresh changed the previous site")
			}
			if !ok {
				return
			}
			want, err := Load(fsys, Options{Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			if g, w := dumpSite(s), dumpSite(want); g != w {
				t.Errorf("Refresh differs from Load:\ngot  %s\nwant %s", firstLineDiff(g, w), firstLineDiff(w, g))
			}
		})
	}
}

// firstLineDiff returns the first line of a that b does not have.
func firstLineDiff(a, b string) string {
	bl := strings.Split(b, "\n")
	for i, l := range strings.Split(a, "\n") {
		if i >= len(bl) || bl[i] != l {
			return l
		}
	}
	return ""
}
