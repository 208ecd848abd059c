package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckShowsEverythingAtOnce is what an editor does: make a partner
// with consort new (a draft), get its fields, links and images wrong,
// break another page's front matter with a tab, and run consort check.
// Every problem comes in the one run, the draft's marked as such, with
// suggestions; the broken page causes nothing elsewhere; a published page
// linking to the draft is told it breaks without drafts; --published
// leaves the draft's links and images out.
func TestCheckShowsEverythingAtOnce(t *testing.T) {
	dir := tempSite(t)
	if _, errs, code := consort("new", "--source", dir, "--clock", "2026-01-15", "partner", "Acme Bio"); code != 0 {
		t.Fatalf("new partner: exit %d\n%s", code, errs)
	}
	edit := func(file string, pairs ...string) {
		t.Helper()
		p := filepath.Join(dir, file)
		text := readFile(t, p)
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(text, pairs[i]) {
				t.Fatalf("%s has no %q", file, pairs[i])
			}
			text = strings.Replace(text, pairs[i], pairs[i+1], 1)
		}
		writeFile(t, p, text)
	}
	edit("content/en/partners/acme-bio.md",
		"orgType: company  ", "orgType: compagny ",
		"# cluster: example-cluster ", "cluster: example-cluster   ",
		"# logo: /img/acme-bio.svg ", "logo: /img/acme-bio.svg   ")
	writeFile(t, filepath.Join(dir, "content/en/partners/acme-bio.md"), readFile(t, filepath.Join(dir, "content/en/partners/acme-bio.md"))+
		"\nSee [us](/en/abuot/), [the cluster](../clusters/example-clustre.md) and ![A diagram](/img/diagram.png).\n")
	// The cluster the draft and the example company name cannot be read.
	edit("content/en/clusters/example-cluster.md", "\nsummary:", "\n\tsummary:")
	// A published page links to the draft (its French version goes stale).
	writeFile(t, filepath.Join(dir, "content/en/about.md"), readFile(t, filepath.Join(dir, "content/en/about.md"))+"\nMeet [Acme](partners/acme-bio.md).\n")

	out, errs, code := consort("check", "--source", dir)
	problems, _, _ := strings.Cut(out, "\n\n")
	want := `content/en/about.md:24: error[link]: link to /en/partners/acme-bio/: content/en/partners/acme-bio.md is a draft; publish that page (remove its draft line) or this link breaks when the site is built
content/en/clusters/example-cluster.md:3: error[content]: front matter is not valid YAML: this line is indented with a tab; YAML does not allow tabs for indentation: replace the tab with spaces
content/en/partners/acme-bio.md:14: error[content]: (draft) orgType: "compagny" is not an orgType of content/site.yaml; did you mean "company"?
content/en/partners/acme-bio.md:19: error[image]: (draft) logo: /img/acme-bio.svg does not exist; image files go in the static/ folder of the site: save it as static/img/acme-bio.svg, or fix the path
content/en/partners/acme-bio.md:33: error[image]: (draft) image /img/diagram.png does not exist; image files go in the static/ folder of the site: save it as static/img/diagram.png, or fix the path
content/en/partners/acme-bio.md:33: error[link]: (draft) link to ../clusters/example-clustre.md: content/en/clusters/example-clustre.md does not exist; did you mean ../clusters/example-cluster.md?
content/en/partners/acme-bio.md:33: error[link]: (draft) links to /en/abuot/, which does not exist; did you mean /en/about/?
content/fr/about.md:12: warning[stale-translation]: translatedFrom: stale: content/en/about.md changed since this page was translated from it; update the translation, then run ` + "`consort new --translate --update content/fr/about.md`" + `
content/fr/clusters/example-cluster.md:12: warning[stale-translation]: translatedFrom: stale: content/en/clusters/example-cluster.md changed since this page was translated from it; update the translation, then run ` + "`consort new --translate --update content/fr/clusters/example-cluster.md`" + `
content/fr/partners/acme-bio.md:13: warning[stale-translation]: (draft) translatedFrom: stale: content/en/partners/acme-bio.md changed since this page was translated from it; update the translation, then run ` + "`consort new --translate --update content/fr/partners/acme-bio.md`"
	if code != 1 || problems != want {
		t.Errorf("check: exit %d; want 1\ngot:\n%s\nwant:\n%s\nstderr: %s", code, problems, want, errs)
	}
	if !strings.HasSuffix(out, "\n7 errors, 3 warnings in 27 pages (en 13, fr 14; 2 drafts)\n") {
		t.Errorf("check: summary of\n%s\nwant 7 errors, 3 warnings in 27 pages (en 13, fr 14; 2 drafts)", out)
	}

	// --published checks what consort build publishes: the draft's
	// front matter is still validated (the build reads it), its links
	// and images are not; the link to it is broken.
	out, _, code = consort("check", "--source", dir, "--published")
	problems, _, _ = strings.Cut(out, "\n\n")
	want = `content/en/about.md:24: error[link]: link to partners/acme-bio.md: content/en/partners/acme-bio.md is not published (draft)
content/en/clusters/example-cluster.md:3: error[content]: front matter is not valid YAML: this line is indented with a tab; YAML does not allow tabs for indentation: replace the tab with spaces
content/en/partners/acme-bio.md:14: error[content]: (draft) orgType: "compagny" is not an orgType of content/site.yaml; did you mean "company"?
content/fr/about.md:12: warning[stale-translation]: translatedFrom: stale: content/en/about.md changed since this page was translated from it; update the translation, then run ` + "`consort new --translate --update content/fr/about.md`" + `
content/fr/clusters/example-cluster.md:12: warning[stale-translation]: translatedFrom: stale: content/en/clusters/example-cluster.md changed since this page was translated from it; update the translation, then run ` + "`consort new --translate --update content/fr/clusters/example-cluster.md`"
	if code != 1 || problems != want {
		t.Errorf("check --published: exit %d; want 1\ngot:\n%s\nwant:\n%s", code, problems, want)
	}
}
