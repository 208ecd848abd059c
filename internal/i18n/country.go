package i18n

import (
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// ValidCountry reports whether code is an assigned ISO 3166-1 alpha-2
// country code, written in upper case: "FR", "DE", "BR" are; "fr", "EU"
// (a union), "ZZ" (unknown), "UK" (reserved; the code is "GB"), "YU" (a
// former country) and "XK" (Kosovo: user-assigned, not an ISO assignment)
// are not. The region data is CLDR's, through golang.org/x/text/language.
func ValidCountry(code string) bool {
	_, ok := parseCountry(code)
	return ok
}

// parseCountry parses an assigned, upper-case ISO 3166-1 alpha-2 code.
func parseCountry(code string) (language.Region, bool) {
	if _, ok := countryIndex(code); !ok {
		return language.Region{}, false
	}
	r, err := language.ParseRegion(code)
	if err != nil || r.String() != code {
		return language.Region{}, false
	}
	// IsCountry excludes groupings (EU, UN, 150) and "ZZ". What it keeps
	// that ISO no longer assigns is either replaced by another code
	// (UK -> GB, DD -> DE: Canonicalize differs), without a numeric code
	// (AC, IC, EA: exceptional reservations), private use (XK), or a former
	// country CLDR has no name for any more (YU, CS, SU, AN).
	if !r.IsCountry() || r.IsPrivateUse() || r.Canonicalize() != r || r.M49() == 0 {
		return language.Region{}, false
	}
	if display.English.Regions().Name(r) == "" {
		return language.Region{}, false
	}
	return r, true
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// CountryCode finds the ISO 3166-1 alpha-2 code of a country named in
// English or French, ignoring case and accents: "France", "Allemagne",
// "germany", "etats-unis" -> "FR", "DE", "DE", "US". It also accepts a code
// in any case or an alpha-3 code ("fr", "deu") and a replaced code ("UK"
// -> "GB"). It serves "did you mean" hints, so it is not fast: it scans
// the CLDR country list on each call.
func CountryCode(name string) (code string, ok bool) {
	if name == "" {
		return "", false
	}
	if len(name) == 2 || len(name) == 3 {
		if r, err := language.ParseRegion(name); err == nil {
			if c := r.Canonicalize().String(); ValidCountry(c) {
				return c, true
			}
		}
	}
	loose := collate.New(language.French, collate.Loose) // ignore case, accents, width
	en, fr := display.English.Regions(), display.French.Regions()
	var buf [2]byte
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			buf[0], buf[1] = a, b
			r, ok := parseCountry(string(buf[:]))
			if !ok {
				continue
			}
			if loose.CompareString(name, en.Name(r)) == 0 || loose.CompareString(name, fr.Name(r)) == 0 {
				return r.String(), true
			}
		}
	}
	return "", false
}
