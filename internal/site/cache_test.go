package site

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// cacheSite is a small site whose pages link to and name each other.
func cacheSite() fstest.MapFS {
	return siteFS(
		"content/en/index.md", "---\ntitle: Home\n---\nSee [Lyon](partners/lyon.md) and [about](about.md).\n",
		"content/fr/index.md", "---\ntitle: \"Accueil : qu'est-ce ?\"\n---\nVoir [Lyon](partners/lyon.md).\n",
		"content/en/about.md", "---\ntitle: About\n---\nAbout us.\n",
		"content/en/partners/lyon.md", cluster,
		"content/fr/partners/lyon.md", cluster,
		"content/en/partners/acme.md", "---\ntitle: Acme\norgType: company\ncountry: FR\n---\nNext to [Lyon](lyon.md).\n",
	)
}

// siteSummary writes what a loaded site is made of, for comparing loads.
func siteSummary(s *Site, ps Problems) string {
	var b strings.Builder
	if s != nil {
		for _, p := range s.Pages {
			fmt.Fprintf(&b, "%s %s %s title=%q summary=%q hash=%s html=%q", p.File, p.Kind, p.URL, p.Title(), p.Summary(), p.Hash, p.HTML)
			for _, t := range p.Translations {
				fmt.Fprintf(&b, " tr=%s", t.File)
			}
			b.WriteString("\n")
		}
	}
	for _, p := range ps {
		fmt.Fprintln(&b, p)
	}
	return b.String()
}

func TestCacheReusesUnchangedFiles(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the site after a first cached Load.
		edit func(fs fstest.MapFS)
		want CacheStats // lookups of the second Load only
	}{
		{
			name: "nothing changed",
			edit: func(fstest.MapFS) {},
			want: CacheStats{ParseHits: 6, MarkdownHits: 6},
		},
		{
			name: "one body edited",
			edit: func(fs fstest.MapFS) {
				fs["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nAbout us, edited.\n")}
			},
			want: CacheStats{ParseHits: 5, ParseMisses: 1, MarkdownHits: 5, MarkdownMisses: 1},
		},
		{
			name: "a linked page moves: the pages linking to it render again",
			edit: func(fs fstest.MapFS) {
				fs["content/en/partners/lyon.md"] = &fstest.MapFile{Data: []byte(strings.Replace(cluster, "title:", "slug: lyon-biopole\ntitle:", 1))}
			},
			// lyon.md itself, plus home and acme whose links now lead elsewhere.
			want: CacheStats{ParseHits: 5, ParseMisses: 1, MarkdownHits: 3, MarkdownMisses: 3},
		},
		{
			name: "a file is added",
			edit: func(fs fstest.MapFS) {
				fs["content/fr/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: À propos\n---\nNous.\n")}
			},
			want: CacheStats{ParseHits: 6, ParseMisses: 1, MarkdownHits: 6, MarkdownMisses: 1},
		},
		{
			name: "site.yaml changed: everything is done again",
			edit: func(fs fstest.MapFS) {
				fs["content/site.yaml"] = &fstest.MapFile{Data: []byte(testConfig + "paginate: 5\n")}
			},
			want: CacheStats{ParseMisses: 6, MarkdownMisses: 6},
		},
		{
			name: "a broken file stays broken with the same problems",
			edit: func(fs fstest.MapFS) {
				fs["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\ncolour: red\n---\n")}
			},
			// An unknown field is reported, but the page is still made.
			want: CacheStats{ParseHits: 5, ParseMisses: 1, MarkdownHits: 5, MarkdownMisses: 1},
		},
		{
			name: "a file too broken to be a page",
			edit: func(fs fstest.MapFS) {
				fs["content/en/about.md"] = &fstest.MapFile{Data: []byte("title: About\n")}
			},
			// The English home links to it: a stand-in keeps the link
			// working (the file's own problem is reported, not the link
			// too), so nothing renders again.
			want: CacheStats{ParseHits: 5, ParseMisses: 1, MarkdownHits: 5, MarkdownMisses: 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := cacheSite()
			c := NewCache()
			if _, err := Load(fsys, Options{Clock: clock, Cache: c}); err != nil {
				t.Fatalf("first Load: %v", err)
			}
			tt.edit(fsys)
			before := c.Stats()
			s, err := Load(fsys, Options{Clock: clock, Cache: c})
			after := c.Stats()
			got := CacheStats{after.ParseHits - before.ParseHits, after.ParseMisses - before.ParseMisses, after.MarkdownHits - before.MarkdownHits, after.MarkdownMisses - before.MarkdownMisses}
			if got != tt.want {
				t.Errorf("second Load: got %+v; want %+v", got, tt.want)
			}
			ps, _ := err.(Problems)
			cold, coldErr := Load(fsys, Options{Clock: clock})
			coldPs, _ := coldErr.(Problems)
			if g, w := siteSummary(s, ps), siteSummary(cold, coldPs); g != w {
				t.Errorf("cached Load differs from a Load without cache:\ngot:\n%s\nwant:\n%s", g, w)
			}
			// A third Load of the same files is all hits and still the same.
			again, err := Load(fsys, Options{Clock: clock, Cache: c})
			ps, _ = err.(Problems)
			if g, w := siteSummary(again, ps), siteSummary(cold, coldPs); g != w {
				t.Errorf("third Load differs from a Load without cache:\ngot:\n%s\nwant:\n%s", g, w)
			}
		})
	}
}

func TestCachePagesAreNotShared(t *testing.T) {
	fsys := cacheSite()
	c := NewCache()
	a, err := Load(fsys, Options{Clock: clock, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(fsys, Options{Clock: clock, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	pa, pb := a.Page("content/en/partners/lyon.md"), b.Page("content/en/partners/lyon.md")
	if pa == pb {
		t.Fatal("two Loads returned the same *Page; got shared; want a page per Load")
	}
	if got, want := len(pb.Translations), 1; got != want {
		t.Errorf("translations of the second load: got %d; want %d", got, want)
	}
	if got := pa.Translations[0]; got != a.Page("content/fr/partners/lyon.md") {
		t.Errorf("first site's translation: got %p from another load; want the first site's page", got)
	}
}

func TestCachePrune(t *testing.T) {
	fsys := cacheSite()
	c := NewCache()
	if _, err := Load(fsys, Options{Clock: clock, Cache: c}); err != nil {
		t.Fatal(err)
	}
	c.Prune()
	delete(fsys, "content/en/about.md")
	fsys["content/en/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\nHome.\n")}
	if _, err := Load(fsys, Options{Clock: clock, Cache: c}); err != nil {
		t.Fatal(err)
	}
	c.Prune()
	if _, ok := c.files["content/en/about.md"]; ok {
		t.Errorf("deleted file: got it in the cache after Prune; want it gone")
	}
	if got, want := len(c.files), 5; got != want {
		t.Errorf("files cached after Prune: got %d; want %d", got, want)
	}
}

// hashedFS is a MapFS that knows its files' hashes and counts the files
// opened.
type hashedFS struct {
	fstest.MapFS
	opened map[string]int
}

func (h hashedFS) Open(name string) (fs.File, error) {
	h.opened[name]++
	return h.MapFS.Open(name)
}

func (h hashedFS) ContentHash(name string) ([32]byte, bool) {
	f, ok := h.MapFS[name]
	if !ok {
		return [32]byte{}, false
	}
	return sha256.Sum256(f.Data), true
}

func TestCacheSkipsReadingHashedFiles(t *testing.T) {
	fsys := hashedFS{cacheSite(), map[string]int{}}
	c := NewCache()
	if _, err := Load(fsys, Options{Clock: clock, Cache: c}); err != nil {
		t.Fatal(err)
	}
	clear(fsys.opened)
	fsys.MapFS["content/en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nEdited.\n")}
	s, err := Load(fsys, Options{Clock: clock, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for name := range fsys.opened {
		if strings.HasSuffix(name, ".md") {
			read = append(read, name)
		}
	}
	if got, want := strings.Join(read, " "), "content/en/about.md"; got != want {
		t.Errorf("content files read by the second Load: got %q; want %q", got, want)
	}
	if got, want := string(s.Page("content/en/about.md").HTML), "<p>Edited.</p>"; got != want {
		t.Errorf("edited page: got %q; want %q", got, want)
	}
}
