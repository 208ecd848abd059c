package cms

import (
	"reflect"
	"slices"
	"strings"

	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Root is the CMS configuration (Sveltia CMS's config.yml), in the order
// its keys are written.
type Root struct {
	Backend      Backend      `yaml:"backend"`
	PublishMode  string       `yaml:"publish_mode,omitempty"`
	SiteURL      string       `yaml:"site_url,omitempty"`
	MediaFolder  string       `yaml:"media_folder"`
	PublicFolder string       `yaml:"public_folder"`
	Slug         SlugOptions  `yaml:"slug"`
	Output       Output       `yaml:"output"`
	I18n         I18n         `yaml:"i18n"`
	Collections  []Collection `yaml:"collections"`
}

// Backend says where the content is.
type Backend struct {
	Name     string `yaml:"name"`
	Repo     string `yaml:"repo,omitempty"`
	Branch   string `yaml:"branch,omitempty"`
	BaseURL  string `yaml:"base_url,omitempty"`
	APIRoot  string `yaml:"api_root,omitempty"`
	AuthType string `yaml:"auth_type,omitempty"`
	AppID    string `yaml:"app_id,omitempty"`
}

// SlugOptions make file names the way site.Slugify does: ASCII, lower
// case, accents removed, other characters replaced by hyphens.
type SlugOptions struct {
	Encoding            string `yaml:"encoding"`
	CleanAccents        bool   `yaml:"clean_accents"`
	SanitizeReplacement string `yaml:"sanitize_replacement"`
}

// Output keeps empty optional fields out of the front matter.
type Output struct {
	OmitEmptyOptionalFields bool `yaml:"omit_empty_optional_fields"`
}

// I18n is the CMS's multilingual set-up.
type I18n struct {
	Structure     string     `yaml:"structure"`
	Locales       []string   `yaml:"locales"`
	DefaultLocale string     `yaml:"default_locale"`
	CanonicalSlug *Canonical `yaml:"canonical_slug,omitempty"`
}

// Canonical names the key that pairs translations whose file names differ.
type Canonical struct {
	Key   string `yaml:"key"`
	Value string `yaml:"value"`
}

// Collection is a folder of content files of one kind.
type Collection struct {
	Name            string     `yaml:"name"`
	Label           string     `yaml:"label"`
	LabelSingular   string     `yaml:"label_singular"`
	Description     string     `yaml:"description,omitempty"`
	Folder          string     `yaml:"folder"`
	Extension       string     `yaml:"extension"`
	Format          string     `yaml:"format"`
	Create          bool       `yaml:"create"`
	I18n            bool       `yaml:"i18n"`
	IdentifierField string     `yaml:"identifier_field"`
	Slug            CollSlug   `yaml:"slug"`
	AliasesField    bool       `yaml:"aliases_field"`
	SortableFields  []string   `yaml:"sortable_fields,omitempty"`
	IndexFile       *IndexFile `yaml:"index_file,omitempty"`
	Fields          []Field    `yaml:"fields"`
}

// CollSlug is how a new entry's file name is made.
type CollSlug struct {
	Template string   `yaml:"template"`
	Pattern  []string `yaml:"pattern,omitempty"`
}

// IndexFile is the section's own page (index.md) in a collection's folder.
type IndexFile struct {
	Name   string  `yaml:"name"`
	Label  string  `yaml:"label"`
	Fields []Field `yaml:"fields"`
}

// Field is one field of a form.
type Field struct {
	Name          string   `yaml:"name"`
	Label         string   `yaml:"label"`
	Widget        string   `yaml:"widget"`
	Required      bool     `yaml:"required"`
	I18n          any      `yaml:"i18n,omitempty"` // true or "duplicate"
	Hint          string   `yaml:"hint,omitempty"`
	Type          string   `yaml:"type,omitempty"`
	Format        string   `yaml:"format,omitempty"`
	ValueType     string   `yaml:"value_type,omitempty"`
	Min           *float64 `yaml:"min,omitempty"`
	Max           *float64 `yaml:"max,omitempty"`
	Step          any      `yaml:"step,omitempty"`
	Multiple      bool     `yaml:"multiple,omitempty"`
	Options       []Option `yaml:"options,omitempty"`
	Collection    string   `yaml:"collection,omitempty"`
	ValueField    string   `yaml:"value_field,omitempty"`
	DisplayFields []string `yaml:"display_fields,omitempty"`
	Filters       []Filter `yaml:"filters,omitempty"`
	SearchFields  []string `yaml:"search_fields,omitempty"`
	MediaFolder   string   `yaml:"media_folder,omitempty"`
	PublicFolder  string   `yaml:"public_folder,omitempty"`
	Pattern       []string `yaml:"pattern,omitempty"`
	Field         *Field   `yaml:"field,omitempty"` // a list's item
	Fields        []Field  `yaml:"fields,omitempty"`
}

// Filter keeps a relation's choices to entries whose field has one of the
// values.
type Filter struct {
	Field  string   `yaml:"field"`
	Values []string `yaml:"values"`
}

// Option is a choice of a select widget.
type Option struct {
	Label string `yaml:"label"`
	Value string `yaml:"value"`
}

// Config returns the CMS configuration of the site with labels in lang.
func Config(cfg *site.Config, lang string) *Root {
	c := cfg.CMS
	media := strings.Trim(c.Media, "/")
	if media == "" {
		media = DefaultMedia
	}
	r := &Root{
		Backend:      backend(c),
		MediaFolder:  "static/" + media,
		PublicFolder: "/" + media,
		Slug:         SlugOptions{Encoding: "ascii", CleanAccents: true, SanitizeReplacement: "-"},
		Output:       Output{OmitEmptyOptionalFields: true},
		I18n: I18n{
			Structure:     "multiple_folders",
			Locales:       cfg.LangCodes(),
			DefaultLocale: cfg.DefaultLang(),
			CanonicalSlug: &Canonical{Key: "translationKey", Value: "{{slug}}"},
		},
	}
	if c.EditorialWorkflow {
		r.PublishMode = "editorial_workflow"
	}
	if cfg.BaseURL != "/" {
		r.SiteURL = strings.TrimSuffix(cfg.BaseURL, "/")
	}
	g := gen{cfg: cfg, lang: lang}
	r.Collections = append(r.Collections, g.pages())
	for _, k := range scaffold.SchemaKinds() {
		if sec := site.SectionOf(k); sec != "" {
			r.Collections = append(r.Collections, g.section(k, sec))
		}
	}
	return r
}

func backend(c *site.CMSConfig) Backend {
	b := Backend{Name: c.Backend, Repo: c.Repo, Branch: c.Branch, BaseURL: c.AuthURL, APIRoot: c.APIRoot}
	if c.Backend == "test-repo" {
		return Backend{Name: c.Backend}
	}
	if c.AppID != "" {
		b.AuthType, b.AppID = "pkce", c.AppID
	}
	return b
}

type gen struct {
	cfg  *site.Config
	lang string
}

// slugPattern is the form of the file names consort gives pages.
var slugPattern = []string{`^[a-z0-9]+(-[a-z0-9]+)*$`}

// pages is the collection of the plain pages, with the home page as its
// index file.
func (g gen) pages() Collection {
	return Collection{
		Name:            "pages",
		Label:           label(pagesLabel, g.lang),
		LabelSingular:   label(pageLabel, g.lang),
		Description:     scaffold.KindDoc(site.KindPage, g.lang),
		Folder:          "content/{{locale}}",
		Extension:       "md",
		Format:          "yaml-frontmatter",
		Create:          true,
		I18n:            true,
		IdentifierField: "title",
		Slug:            CollSlug{Template: "{{title}}", Pattern: g.slugPattern()},
		IndexFile:       &IndexFile{Name: "index", Label: label(homeLabel, g.lang), Fields: g.form(site.KindHome)},
		Fields:          g.form(site.KindPage),
	}
}

// section is the collection of a kind's folder, with the section's page
// (index.md) as its index file.
func (g gen) section(k site.Kind, sec string) Collection {
	c := Collection{
		Name:            sec,
		Label:           sectionLabel(sec, g.lang),
		LabelSingular:   kindLabel(k, g.lang),
		Description:     scaffold.KindDoc(k, g.lang),
		Folder:          "content/{{locale}}/" + sec,
		Extension:       "md",
		Format:          "yaml-frontmatter",
		Create:          true,
		I18n:            true,
		IdentifierField: "title",
		Slug:            CollSlug{Template: "{{title}}", Pattern: g.slugPattern()},
		IndexFile:       &IndexFile{Name: "index", Label: label(sectionPageLabel, g.lang), Fields: g.form(site.KindSection)},
		Fields:          g.form(k),
	}
	for _, f := range scaffold.KindFields(k, g.cfg) {
		if f.Type == reflect.TypeOf(site.Date{}) && f.Required || f.Name == "start" {
			c.SortableFields = []string{"title", f.Name}
			break
		}
	}
	return c
}

func (g gen) slugPattern() []string {
	return append(slugPattern, label(slugHint, g.lang))
}

// form is the fields of kind k's front matter, then the Markdown body.
func (g gen) form(k site.Kind) []Field {
	fs := g.fields(k, scaffold.KindFields(k, g.cfg))
	return append(fs, Field{Name: "body", Label: label(bodyLabel, g.lang), Widget: "markdown", Required: false, I18n: true})
}

func (g gen) fields(k site.Kind, fs []scaffold.Field) []Field {
	out := make([]Field, 0, len(fs))
	for _, f := range fs {
		out = append(out, g.field(k, f))
	}
	return out
}

var dateType = reflect.TypeOf(site.Date{})

// field turns one front matter field into a form field.
func (g gen) field(k site.Kind, f scaffold.Field) Field {
	out := Field{
		Name:     f.Name,
		Label:    fieldLabel(k, f.Path, g.lang),
		Required: f.Required,
		Hint:     hint(scaffold.FieldDoc(k, f.Path, g.lang)),
	}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	list := t.Kind() == reflect.Slice
	neutral := true // the same in every language
	s := valueSchema(f.Schema)
	switch {
	case f.Refers != "":
		out.Widget, out.Collection, out.ValueField = "relation", f.Refers, "{{slug}}"
		out.DisplayFields, out.SearchFields = []string{"title"}, []string{"title"}
		out.Multiple = list
		out.Filters = g.entriesOnly(f.Refers)
	case f.Vocabulary != "":
		out.Widget, out.Multiple = "select", list
		for _, key := range g.cfg.Vocabularies.Keys(f.Vocabulary) {
			out.Options = append(out.Options, Option{Label: g.cfg.Vocabularies.Label(f.Vocabulary, key, g.lang), Value: key})
		}
		g.sortOptions(out.Options)
	case f.Asset:
		out.Widget = "image"
	case t == dateType:
		out.Widget, out.Type, out.Format = "datetime", "date", "YYYY-MM-DD"
	case f.Fields != nil:
		out.Widget = "object"
		out.Fields = g.fields(k, f.Fields)
		neutral = f.Name == "location"
	case enumOf(s) != nil:
		out.Widget, out.Multiple = "select", list
		for _, v := range enumOf(s) {
			if v == "" {
				continue
			}
			out.Options = append(out.Options, Option{Label: g.optionLabel(f, v), Value: v})
		}
		g.sortOptions(out.Options)
	case t.Kind() == reflect.Bool:
		out.Widget = "boolean"
		neutral = false // a translation may stay a draft
	case t.Kind() == reflect.Int || t.Kind() == reflect.Float64:
		out.Widget, out.ValueType = "number", "int"
		if t.Kind() == reflect.Float64 {
			out.ValueType, out.Step = "float", 0.000001
		}
		out.Min, out.Max = num(s, "minimum"), num(s, "maximum")
		if f.Name == "founded" {
			lo, hi := 1000.0, 2100.0
			out.Min, out.Max = &lo, &hi
		}
	case list:
		out.Widget = "list"
		if p, ok := s["pattern"].(string); ok {
			// Each item is checked: a list of one text field.
			out.Field = &Field{Name: singular(f.Name), Label: out.Label, Widget: "string", Required: true, Pattern: []string{p, label(patternHint, g.lang)}}
		}
		neutral = false
	default:
		out.Widget = "string"
		if f.Name == "summary" || f.Name == "quote" {
			out.Widget = "text"
		}
		if p, ok := s["pattern"].(string); ok && f.Name != "title" {
			out.Pattern = []string{p, label(patternHint, g.lang)}
		}
		neutral = languageNeutral[f.Name]
	}
	switch out.Widget {
	case "relation", "select", "datetime", "image":
		// The docs say how to write the value in the file; the widget
		// writes it.
		out.Hint = ""
	}
	if neutral {
		out.I18n = "duplicate"
	} else {
		out.I18n = true
	}
	return out
}

// entriesOnly filters the section page (index.md) out of the choices of
// a relation to sec: the section's entries have a required vocabulary
// field that the section page lacks.
func (g gen) entriesOnly(sec string) []Filter {
	for _, k := range scaffold.SchemaKinds() {
		if site.SectionOf(k) != sec {
			continue
		}
		for _, f := range scaffold.KindFields(k, g.cfg) {
			if f.Required && f.Vocabulary != "" {
				return []Filter{{Field: f.Name, Values: g.cfg.Vocabularies.Keys(f.Vocabulary)}}
			}
		}
	}
	return nil
}

// hint is a field's one-line help without "required:", which the form
// shows with a star.
func hint(doc string) string {
	for _, p := range []string{"required: ", "obligatoire : "} {
		if rest, ok := strings.CutPrefix(doc, p); ok {
			return rest
		}
	}
	return doc
}

// languageNeutral are the text fields that are the same in every
// language: keys and web addresses.
var languageNeutral = map[string]bool{
	"translationKey": true, "website": true, "registration": true, "url": true, "timeZone": true,
}

func (g gen) optionLabel(f scaffold.Field, v string) string {
	if f.Name == "country" || f.Name == "markets" {
		return countryName(v, g.lang)
	}
	if l := optionLabels[f.Path+"."+v]; l != nil {
		return label(l, g.lang)
	}
	return v
}

// sortOptions puts choices in the alphabetical order of their labels in
// the configuration's language.
func (g gen) sortOptions(opts []Option) {
	tag, err := language.Parse(g.lang)
	if err != nil {
		tag = language.English
	}
	c := collate.New(tag, collate.Loose)
	slices.SortStableFunc(opts, func(a, b Option) int { return c.CompareString(a.Label, b.Label) })
}

// valueSchema unwraps the "or empty" and "one or a list" forms of a field's
// schema (scaffold's orNull and list) to the schema of its value, or of
// an item of a list.
func valueSchema(s map[string]any) map[string]any {
	alts, ok := s["anyOf"].([]any)
	if !ok || s["type"] != nil || len(alts) < 2 {
		return s
	}
	if first, _ := alts[0].(map[string]any); first["type"] != "null" {
		return s
	}
	for _, a := range alts[1:] {
		if m, _ := a.(map[string]any); m["type"] == "array" {
			if it, ok := m["items"].(map[string]any); ok {
				return it
			}
		}
	}
	if m, ok := alts[1].(map[string]any); ok {
		return m
	}
	return s
}

func enumOf(s map[string]any) []string {
	e, _ := s["enum"].([]string)
	return e
}

func num(s map[string]any, key string) *float64 {
	switch v := s[key].(type) {
	case int:
		f := float64(v)
		return &f
	case float64:
		return &v
	}
	return nil
}

// countryName is the name of a country in lang ("DE" -> "Allemagne").
func countryName(code, lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n + " (" + code + ")"
	}
	return code
}

// singular names an item of a list: "aliases" -> "alias".
func singular(name string) string {
	switch {
	case strings.HasSuffix(name, "ies"):
		return strings.TrimSuffix(name, "ies") + "y"
	case strings.HasSuffix(name, "ses"):
		return strings.TrimSuffix(name, "es")
	}
	return strings.TrimSuffix(name, "s")
}
