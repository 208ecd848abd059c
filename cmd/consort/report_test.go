package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shippedSite is the repository's own site folder.
const shippedSite = "../.."

// tree reads every file of a published folder but the marker.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".consort" {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBuildReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	reportFile := filepath.Join(t.TempDir(), "report.json")
	stdout, stderr, code := consort("build", "--source", shippedSite, "--out", out, "--clock", "2026-01-15", "--report", reportFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(reportFile)
	if err != nil {
		t.Fatal(err)
	}
	var r buildReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("--report is not JSON: %v\n%s", err, data)
	}
	files := tree(t, out)
	var bytesOnDisk int64
	types := map[string]int{}
	for p, d := range files {
		bytesOnDisk += int64(len(d))
		ext := strings.TrimPrefix(filepath.Ext(p), ".")
		if ext == "" {
			ext = "other"
		}
		types[ext]++
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"out", r.Out, out},
		{"files", r.Files, len(files)},
		{"bytes", r.Bytes, bytesOnDisk},
		{"pages total", r.PagesTotal, 62},
		{"English partners", r.Pages["en"]["partner"], 7},
		{"French clusters", r.Pages["fr"]["cluster"], 5},
		{"html files", r.ByType["html"].Files, types["html"]},
		{"xml files", r.ByType["xml"].Files, types["xml"]},
		{"css files", r.ByType["css"].Files, 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
	if r.DurationMS < 0 {
		t.Errorf("durationMs = %d", r.DurationMS)
	}
	for _, want := range []string{"built 62 pages (en 31, fr 31)", "\n  pages ", "\n  partner ", "  files: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	t.Run("quiet still writes the report", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "r.json")
		stdout, stderr, code := consort("build", "--quiet", "--source", shippedSite, "--out", filepath.Join(t.TempDir(), "o"), "--report", file)
		if code != 0 || stdout != "" {
			t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
		if _, err := os.Stat(file); err != nil {
			t.Error(err)
		}
	})
	t.Run("unwritable report", func(t *testing.T) {
		_, stderr, code := consort("build", "--source", shippedSite, "--out", filepath.Join(t.TempDir(), "o"), "--report", filepath.Join(t.TempDir(), "no", "such", "dir", "r.json"))
		if code != 1 || !strings.Contains(stderr, "--report") {
			t.Errorf("exit %d, stderr %q; want 1 and a --report error", code, stderr)
		}
	})
}

// TestClockMakesBuildsIdentical builds the shipped site twice with the
// same --clock while the machine's local zone puts "today" on two
// different dates (UTC+14 and UTC-12): every published byte is the same.
func TestClockMakesBuildsIdentical(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	var trees []map[string][]byte
	for _, zone := range []*time.Location{time.FixedZone("UTC+14", 14*3600), time.FixedZone("UTC-12", -12*3600)} {
		time.Local = zone
		out := filepath.Join(t.TempDir(), "public")
		if _, stderr, code := consort("build", "--quiet", "--source", shippedSite, "--out", out, "--clock", "2026-01-15T09:00:00Z"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		trees = append(trees, tree(t, out))
	}
	a, b := trees[0], trees[1]
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			t.Errorf("%s differs between the two builds", p)
		}
	}
}
