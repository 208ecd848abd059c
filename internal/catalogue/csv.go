package catalogue

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
)

// bom starts the CSV file so that spreadsheet programs read it as UTF-8
// (without it Excel shows "KrakÃ³w").
const bom = "\ufeff"

// csvColumns are the UI string keys of the CSV's header row, in order.
var csvColumns = []string{
	"catalogue_col_name", "catalogue_col_kind", "org_type", "country", "catalogue_col_country_code", "region", "city",
	"cluster", "competencies", "therapeutic_areas", "technologies", "services", "markets", "website", "founded",
	"employees", "catalogue_col_summary", "catalogue_col_url",
}

// cell makes a value safe in a spreadsheet: a cell that starts with =, +,
// -, @, a tab or a carriage return is read as a formula by Excel and
// LibreOffice ("CSV injection"), so it gets a leading apostrophe, which
// they show as text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvFile writes the catalogue of lang as CSV (RFC 4180, CRLF line ends),
// in display order, with a header row in the language and a UTF-8 BOM.
func csvFile(s *site.Site, lang string, loc *i18n.Locale, recs []*Record) ([]byte, error) {
	cfg := s.Config
	voc := cfg.Vocabularies
	var buf bytes.Buffer
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	header := make([]string, len(csvColumns))
	for i, k := range csvColumns {
		header[i] = loc.T(k)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	labels := func(vocab string, keys []string) string {
		out := make([]string, len(keys))
		for i, k := range keys {
			out[i] = voc.Label(vocab, k, lang)
		}
		return strings.Join(out, "; ")
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, r := range recs {
		cluster := ""
		if r.Cluster != nil {
			cluster = r.Cluster.Title()
		}
		markets := make([]string, len(r.Markets))
		for i, m := range r.Markets {
			markets[i] = loc.Country(m)
		}
		kind := loc.T("partner")
		if r.Kind == KindCluster {
			kind = loc.T("cluster")
		}
		row := []string{
			r.Name, kind, voc.Label("orgType", r.OrgType, lang), loc.Country(r.Country), r.Country, r.Region, r.City,
			cluster, labels("competency", r.Competencies), labels("therapeuticArea", r.TherapeuticAreas),
			strings.Join(r.Technologies, "; "), strings.Join(r.Services, "; "), strings.Join(markets, "; "),
			r.Website, num(r.Founded), num(r.Employees), r.Summary, cfg.AbsURL(r.Page.URL),
		}
		for i := range row {
			row[i] = cell(row[i])
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
