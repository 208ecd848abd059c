package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is what the server tells open pages after a build.
type event struct {
	// Type is "reload" (load the page again), "css" (only stylesheets
	// changed: swap them) or "hello" (sent on connecting).
	Type string `json:"type"`
	// Server and Gen name the build: a page that was served by another
	// server or an older build loads again.
	Server string `json:"server"`
	Gen    uint64 `json:"gen"`
	// Page is the URL of the page whose file was edited, when one was:
	// the browser goes there.
	Page string `json:"page,omitempty"`
}

// hub sends events to every open page over Server-Sent Events.
type hub struct {
	mu     sync.Mutex
	subs   map[chan event]bool
	closed bool
	done   chan struct{}
	wg     sync.WaitGroup // the streams being served
}

func newHub() *hub { return &hub{subs: map[chan event]bool{}, done: make(chan struct{})} }

// publish sends ev to every page; a page that has not read the previous
// event yet gets this one instead, since only the latest matters.
func (h *hub) publish(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
		default:
			select {
			case <-ch:
			default:
			}
			ch <- ev
		}
	}
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
	h.mu.Unlock()
	h.wg.Wait()
}

func (h *hub) subscribe() (chan event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch := make(chan event, 1)
	h.subs[ch] = true
	h.wg.Add(1)
	return ch, true
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	delete(h.subs, ch)
	h.mu.Unlock()
	h.wg.Done()
}

// keepAlive is how often an idle stream gets a comment, so that a closed
// tab is noticed and proxies keep the connection.
const keepAlive = 20 * time.Second

// serve streams events to one page until it goes or the hub closes.
// hello is sent first.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, hello event) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, ok := h.subscribe()
	if !ok {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send := func(ev event) error {
		data, _ := json.Marshal(ev)
		_, err := fmt.Fprintf(w, "data: %s\n\n", data)
		flusher.Flush()
		return err
	}
	// Reconnect after a second when the server restarts.
	fmt.Fprint(w, "retry: 1000\n")
	if send(hello) != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case ev := <-ch:
			if send(ev) != nil {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
