package main

import (
	"bytes"
	"context"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// otherAddress is an IP address of this machine that is not loopback, or
// nil when it has none.
func otherAddress(t *testing.T) net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP
		}
	}
	return nil
}

// TestServeBind runs consort serve: by default it listens on the loopback
// address only, and says nothing more; with --bind 0.0.0.0 it can be
// reached from the network and warns that drafts are visible there.
func TestServeBind(t *testing.T) {
	dir := writeSite(t)
	other := otherAddress(t)
	tests := []struct {
		name      string
		args      []string
		host      string
		reachable bool // from the machine's other address
		warning   string
	}{
		{"default", nil, "127.0.0.1", false, ""},
		{"all addresses", []string{"--bind", "0.0.0.0"}, "127.0.0.1", true, "consort serve: warning: --bind 0.0.0.0 lets every machine that can reach this one see the preview, drafts included; use it only on a network you trust"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr lockedBuffer
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			args := append([]string{"serve", "--source", dir, "--port", "0"}, tt.args...)
			go func() { done <- run(ctx, args, &stdout, &stderr) }()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("serve: got %v; want nil when stopped", err)
				}
			}()
			addrRE := regexp.MustCompile(`open http://([0-9.]+):(\d+)/`)
			var m []string
			for deadline := time.Now().Add(30 * time.Second); m == nil; m = addrRE.FindStringSubmatch(stdout.String()) {
				if time.Now().After(deadline) {
					t.Fatalf("serve never said where it listens; stdout %q, stderr %q", stdout.String(), stderr.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if m[1] != tt.host {
				t.Errorf("got address %s; want %s", m[1], tt.host)
			}
			c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", m[2]))
			if err != nil {
				t.Fatalf("got %v from the loopback address; want a connection", err)
			}
			c.Close()
			if other != nil {
				c, err := net.DialTimeout("tcp", net.JoinHostPort(other.String(), m[2]), 5*time.Second)
				if err == nil {
					c.Close()
				}
				if got := err == nil; got != tt.reachable {
					t.Errorf("from %s: got reachable %v (%v); want %v", other, got, err, tt.reachable)
				}
			} else {
				t.Log("this machine has no address but loopback: reachability from the network not checked")
			}
			if got := strings.TrimSpace(stderr.String()); got != tt.warning {
				t.Errorf("got stderr %q; want %q", got, tt.warning)
			}
		})
	}
}
