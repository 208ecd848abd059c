package scaffold

import (
	"reflect"

	"github.com/consort-ssg/consort/internal/site"
)

// Field is one front matter field of a kind as consort reads it: its key,
// its Go type, whether it is required and the JSON Schema that
// content/.schemas/ gives it. Generators of other configurations (the CMS
// admin of internal/cms) start from it, so that every tool describes the
// fields the same way.
type Field struct {
	Name     string       // key in the front matter: "location"
	Path     string       // dotted path from the top: "location.lat"
	Type     reflect.Type // the Go type site.Load decodes it into
	Required bool
	// Schema is the field's JSON Schema, as in Schemas (values are
	// map[string]any, []any, []string, strings, numbers and bools).
	Schema map[string]any
	// Vocabulary names the vocabulary of site.yaml the value (or each
	// item of a list) is a key of: orgType, competency, ...
	Vocabulary string
	// Refers names the section whose pages the value (or each item)
	// names by file name: "clusters" for a partner's cluster.
	Refers string
	// Asset marks a path of static/ or an https:// address of a picture.
	Asset bool
	// Fields are the fields of a nested mapping (location, source).
	Fields []Field
}

// Which fields are keys of a vocabulary, references to other pages, and
// pictures. A test checks them against the schemas (vocabularies) and the
// kinds' fields and sections (references, which site.Load resolves). A
// new kind's references are added here.
var (
	fieldVocab = map[string]string{
		"orgType":          "orgType",
		"missionType":      "missionType",
		"focus":            "competency",
		"competencies":     "competency",
		"therapeuticAreas": "therapeuticArea",
	}
	// fieldRefers: "kind.field" -> section. An interview's organisation
	// may also name a partner; the CMS offers the clusters.
	fieldRefers = map[string]string{
		"partner.cluster":        "clusters",
		"mission.clusters":       "clusters",
		"mission.partners":       "partners",
		"interview.organisation": "clusters",
	}
	assetFields = map[string]bool{"image": true, "logo": true}
)

// KindFields returns the fields of kind k's front matter in the order of
// its Go type; cfg supplies the vocabularies of the schemas, as in Schemas.
func KindFields(k site.Kind, cfg *site.Config) []Field {
	t, ok := kindTypes[k]
	if !ok {
		return nil
	}
	g := schemaGen{kind: k, cfg: cfg, countries: countries()}
	return g.fields(fieldsOf(t), "")
}

func (g schemaGen) fields(fs []field, prefix string) []Field {
	out := make([]Field, 0, len(fs))
	for _, f := range fs {
		p := prefix + f.name
		s, req := g.field(f, p)
		if d := FieldDoc(g.kind, p, "en"); d != "" {
			s["description"] = d
		}
		fd := Field{Name: f.name, Path: p, Type: f.typ, Required: req, Schema: s, Vocabulary: fieldVocab[p], Refers: fieldRefers[string(g.kind)+"."+p], Asset: prefix == "" && assetFields[p]}
		if f.sub != nil {
			fd.Fields = g.fields(f.sub, p+".")
		}
		out = append(out, fd)
	}
	return out
}

// SchemaKinds are the kinds that have a JSON Schema, in the order of
// SchemaFiles.
func SchemaKinds() []site.Kind {
	out := make([]site.Kind, len(SchemaFiles()))
	for i, sf := range SchemaFiles() {
		out[i] = sf.Kind
	}
	return out
}
