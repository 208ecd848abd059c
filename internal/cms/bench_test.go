package cms

import "testing"

// BenchmarkFiles measures the admin's files of the repository's site.
func BenchmarkFiles(b *testing.B) {
	cfg := testConfig(b, testSite(b))
	b.ReportAllocs()
	for b.Loop() {
		Files(cfg, nil)
	}
}
