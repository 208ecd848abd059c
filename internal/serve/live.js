// consort serve: live reload and the editor bar. Served by the preview
// only; never part of what consort build publishes.
(function () {
  "use strict";
  var host = document.getElementById("consort-preview");
  if (!host || !window.EventSource) return;
  var server = host.getAttribute("data-server");
  var gen = Number(host.getAttribute("data-gen"));
  var root = host.shadowRoot;
  var followKey = "consort-follow", barKey = "consort-bar-hidden";

  function store(kind) {
    try { return window[kind]; } catch (e) { return null; }
  }
  function follow() {
    var s = store("localStorage"), v = s && s.getItem(followKey);
    return v === null || v === undefined ? host.getAttribute("data-follow") === "1" : v === "1";
  }

  if (root) {
    var bar = root.querySelector(".bar");
    if (bar) {
      var ss = store("sessionStorage");
      if (ss && ss.getItem(barKey) === "1") bar.hidden = true;
      var box = bar.querySelector("[data-follow]");
      if (box) {
        box.checked = follow();
        box.addEventListener("change", function () {
          var s = store("localStorage");
          if (s) s.setItem(followKey, box.checked ? "1" : "0");
        });
      }
      var close = bar.querySelector("[data-dismiss]");
      if (close) close.addEventListener("click", function () {
        bar.hidden = true;
        var s = store("sessionStorage");
        if (s) s.setItem(barKey, "1");
      });
    }
    var hide = root.querySelector("[data-hide-overlay]");
    if (hide) hide.addEventListener("click", function () {
      root.querySelector(".overlay").hidden = true;
    });
  }

  // swapStyles replaces the page's stylesheets with those of the page as
  // the server now serves it (new fingerprinted names and integrity),
  // each old one removed once its replacement has loaded.
  function swapStyles() {
    fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var fresh = doc.querySelectorAll('link[rel~="stylesheet"]');
      var old = document.querySelectorAll('link[rel~="stylesheet"]');
      for (var i = 0; i < fresh.length; i++) {
        var n = document.createElement("link");
        for (var j = 0; j < fresh[i].attributes.length; j++) {
          n.setAttribute(fresh[i].attributes[j].name, fresh[i].attributes[j].value);
        }
        var o = old[i];
        if (o) {
          (function (o) {
            n.addEventListener("load", function () { o.remove(); });
            n.addEventListener("error", function () { location.reload(); });
          })(o);
          o.after(n);
        } else {
          document.head.appendChild(n);
        }
      }
      for (var k = fresh.length; k < old.length; k++) old[k].remove();
    }).catch(function () { location.reload(); });
  }

  var es = new EventSource("/__consort/events");
  es.onopen = function () { host.setAttribute("data-connected", "1"); };
  es.onerror = function () { host.removeAttribute("data-connected"); };
  es.onmessage = function (m) {
    var ev;
    try { ev = JSON.parse(m.data); } catch (e) { return; }
    if (ev.type === "hello") {
      // Built again (or another server) since this page was served.
      if (ev.server !== server || ev.gen !== gen) { es.close(); location.reload(); }
      return;
    }
    if (ev.server === server && ev.gen <= gen) return;
    if (ev.type === "css" && ev.server === server) {
      gen = ev.gen;
      swapStyles();
      return;
    }
    es.close();
    if (ev.page && ev.page !== location.pathname && follow() && document.visibilityState === "visible") {
      location.assign(ev.page);
    } else {
      location.reload();
    }
  };
})();
