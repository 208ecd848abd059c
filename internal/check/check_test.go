package check

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected reports (want.txt, want.json) in testdata/*.txtar")

var clock = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// fixture reads testdata/name.txtar: the site's files, and the expected
// reports want.txt and want.json when present.
func fixture(t *testing.T, name string) (*txtar.Archive, fstest.MapFS) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want.") {
			fsys[f.Name] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
		}
	}
	return ar, fsys
}

func buildOptions(fsys fstest.MapFS) build.Options {
	return build.Options{Source: fsys, Theme: templates.FS, Static: static.FS, Site: site.Options{Clock: clock}}
}

// expect compares got with the archive's file name, or rewrites it with -update.
func expect(t *testing.T, ar *txtar.Archive, fixture, name string, got []byte) {
	t.Helper()
	for i, f := range ar.Files {
		if f.Name != name {
			continue
		}
		if *update {
			ar.Files[i].Data = got
			if err := os.WriteFile(filepath.Join("testdata", fixture+".txtar"), txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("%s of testdata/%s.txtar:\ngot:\n%s\nwant:\n%s(run go test ./internal/check -update to accept)", name, fixture, got, f.Data)
		}
		return
	}
	if name == "want.txt" {
		t.Fatalf("testdata/%s.txtar has no %s", fixture, name)
	}
}

// TestFixtures checks every site of testdata/ and compares the report
// with the fixture's want.txt (and want.json when it has one).
func TestFixtures(t *testing.T) {
	matches, _ := filepath.Glob("testdata/*.txtar")
	if len(matches) == 0 {
		t.Fatal("no fixtures")
	}
	for _, m := range matches {
		name := strings.TrimSuffix(filepath.Base(m), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, fsys := fixture(t, name)
			rep := Site(context.Background(), buildOptions(fsys), Options{})
			var text bytes.Buffer
			if err := rep.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			expect(t, ar, name, "want.txt", text.Bytes())
			var js bytes.Buffer
			if err := rep.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			expect(t, ar, name, "want.json", js.Bytes())
			for _, p := range rep.Problems {
				if p.Code == "" {
					t.Errorf("problem without code: %s", Line(p))
				}
			}
		})
	}
}

// TestJSONShape pins the JSON report's shape: the keys CI scripts read are
// always present, lists are [] rather than null, and nothing else appears.
func TestJSONShape(t *testing.T) {
	for _, name := range []string{"clean", "translations", "content"} {
		t.Run(name, func(t *testing.T) {
			_, fsys := fixture(t, name)
			var buf bytes.Buffer
			if err := Site(context.Background(), buildOptions(fsys), Options{}).WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			var strict JSONReport
			dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&strict); err != nil {
				t.Fatalf("the report has a key JSONReport does not declare: %v", err)
			}
			if strict.Version != 1 {
				t.Errorf("version = %d; want 1", strict.Version)
			}
			var loose map[string]any
			if err := json.Unmarshal(buf.Bytes(), &loose); err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{"version", "ok", "summary", "problems", "translations"} {
				if _, ok := loose[key]; !ok {
					t.Errorf("key %q missing", key)
				}
			}
			if _, ok := loose["problems"].([]any); !ok {
				t.Errorf("problems = %v; want a list", loose["problems"])
			}
			if _, ok := loose["translations"].([]any); !ok {
				t.Errorf("translations = %v; want a list", loose["translations"])
			}
			sum := loose["summary"].(map[string]any)
			for _, key := range []string{"errors", "warnings", "pages"} {
				if _, ok := sum[key]; !ok {
					t.Errorf("summary key %q missing", key)
				}
			}
			for _, p := range loose["problems"].([]any) {
				m := p.(map[string]any)
				for _, key := range []string{"file", "line", "severity", "code", "field", "message"} {
					if _, ok := m[key]; !ok {
						t.Errorf("problem %v has no key %q", m, key)
					}
				}
				if s := m["severity"]; s != "error" && s != "warning" {
					t.Errorf("severity = %v; want error or warning", s)
				}
			}
			for _, c := range loose["translations"].([]any) {
				m := c.(map[string]any)
				for _, key := range []string{"only", "stale"} {
					if _, ok := m[key].([]any); !ok {
						t.Errorf("translation %v: %q = %v; want a list", m, key, m[key])
					}
				}
			}
		})
	}
}
