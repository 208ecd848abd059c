package render

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// ld is a JSON-LD node. Its keys are written sorted, so output is stable.
type ld map[string]any

func ref(id string) ld { return ld{"@id": id} }

// appendJSON appends v as encoding/json.Marshal would write it, byte for
// byte: keys sorted, <, > and & written as \u003c, \u003e and \u0026. It
// writes the kinds of value a JSON-LD graph is made of (ld, []ld, strings,
// []string, ints) itself, without reflection, and hands anything else to
// encoding/json. Every page has a graph, and Marshal spent most of its
// time finding out what it was given.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case ld:
		var buf [16]string // nodes have fewer keys: no allocation
		keys := buf[:0]
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSON(b, v[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []ld:
		return appendArray(b, v, func(b []byte, n ld) ([]byte, error) { return appendJSON(b, n) })
	case []string:
		return appendArray(b, v, func(b []byte, s string) ([]byte, error) { return appendJSONString(b, s), nil })
	case string:
		return appendJSONString(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
}

// appendArray appends list as a JSON array (null when nil, as
// encoding/json writes it), each element with elem.
func appendArray[T any](b []byte, list []T, elem func([]byte, T) ([]byte, error)) ([]byte, error) {
	if list == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = elem(b, e); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// appendJSONString appends s as a JSON string. A string that encoding/json
// would write as it is (valid UTF-8, no control character, quote,
// backslash, <, >, &, U+2028 or U+2029) is copied; any other is left to
// encoding/json, so that the escapes are its own.
func appendJSONString(b []byte, s string) []byte {
	if plainJSON(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	j, _ := json.Marshal(s) // a string always encodes
	return append(b, j...)
}

func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
