package site

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// CMSConfig is the cms: block of site.yaml. With it, consort publishes a
// Git-based CMS (Sveltia CMS) at /admin/ whose configuration it writes
// from the site's kinds, vocabularies and languages (internal/cms).
type CMSConfig struct {
	// Backend is where the CMS reads and commits the content: github,
	// gitlab, or test-repo (an in-memory repository in the browser, for
	// trying the forms out; nothing is saved).
	Backend string `yaml:"backend"`
	// Repo is the repository, owner/name (GitLab: group/subgroup/name).
	Repo string `yaml:"repo"`
	// Branch is the branch the CMS commits to; empty: the repository's
	// default branch.
	Branch string `yaml:"branch"`
	// AuthURL is the origin of the OAuth client that signs editors in
	// (GitHub: an authenticator such as sveltia-cms-auth; GitLab: the
	// GitLab instance, when it is not gitlab.com).
	AuthURL string `yaml:"authURL"`
	// AppID is the application ID of a GitLab OAuth application; with it,
	// editors sign in to GitLab with PKCE, without an authenticator.
	AppID string `yaml:"appID"`
	// APIRoot is the API of a self-hosted GitLab or GitHub Enterprise
	// (https://gitlab.example.org/api/v4).
	APIRoot string `yaml:"apiRoot"`
	// Media is the folder of static/ where uploaded images go; default
	// img/uploads (files in static/img/uploads/, shown as /img/uploads/...).
	Media string `yaml:"media"`
	// EditorialWorkflow makes the CMS save changes as drafts (pull or
	// merge requests) that someone publishes, instead of committing.
	EditorialWorkflow bool `yaml:"editorialWorkflow"`
	// Script and Integrity say where the admin page loads the CMS from:
	// an https URL with its Subresource Integrity hash, or a path of the
	// site ("/admin/sveltia-cms.js", a file put in static/). Default: the
	// pinned version on a CDN, with its hash.
	Script    string `yaml:"script"`
	Integrity string `yaml:"integrity"`
}

// CMSBackends are the values of cms.backend.
var CMSBackends = []string{"github", "gitlab", "test-repo"}

var (
	repoRE      = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$`)
	branchRE    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*$`)
	integrityRE = regexp.MustCompile(`^(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}$`)
)

// checkCMS reports what is wrong with the cms: block; add records a
// problem at the line of a field.
func checkCMS(c *CMSConfig, add func(field, format string, args ...any)) {
	switch c.Backend {
	case "":
		add("cms.backend", "missing; write github or gitlab (where the site's repository is), or test-repo to try the CMS without saving")
	case "github", "gitlab", "test-repo":
	default:
		msg := fmt.Sprintf("%q is not a CMS backend; write github, gitlab or test-repo", c.Backend)
		if s := didYouMean(c.Backend, CMSBackends); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		add("cms.backend", "%s", msg)
	}
	if c.Backend == "github" || c.Backend == "gitlab" {
		if c.Repo == "" {
			add("cms.repo", "missing; write the repository of the site, owner/name, e.g. my-consortium/website")
		}
	}
	if c.Repo != "" && (!repoRE.MatchString(c.Repo) || strings.Contains(c.Repo, "..") || c.Backend == "github" && strings.Count(c.Repo, "/") != 1) {
		add("cms.repo", "%q is not a repository; write owner/name, e.g. my-consortium/website, without https:// or .git", c.Repo)
	}
	if c.Branch != "" && (!branchRE.MatchString(c.Branch) || strings.Contains(c.Branch, "..") || strings.HasSuffix(c.Branch, "/") || strings.HasSuffix(c.Branch, ".lock")) {
		add("cms.branch", "%q is not a branch name; write it as Git shows it, e.g. main", c.Branch)
	}
	for _, f := range []struct{ name, v string }{{"cms.authURL", c.AuthURL}, {"cms.apiRoot", c.APIRoot}} {
		if f.v == "" {
			continue
		}
		u, err := url.Parse(f.v)
		if err != nil || u.Scheme != "https" && !(u.Scheme == "http" && isLocalHost(u.Hostname())) || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			add(f.name, "%q is not an https address; write it in full, e.g. https://auth.example.org", f.v)
		}
	}
	if c.AppID != "" && c.Backend != "gitlab" {
		add("cms.appID", "is for GitLab sign-in; remove it, or set backend: gitlab")
	}
	if c.Media != "" {
		m := strings.Trim(c.Media, "/")
		if m == "" || !cleanURLPath("/"+m) || strings.HasPrefix(m, "admin") {
			add("cms.media", "%q is not a folder of static/; write a path such as img/uploads", c.Media)
		}
	}
	switch {
	case c.Script == "" && c.Integrity != "":
		add("cms.integrity", "is the hash of cms.script; give cms.script too, or remove it to use the pinned default")
	case strings.HasPrefix(c.Script, "https://"):
		if u, err := url.Parse(c.Script); err != nil || u.Host == "" {
			add("cms.script", "%q is not a web address", c.Script)
		}
		if c.Integrity == "" {
			add("cms.integrity", "missing; a script from another host needs its Subresource Integrity hash, e.g. sha384-... (openssl dgst -sha384 -binary FILE | base64)")
		}
	case strings.HasPrefix(c.Script, "/"):
		if !cleanURLPath(c.Script) {
			add("cms.script", "%q is not a clean path of the site", c.Script)
		}
	case c.Script != "":
		add("cms.script", "%q must be an https:// address or a path of the site starting with /, e.g. /admin/sveltia-cms.js", c.Script)
	}
	if c.Integrity != "" {
		for _, h := range strings.Fields(c.Integrity) {
			if !integrityRE.MatchString(h) {
				add("cms.integrity", "%q is not a Subresource Integrity hash; write sha384- followed by the base64 digest", h)
			}
		}
	}
}

func isLocalHost(h string) bool { return h == "localhost" || h == "127.0.0.1" || h == "::1" }
