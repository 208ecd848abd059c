package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestScholarlyProblems checks every message about deliverables and
// publications, at its file and line.
func TestScholarlyProblems(t *testing.T) {
	del := "title: D\nworkPackage: WP2\nnumber: D2.1\ndue: 2025-05-31\ndissemination: public\nstatus: planned\n"
	pub := "title: P\nauthors: [\"Kowalczyk, Zoë\"]\nyear: 2024\n"
	tests := []struct {
		name, file, front string
		want              []string
	}{
		{"good deliverable", "deliverables/d.md", del, nil},
		{"good publication", "publications/p.md", pub, nil},
		{"empty deliverable", "deliverables/d.md", "title: D\n", []string{
			"content/en/deliverables/d.md:1: dissemination: missing; write public or sensitive",
			"content/en/deliverables/d.md:1: due: missing; write the due date of the grant agreement, YYYY-MM-DD",
			"content/en/deliverables/d.md:1: number: missing; write the deliverable's number in the grant agreement, e.g. D2.1",
			"content/en/deliverables/d.md:1: status: missing; write planned, in-progress, submitted, approved",
			"content/en/deliverables/d.md:1: workPackage: missing; write the work package the deliverable belongs to, e.g. WP2",
		}},
		{"work package", "deliverables/d.md", strings.Replace(del, "WP2", "2", 1), []string{
			`content/en/deliverables/d.md:3: workPackage: "2" is not a work package; write WP and its number, e.g. WP2`,
		}},
		{"number", "deliverables/d.md", strings.Replace(del, "D2.1", "2.1", 1), []string{
			`content/en/deliverables/d.md:4: number: "2.1" is not a deliverable number; write D, the work package's number, a dot and the deliverable's, e.g. D2.1`,
		}},
		{"number of another work package", "deliverables/d.md", strings.Replace(del, "D2.1", "D3.1", 1), []string{
			"content/en/deliverables/d.md:4: number: D3.1 does not belong to WP2; its number starts with D2.",
		}},
		{"dissemination", "deliverables/d.md", strings.Replace(del, "public", "PU", 1), []string{
			`content/en/deliverables/d.md:6: dissemination: "PU" is not one of public, sensitive`,
		}},
		{"status", "deliverables/d.md", strings.Replace(del, "planned", "submited", 1), []string{
			`content/en/deliverables/d.md:7: status: "submited" is not one of planned, in-progress, submitted, approved; did you mean "submitted"?`,
		}},
		{"delivered without its document", "deliverables/d.md", strings.Replace(del, "planned", "submitted", 1), []string{
			"content/en/deliverables/d.md:7: status: a public deliverable that is submitted links its document: give file (a path in static/) or doi",
		}},
		{"sensitive with a file", "deliverables/d.md", strings.Replace(del, "public", "sensitive", 1) + "file: /files/d.pdf\n", []string{
			"content/en/deliverables/d.md:6: dissemination: a sensitive deliverable is not published; remove file and doi, or make it public",
		}},
		{"delivered date too early", "deliverables/d.md", del + "delivered: 2025-05-01\n", []string{
			"content/en/deliverables/d.md:8: delivered: is set but status is planned; write status: submitted once it is delivered",
		}},
		{"file path", "deliverables/d.md", strings.Replace(del, "planned", "approved", 1) + "file: files/d.pdf\n", []string{
			`content/en/deliverables/d.md:8: file: "files/d.pdf" must be a path in static/ starting with /, e.g. /img/logo.svg, or an https:// address`,
		}},
		{"doi as a link", "deliverables/d.md", strings.Replace(del, "planned", "approved", 1) + "doi: https://doi.org/10.5281/zenodo.1234567\n", []string{
			`content/en/deliverables/d.md:8: doi: "https://doi.org/10.5281/zenodo.1234567" is not a DOI; write the DOI alone: 10.5281/zenodo.1234567`,
		}},
		{"not a doi", "publications/p.md", pub + "doi: zenodo.1234567\n", []string{
			`content/en/publications/p.md:5: doi: "zenodo.1234567" is not a DOI; a DOI starts with 10. and has a /, e.g. 10.5281/zenodo.1234567`,
		}},
		{"empty publication", "publications/p.md", "title: P\n", []string{
			`content/en/publications/p.md:1: authors: missing; list the authors in order, e.g. ["Puzio, Roza", "Wehnelt, Stephanie"]`,
			"content/en/publications/p.md:1: year: missing; write the year of publication, e.g. 2024",
		}},
		{"empty author", "publications/p.md", strings.Replace(pub, `["Kowalczyk, Zoë"]`, `["Kowalczyk, Zoë", " "]`, 1), []string{
			"content/en/publications/p.md:3: authors: has an empty name; remove it or write the author's name",
		}},
		{"year", "publications/p.md", strings.Replace(pub, "2024", "24", 1), []string{
			"content/en/publications/p.md:4: year: 24 is not a year; write the year of publication, e.g. 2024",
		}},
		{"type", "publications/p.md", pub + "type: journal\n", []string{
			`content/en/publications/p.md:5: type: "journal" is not one of article, conference, book, chapter, report, thesis, other`,
		}},
		{"open access", "publications/p.md", pub + "openAccess: gold\n", []string{
			`content/en/publications/p.md:5: openAccess: "gold" is not one of open, embargoed, closed`,
		}},
		{"open access without a copy", "publications/p.md", pub + "openAccess: open\n", []string{
			"content/en/publications/p.md:1: repository: missing; an open-access publication links its copy in a trusted repository, e.g. https://zenodo.org/records/...",
		}},
		{"repository", "publications/p.md", pub + "openAccess: open\nrepository: zenodo.org/records/1\n", []string{
			`content/en/publications/p.md:6: repository: "zenodo.org/records/1" is not a web address; write it in full, e.g. https://www.example.org/`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/site.yaml":     {Data: []byte("languages: [{code: en, name: English}]\ntitle: {en: T}\n")},
				"content/en/index.md":   {Data: []byte("---\ntitle: Home\n---\n")},
				"content/en/" + tt.file: {Data: []byte("---\n" + tt.front + "---\n")},
			}
			_, err := Load(fsys, Options{Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if want := strings.Join(tt.want, "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
