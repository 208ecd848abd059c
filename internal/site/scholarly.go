package site

import (
	"fmt"
	"regexp"
	"strings"
)

// The kinds of what an EU project reports: its deliverables and its
// publications.
const (
	KindDeliverable Kind = "deliverable" // deliverables/
	KindPublication Kind = "publication" // publications/
)

// Deliverable is a report or other result the grant agreement promises:
// D2.1 of work package 2, due on a date, public or sensitive.
type Deliverable struct {
	Front       `yaml:",inline"`
	WorkPackage string `yaml:"workPackage"`
	Number      string `yaml:"number"`
	Due         Date   `yaml:"due"`
	// Dissemination is public or sensitive (SEN: only the consortium
	// and the Commission see it).
	Dissemination string `yaml:"dissemination"`
	// Status is planned, in-progress, submitted or approved.
	Status string `yaml:"status"`
	// Delivered is when it was submitted.
	Delivered Date `yaml:"delivered"`
	// File is the document: a path in static/ or an https:// address.
	File string `yaml:"file"`
	DOI  string `yaml:"doi"`
}

// DeliverableStatuses are the values of a deliverable's status, in the
// order of its life.
var DeliverableStatuses = []string{"planned", "in-progress", "submitted", "approved"}

// DisseminationLevels are the values of a deliverable's dissemination.
var DisseminationLevels = []string{"public", "sensitive"}

// IsDelivered reports whether the deliverable was submitted.
func (d *Deliverable) IsDelivered() bool { return d.Status == "submitted" || d.Status == "approved" }

var (
	workPackageRE = regexp.MustCompile(`^WP[0-9]{1,2}$`)
	deliverableRE = regexp.MustCompile(`^D[0-9]{1,2}\.[0-9]{1,2}$`)
	// DOIRE is the syntax of a DOI: 10., a registrant code, /, a suffix.
	DOIRE = regexp.MustCompile(`^10\.[0-9]{4,9}(\.[0-9]+)*/[^\s]+$`)
)

// Validate implements Params.
func (d *Deliverable) Validate(v Vocabularies) []FieldError {
	errs := d.Front.validate()
	if d.WorkPackage == "" {
		errs = append(errs, FieldError{"workPackage", "missing; write the work package the deliverable belongs to, e.g. WP2"})
	} else if !workPackageRE.MatchString(d.WorkPackage) {
		errs = append(errs, FieldError{"workPackage", fmt.Sprintf("%q is not a work package; write WP and its number, e.g. WP2", d.WorkPackage)})
	}
	switch {
	case d.Number == "":
		errs = append(errs, FieldError{"number", "missing; write the deliverable's number in the grant agreement, e.g. D2.1"})
	case !deliverableRE.MatchString(d.Number):
		errs = append(errs, FieldError{"number", fmt.Sprintf("%q is not a deliverable number; write D, the work package's number, a dot and the deliverable's, e.g. D2.1", d.Number)})
	case workPackageRE.MatchString(d.WorkPackage) && !strings.HasPrefix(d.Number, "D"+strings.TrimPrefix(d.WorkPackage, "WP")+"."):
		errs = append(errs, FieldError{"number", fmt.Sprintf("%s does not belong to %s; its number starts with D%s.", d.Number, d.WorkPackage, strings.TrimPrefix(d.WorkPackage, "WP"))})
	}
	if d.Due.IsZero() {
		errs = append(errs, FieldError{"due", "missing; write the due date of the grant agreement, YYYY-MM-DD"})
	}
	if d.Dissemination == "" {
		errs = append(errs, FieldError{"dissemination", "missing; write public or sensitive"})
	} else if !contains(DisseminationLevels, d.Dissemination) {
		errs = append(errs, FieldError{"dissemination", hint(d.Dissemination, DisseminationLevels)})
	}
	if d.Status == "" {
		errs = append(errs, FieldError{"status", "missing; write " + strings.Join(DeliverableStatuses, ", ")})
	} else if !contains(DeliverableStatuses, d.Status) {
		errs = append(errs, FieldError{"status", hint(d.Status, DeliverableStatuses)})
	}
	if d.File != "" {
		if msg := checkAssetPath(d.File); msg != "" {
			errs = append(errs, FieldError{"file", msg})
		}
	}
	errs = append(errs, checkDOI("doi", d.DOI)...)
	switch {
	case d.Dissemination == "public" && d.IsDelivered() && d.File == "" && d.DOI == "":
		errs = append(errs, FieldError{"status", fmt.Sprintf("a public deliverable that is %s links its document: give file (a path in static/) or doi", d.Status)})
	case d.Dissemination == "sensitive" && (d.File != "" || d.DOI != ""):
		errs = append(errs, FieldError{"dissemination", "a sensitive deliverable is not published; remove file and doi, or make it public"})
	}
	if !d.Delivered.IsZero() && !d.IsDelivered() {
		errs = append(errs, FieldError{"delivered", fmt.Sprintf("is set but status is %s; write status: submitted once it is delivered", orNone(d.Status))})
	}
	return errs
}

func orNone(s string) string {
	if s == "" {
		return "missing"
	}
	return s
}

// Publication is a scientific publication of the project.
type Publication struct {
	Front `yaml:",inline"`
	// Authors are "Family, Given" or "Given Family", in order.
	Authors []string `yaml:"authors"`
	// PublicationType is article, conference, book, chapter, report,
	// thesis or other.
	PublicationType string `yaml:"type"`
	// Venue is the journal, the conference or the publisher.
	Venue  string `yaml:"venue"`
	Year   int    `yaml:"year"`
	Volume string `yaml:"volume"`
	Issue  string `yaml:"issue"`
	Pages  string `yaml:"pages"`
	DOI    string `yaml:"doi"`
	// OpenAccess is open, embargoed or closed.
	OpenAccess string `yaml:"openAccess"`
	// Repository is the open copy in a trusted repository (Zenodo,
	// OpenAIRE, an institutional one).
	Repository string `yaml:"repository"`
}

// PublicationTypes are the values of a publication's type.
var PublicationTypes = []string{"article", "conference", "book", "chapter", "report", "thesis", "other"}

// OpenAccessLevels are the values of a publication's openAccess.
var OpenAccessLevels = []string{"open", "embargoed", "closed"}

// Validate implements Params.
func (p *Publication) Validate(v Vocabularies) []FieldError {
	errs := p.Front.validate()
	if len(p.Authors) == 0 {
		errs = append(errs, FieldError{"authors", "missing; list the authors in order, e.g. [\"Puzio, Roza\", \"Wehnelt, Stephanie\"]"})
	}
	for _, a := range p.Authors {
		if strings.TrimSpace(a) == "" {
			errs = append(errs, FieldError{"authors", "has an empty name; remove it or write the author's name"})
		}
	}
	if p.PublicationType != "" && !contains(PublicationTypes, p.PublicationType) {
		errs = append(errs, FieldError{"type", hint(p.PublicationType, PublicationTypes)})
	}
	if p.Year == 0 {
		errs = append(errs, FieldError{"year", "missing; write the year of publication, e.g. 2024"})
	} else if p.Year < 1900 || p.Year > 2100 {
		errs = append(errs, FieldError{"year", fmt.Sprintf("%d is not a year; write the year of publication, e.g. 2024", p.Year)})
	}
	errs = append(errs, checkDOI("doi", p.DOI)...)
	if p.OpenAccess != "" && !contains(OpenAccessLevels, p.OpenAccess) {
		errs = append(errs, FieldError{"openAccess", hint(p.OpenAccess, OpenAccessLevels)})
	}
	errs = append(errs, checkWebsite("repository", p.Repository)...)
	if p.OpenAccess == "open" && p.Repository == "" {
		errs = append(errs, FieldError{"repository", "missing; an open-access publication links its copy in a trusted repository, e.g. https://zenodo.org/records/..."})
	}
	return errs
}

// checkDOI reports a DOI that is not one, with how to write it.
func checkDOI(field, doi string) []FieldError {
	if doi == "" || DOIRE.MatchString(doi) {
		return nil
	}
	msg := fmt.Sprintf("%q is not a DOI", doi)
	low := strings.ToLower(doi)
	for _, prefix := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(low, prefix) && DOIRE.MatchString(doi[len(prefix):]) {
			return []FieldError{{field, fmt.Sprintf("%s; write the DOI alone: %s", msg, doi[len(prefix):])}}
		}
	}
	return []FieldError{{field, msg + "; a DOI starts with 10. and has a /, e.g. 10.5281/zenodo.1234567"}}
}

// Deliverable returns the deliverable fields, or nil.
func (p *Page) Deliverable() *Deliverable { v, _ := p.Params.(*Deliverable); return v }

// Publication returns the publication fields, or nil.
func (p *Page) Publication() *Publication { v, _ := p.Params.(*Publication); return v }
