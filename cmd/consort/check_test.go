package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tempSite makes a site with consort new site in a temporary folder.
func tempSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if out, errs, code := consort("new", "site", dir, "--clock", "2026-01-15"); code != 0 {
		t.Fatalf("consort new site: exit %d; want 0\n%s%s", code, out, errs)
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkJSON runs consort check --format json on dir.
func checkJSON(t *testing.T, dir string, extra ...string) (rep struct {
	OK       bool `json:"ok"`
	Problems []struct {
		File, Code, Severity, Message string
		Draft                         bool
	} `json:"problems"`
}, code int) {
	t.Helper()
	out, errs, code := consort(append([]string{"check", "--source", dir, "--format", "json"}, extra...)...)
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --format json: %v\nstdout: %s\nstderr: %s", err, out, errs)
	}
	return rep, code
}

// TestNewSiteChecksClean: a new site builds and checks clean at once,
// strictly (no warning either).
func TestNewSiteChecksClean(t *testing.T) {
	dir := tempSite(t)
	out, errs, code := consort("check", "--source", dir, "--strict")
	if code != 0 || !strings.Contains(out, "no problems in 26 pages (en 13, fr 13)") {
		t.Errorf("check --strict: exit %d; want 0 and no problems\n%s%s", code, out, errs)
	}
	if _, errs, code := consort("build", "--source", dir, "--quiet"); code != 0 {
		t.Errorf("build: exit %d; want 0\n%s", code, errs)
	}
}

// TestStaleness follows a translation through its life: made from its
// source, stale once the source changes, current again after --update;
// file times play no part (the files are rewritten, not touched).
func TestStaleness(t *testing.T) {
	dir := tempSite(t)
	src := filepath.Join(dir, "content/en/news/example-news.md")
	fr := filepath.Join(dir, "content/fr/news/example-news.md")

	// The French page was made from the English one: current.
	if rep, code := checkJSON(t, dir, "--strict"); code != 0 || len(rep.Problems) != 0 {
		t.Fatalf("before any change: exit %d, problems %v; want 0 and none", code, rep.Problems)
	}

	// Edit the source: the translation is stale, a warning (exit 0), and
	// --strict fails.
	writeFile(t, src, strings.Replace(readFile(t, src), "first meeting", "first meeting in Lyon", 1))
	rep, code := checkJSON(t, dir)
	if code != 0 || len(rep.Problems) != 1 || rep.Problems[0].Code != "stale-translation" || rep.Problems[0].File != "content/fr/news/example-news.md" || rep.Problems[0].Severity != "warning" {
		t.Fatalf("after editing the source: exit %d, problems %+v; want 0 and one stale-translation warning on the French page", code, rep.Problems)
	}
	if _, code := checkJSON(t, dir, "--strict"); code != 1 {
		t.Errorf("check --strict with a stale translation: exit %d; want 1", code)
	}

	// Editing the translation alone does not clear it...
	writeFile(t, fr, strings.Replace(readFile(t, fr), "première réunion", "première réunion à Lyon", 1))
	if rep, _ := checkJSON(t, dir); len(rep.Problems) != 1 || rep.Problems[0].Code != "stale-translation" {
		t.Errorf("after editing the translation only: problems %+v; want still stale", rep.Problems)
	}
	// ...recording that it caught up does.
	out, errs, code := consort("new", "--source", dir, "--translate", "--update", "content/fr/news/example-news.md")
	if code != 0 || !strings.Contains(out, "updated content/fr/news/example-news.md: translatedFrom en@") {
		t.Fatalf("new --translate --update: exit %d\n%s%s", code, out, errs)
	}
	if rep, code := checkJSON(t, dir, "--strict"); code != 0 || len(rep.Problems) != 0 {
		t.Errorf("after --update: exit %d, problems %+v; want clean", code, rep.Problems)
	}
	// Line ends do not count: the source saved with CRLF is still current.
	writeFile(t, src, strings.ReplaceAll(readFile(t, src), "\n", "\r\n"))
	if rep, code := checkJSON(t, dir, "--strict"); code != 0 || len(rep.Problems) != 0 {
		t.Errorf("after saving the source with CRLF: exit %d, problems %+v; want clean", code, rep.Problems)
	}
}

// TestNewEveryKind: consort new of every kind, in either language, writes
// a page and its twin that build and check clean; the slug is folded and
// unique; nothing is overwritten.
func TestNewEveryKind(t *testing.T) {
	dir := tempSite(t)
	tests := []struct {
		kind, title, lang string
		want              []string
	}{
		{"page", "Contact us", "", []string{"content/en/contact-us.md", "content/fr/contact-us.md"}},
		{"page", "Partners", "", []string{"content/en/partners-2.md", "content/fr/partners-2.md"}}, // /en/partners/ is the section
		{"cluster", "BioM Biotech Cluster", "", []string{"content/en/clusters/biom-biotech-cluster.md", "content/fr/clusters/biom-biotech-cluster.md"}},
		{"partner", "Klaster LifeScience Kraków", "", []string{"content/en/partners/klaster-lifescience-krakow.md", "content/fr/partners/klaster-lifescience-krakow.md"}},
		{"mission", "Mission à São Paulo", "fr", []string{"content/fr/missions/mission-a-sao-paulo.md", "content/en/missions/mission-a-sao-paulo.md"}},
		{"interview", "Isabelle Scarabin", "", []string{"content/en/interviews/isabelle-scarabin.md", "content/fr/interviews/isabelle-scarabin.md"}},
		{"news", "Œuvres & coopération", "fr", []string{"content/fr/news/oeuvres-cooperation.md", "content/en/news/oeuvres-cooperation.md"}},
	}
	for _, tt := range tests {
		args := []string{"new", "--source", dir, "--clock", "2026-01-15", tt.kind, tt.title}
		if tt.lang != "" {
			args = append(args, "--lang", tt.lang)
		}
		out, errs, code := consort(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errs)
		}
		var want string
		for _, f := range tt.want {
			want += "created " + f + "\n"
		}
		if out != want {
			t.Errorf("%v:\ngot  %q\nwant %q", args, out, want)
		}
		comment := map[string]string{"en": "# required: the title", "fr": "# obligatoire : le titre"}
		for _, f := range tt.want {
			lang := strings.Split(f, "/")[1]
			if text := readFile(t, filepath.Join(dir, f)); !strings.Contains(text, comment[lang]) {
				t.Errorf("%s has no %s comments:\n%s", f, lang, text)
			}
		}
	}
	// The new pages are drafts: checked clean, and clean with --drafts too
	// once the editor publishes them.
	if out, errs, code := consort("check", "--source", dir, "--strict"); code != 0 {
		t.Errorf("check after new: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code := consort("check", "--source", dir, "--drafts")
	if code != 0 {
		t.Errorf("check --drafts after new: exit %d; want 0\n%s%s", code, out, errs)
	}
	// Pages that are only drafts are orphans until linked; nothing else.
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "error[") || (strings.Contains(line, "warning[") && !strings.Contains(line, "warning[orphan]")) {
			t.Errorf("check --drafts: unexpected %s", line)
		}
	}

	// The same page twice, even written otherwise, is refused, naming the
	// file that has it, and nothing is written.
	out, errs, code = consort("new", "--source", dir, "partner", "Klaster  LifeScience  KRAKÓW", "--lang", "fr")
	if want := "consort: content/en/partners/klaster-lifescience-krakow.md already exists: a page by that name is there; edit it, or give the new page another title\n"; code != 1 || errs != want || out != "" {
		t.Errorf("new partner twice: exit %d\nstdout %q\nstderr %q\nwant exit 1 and %q", code, out, errs, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/fr/partners/klaster-lifescience-krakow-2.md")); err == nil {
		t.Error("new partner twice wrote klaster-lifescience-krakow-2.md")
	}

	// Never overwrite.
	before := readFile(t, filepath.Join(dir, "content/en/about.md"))
	if _, errs, code := consort("new", "--source", dir, "--translate", "content/en/about.md", "--to", "fr"); code != 1 || !strings.Contains(errs, "content/fr/about.md exists; consort never overwrites") {
		t.Errorf("translate onto an existing file: exit %d, %q; want 1 and never overwrites", code, errs)
	}
	if readFile(t, filepath.Join(dir, "content/en/about.md")) != before {
		t.Error("content/en/about.md changed")
	}
}

// TestNewTranslate: --translate writes the source's text to translate,
// as a draft, with translatedFrom set to the source's language and hash.
func TestNewTranslate(t *testing.T) {
	dir := tempSite(t)
	if err := os.Remove(filepath.Join(dir, "content/fr/news/example-news.md")); err != nil {
		t.Fatal(err)
	}
	rep, _ := checkJSON(t, dir)
	if len(rep.Problems) != 1 || rep.Problems[0].Code != "untranslated" || !strings.Contains(rep.Problems[0].Message, "consort new --translate content/en/news/example-news.md --to fr") {
		t.Fatalf("without the French news: problems %+v; want one untranslated warning naming the command", rep.Problems)
	}
	out, errs, code := consort("new", "--source", dir, "--translate", "content/en/news/example-news.md", "--to", "fr")
	if code != 0 || out != "created content/fr/news/example-news.md: translate it, then remove its draft line\n" {
		t.Fatalf("new --translate: exit %d\n%s%s", code, out, errs)
	}
	text := readFile(t, filepath.Join(dir, "content/fr/news/example-news.md"))
	for _, want := range []string{"draft: true", "translatedFrom: en@", "The consortium held its first meeting", "# traduisez le titre"} {
		if !strings.Contains(text, want) {
			t.Errorf("the translation lacks %q:\n%s", want, text)
		}
	}
	// A draft translation is checked, as the editor writes it: its link
	// to the English heading #objectives does not exist on the French
	// page, which has #objectifs.
	rep, code = checkJSON(t, dir)
	if code != 1 || len(rep.Problems) != 1 || rep.Problems[0].Code != "anchor" || !rep.Problems[0].Draft {
		t.Errorf("with the draft translation: exit %d, problems %+v; want one anchor error in a draft", code, rep.Problems)
	}
	// --published leaves it out: the English page is reported as
	// untranslated (its French version is not published), nothing else.
	rep, code = checkJSON(t, dir, "--published")
	if code != 0 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Message, "is left out (draft)") {
		t.Errorf("check --published with the draft translation: exit %d, problems %+v", code, rep.Problems)
	}
	// Published untranslated, its link to the English heading #objectives
	// does not exist on the French page, which has #objectifs.
	text = strings.Replace(text, "draft: true", "draft: false", 1)
	writeFile(t, filepath.Join(dir, "content/fr/news/example-news.md"), text)
	rep, code = checkJSON(t, dir)
	if code != 1 || len(rep.Problems) != 1 || rep.Problems[0].Code != "anchor" || !strings.Contains(rep.Problems[0].Message, `no element with id "objectives"; its headings are #objectifs, #financement`) {
		t.Errorf("published with the English anchor: exit %d, problems %+v; want one anchor error", code, rep.Problems)
	}
	// Translated: clean.
	writeFile(t, filepath.Join(dir, "content/fr/news/example-news.md"), strings.Replace(text, "#objectives", "#objectifs", 1))
	if rep, code := checkJSON(t, dir, "--strict"); code != 0 || len(rep.Problems) != 0 {
		t.Errorf("published translation: exit %d, problems %+v; want clean", code, rep.Problems)
	}
}

func TestCheckAndNewUsage(t *testing.T) {
	dir := tempSite(t)
	tests := []struct {
		name       string
		args       []string
		code       int
		wantStdout string
		wantStderr string
	}{
		{"check help", []string{"help", "check"}, 0, "stale-translation", ""},
		{"check bad format", []string{"check", "--source", dir, "--format", "xml"}, 2, "", `--format "xml": want text or json`},
		{"check text", []string{"check", "--source", dir}, 0, "no problems in 26 pages", ""},
		{"new lists kinds", []string{"new"}, 0, "partner    an organisation of the partner catalogue", ""},
		{"new help", []string{"help", "new"}, 0, "consort new --translate --update FILE", ""},
		{"new unknown kind", []string{"new", "--source", dir, "partnr", "X"}, 2, "", `"partnr" is not a kind of page`},
		{"new no title", []string{"new", "--source", dir, "partner"}, 2, "", "give the title in quotes"},
		{"new bad lang", []string{"new", "--source", dir, "partner", "X", "--lang", "de"}, 1, "", `"de" is not a language of content/site.yaml (en, fr)`},
		{"translate without --to", []string{"new", "--source", dir, "--translate", "content/en/about.md"}, 2, "", "--translate needs --to LANG"},
		{"translate not content", []string{"new", "--source", dir, "--translate", "README.md", "--to", "fr"}, 1, "", "README.md is not a content file"},
		{"new site not empty", []string{"new", "site", dir}, 1, "", "is not empty"},
		{"no site", []string{"new", "--source", t.TempDir(), "page", "X"}, 1, "", "content/site.yaml is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := consort(tt.args...)
			if code != tt.code || !strings.Contains(out, tt.wantStdout) || !strings.Contains(errs, tt.wantStderr) {
				t.Errorf("consort %v: exit %d; want %d\nstdout: %s\nstderr: %s\nwant stdout ~ %q, stderr ~ %q", tt.args, code, tt.code, out, errs, tt.wantStdout, tt.wantStderr)
			}
		})
	}
}

// TestShippedSiteChecks runs consort check on the repository's own site:
// it checks clean, strictly, but for the menus' links to the catalogue
// while the build does not make it.
func TestShippedSiteChecks(t *testing.T) {
	rep, _ := checkJSON(t, "../..")
	for _, p := range rep.Problems {
		if p.File == "content/site.yaml" && p.Code == "link" && strings.Contains(p.Message, "/catalogue/, which is not in the built site") {
			continue
		}
		t.Errorf("shipped site: %s: %s[%s]: %s", p.File, p.Severity, p.Code, p.Message)
	}
}
