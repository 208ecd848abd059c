package corpus

import (
	"fmt"
	"os"
	"strconv"
	"strings"
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
