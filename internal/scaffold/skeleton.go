package scaffold

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/consort-ssg/consort/internal/site"
)

// skeleton is what a new page needs to know to write its front matter.
type skeleton struct {
	kind  site.Kind
	lang  string
	title string
	name  string // file base name
	cfg   *site.Config
	now   time.Time
	// refs are existing names other pages may be pointed at ("clusters"
	// -> first cluster), for examples.
	refs map[string]string
	// translatedFrom is set on twins and translations.
	translatedFrom string
	// values replace the default of a field (new site's examples).
	values map[string]string
	// body replaces the default body.
	body string
}

// text returns the file: front matter listing every field of the kind
// with a one-line comment in the file's language, then a body to write.
// Required fields get a valid value; optional ones are commented out with
// an example, so that uncommenting one gives a valid field. The page is a
// draft until an editor removes the draft line.
func (sk skeleton) text() string {
	type line struct{ kv, doc string }
	var lines []line
	g := schemaGen{kind: sk.kind, cfg: sk.cfg}
	for _, f := range fieldsOf(kindTypes[sk.kind]) {
		_, required := g.field(f, f.name)
		doc := FieldDoc(sk.kind, f.name, sk.lang)
		val, set := sk.values[f.name]
		switch {
		case f.name == "title":
			lines = append(lines, line{"title: " + quote(sk.title), doc})
		case f.name == "draft":
			if !set {
				lines = append(lines, line{"draft: true", pick(draftDoc, sk.lang)})
			} else if val != "" {
				lines = append(lines, line{"draft: " + val, doc})
			}
		case f.name == "translatedFrom" && sk.translatedFrom != "":
			lines = append(lines, line{"translatedFrom: " + sk.translatedFrom, doc})
		case set:
			lines = append(lines, line{f.name + ": " + val, doc})
		case required || f.name == "summary":
			lines = append(lines, line{f.name + ": " + sk.example(f.name), doc})
		default:
			lines = append(lines, line{"# " + f.name + ": " + sk.example(f.name), doc})
		}
	}
	width := 0
	for _, l := range lines {
		if n := len([]rune(l.kv)); n > width && n <= 44 {
			width = n
		}
	}
	var b strings.Builder
	b.WriteString("---\n")
	for _, l := range lines {
		pad := width - len([]rune(l.kv))
		if pad < 0 {
			pad = 0
		}
		fmt.Fprintf(&b, "%s%s  # %s\n", l.kv, strings.Repeat(" ", pad), l.doc)
	}
	b.WriteString("---\n\n")
	body := sk.body
	if body == "" {
		body = pick(bodyDoc[sk.kind], sk.lang)
		if body == "" {
			body = pick(bodyDoc[site.KindPage], sk.lang)
		}
	}
	b.WriteString(strings.TrimSpace(body) + "\n")
	return b.String()
}

var draftDoc = map[string]string{
	"en": "check the fields marked required, then remove this line to publish",
	"fr": "vérifiez les champs obligatoires, puis supprimez cette ligne pour publier",
}

var bodyDoc = map[site.Kind]map[string]string{
	site.KindPage: {
		"en": "Write the text of the page here, in Markdown. Link to other pages through their files, e.g. [our members](clusters/index.md).",
		"fr": "Écrivez ici le texte de la page, en Markdown. Liez les autres pages par leur fichier, p. ex. [nos membres](clusters/index.md).",
	},
	site.KindCluster: {
		"en": "Describe the cluster in a few paragraphs: its region, its members, its strengths and what it brings to the consortium.",
		"fr": "Présentez le cluster en quelques paragraphes : sa région, ses membres, ses points forts et ce qu'il apporte au consortium.",
	},
	site.KindPartner: {
		"en": "Describe the organisation in a few paragraphs: what it does, its strengths and what it offers partners abroad.",
		"fr": "Présentez l'organisation en quelques paragraphes : ce qu'elle fait, ses points forts et ce qu'elle offre à des partenaires étrangers.",
	},
	site.KindMission: {
		"en": "Say what the mission is for, who takes part and what is on the programme.",
		"fr": "Dites à quoi sert la mission, qui y participe et ce qui est au programme.",
	},
	site.KindInterview: {
		"en": "A sentence introducing the person.\n\n## The first question?\n\nThe answer. Each question is a level-2 heading.",
		"fr": "Une phrase qui présente la personne.\n\n## La première question ?\n\nLa réponse. Chaque question est un titre de niveau 2.",
	},
	site.KindDeliverable: {
		"en": "Say in a few sentences what the deliverable is and what it found.",
		"fr": "Dites en quelques phrases ce qu'est le livrable et ce qu'il établit.",
	},
	site.KindPublication: {
		"en": "The abstract, in Markdown.",
		"fr": "Le résumé, en Markdown.",
	},
	site.KindNews: {
		"en": "The article, in Markdown.",
		"fr": "L'article, en Markdown.",
	},
}

// example is the value a skeleton shows for a field: valid as it is for
// required fields, an example to adapt for the others.
func (sk skeleton) example(name string) string {
	today := sk.now.Format("2006-01-02")
	first := func(vocab, prefer string) string {
		keys := sk.cfg.Vocabularies.Keys(vocab)
		for _, k := range keys {
			if k == prefer {
				return k
			}
		}
		if len(keys) > 0 {
			return keys[0]
		}
		return prefer
	}
	ref := func(section string) string {
		if r := sk.refs[section]; r != "" {
			return r
		}
		return "name-of-the-file"
	}
	switch name {
	case "summary", "shortName", "region", "city", "author", "quote", "alt":
		return `""`
	case "role":
		if sk.kind == site.KindCluster {
			return "partner"
		}
		return `""`
	case "date", "publishDate", "start":
		return today
	case "expiryDate", "end":
		return sk.now.AddDate(1, 0, 0).Format("2006-01-02")
	case "slug", "translationKey":
		return sk.name
	case "aliases":
		return "[/old/address/]"
	case "image":
		return "/img/" + sk.name + ".jpg"
	case "logo":
		return "/img/" + sk.name + ".svg"
	case "translatedFrom":
		return sk.otherLang() + "@0123456789ab"
	case "weight":
		return "10"
	case "orgType":
		if sk.kind == site.KindCluster {
			return first("orgType", "cluster")
		}
		return first("orgType", "company")
	case "missionType":
		return first("missionType", "business-mission")
	case "country":
		return "FR"
	case "markets":
		return "[US, CN, BR]"
	case "website", "registration":
		return "https://www.example.org/"
	case "companies", "smes", "employees":
		return "0"
	case "founded":
		return "2000"
	case "focus", "competencies":
		return "[" + first("competency", "biotechnology") + "]"
	case "therapeuticAreas":
		return "[" + first("therapeuticArea", "cancer") + "]"
	case "projects", "technologies", "services", "tags":
		return "[]"
	case "location":
		return "{lat: 45.76, lon: 4.84}"
	case "cluster":
		return ref("clusters")
	case "clusters":
		return "[" + ref("clusters") + "]"
	case "partners":
		return "[" + ref("partners") + "]"
	case "organisation":
		return ref("clusters")
	case "timeZone":
		return "Europe/Paris"
	case "person":
		return quote(sk.title)
	case "workPackage":
		return "WP1"
	case "number":
		return "D1.1"
	case "due":
		return sk.now.AddDate(0, 6, 0).Format("2006-01-02")
	case "delivered":
		return today
	case "dissemination":
		return "public"
	case "status":
		return "planned"
	case "file":
		return "/files/" + sk.name + ".pdf"
	case "doi":
		return "10.5281/zenodo.1234567"
	case "authors":
		return "[\"Family, Given\"]"
	case "type":
		return "article"
	case "year":
		return sk.now.Format("2006")
	case "openAccess":
		return "open"
	case "repository":
		return "https://zenodo.org/records/1234567"
	case "volume", "issue", "pages", "venue":
		return `""`
	case "source":
		return "{name: Publication, date: " + today + ", url: \"https://www.example.org/\"}"
	}
	return `""`
}

func (sk skeleton) otherLang() string {
	for _, l := range sk.cfg.LangCodes() {
		if l != sk.lang {
			return l
		}
	}
	return sk.lang
}

// quote writes s as a YAML double-quoted string (JSON's syntax, which YAML
// reads alike).
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// Unwritten reports whether p's text is still the one consort new wrote
// into its skeleton (in any language): a twin made alongside a page is
// not a translation until someone writes it.
func Unwritten(p *site.Page) bool {
	body := strings.TrimSpace(string(p.Body))
	if body == "" {
		return false
	}
	docs := bodyDoc[p.Kind]
	if docs == nil {
		docs = bodyDoc[site.KindPage]
	}
	for _, d := range docs {
		if body == strings.TrimSpace(d) {
			return true
		}
	}
	return false
}
