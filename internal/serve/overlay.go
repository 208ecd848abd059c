package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// inject adds the preview's own HTML to a page as it is served: the
// problem overlay when the last build failed, the editor bar, and the
// reload script. It goes before the last </body>, inside a shadow root so
// that the site's styles and the preview's do not mix.
func (s *server) inject(page []byte, st *state, urlPath, lang string) []byte {
	msg := messagesFor(lang)
	v := view{
		Server: s.id, Gen: st.gen, Follow: !s.opts.NoFollow, Lang: lang, M: msg,
	}
	if st.problems != nil {
		v.Overlay = &overlayView{First: st.site == nil}
		errs := st.problems.Errors()
		if len(errs) == 0 {
			errs = st.problems
		}
		for i, p := range errs {
			if i == maxShown {
				v.Overlay.More = fmt.Sprintf(msg.More, len(errs)-maxShown)
				break
			}
			v.Overlay.Problems = append(v.Overlay.Problems, problemView(p, msg))
		}
	}
	if st.site != nil {
		v.Bar = s.barFor(st, urlPath, lang)
	}
	var b bytes.Buffer
	if err := previewTemplate.Execute(&b, v); err != nil {
		b.Reset() // cannot happen with the data above; serve the page as built
	}
	b.WriteString(`<script src="/__consort/live.js"></script>`)
	i := lastIndexFold(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+b.Len())
	out = append(out, page[:i]...)
	out = append(out, b.Bytes()...)
	return append(out, page[i:]...)
}

// maxShown is how many problems the overlay lists.
const maxShown = 20

func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

type view struct {
	Server  string
	Gen     uint64
	Follow  bool
	Lang    string
	M       *messages
	Overlay *overlayView
	Bar     *barView
}

type overlayView struct {
	First    bool // no build has succeeded yet
	Problems []problemLine
	More     string
}

type problemLine struct {
	Where, Advice, Detail string
}

func problemView(p site.Problem, m *messages) problemLine {
	var where []string
	if p.File != "" {
		where = append(where, p.File)
	}
	if p.Line > 0 {
		where = append(where, fmt.Sprintf(m.Line, p.Line))
	}
	if p.Field != "" {
		where = append(where, fmt.Sprintf(m.Field, p.Field))
	}
	return problemLine{Where: strings.Join(where, ", "), Advice: m.Advice[adviceFor(p)], Detail: p.Msg}
}

// adviceFor sorts a problem into the kinds the overlay explains in plain
// words; the message itself, in English, says exactly what to fix.
func adviceFor(p site.Problem) string {
	m := strings.ToLower(p.Msg)
	switch {
	case p.File == site.ConfigFile && strings.HasPrefix(p.Field, "languages"):
		return "language"
	case p.File == site.ConfigFile:
		return "config"
	case strings.HasPrefix(p.File, "templates/i18n/"):
		return "strings"
	case strings.HasPrefix(p.File, "templates/"):
		return "template"
	case strings.HasPrefix(p.File, "static/"):
		return "static"
	case strings.Contains(m, "front matter") || strings.Contains(m, "yaml") || strings.Contains(m, "toml"):
		return "syntax"
	case strings.Contains(m, "unknown field"):
		return "unknown"
	case strings.HasPrefix(m, "missing"):
		return "missing"
	case strings.Contains(m, "does not exist") && (strings.HasPrefix(m, "image ") || p.Field == "image" || p.Field == "logo"):
		return "image"
	case strings.Contains(m, "does not exist") || strings.Contains(m, "is not published"):
		return "link"
	case p.Field != "":
		return "value"
	}
	return "other"
}

var templateErrRE = regexp.MustCompile(`(templates/[^\s:]+):(\d+):(\d+:)?\s*`)

// problemsOf turns a build error into problems: content problems as they
// are, a template error with its file and line.
func problemsOf(err error) site.Problems {
	var ps site.Problems
	if errors.As(err, &ps) && len(ps) > 0 {
		return ps
	}
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatchIndex(msg); m != nil {
		line, _ := strconv.Atoi(msg[m[4]:m[5]])
		rest := strings.TrimSpace(msg[:m[0]] + msg[m[1]:])
		return site.Problems{{File: msg[m[2]:m[3]], Line: line, Msg: rest}}
	}
	// "templates/i18n/de.yaml: ...": a file without a line.
	if file, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(file, "templates/") && !strings.ContainsAny(file, " \n") {
		return site.Problems{{File: file, Msg: rest}}
	}
	return site.Problems{{Msg: msg}}
}

// barView is the editor bar of one page.
type barView struct {
	File      string // "" for a page made up
	Made      string // the note of a made-up page
	Draft     bool
	Notes     []barNote
	Complete  bool // translated into every language, nothing to say
	Dismissed bool
}

type barNote struct {
	Text, Command string
}

// barFor makes the editor bar of the page served at urlPath.
func (s *server) barFor(st *state, urlPath, lang string) *barView {
	p := s.pageAt(st, urlPath)
	if p == nil {
		return nil
	}
	m := messagesFor(lang)
	bar := &barView{Draft: p.Draft}
	if p.Synthetic {
		bar.Made = fmt.Sprintf(m.Made, p.File)
		return bar
	}
	bar.File = p.File
	for _, n := range s.notesFor(st, p) {
		bar.Notes = append(bar.Notes, n.view(m, lang))
	}
	bar.Complete = len(bar.Notes) == 0
	return bar
}

// pageAt finds the page served at a URL path.
func (s *server) pageAt(st *state, urlPath string) *site.Page {
	s.notesMu.Lock()
	defer s.notesMu.Unlock()
	if st.pages == nil {
		st.pages = make(map[string]*site.Page, len(st.site.Pages))
		for _, p := range st.site.Pages {
			st.pages[st.site.Config.URLs().File(p.URL)] = p
		}
	}
	return st.pages[st.site.Config.URLs().File(urlPath)]
}

// checked returns Options.Notes' problems by file for st's build, or nil
// while they are not ready.
func (s *server) checked(st *state) map[string][]site.Problem {
	s.notesMu.Lock()
	defer s.notesMu.Unlock()
	return st.checked
}

// checkLoop runs Options.Notes on the latest successful build once edits
// pause, one run at a time, so that a slow check neither delays rebuilds
// much nor piles up; until it is done the bar shows its own notes.
func (s *server) checkLoop(ctx context.Context, wake <-chan struct{}) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-wake:
			timer.Reset(checkPause)
		case <-timer.C:
			s.mu.RLock()
			st := s.st
			s.mu.RUnlock()
			if st.res == nil || st.problems != nil {
				continue
			}
			byFile := map[string][]site.Problem{}
			for _, p := range s.opts.Notes(st.res, s.src) {
				byFile[p.File] = append(byFile[p.File], p)
			}
			s.notesMu.Lock()
			st.checked = byFile
			s.notesMu.Unlock()
		}
	}
}

// checkPause is how long edits must pause before Options.Notes runs.
const checkPause = 300 * time.Millisecond

// note is one line of the editor bar: a problem from Options.Notes, or
// one the bar finds itself.
type note struct {
	problem site.Problem
	// What the bar finds:
	missing      string   // a language the page has no version in
	same         string   // a language whose version has the same...
	fields       []string // ...fields
	staleFrom    string   // the language of a source changed since translated
	unwritten    string   // a language whose version is still consort new's text
	self         bool     // ...and it is this page's
	file, target string
}

// notesFor returns the notes of page p.
//
// When Options.Notes is set (consort check's report) and has run on this
// build, the bar shows its problems for the page's file instead of what is
// computed here.
func (s *server) notesFor(st *state, p *site.Page) []note {
	if checked := s.checked(st); checked != nil {
		var out []note
		for _, pr := range checked[p.File] {
			out = append(out, note{problem: pr})
		}
		// consort check does not compare texts: what the bar finds
		// itself about them is added.
		return append(out, textNotes(st.site, p)...)
	}
	var out []note
	for _, lang := range st.site.Langs() {
		if lang == p.Lang {
			continue
		}
		t := p.Translation(lang)
		if t == nil || t.Synthetic {
			target := "content/" + lang + "/" + p.Rel
			out = append(out, note{missing: lang, file: p.File, target: target})
		}
	}
	out = append(out, textNotes(st.site, p)...)
	if src, prefix, ok := strings.Cut(p.Front().TranslatedFrom, "@"); ok && prefix != "" {
		if t := p.Translation(src); t != nil && !t.Synthetic && !strings.HasPrefix(t.Hash, prefix) {
			out = append(out, note{staleFrom: src, file: p.File})
		}
	}
	if st.res != nil {
		for _, w := range st.res.Warnings {
			if w.File == p.File {
				out = append(out, note{problem: w})
			}
		}
	}
	return out
}

// textNotes returns what the bar says of p's text and its translations':
// a text still the one consort new wrote (p's, or a twin's), and fields
// a translation shares word for word with p.
func textNotes(s *site.Site, p *site.Page) []note {
	var out []note
	if scaffold.Unwritten(p) {
		out = append(out, note{unwritten: p.Lang, self: true})
	}
	for _, lang := range s.Langs() {
		t := p.Translation(lang)
		if lang == p.Lang || t == nil || t.Synthetic {
			continue
		}
		if scaffold.Unwritten(t) {
			if !scaffold.Unwritten(p) {
				out = append(out, note{unwritten: lang, file: t.File})
			}
			continue
		}
		if fields := untranslated(s, p, t); len(fields) > 0 {
			out = append(out, note{same: lang, fields: fields})
		}
	}
	return out
}

// untranslated returns the text fields p and its translation t share
// word for word. Names are not counted: organisations' titles, and a
// title of one word ("BioX4Clusters", "Contact") or the site's own, which
// are often the same in every language.
func untranslated(s *site.Site, p, t *site.Page) []string {
	var fields []string
	same := func(a, b string) bool { return strings.TrimSpace(a) != "" && a == b }
	org := p.Kind == site.KindCluster || p.Kind == site.KindPartner
	if !org && same(p.Title(), t.Title()) && !nameLike(s, p.Title()) {
		fields = append(fields, "title")
	}
	if same(p.Summary(), t.Summary()) {
		fields = append(fields, "summary")
	}
	if same(p.Front().Alt, t.Front().Alt) {
		fields = append(fields, "alt")
	}
	if a, b := p.Interview(), t.Interview(); a != nil && b != nil && same(a.Quote, b.Quote) {
		fields = append(fields, "quote")
	}
	if len(bytes.TrimSpace(p.Body)) > 0 && bytes.Equal(bytes.TrimSpace(p.Body), bytes.TrimSpace(t.Body)) {
		fields = append(fields, "body")
	}
	return fields
}

// nameLike reports whether a title reads as a name rather than words to
// translate: one word, or the site's title in some language.
func nameLike(s *site.Site, title string) bool {
	if len(strings.Fields(title)) == 1 {
		return true
	}
	for _, t := range s.Config.Title {
		if strings.EqualFold(strings.TrimSpace(t), strings.TrimSpace(title)) {
			return true
		}
	}
	return false
}

func (n note) view(m *messages, lang string) barNote {
	switch {
	case n.unwritten != "" && n.self:
		return barNote{Text: m.UnwrittenSelf}
	case n.unwritten != "":
		return barNote{Text: fmt.Sprintf(m.Unwritten, langName(n.unwritten, lang), n.file)}
	case n.missing != "":
		return barNote{Text: fmt.Sprintf(m.Missing, langName(n.missing, lang)), Command: "consort new --translate --to " + n.missing + " " + n.file}
	case n.same != "":
		var names []string
		for _, f := range n.fields {
			names = append(names, m.FieldNames[f])
		}
		return barNote{Text: fmt.Sprintf(m.Same, langName(n.same, lang), strings.Join(names, ", "))}
	case n.staleFrom != "":
		return barNote{Text: fmt.Sprintf(m.Stale, langName(n.staleFrom, lang)), Command: "consort new --translate --update " + n.file}
	}
	text := n.problem.Msg
	if n.problem.Line > 0 {
		text = fmt.Sprintf(m.Line, n.problem.Line) + ": " + text
	}
	if n.problem.Field != "" {
		text = n.problem.Field + ": " + text
	}
	return barNote{Text: text}
}

// langName names a language in another ("French", "anglais").
func langName(code, in string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	inTag, err := language.Parse(in)
	if err != nil {
		inTag = language.English
	}
	if name := display.Tags(inTag).Name(tag); name != "" {
		return name
	}
	return code
}

// messages are the preview's own words, in the page's language.
type messages struct {
	Title, FirstTitle, Intro, FirstIntro, DetailLabel, More, Hide string
	Line, Field                                                   string
	Advice                                                        map[string]string
	BarLabel, FileLabel, Made, DraftNote, Complete, Follow, Close string
	Missing, Same, Stale, CommandLabel                            string
	Unwritten, UnwrittenSelf                                      string
	FieldNames                                                    map[string]string
}

func messagesFor(lang string) *messages {
	if lang == "fr" || strings.HasPrefix(lang, "fr-") {
		return &french
	}
	return &english
}

var english = messages{
	Title:       "The site has a problem: this page is not up to date",
	FirstTitle:  "The site cannot be shown yet",
	Intro:       "You are looking at the last version that worked. Fix what is listed below and save the file: this page updates by itself.",
	FirstIntro:  "Fix what is listed below and save the file: the site appears by itself.",
	DetailLabel: "Details",
	More:        "… and %d more problems; the terminal running consort serve lists them all.",
	Hide:        "Hide until the next change",
	Line:        "line %d",
	Field:       "field %s",
	Advice: map[string]string{
		"config":   "content/site.yaml, the site's settings, has a mistake. Check the line shown: keep the spaces at the start of lines as they were.",
		"language": "A language in content/site.yaml, the site's settings, has a code consort does not know. Write the two-letter code of the language at the line shown, such as de for German or pl for Polish; the details list the nearest codes.",
		"strings":  "A file of the site's interface texts (buttons, headings, dates) cannot be used. Check the line shown, or remove the file to use the theme's texts.",
		"template": "A template of the site's design cannot be used. This is for whoever maintains the templates: undo the last change to this file.",
		"static":   "A file of static/ cannot be published.",
		"syntax":   "The fields at the top of the file, between the --- lines, are not written correctly. Write one field a line, as name: value; put text that contains a colon between quotes.",
		"unknown":  "This field name is not one consort knows. Check its spelling, or remove the line.",
		"missing":  "A field this page needs is missing. Add it between the --- lines at the top of the file.",
		"link":     "This points to a page that does not exist or is not published. Check the name, or create the page.",
		"image":    "This picture is not among the site's files. Put the file in static/ (static/img/photo.jpg is written /img/photo.jpg), or correct the path.",
		"value":    "This field's value is not one consort can use. Correct it as the details say.",
		"other":    "Correct it as the details say.",
	},
	BarLabel:      "Editor preview",
	FileLabel:     "File",
	Made:          "No file: consort makes this page because %s does not exist. Create that file to write it.",
	DraftNote:     "Draft: consort build does not publish it.",
	Complete:      "Translated into every language of the site.",
	Follow:        "Go to the page I edit",
	Close:         "Hide the editor bar",
	Missing:       "No %s version of this page yet.",
	Same:          "Same as the %s version, not translated yet? %s",
	Stale:         "The %s version changed since this page was translated.",
	Unwritten:     "The %s version (%s) still has the text consort new wrote: not translated yet.",
	UnwrittenSelf: "This page still has the text consort new wrote: write it.",
	CommandLabel:  "Run",
	FieldNames:    map[string]string{"title": "title", "summary": "summary", "alt": "image description", "quote": "quote", "body": "text"},
}

var french = messages{
	Title:       "Le site a un problème : cette page n’est pas à jour",
	FirstTitle:  "Le site ne peut pas encore être affiché",
	Intro:       "Vous voyez la dernière version qui fonctionnait. Corrigez ce qui est indiqué ci-dessous et enregistrez le fichier : la page se met à jour toute seule.",
	FirstIntro:  "Corrigez ce qui est indiqué ci-dessous et enregistrez le fichier : le site s’affiche tout seul.",
	DetailLabel: "Détail (en anglais)",
	More:        "… et %d autres problèmes ; le terminal où tourne consort serve les liste tous.",
	Hide:        "Masquer jusqu’à la prochaine modification",
	Line:        "ligne %d",
	Field:       "champ %s",
	Advice: map[string]string{
		"config":   "content/site.yaml, les réglages du site, contient une erreur. Vérifiez la ligne indiquée : gardez les espaces en début de ligne tels qu’ils étaient.",
		"language": "Une langue de content/site.yaml, les réglages du site, a un code que consort ne connaît pas. Écrivez à la ligne indiquée le code à deux lettres de la langue, par exemple de pour l’allemand ou pl pour le polonais ; le détail donne les codes les plus proches.",
		"strings":  "Un fichier des textes de l’interface du site (boutons, intitulés, dates) ne peut pas être utilisé. Vérifiez la ligne indiquée, ou supprimez le fichier pour reprendre les textes du thème.",
		"template": "Un gabarit de la mise en page du site ne peut pas être utilisé. Cela concerne la personne qui s’occupe des gabarits : annulez la dernière modification de ce fichier.",
		"static":   "Un fichier de static/ ne peut pas être publié.",
		"syntax":   "Les champs en haut du fichier, entre les lignes ---, ne sont pas écrits correctement. Écrivez un champ par ligne, sous la forme nom: valeur ; mettez entre guillemets un texte qui contient deux-points.",
		"unknown":  "consort ne connaît pas ce nom de champ. Vérifiez son orthographe ou supprimez la ligne.",
		"missing":  "Il manque un champ nécessaire à cette page. Ajoutez-le entre les lignes --- en haut du fichier.",
		"link":     "Ceci renvoie à une page qui n’existe pas ou n’est pas publiée. Vérifiez le nom, ou créez la page.",
		"image":    "Cette image n’est pas parmi les fichiers du site. Placez le fichier dans static/ (static/img/photo.jpg s’écrit /img/photo.jpg), ou corrigez le chemin.",
		"value":    "consort ne peut pas utiliser la valeur de ce champ. Corrigez-la comme l’indique le détail.",
		"other":    "Corrigez comme l’indique le détail.",
	},
	BarLabel:      "Aperçu de rédaction",
	FileLabel:     "Fichier",
	Made:          "Pas de fichier : consort crée cette page parce que %s n’existe pas. Créez ce fichier pour la rédiger.",
	DraftNote:     "Brouillon : consort build ne le publie pas.",
	Complete:      "Traduite dans toutes les langues du site.",
	Follow:        "Aller à la page que je modifie",
	Close:         "Masquer la barre d’aperçu",
	Missing:       "Pas encore de version en %s de cette page.",
	Same:          "Identique à la version en %s, pas encore traduit ? %s",
	Stale:         "La version en %s a changé depuis la traduction de cette page.",
	Unwritten:     "La version en %s (%s) a encore le texte écrit par consort new : pas encore traduite.",
	UnwrittenSelf: "Cette page a encore le texte écrit par consort new : rédigez-la.",
	CommandLabel:  "Lancez",
	FieldNames:    map[string]string{"title": "titre", "summary": "résumé", "alt": "description de l’image", "quote": "citation", "body": "texte"},
}

// previewTemplate is the HTML the preview adds to pages. Its styles live
// in its shadow root and do not reach the page.
var previewTemplate = template.Must(template.New("preview").Parse(`<div id="consort-preview" data-server="{{.Server}}" data-gen="{{.Gen}}" data-follow="{{if .Follow}}1{{else}}0{{end}}" lang="{{.Lang}}"><template shadowrootmode="open"><style>
:host{all:initial}
*{box-sizing:border-box}
.overlay,.bar{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2330}
.overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgb(17 22 29/.6);padding:3rem 1rem}
.box{max-width:46rem;margin:0 auto;background:#fff;border-radius:8px;border-top:.5rem solid #b42318;padding:1.5rem 2rem;box-shadow:0 1rem 3rem rgb(0 0 0/.4)}
h2{font-size:1.35rem;line-height:1.3;margin:0 0 .5rem}
ol{padding-left:1.25rem}
li{margin:1rem 0}
.where{font-weight:600;overflow-wrap:anywhere}
.advice{margin:.25rem 0}
.detail{margin:.25rem 0;color:#4a5568}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f6f9;padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
button{font:inherit;cursor:pointer;border:1px solid #0a5c8a;background:#fff;color:#0a5c8a;border-radius:6px;padding:.3rem .8rem}
button:focus-visible,input:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.bar{position:fixed;z-index:2147483646;left:.5rem;bottom:.5rem;max-width:min(40rem,calc(100vw - 1rem));background:#fffbe6;border:1px solid #d5a900;border-radius:8px;padding:.5rem 2.5rem .5rem .75rem;font-size:14px;box-shadow:0 .25rem 1rem rgb(0 0 0/.2)}
.bar ul{margin:.25rem 0;padding-left:1.1rem}
.bar p{margin:.1rem 0}
.bar .close{position:absolute;top:.25rem;right:.25rem;border:0;background:none;font-size:1.2rem;line-height:1;padding:.25rem .5rem}
.bar label{display:block;margin-top:.25rem}
[hidden]{display:none!important}
</style>{{with .Overlay}}<div class="overlay" role="dialog" aria-modal="false" aria-labelledby="consort-problem-title"><div class="box">
<h2 id="consort-problem-title">{{if .First}}{{$.M.FirstTitle}}{{else}}{{$.M.Title}}{{end}}</h2>
<p>{{if .First}}{{$.M.FirstIntro}}{{else}}{{$.M.Intro}}{{end}}</p>
<ol>{{range .Problems}}<li><p class="where">{{.Where}}</p><p class="advice">{{.Advice}}</p><p class="detail">{{$.M.DetailLabel}}: {{.Detail}}</p></li>{{end}}</ol>
{{with .More}}<p>{{.}}</p>{{end}}
<button type="button" data-hide-overlay>{{$.M.Hide}}</button>
</div></div>{{end}}{{with .Bar}}<aside class="bar" aria-label="{{$.M.BarLabel}}"><p><strong>{{$.M.BarLabel}}</strong>{{with .File}} · {{$.M.FileLabel}} <code>{{.}}</code>{{end}}</p>
{{with .Made}}<p>{{.}}</p>{{end}}{{if .Draft}}<p>{{$.M.DraftNote}}</p>{{end}}{{if .Complete}}<p>{{$.M.Complete}}</p>{{end}}
{{with .Notes}}<ul>{{range .}}<li>{{.Text}}{{with .Command}} {{$.M.CommandLabel}} <code>{{.}}</code>{{end}}</li>{{end}}</ul>{{end}}
<label><input type="checkbox" data-follow> {{$.M.Follow}}</label>
<button type="button" class="close" data-dismiss aria-label="{{$.M.Close}}">×</button></aside>{{end}}</template></div>`))
