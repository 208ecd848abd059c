package scaffold

import (
	"reflect"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// kindTypes are the Go types of the front matter of each kind, as
// site.Load decodes them. A test checks this against the loader.
var kindTypes = map[site.Kind]reflect.Type{
	site.KindHome:        reflect.TypeOf(site.PageParams{}),
	site.KindSection:     reflect.TypeOf(site.PageParams{}),
	site.KindPage:        reflect.TypeOf(site.PageParams{}),
	site.KindCluster:     reflect.TypeOf(site.Cluster{}),
	site.KindPartner:     reflect.TypeOf(site.Partner{}),
	site.KindMission:     reflect.TypeOf(site.Mission{}),
	site.KindInterview:   reflect.TypeOf(site.Interview{}),
	site.KindNews:        reflect.TypeOf(site.News{}),
	site.KindDeliverable: reflect.TypeOf(site.Deliverable{}),
	site.KindPublication: reflect.TypeOf(site.Publication{}),
}

// Kinds returns the kinds `consort new` creates, in the order it lists them.
func Kinds() []site.Kind {
	return []site.Kind{site.KindPage, site.KindCluster, site.KindPartner, site.KindMission, site.KindInterview, site.KindNews, site.KindDeliverable, site.KindPublication}
}

// kindDoc says in a sentence what each kind is, per language.
var kindDoc = map[site.Kind]map[string]string{
	site.KindHome:        {"en": "the home page of a language (content/<lang>/index.md)", "fr": "la page d'accueil d'une langue (content/<langue>/index.md)"},
	site.KindSection:     {"en": "the list page of a section (content/<lang>/<section>/index.md)", "fr": "la page de liste d'une rubrique (content/<langue>/<rubrique>/index.md)"},
	site.KindPage:        {"en": "a plain page such as About or Contact, outside the sections", "fr": "une page simple, comme « À propos » ou « Contact », hors des rubriques"},
	site.KindCluster:     {"en": "a member of the consortium: a cluster organisation or an agency (clusters/)", "fr": "un membre du consortium : un cluster ou une agence (clusters/)"},
	site.KindPartner:     {"en": "an organisation of the partner catalogue, usually a member of a cluster (partners/)", "fr": "une organisation du catalogue des partenaires, souvent membre d'un cluster (partners/)"},
	site.KindMission:     {"en": "a trip, business mission, event, training or expert visit (missions/)", "fr": "un voyage, une mission d'affaires, un événement, une formation ou une visite d'experts (missions/)"},
	site.KindInterview:   {"en": "a conversation with a person of the consortium; the ## headings are the questions (interviews/)", "fr": "un entretien avec une personne du consortium ; les titres ## sont les questions (interviews/)"},
	site.KindNews:        {"en": "an article or a piece of press coverage (news/)", "fr": "un article ou une revue de presse (news/)"},
	site.KindDeliverable: {"en": "a deliverable of the grant agreement: number, work package, due date, dissemination level (deliverables/)", "fr": "un livrable de la convention de subvention : numéro, lot, échéance, niveau de diffusion (deliverables/)"},
	site.KindPublication: {"en": "a scientific publication of the project, with its open-access copy (publications/)", "fr": "une publication scientifique du projet, avec sa copie en accès ouvert (publications/)"},
}

// KindDoc returns the sentence that says what a kind is, in lang (English
// when lang has none).
func KindDoc(k site.Kind, lang string) string { return pick(kindDoc[k], lang) }

// fieldDoc is the one-line help of a field, per language; a key
// "kind.field" overrides "field" for one kind.
var fieldDoc = map[string]map[string]string{
	"title":          {"en": "required: the title, shown as the page's heading", "fr": "obligatoire : le titre, affiché en tête de page"},
	"summary":        {"en": "one sentence shown in lists and search results", "fr": "une phrase affichée dans les listes et les résultats de recherche"},
	"date":           {"en": "date of the page, YYYY-MM-DD", "fr": "date de la page, AAAA-MM-JJ"},
	"news.date":      {"en": "required: the date it was published, YYYY-MM-DD", "fr": "obligatoire : la date de publication, AAAA-MM-JJ"},
	"draft":          {"en": "true keeps the page out of the site; remove the line to publish", "fr": "true garde la page hors du site ; supprimez la ligne pour la publier"},
	"slug":           {"en": "last part of the URL, when it should differ from the file name", "fr": "fin de l'adresse, si elle doit différer du nom du fichier"},
	"translationKey": {"en": "same key in both languages pairs translations whose file names differ", "fr": "même clé dans les deux langues pour apparier des traductions aux noms différents"},
	"aliases":        {"en": "old addresses of this page that should lead here, e.g. [/old/page/]", "fr": "anciennes adresses de la page qui doivent y mener, p. ex. [/ancienne/page/]"},
	"image":          {"en": "picture of the page: a path in static/ such as /img/photo.jpg, or https://", "fr": "image de la page : un chemin dans static/ comme /img/photo.jpg, ou https://"},
	"alt":            {"en": "required with image: what the picture shows, for readers who cannot see it", "fr": "obligatoire avec image : ce que montre l'image, pour qui ne la voit pas"},
	"publishDate":    {"en": "the page appears from this date, YYYY-MM-DD", "fr": "la page apparaît à partir de cette date, AAAA-MM-JJ"},
	"expiryDate":     {"en": "the page disappears from this date, YYYY-MM-DD", "fr": "la page disparaît à partir de cette date, AAAA-MM-JJ"},
	"translatedFrom": {"en": "written by consort new --translate: language and version of the source", "fr": "écrit par consort new --translate : langue et version de l'original"},
	"weight":         {"en": "order in lists: lower comes first", "fr": "ordre dans les listes : le plus petit vient d'abord"},

	"shortName":       {"en": "short name or acronym", "fr": "nom court ou sigle"},
	"cluster.role":    {"en": "role in the consortium: coordinator or partner", "fr": "rôle dans le consortium : coordinator ou partner"},
	"orgType":         {"en": "required: kind of organisation, a key of vocabularies.orgType in site.yaml", "fr": "obligatoire : type d'organisation, une clé de vocabularies.orgType dans site.yaml"},
	"country":         {"en": "required: ISO 3166 code of the country, e.g. FR, DE, PL", "fr": "obligatoire : code ISO 3166 du pays, p. ex. FR, DE, PL"},
	"mission.country": {"en": "ISO 3166 code of the country of destination, e.g. BR", "fr": "code ISO 3166 du pays de destination, p. ex. BR"},
	"region":          {"en": "region or state", "fr": "région ou État"},
	"city":            {"en": "city", "fr": "ville"},
	"website":         {"en": "web address, in full: https://www.example.org/", "fr": "adresse web complète : https://www.example.org/"},
	"companies":       {"en": "number of member companies", "fr": "nombre d'entreprises membres"},
	"smes":            {"en": "number of member SMEs", "fr": "nombre de PME membres"},
	"focus":           {"en": "fields of expertise: keys of vocabularies.competency", "fr": "domaines d'expertise : clés de vocabularies.competency"},
	"projects":        {"en": "projects it takes part in", "fr": "projets auxquels il participe"},
	"logo":            {"en": "logo: a path in static/ such as /img/logo.svg, or https://", "fr": "logo : un chemin dans static/ comme /img/logo.svg, ou https://"},
	"location":        {"en": "position on the map, {lat: 45.76, lon: 4.84}", "fr": "position sur la carte, {lat: 45.76, lon: 4.84}"},
	"location.lat":    {"en": "latitude, -90 to 90", "fr": "latitude, de -90 à 90"},
	"location.lon":    {"en": "longitude, -180 to 180", "fr": "longitude, de -180 à 180"},

	"partner.cluster":  {"en": "the consortium member it belongs to: a file name of clusters/ without .md", "fr": "le membre du consortium auquel il appartient : un nom de fichier de clusters/ sans .md"},
	"competencies":     {"en": "competencies: keys of vocabularies.competency", "fr": "compétences : clés de vocabularies.competency"},
	"therapeuticAreas": {"en": "therapeutic areas: keys of vocabularies.therapeuticArea", "fr": "aires thérapeutiques : clés de vocabularies.therapeuticArea"},
	"technologies":     {"en": "technologies, as free text", "fr": "technologies, en texte libre"},
	"services":         {"en": "services offered, as free text", "fr": "services proposés, en texte libre"},
	"markets":          {"en": "countries it sells to: ISO 3166 codes", "fr": "pays où il vend : codes ISO 3166"},
	"founded":          {"en": "year founded, e.g. 1998", "fr": "année de création, p. ex. 1998"},
	"employees":        {"en": "number of employees", "fr": "nombre de salariés"},

	"missionType":  {"en": "required: kind of mission, a key of vocabularies.missionType", "fr": "obligatoire : type de mission, une clé de vocabularies.missionType"},
	"start":        {"en": "first day, YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"; none: dates to be announced", "fr": "premier jour, AAAA-MM-JJ ou \"AAAA-MM-JJ HH:MM\" ; absent : dates à venir"},
	"end":          {"en": "last day, YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"", "fr": "dernier jour, AAAA-MM-JJ ou \"AAAA-MM-JJ HH:MM\""},
	"timeZone":     {"en": "time zone of the times, IANA name such as America/Sao_Paulo", "fr": "fuseau horaire des heures, nom IANA comme America/Sao_Paulo"},
	"clusters":     {"en": "consortium members taking part: file names of clusters/", "fr": "membres du consortium participants : noms de fichiers de clusters/"},
	"partners":     {"en": "partners taking part: file names of partners/", "fr": "partenaires participants : noms de fichiers de partners/"},
	"registration": {"en": "address of the registration form", "fr": "adresse du formulaire d'inscription"},

	"person":         {"en": "required: name of the person interviewed", "fr": "obligatoire : nom de la personne interviewée"},
	"interview.role": {"en": "the person's position", "fr": "fonction de la personne"},
	"organisation":   {"en": "their organisation: a file name of clusters/ or partners/", "fr": "son organisation : un nom de fichier de clusters/ ou partners/"},
	"quote":          {"en": "a sentence of the interview shown in lists", "fr": "une phrase de l'entretien affichée dans les listes"},

	"author":      {"en": "who wrote it", "fr": "auteur"},
	"source":      {"en": "where it first appeared: {name, date, url}", "fr": "où il est d'abord paru : {name, date, url}"},
	"source.name": {"en": "required with source: name of the publication", "fr": "obligatoire avec source : nom de la publication"},
	"source.date": {"en": "date of the publication, YYYY-MM-DD", "fr": "date de parution, AAAA-MM-JJ"},
	"source.url":  {"en": "address of the original article", "fr": "adresse de l'article original"},
	"tags":        {"en": "keywords, as free text", "fr": "mots-clés, en texte libre"},

	"workPackage":   {"en": "required: the work package, e.g. WP2", "fr": "obligatoire : le lot de travail, p. ex. WP2"},
	"number":        {"en": "required: the number in the grant agreement, e.g. D2.1", "fr": "obligatoire : le numéro dans la convention, p. ex. D2.1"},
	"due":           {"en": "required: due date in the grant agreement, YYYY-MM-DD", "fr": "obligatoire : échéance dans la convention, AAAA-MM-JJ"},
	"dissemination": {"en": "required: public or sensitive", "fr": "obligatoire : public ou sensitive (sensible)"},
	"status":        {"en": "required: planned, in-progress, submitted or approved", "fr": "obligatoire : planned, in-progress, submitted (remis) ou approved"},
	"delivered":     {"en": "date it was submitted, YYYY-MM-DD", "fr": "date de remise, AAAA-MM-JJ"},
	"file":          {"en": "the document: a path in static/ such as /files/d2-1.pdf, or https://", "fr": "le document : un chemin dans static/ comme /files/d2-1.pdf, ou https://"},
	"doi":           {"en": "its DOI alone, e.g. 10.5281/zenodo.1234567", "fr": "son DOI seul, p. ex. 10.5281/zenodo.1234567"},
	"authors":       {"en": "required: the authors in order, \"Family, Given\"", "fr": "obligatoire : les auteurs dans l'ordre, \"Nom, Prénom\""},
	"type":          {"en": "article, conference, book, chapter, report, thesis or other", "fr": "article, conference, book, chapter, report, thesis ou other"},
	"venue":         {"en": "the journal, conference or publisher", "fr": "la revue, la conférence ou l'éditeur"},
	"year":          {"en": "required: year of publication", "fr": "obligatoire : année de publication"},
	"volume":        {"en": "volume of the journal", "fr": "volume de la revue"},
	"issue":         {"en": "issue of the journal", "fr": "numéro de la revue"},
	"pages":         {"en": "pages, e.g. 45-67", "fr": "pages, p. ex. 45-67"},
	"openAccess":    {"en": "open, embargoed or closed; open needs repository", "fr": "open, embargoed ou closed ; open demande repository"},
	"repository":    {"en": "address of the open copy in a trusted repository (Zenodo, OpenAIRE...)", "fr": "adresse de la copie ouverte dans une archive de confiance (Zenodo, OpenAIRE...)"},
}

// FieldDoc returns the one-line help of a field of kind k ("location.lat"
// for nested fields) in lang, English when lang has none, "" when the
// field is unknown.
func FieldDoc(k site.Kind, field, lang string) string {
	if d, ok := fieldDoc[string(k)+"."+field]; ok {
		return pick(d, lang)
	}
	return pick(fieldDoc[field], lang)
}

func pick(m map[string]string, lang string) string {
	if s, ok := m[lang]; ok {
		return s
	}
	return m["en"]
}

// field is one front matter field of a kind, in the order of its Go type.
type field struct {
	name string
	typ  reflect.Type
	sub  []field // fields of a nested struct (location, source)
}

// fieldsOf lists the yaml fields of a front matter type, following
// inline embedding, the way site's decoder does.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if opts == "inline" {
			out = append(out, fieldsOf(f.Type)...)
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name[:1]) + f.Name[1:]
		}
		fd := field{name: name, typ: f.Type}
		st := f.Type
		if st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		if st.Kind() == reflect.Struct && st != dateType {
			fd.sub = fieldsOf(st)
		}
		out = append(out, fd)
	}
	return out
}

var dateType = reflect.TypeOf(site.Date{})

// Fields returns the names of the top-level fields of kind k, in order.
func Fields(k site.Kind) []string {
	var out []string
	for _, f := range fieldsOf(kindTypes[k]) {
		out = append(out, f.name)
	}
	return out
}
