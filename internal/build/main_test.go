package build

import (
	"testing"

	"github.com/consort-ssg/consort/internal/browser"
)

// TestMain says which browser tests were skipped, if any (see browser.Main).
func TestMain(m *testing.M) { browser.Main(m) }
