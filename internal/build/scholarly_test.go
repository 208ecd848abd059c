package build

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestScholarly checks the fixture site of deliverables and publications
// (testdata/scholarly.txtar) beyond its golden file: the views of the
// lists, the JSON-LD of the entities, the citation files.
func TestScholarly(t *testing.T) {
	res, err := buildFixture(t, fixture(t, "scholarly"))
	if err != nil {
		t.Fatal(err)
	}
	entity := func(path, typ string) map[string]any {
		t.Helper()
		m := ldRE.FindStringSubmatch(file(t, res, path))
		if m == nil {
			t.Fatalf("%s has no JSON-LD", path)
		}
		var doc struct {
			Graph []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, n := range doc.Graph {
			if n["@type"] == typ {
				return n
			}
		}
		t.Fatalf("%s has no %s in %s", path, typ, m[1])
		return nil
	}
	art := entity("en/publications/cluster-services/index.html", "ScholarlyArticle")
	if art["sameAs"] != "https://doi.org/10.1234/jcs.2025.045" || art["isAccessibleForFree"] != true || art["datePublished"] != "2025" {
		t.Errorf("ScholarlyArticle: %v", art)
	}
	if g, _ := art["funding"].(map[string]any); g == nil || g["identifier"] != "101000001" {
		t.Errorf("ScholarlyArticle has no grant: %v", art["funding"])
	}
	del := entity("fr/livrables/d1-1/index.html", "CreativeWork")
	if del["identifier"] != "D1.1" || del["creativeWorkStatus"] != "approved" {
		t.Errorf("CreativeWork: %v", del)
	}
	if sen := entity("en/deliverables/d2-1/index.html", "CreativeWork"); sen["conditionsOfAccess"] == nil {
		t.Errorf("a sensitive deliverable does not say so: %v", sen)
	}

	order := func(path string, want ...string) {
		t.Helper()
		page, last := file(t, res, path), -1
		for _, w := range want {
			i := strings.Index(page, w)
			if i < 0 || i < last {
				t.Errorf("%s: %q missing or out of order (want %v)", path, w, want)
				return
			}
			last = i
		}
	}
	order("en/deliverables/index.html", `aria-current="page">By number`, "WP1", "D1.1", "D1.2", "WP2", "D2.1", "D2.10")
	order("en/deliverables/due/index.html", `aria-current="page">By due date`, "D1.1", "D2.1", "D1.2", "D2.10")
	order("fr/livrables/public/index.html", `aria-current="page">Publics seulement`, "D1.1", "D1.2", "D2.10")
	if strings.Contains(file(t, res, "fr/livrables/public/index.html"), "D2.1 ") {
		t.Error("the public view lists a sensitive deliverable")
	}
	order("en/publications/index.html", "publications.bib", ">2025</span>", "Cluster services", ">2024</span>", "Personalised medicine")
	order("en/publications/title/index.html", "Cluster services", "Personalised medicine")
	if strings.Contains(file(t, res, "en/publications/open-access/index.html"), "Personalised medicine") {
		t.Error("the open-access view lists a closed publication")
	}
	if bib := file(t, res, "en/publications/publications.bib"); strings.Count(bib, "\n@") != 1 || !strings.HasPrefix(bib, "@article{kowalczyk2025cluster,") {
		t.Errorf("publications.bib:\n%s", bib)
	}
	var csl []map[string]any
	if err := json.Unmarshal([]byte(file(t, res, "fr/publications/cluster-services/citation.json")), &csl); err != nil || len(csl) != 1 || csl[0]["DOI"] != "10.1234/jcs.2025.045" {
		t.Errorf("citation.json: %v %v", err, csl)
	}
}
