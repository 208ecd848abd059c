package browser

import "testing"

// Tool returns the path of a file a browser test needs besides Chromium:
// the one the environment variable env names, else rel under the module
// root (a file that npm ci in .ci installs, say). Without it the test is
// skipped, or fails when CONSORT_REQUIRE_BROWSER=1, saying to run install.
func Tool(t testing.TB, what, install, env, rel string) string {
	t.Helper()
	return find(t, what, install, env, moduleFile(rel))
}
