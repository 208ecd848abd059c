//go:build !unix

package build_test

import "time"

// cpuTime is 0 where the process's CPU time is not known: benchmarks
// then report wall time alone.
func cpuTime() time.Duration { return 0 }
