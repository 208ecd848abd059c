package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "localhost:1313": true, "LOCALHOST:1313": true, "localhost.:1313": true,
		"preview.localhost:8080": true, "localhost:": true,
		"127.0.0.1": true, "127.0.0.1:1313": true, "127.1.2.3:80": true,
		"[::1]": true, "[::1]:1313": true,
		"":                          false,
		"evil.example":              false,
		"evil.example:1313":         false,
		"localhost.evil.example":    false,
		"evillocalhost:1313":        false,
		"127.0.0.1.nip.io:1313":     false,
		"192.168.1.10:1313":         false,
		"0.0.0.0:1313":              false,
		"::1":                       false,
		"[::ffff:127.0.0.1]:1313":   false,
		"[::2]:1313":                false,
		"localhost:99999":           false,
		"localhost:13a":             false,
		"[::1":                      false,
		"127.0.0.1:1313:1313":       false,
		"localhost:1313\r\nX-A: b":  false,
		"attacker.com#@localhost":   false,
		"localhost@attacker.com":    false,
		"xn--localhost-:1313":       false,
		"127.0.0.1.:1313":           true,
		"2130706433:1313":           false,
		"0x7f.0.0.1:1313":           false,
		"[fe80::1%25lo]:1313":       false,
		"[0:0:0:0:0:0:0:1]:1313":    true,
		"[0000::0001]:1313":         true,
		"localhost.localhost:1313":  true,
		"evil.example.localhost.co": false,
	} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q): got %v; want %v", host, got, want)
		}
	}
}

// hostGet sends a GET for target with the given Host header to addr.
func hostGet(t *testing.T, addr, host, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", target, host, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, string(body)
}

// TestForeignHostIsRefused checks the defence against DNS rebinding: a
// preview on 127.0.0.1 serves its own names and refuses pages, drafts and
// the event stream under any other.
func TestForeignHostIsRefused(t *testing.T) {
	dir := writeSite(t, "site")
	ts := start(t, dir, Options{})
	addr := strings.TrimPrefix(ts.url, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for _, host := range []string{addr, "localhost:" + port, "localhost", "127.0.0.1"} {
		if status, _ := hostGet(t, addr, host, "/en/"); status != http.StatusOK {
			t.Errorf("Host %s: got %d; want 200", host, status)
		}
	}
	for _, host := range []string{"rebind.example:" + port, "rebind.example", "192.168.1.20:" + port} {
		for _, target := range []string{"/en/", "/__consort/events", "/__consort/live.js", "/nothing/"} {
			status, body := hostGet(t, addr, host, target)
			if status != http.StatusMisdirectedRequest {
				t.Errorf("GET %s with Host %s: got %d; want 421", target, host, status)
			}
			if !strings.Contains(body, "--bind") || strings.Contains(body, "<html") {
				t.Errorf("GET %s with Host %s: body %q; want a plain explanation naming --bind", target, host, body)
			}
		}
	}
}

// TestBindOtherInterfaceAnswersAnyHost checks that --bind 0.0.0.0 keeps
// working: machines of the network reach it by names the server does not
// know.
func TestBindOtherInterfaceAnswersAnyHost(t *testing.T) {
	ln, err := Listen("0.0.0.0", 0)
	if err != nil {
		t.Skipf("cannot listen on 0.0.0.0: %v", err)
	}
	dir := writeSite(t, "site")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Options{Dir: dir, Listener: ln, Build: buildOptions()})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	addr := fmt.Sprintf("127.0.0.1:%d", ln.Addr().(*net.TCPAddr).Port)
	for _, host := range []string{"my-laptop.lan", "192.168.1.20:8080", addr} {
		if status, _ := hostGet(t, addr, host, "/en/"); status != http.StatusOK {
			t.Errorf("bound to 0.0.0.0, Host %s: got %d; want 200", host, status)
		}
	}
}
