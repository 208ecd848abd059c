package corpus

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// BenchSizes returns the corpus sizes the stage benchmarks run on: the
// numbers in $CONSORT_BENCH_PAGES ("1000,10000"), or 1000.
func BenchSizes() ([]int, error) {
	env := os.Getenv("CONSORT_BENCH_PAGES")
	if env == "" {
		return []int{1000}, nil
	}
	var sizes []int
	for _, f := range strings.FieldsFunc(env, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < MinPages {
			return nil, fmt.Errorf("CONSORT_BENCH_PAGES: %q is not a number of pages of at least %d", f, MinPages)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// ForEachSize runs f as a sub-benchmark "pages=N" for each of BenchSizes,
// on a corpus of N pages (seed 1) written into a temporary folder dir.
func ForEachSize(b *testing.B, f func(b *testing.B, dir string, pages int)) {
	sizes, err := BenchSizes()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := Write(dir, Options{Pages: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			f(b, dir, n)
		})
	}
}
