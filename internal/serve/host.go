package serve

import (
	"net"
	"net/http"
	"strings"
)

// A preview bound to loopback answers only the names of this machine.
//
// Without this, a web page the editor visits could use DNS rebinding: its
// own name made to resolve to 127.0.0.1, its script could then read the
// preview (drafts included) and its event stream, since the browser would
// take them for the page's own origin. Such a request still carries the
// attacker's name in its Host header, so it is refused: with 421
// Misdirected Request, the status for a request this server is not
// configured to answer.
//
// Accepted, with or without a port: localhost and names under it (RFC
// 6761 reserves them for loopback; browsers resolve them so without DNS),
// 127.0.0.1 and the rest of 127.0.0.0/8, and [::1]. A preview bound to
// another address (--bind 0.0.0.0, a LAN address) is reached by names
// this server cannot know, so it answers every Host, as before.

// guardHost wraps h so that it answers only loopback Host names when addr
// is a loopback address.
func guardHost(addr net.Addr, h http.Handler) http.Handler {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "consort serve answers only http://localhost, http://127.0.0.1 and http://[::1] (the preview is bound to this machine); this request named "+quoteHost(r.Host)+". To reach the preview under another name, run consort serve --bind with the address to listen on.", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine: see
// above.
func loopbackHost(host string) bool {
	if host == "" {
		return false // HTTP/1.1 requires Host; an HTTP/1.0 client is not a browser
	}
	name := host
	if h, port, err := net.SplitHostPort(host); err == nil {
		if !validPort(port) {
			return false
		}
		name = h
	} else if strings.HasPrefix(host, "[") {
		if !strings.HasSuffix(host, "]") {
			return false
		}
		name = host[1 : len(host)-1]
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip := net.ParseIP(name)
	if ip == nil {
		return false
	}
	if ip4 := ip.To4(); ip4 != nil {
		// 127.0.0.1 written as such: not "::ffff:127.0.0.1", which no
		// browser sends for a page on localhost.
		return ip4[0] == 127 && !strings.Contains(name, ":")
	}
	return ip.Equal(net.IPv6loopback) && strings.HasPrefix(host, "[")
}

func validPort(p string) bool {
	if p == "" || len(p) > 5 {
		return p == "" // "localhost:" is allowed by RFC 3986
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n <= 65535
}

// quoteHost shows a Host header in the message, shortened and without
// control characters.
func quoteHost(h string) string {
	if len(h) > 80 {
		h = h[:80] + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, "\""+h+"\"")
}
