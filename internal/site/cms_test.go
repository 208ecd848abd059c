package site

import (
	"strings"
	"testing"
)

func TestCMSConfig(t *testing.T) {
	base := "title: {en: T, fr: T}\n"
	for _, tc := range []struct {
		name, yaml string
		want       []string // "line: field: part of message"
	}{
		{"none", "", nil},
		{"github", "cms:\n  backend: github\n  repo: my-consortium/website\n  branch: main\n  authURL: https://auth.example.org\n", nil},
		{"gitlab subgroup pkce", "cms:\n  backend: gitlab\n  repo: group/sub/site\n  appID: abc\n  apiRoot: https://gitlab.example.org/api/v4\n", nil},
		{"test-repo", "cms:\n  backend: test-repo\n", nil},
		{"self-hosted script", "cms:\n  backend: test-repo\n  script: /admin/sveltia-cms.js\n", nil},
		{"cdn script", "cms:\n  backend: test-repo\n  script: https://cdn.example.org/cms.js\n  integrity: sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6\n", nil},
		{"no backend", "cms:\n  repo: a/b\n", []string{`2: cms.backend: missing`}},
		{"typo", "cms:\n  backend: gitub\n  repo: a/b\n", []string{`3: cms.backend: "gitub" is not a CMS backend; write github, gitlab or test-repo; did you mean "github"?`}},
		{"no repo", "cms:\n  backend: github\n", []string{`2: cms.repo: missing`}}, // at the line of cms:
		{"repo url", "cms:\n  backend: github\n  repo: https://github.com/a/b.git\n", []string{`4: cms.repo: "https://github.com/a/b.git" is not a repository`}},
		{"github subgroup", "cms:\n  backend: github\n  repo: a/b/c\n", []string{`4: cms.repo:`}},
		{"branch", "cms:\n  backend: github\n  repo: a/b\n  branch: a..b\n", []string{`5: cms.branch:`}},
		{"auth http", "cms:\n  backend: github\n  repo: a/b\n  authURL: http://auth.example.org\n", []string{`5: cms.authURL: "http://auth.example.org" is not an https address`}},
		{"appID on github", "cms:\n  backend: github\n  repo: a/b\n  appID: x\n", []string{`5: cms.appID: is for GitLab`}},
		{"media escapes", "cms:\n  backend: test-repo\n  media: ../x\n", []string{`4: cms.media:`}},
		{"script without hash", "cms:\n  backend: test-repo\n  script: https://cdn.example.org/cms.js\n", []string{`2: cms.integrity: missing`}},
		{"script http", "cms:\n  backend: test-repo\n  script: http://cdn.example.org/cms.js\n", []string{`4: cms.script: "http://cdn.example.org/cms.js" must be an https:// address`}},
		{"bad hash", "cms:\n  backend: test-repo\n  script: /cms.js\n  integrity: md5-xyz\n", []string{`5: cms.integrity: "md5-xyz" is not a Subresource Integrity hash`}},
		{"hash alone", "cms:\n  backend: test-repo\n  integrity: sha384-abc\n", []string{`4: cms.integrity: is the hash of cms.script`}},
		{"unknown key", "cms:\n  backend: test-repo\n  repository: a/b\n", []string{`4: cms.repository: unknown field; known fields: apiRoot, appID`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := ParseConfig([]byte(base + tc.yaml))
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], ":"+w) {
					t.Errorf("problem %q, want it to contain %q", got[i], w)
				}
			}
		})
	}
}
