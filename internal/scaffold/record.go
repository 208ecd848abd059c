package scaffold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// HashLen is how many hex digits of the source's SHA-256 a translation
// record keeps: 48 bits, plenty to notice that a file changed.
const HashLen = 12

// Hash is the fingerprint of a content file that translation records use:
// the hex SHA-256 of its bytes, without a leading byte order mark and with
// CRLF line ends read as LF, so that a checkout on Windows (git autocrlf)
// does not make every translation look stale.
func Hash(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Record is the value of translatedFrom: what a translation was made from.
// "fr@3f9a0c1b2d4e" says the page was translated from its French version
// when that file's Hash began with 3f9a0c1b2d4e.
type Record struct {
	Lang string // language of the source
	Hash string // a prefix of the source's Hash at translation time; "" when unknown
}

// ParseRecord reads a translatedFrom value; ok is false when it does not
// have the form lang or lang@hex (site validation reports that).
func ParseRecord(s string) (r Record, ok bool) {
	if !site.TranslatedFromRE.MatchString(s) {
		return Record{}, false
	}
	r.Lang, r.Hash, _ = strings.Cut(s, "@")
	return r, true
}

// NewRecord returns the record of a translation made now from a source in
// lang whose file holds data.
func NewRecord(lang string, data []byte) Record {
	return Record{Lang: lang, Hash: Hash(data)[:HashLen]}
}

// String returns the translatedFrom value: "fr@3f9a0c1b2d4e", or "fr".
func (r Record) String() string {
	if r.Hash == "" {
		return r.Lang
	}
	return r.Lang + "@" + r.Hash
}

// Current reports whether the source, whose file now has the given Hash,
// is still the one that was translated.
func (r Record) Current(hash string) bool {
	return r.Hash != "" && strings.HasPrefix(hash, r.Hash)
}
