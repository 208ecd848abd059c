package cms

import (
	"strings"
	"unicode"

	"github.com/consort-ssg/consort/internal/site"
)

// The labels of the admin, per language; a language without its own falls
// back to English.
var (
	adminTitle       = map[string]string{"en": "Content editor", "fr": "Éditeur de contenu"}
	noScript         = map[string]string{"en": "The content editor needs JavaScript.", "fr": "L'éditeur de contenu a besoin de JavaScript."}
	pagesLabel       = map[string]string{"en": "Pages", "fr": "Pages"}
	pageLabel        = map[string]string{"en": "Page", "fr": "Page"}
	homeLabel        = map[string]string{"en": "Home page", "fr": "Page d'accueil"}
	sectionPageLabel = map[string]string{"en": "Section page", "fr": "Page de la rubrique"}
	bodyLabel        = map[string]string{"en": "Text", "fr": "Texte"}
	slugHint         = map[string]string{"en": "lower-case letters, digits and hyphens, e.g. biocat-barcelona", "fr": "lettres minuscules, chiffres et tirets, p. ex. biocat-barcelona"}
	patternHint      = map[string]string{"en": "this is not in the form the hint below gives", "fr": "ce n'est pas sous la forme qu'indique l'aide ci-dessous"}
)

// sectionLabels name each section's collection; a section without one
// (a kind added later) gets its folder name, capitalised.
var sectionLabels = map[string]map[string]string{
	"clusters":   {"en": "Clusters", "fr": "Clusters"},
	"partners":   {"en": "Partners", "fr": "Partenaires"},
	"missions":   {"en": "Missions", "fr": "Missions"},
	"interviews": {"en": "Interviews", "fr": "Entretiens"},
	"news":       {"en": "News", "fr": "Actualités"},
}

var kindLabels = map[site.Kind]map[string]string{
	site.KindCluster:   {"en": "Cluster", "fr": "Cluster"},
	site.KindPartner:   {"en": "Partner", "fr": "Partenaire"},
	site.KindMission:   {"en": "Mission", "fr": "Mission"},
	site.KindInterview: {"en": "Interview", "fr": "Entretien"},
	site.KindNews:      {"en": "News item", "fr": "Actualité"},
}

// fieldLabels are the labels of the fields; a key "kind.field" overrides
// "field" for one kind, and a field without one gets its name in words
// ("therapeuticAreas" -> "Therapeutic areas").
var fieldLabels = map[string]map[string]string{
	"title":          {"en": "Title", "fr": "Titre"},
	"summary":        {"en": "Summary", "fr": "Résumé"},
	"date":           {"en": "Date", "fr": "Date"},
	"draft":          {"en": "Draft", "fr": "Brouillon"},
	"slug":           {"en": "URL slug", "fr": "Fin de l'adresse"},
	"translationKey": {"en": "Translation key", "fr": "Clé de traduction"},
	"aliases":        {"en": "Old addresses", "fr": "Anciennes adresses"},
	"image":          {"en": "Image", "fr": "Image"},
	"alt":            {"en": "Image description", "fr": "Description de l'image"},
	"publishDate":    {"en": "Publish from", "fr": "Publier à partir du"},
	"expiryDate":     {"en": "Unpublish from", "fr": "Retirer à partir du"},
	"translatedFrom": {"en": "Translated from", "fr": "Traduit de"},
	"weight":         {"en": "Order", "fr": "Ordre"},

	"shortName":      {"en": "Short name", "fr": "Nom court"},
	"role":           {"en": "Role", "fr": "Rôle"},
	"interview.role": {"en": "Position", "fr": "Fonction"},
	"orgType":        {"en": "Type of organisation", "fr": "Type d'organisation"},
	"country":        {"en": "Country", "fr": "Pays"},
	"region":         {"en": "Region", "fr": "Région"},
	"city":           {"en": "City", "fr": "Ville"},
	"website":        {"en": "Website", "fr": "Site web"},
	"companies":      {"en": "Member companies", "fr": "Entreprises membres"},
	"smes":           {"en": "Member SMEs", "fr": "PME membres"},
	"focus":          {"en": "Fields of expertise", "fr": "Domaines d'expertise"},
	"projects":       {"en": "Projects", "fr": "Projets"},
	"logo":           {"en": "Logo", "fr": "Logo"},
	"location":       {"en": "Position on the map", "fr": "Position sur la carte"},
	"location.lat":   {"en": "Latitude", "fr": "Latitude"},
	"location.lon":   {"en": "Longitude", "fr": "Longitude"},

	"cluster":          {"en": "Cluster", "fr": "Cluster"},
	"competencies":     {"en": "Competencies", "fr": "Compétences"},
	"therapeuticAreas": {"en": "Therapeutic areas", "fr": "Aires thérapeutiques"},
	"technologies":     {"en": "Technologies", "fr": "Technologies"},
	"services":         {"en": "Services", "fr": "Services"},
	"markets":          {"en": "Markets", "fr": "Marchés"},
	"founded":          {"en": "Year founded", "fr": "Année de création"},
	"employees":        {"en": "Employees", "fr": "Salariés"},

	"missionType":  {"en": "Type of mission", "fr": "Type de mission"},
	"start":        {"en": "Start", "fr": "Début"},
	"end":          {"en": "End", "fr": "Fin"},
	"timeZone":     {"en": "Time zone", "fr": "Fuseau horaire"},
	"clusters":     {"en": "Clusters taking part", "fr": "Clusters participants"},
	"partners":     {"en": "Partners taking part", "fr": "Partenaires participants"},
	"registration": {"en": "Registration form", "fr": "Formulaire d'inscription"},

	"person":       {"en": "Person", "fr": "Personne"},
	"organisation": {"en": "Organisation", "fr": "Organisation"},
	"quote":        {"en": "Quote", "fr": "Citation"},

	"author":      {"en": "Author", "fr": "Auteur"},
	"source":      {"en": "Source", "fr": "Source"},
	"source.name": {"en": "Publication", "fr": "Publication"},
	"source.date": {"en": "Date of publication", "fr": "Date de parution"},
	"source.url":  {"en": "Address of the original", "fr": "Adresse de l'original"},
	"tags":        {"en": "Keywords", "fr": "Mots-clés"},
}

// optionLabels label the choices of a fixed list ("field.value").
var optionLabels = map[string]map[string]string{
	"role.coordinator": {"en": "Coordinator", "fr": "Coordinateur"},
	"role.partner":     {"en": "Partner", "fr": "Partenaire"},
}

func label(m map[string]string, lang string) string {
	if s, ok := m[lang]; ok {
		return s
	}
	return m["en"]
}

func sectionLabel(sec, lang string) string {
	if m, ok := sectionLabels[sec]; ok {
		return label(m, lang)
	}
	return words(sec)
}

func kindLabel(k site.Kind, lang string) string {
	if m, ok := kindLabels[k]; ok {
		return label(m, lang)
	}
	return words(string(k))
}

func fieldLabel(k site.Kind, path, lang string) string {
	if m, ok := fieldLabels[string(k)+"."+path]; ok {
		return label(m, lang)
	}
	if m, ok := fieldLabels[path]; ok {
		return label(m, lang)
	}
	return words(path[strings.LastIndex(path, ".")+1:])
}

// words turns a key into words with a capital: "therapeuticAreas" ->
// "Therapeutic areas", "work-packages" -> "Work packages".
func words(key string) string {
	var b strings.Builder
	for i, r := range key {
		switch {
		case r == '-' || r == '_':
			b.WriteByte(' ')
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsUpper(r):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
