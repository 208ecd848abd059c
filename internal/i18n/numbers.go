package i18n

import (
	"strconv"
	"strings"
)

// numberFormat is how a language writes an integer: CLDR's decimal
// format as ICU applies it (numbers_table.go, written by gen_numbers.go
// from Node.js's Intl.NumberFormat).
type numberFormat struct {
	digits      string // the ten digits, 0 to 9; "" for ASCII's
	group       string // the grouping separator
	primary     int    // digits in the group nearest the units; 0: no grouping
	secondary   int    // digits in each group above it (2 in Hindi's 12,34,567)
	minGrouping int    // CLDR's minimumGroupingDigits: 2 writes 1000 but 10 000
	pos         string // before a positive number (a direction mark)
	posSuffix   string
	neg         string // before a negative number: the minus sign
	negSuffix   string
}

// numberFormatOf returns the format of a base language.
func numberFormatOf(base string) numberFormat {
	if f, ok := numberFormats[base]; ok {
		return f
	}
	return numberFormats["und"]
}

// format writes n, exactly (no float conversion).
func (f numberFormat) format(n int64) string {
	u := uint64(n)
	if n < 0 {
		u = -u // two's complement: right for math.MinInt64 too
	}
	digits := strconv.FormatUint(u, 10)
	var b strings.Builder
	b.Grow(len(digits)*2 + len(f.neg) + 4)
	if n < 0 {
		b.WriteString(f.neg)
	} else {
		b.WriteString(f.pos)
	}
	grouped := f.primary > 0 && len(digits) >= f.primary+f.minGrouping
	for i := range len(digits) {
		if grouped && i > 0 {
			if rest := len(digits) - i; rest == f.primary || (rest > f.primary && (rest-f.primary)%f.secondary == 0) {
				b.WriteString(f.group)
			}
		}
		f.writeDigit(&b, digits[i])
	}
	if n < 0 {
		b.WriteString(f.negSuffix)
	} else {
		b.WriteString(f.posSuffix)
	}
	return b.String()
}

// writeDigit writes the ASCII digit c in the language's digits.
func (f numberFormat) writeDigit(b *strings.Builder, c byte) {
	if f.digits == "" {
		b.WriteByte(c)
		return
	}
	d := int(c - '0')
	for _, r := range f.digits {
		if d == 0 {
			b.WriteRune(r)
			return
		}
		d--
	}
}
