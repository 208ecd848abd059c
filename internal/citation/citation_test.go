package citation

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/site"
)

func testSite(t *testing.T) *site.Site {
	t.Helper()
	pub := func(front string) *fstest.MapFile { return &fstest.MapFile{Data: []byte("---\n" + front + "---\n")} }
	fsys := fstest.MapFS{
		"content/site.yaml":   {Data: []byte("baseURL: https://example.org/\nlanguages: [{code: en, name: English}, {code: fr, name: Français}]\ntitle: {en: T, fr: T}\n")},
		"content/en/index.md": pub("title: Home\n"),
		"content/fr/index.md": pub("title: Accueil\n"),
		"content/en/publications/a.md": pub(`title: "Cluster services for SMEs: R&D, 100% online & {more} at 5$ ~ #1 \\o/ _x_ ^2"
authors: ["Kowalczyk, Zoë", "Jean-Luc Müller", "Consortium"]
type: article
venue: Journal of Cluster Studies & Networks
year: 2025
volume: "12"
issue: "3"
pages: 45-67
doi: 10.1234/jcs.2025.045
openAccess: open
repository: https://zenodo.org/records/0000002
`),
		"content/en/publications/b.md": pub("title: Personalised medicine networks\nauthors: [\"Kowalczyk, Zoë\"]\ntype: conference\nvenue: European Biotech Week\nyear: 2024\n"),
		"content/en/publications/c.md": pub("title: Personalised medicine networks, again\nauthors: [\"Kowalczyk, Zoë\"]\ntype: report\nvenue: BioM\nyear: 2024\n"),
		"content/en/publications/d.md": pub("title: A book\nauthors: [\"Ó Briain, Seán\"]\ntype: book\nvenue: Springer\nyear: 2023\n"),
	}
	s, err := site.Load(fsys, site.Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestKeys(t *testing.T) {
	s := testSite(t)
	pubs := Sorted(s.PagesOf("en", Section))
	got := Keys(pubs)
	want := []string{"kowalczyk2025cluster", "kowalczyk2024personalised", "kowalczyk2024personaliseda", "obriain2023book"}
	// b and c share a key: the second gets a letter.
	want[2] = "kowalczyk2024personalisedb"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
}

func TestFiles(t *testing.T) {
	s := testSite(t)
	files, err := Files(s)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	for _, want := range []string{"en/publications/a/citation.bib", "en/publications/a/citation.json", "en/publications/publications.bib", "en/publications/publications.json"} {
		if !strings.Contains(strings.Join(paths, " "), want) {
			t.Errorf("no %s among %v", want, paths)
		}
	}
	if strings.Contains(strings.Join(paths, " "), "fr/") {
		t.Errorf("files for a language without publications: %v", paths)
	}
}

// TestReadBack has citation-js (the parser of Zotero's and many
// reference tools' web imports) read the BibTeX and CSL-JSON files back
// and checks it finds what the front matter says. It needs node and
// citation-js (CONSORT_CITATION_JS: the node_modules folder holding
// @citation-js/core, plugin-bibtex and plugin-csl; .ci/run installs them);
// it is skipped without, unless CONSORT_REQUIRE_BROWSER=1.
func TestReadBack(t *testing.T) {
	mods := os.Getenv("CONSORT_CITATION_JS")
	node, err := exec.LookPath("node")
	if mods == "" || err != nil {
		if os.Getenv("CONSORT_REQUIRE_BROWSER") == "1" {
			t.Fatal("CONSORT_CITATION_JS or node is missing; .ci/run installs citation-js into .ci/node_modules")
		}
		t.Skip("set CONSORT_CITATION_JS to a node_modules folder with @citation-js/core, plugin-bibtex and plugin-csl")
	}
	s := testSite(t)
	files, err := Files(s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		if strings.HasPrefix(f.Path, "en/publications/publications.") {
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Path)), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	script := `
const mods = process.argv[1], dir = process.argv[2];
const core = require(mods + '/@citation-js/core');
require(mods + '/@citation-js/plugin-bibtex');
require(mods + '/@citation-js/plugin-csl');
const fs = require('fs');
const warnings = [];
core.logger.level = 'warn';
core.logger._console = {log: (...a) => warnings.push(a.map(String).join(' '))};
const read = (text, type) => core.plugins.input.chain(text, {forceType: type, generateGraph: false});
const bib = read(fs.readFileSync(dir + '/publications.bib', 'utf8'), '@bibtex/text');
const csl = read(JSON.parse(fs.readFileSync(dir + '/publications.json', 'utf8')), '@csl/list+object');
const bibliography = new core.Cite(csl).format('bibliography', {template: 'apa', lang: 'en-US', format: 'text'});
process.stdout.write(JSON.stringify({bib, csl, bibliography, warnings}));
`
	cmd := exec.Command(node, "-e", script, mods, dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("citation-js: %v\n%s%s", err, out, stderr.String())
	}
	var got struct {
		Bib, CSL     []map[string]any
		Bibliography string
		Warnings     []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Warnings) > 0 {
		t.Errorf("citation-js warned: %v", got.Warnings)
	}
	pubs := Sorted(s.PagesOf("en", Section))
	keys := Keys(pubs)
	for name, items := range map[string][]map[string]any{"BibTeX": got.Bib, "CSL-JSON": got.CSL} {
		if len(items) != len(pubs) {
			t.Fatalf("%s: %d entries read back, want %d", name, len(items), len(pubs))
		}
		for i, p := range pubs {
			it, pub := items[i], p.Publication()
			check := func(field string, want any) {
				t.Helper()
				if g := it[field]; !reflect.DeepEqual(g, want) {
					t.Errorf("%s %s: %s = %#v, want %#v", name, keys[i], field, g, want)
				}
			}
			check("id", keys[i])
			check("title", p.Title())
			check("issued", map[string]any{"date-parts": []any{[]any{float64(pub.Year)}}})
			check("type", cslTypes[pub.PublicationType])
			if pub.DOI != "" {
				check("DOI", pub.DOI)
			}
			if pub.Pages != "" {
				check("page", pub.Pages)
			}
			venue := "container-title"
			if pub.PublicationType == "book" || pub.PublicationType == "report" {
				venue = "publisher"
			}
			if name == "BibTeX" && pub.PublicationType == "report" {
				venue = "publisher" // institution, read as publisher
			}
			check(venue, pub.Venue)
			var authors []any
			for _, a := range pub.Authors {
				f, g := splitName(a)
				switch {
				case g == "" && name == "BibTeX": // a name in braces is a family name
					authors = append(authors, map[string]any{"family": f})
				case g == "":
					authors = append(authors, map[string]any{"literal": f})
				default:
					authors = append(authors, map[string]any{"family": f, "given": g})
				}
			}
			check("author", authors)
		}
	}
	for _, want := range []string{"Kowalczyk, Z., Müller, J.-L., & Consortium. (2025).", "https://doi.org/10.1234/jcs.2025.045"} {
		if !strings.Contains(got.Bibliography, want) {
			t.Errorf("the APA bibliography lacks %q:\n%s", want, got.Bibliography)
		}
	}
}
