package render

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// FundingView is what templates/partials/funding.html shows: the EU
// emblem with its statement in the page's language, the programme and
// grant agreement, the project's acknowledgement and the disclaimer. Each
// text comes with the language it is written in (a statement consort has
// no translation of is shown in English, marked lang="en").
type FundingView struct {
	Statement, StatementLang       string
	EmblemAlt, EmblemAltLang       string
	Programme                      string
	Grant, GrantLabel, GrantLang   string
	Acknowledgement                string
	Disclaimer, DisclaimerLang     string
	Legacy                         bool // the old free-text form: the text only
	OnHome                         bool // shown at the top of the home page too
	Emblem                         template.HTML
	programmeLang, acknowledgeLang string
}

// Funding returns the funding block of the page's language, or nil when
// site.yaml has none.
func (d *Data) Funding() *FundingView {
	f := &d.site.Config.Funding
	if !f.Given() {
		return nil
	}
	v := &FundingView{Legacy: f.Legacy, Acknowledgement: f.Acknowledgement[d.Lang], OnHome: f.OnHome()}
	v.EmblemAlt, v.EmblemAltLang = site.EmblemAlt(d.Lang)
	v.Emblem = emblemSVG(v.EmblemAlt, langAttr(v.EmblemAltLang, d.Lang))
	if f.Legacy {
		if v.Acknowledgement == "" {
			return nil
		}
		return v
	}
	v.Statement, v.StatementLang = f.EUStatement(d.Lang)
	v.StatementLang = langAttr(v.StatementLang, d.Lang)
	v.Programme = f.ProgrammeName(d.Lang)
	if f.GrantAgreement != "" {
		v.Grant = f.GrantAgreement
		v.GrantLabel, v.GrantLang = site.GrantLabel(d.Lang)
		v.GrantLang = langAttr(v.GrantLang, d.Lang)
	}
	v.Disclaimer, v.DisclaimerLang = f.DisclaimerText(d.Lang)
	v.DisclaimerLang = langAttr(v.DisclaimerLang, d.Lang)
	return v
}

// FundingOnHome reports whether the page is a home page whose funding
// preset asks for the emblem above the fold (Interreg).
func (d *Data) FundingOnHome() bool {
	return d.Page != nil && d.Page.Kind == site.KindHome && d.site.Config.Funding.OnHome() && d.Funding() != nil
}

// langAttr is the lang attribute a text needs: "" when it is in the
// page's language.
func langAttr(textLang, pageLang string) string {
	if textLang == "" || textLang == pageLang {
		return ""
	}
	return textLang
}

// The EU emblem's construction, from the Commission's graphic
// specifications: a rectangle of 3:2 (the unit is its height), twelve
// five-pointed stars upright on an invisible circle of radius 1/3 of the
// height, each star's points on a circle of radius 1/18 of the height, in
// Reflex Blue (#003399) and Yellow (#FFCC00). On a coloured background
// the rectangle gets a white border 1/25 of its height wide, which
// disappears on white.
const (
	emblemH      = 540.0
	emblemW      = emblemH * 3 / 2
	emblemBorder = emblemH / 25
	emblemBlue   = "#039"
	emblemYellow = "#fc0"
)

// emblemPath is the path of the twelve stars.
var emblemPath = starsPath()

func starsPath() string {
	var b strings.Builder
	cx, cy := emblemW/2, emblemH/2
	ring, outer := emblemH/3, emblemH/18
	// A regular pentagram's inner vertices lie at this fraction of the
	// outer radius.
	inner := outer * math.Cos(72*math.Pi/180) / math.Cos(36*math.Pi/180)
	// Every star is the same shape: its outline is written once, relative
	// to its top point, and repeated from each star's top point (the
	// repetitions cost next to nothing once compressed).
	var tail strings.Builder
	px, py := 0.0, -outer
	for v := 1; v < 10; v++ {
		r := outer
		if v%2 == 1 {
			r = inner
		}
		a := float64(v) * 36 * math.Pi / 180
		x, y := r*math.Sin(a), -r*math.Cos(a)
		fmt.Fprintf(&tail, "l%s %s", num(x-px), num(y-py))
		px, py = x, y
	}
	tail.WriteByte('z')
	for s := 0; s < 12; s++ {
		a := float64(s) * 30 * math.Pi / 180
		sx, sy := cx+ring*math.Sin(a), cy-ring*math.Cos(a)
		fmt.Fprintf(&b, "M%s %s%s", num(sx), num(sy-outer), tail.String())
	}
	return b.String()
}

func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	s = strings.TrimSuffix(s, ".0")
	return s
}

// emblemSVG draws the emblem, 48 CSS pixels high (over the 1 cm the
// guidelines ask as a minimum), as an image with alt for its name; lang,
// when set, is the language of alt.
func emblemSVG(alt, lang string) template.HTML {
	var b strings.Builder
	b.WriteString(`<svg class="eu-emblem" xmlns="http://www.w3.org/2000/svg" role="img" width="71" height="48" viewBox="`)
	fmt.Fprintf(&b, "%s %s %s %s", num(-emblemBorder), num(-emblemBorder), num(emblemW+2*emblemBorder), num(emblemH+2*emblemBorder))
	b.WriteString(`" aria-label="`)
	b.WriteString(template.HTMLEscapeString(alt))
	b.WriteByte('"')
	if lang != "" {
		b.WriteString(` lang="` + template.HTMLEscapeString(lang) + `"`)
	}
	b.WriteString(`><title>`)
	b.WriteString(template.HTMLEscapeString(alt))
	fmt.Fprintf(&b, `</title><rect x="%s" y="%s" width="%s" height="%s" fill="#fff"/><rect width="%s" height="%s" fill="%s"/><path fill="%s" d="%s"/></svg>`,
		num(-emblemBorder), num(-emblemBorder), num(emblemW+2*emblemBorder), num(emblemH+2*emblemBorder), num(emblemW), num(emblemH), emblemBlue, emblemYellow, emblemPath)
	return template.HTML(b.String())
}
