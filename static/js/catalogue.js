/* consort partner catalogue: search as you type, facet filters, state in
 * the URL. No dependencies. Everything the data holds reaches the page as
 * text (textContent, DOM nodes), never as markup.
 *
 * The page works without this script: it lists every organisation and
 * links to a page per facet value. The script shows the search form
 * (hidden in the HTML), loads search.<hash>.json on the first interaction
 * (or at once when the URL holds a search) and from then on renders the
 * list itself. Formats: internal/catalogue/index.go. Folding, words,
 * stopwords and plurals: internal/catalogue/fold.go, which this must match.
 */
(function () {
  "use strict";

  // ---- Words: the same as fold.go ----------------------------------------

  var LETTERS = { "ß": "ss", "ς": "σ", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d" };
  var SPECIAL = /[ßςłøđħıæœþð]/g;
  var MARKS = /\p{Mn}+/gu;
  var WORD = /[\p{L}\p{Nd}]+/gu;
  var DIGIT = /\p{Nd}/u;
  var LAST = /[\p{L}\p{Nd}]$/u; // the query ends inside a word: still being typed
  var STOP = new Set(("a an and are as at be by for from has in is it its of on or s that the to with " +
    "au aux ce d dans de des du en est et l la le les par pour qu qui sa ses son sur un une").split(" "));

  function fold(s) {
    s = s.toLowerCase().normalize("NFKD").replace(MARKS, "").toLowerCase();
    return s.replace(SPECIAL, function (c) { return LETTERS[c]; });
  }

  function tokens(s) { return fold(s).match(WORD) || []; }

  // Step 5 of fold.go: the spellings of a letter a language writes without
  // it (German ae, oe, ue for ä, ö, ü), reduced on both sides.
  var DIGRAPHS = { de: /([aou])e/g };

  function foldLang(w, lang) {
    var re = DIGRAPHS[String(lang).split(/[-_]/)[0]];
    return re ? w.replace(re, "$1") : w;
  }

  function ends(w, x) { return w.slice(-x.length) === x; }

  function stem(w, lang) {
    w = foldLang(w, lang);
    var n = w.length;
    if (n <= 3 || DIGIT.test(w)) return w;
    if (lang === "fr") {
      if (ends(w, "eaux") || ends(w, "eux")) return w.slice(0, -1);
      if (ends(w, "aux") && n > 4) return w.slice(0, -3) + "al";
      if (ends(w, "s") && !ends(w, "ss")) return w.slice(0, -1);
      return w;
    }
    if (ends(w, "ies") && n > 4) return w.slice(0, -3) + "y";
    if (ends(w, "ss") || ends(w, "us") || ends(w, "is")) return w;
    if (ends(w, "s")) return w.slice(0, -1);
    return w;
  }

  function terms(s, lang) {
    return tokens(s).filter(function (w) { return !STOP.has(w); }).map(function (w) { return stem(w, lang); });
  }

  // For tests: the browser test checks these against the Go functions.
  window.consortCatalogue = { fold: fold, foldLang: foldLang, tokens: tokens, stem: stem, terms: terms };

  // ---- The index ---------------------------------------------------------

  var ALPHA = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIG = new Int8Array(128).fill(-1);
  for (var ai = 0; ai < ALPHA.length; ai++) DIG[ALPHA.charCodeAt(ai)] = ai;

  // reader returns a function giving the next integer of s.
  function reader(s) {
    var i = 0;
    return function () {
      var n = 0, c, d;
      for (;;) {
        c = s.charCodeAt(i++);
        d = c < 128 ? DIG[c] : -1;
        if (!(d >= 0)) throw new Error("catalogue: bad index data");
        n = n * 32 + (d & 31);
        if (d < 32) return n;
      }
    };
  }

  // readList appends a list of n sorted integers (first, then gaps - 1).
  function readList(next, n, out) {
    var prev = -1;
    for (var i = 0; i < n; i++) { prev = prev + 1 + next(); out.push(prev); }
  }

  function Index(data) {
    var N = data.names.length, i, g, r;
    this.lang = data.lang;
    this.n = N;
    this.names = data.names;
    this.slugs = data.slugs;
    this.prefix = data.prefix;
    for (i = 0; i < 2; i++) {
      if (typeof this.prefix[i] !== "string" || this.prefix[i].charAt(0) !== "/") throw new Error("catalogue: bad prefix");
    }
    this.cluster = new Uint8Array(N);
    var kinds = [], rc = reader(data.clusters);
    readList(rc, rc(), kinds);
    for (i = 0; i < kinds.length; i++) this.cluster[kinds[i]] = 1;

    // Terms, front-coded.
    var parts = data.terms.split(","), list = [], prev = "";
    for (i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      prev = prev.slice(0, parseInt(parts[i].charAt(0), 36)) + parts[i].slice(1);
      list.push(prev);
    }
    this.terms = list;
    var T = list.length, next = reader(data.postings), post = [];
    this.off = new Int32Array(T * 3 + 1);
    for (var t = 0; t < T; t++) {
      var nn = next(), nt = next(), nr = next();
      this.off[t * 3] = post.length; readList(next, nn, post);
      this.off[t * 3 + 1] = post.length; readList(next, nt, post);
      this.off[t * 3 + 2] = post.length; readList(next, nr, post);
    }
    this.off[T * 3] = post.length;
    this.post = Int32Array.from(post);

    // Groups: each record's values, and each value's records.
    this.groups = [];
    this.refGroup = []; // global value number -> [group, value]
    for (g = 0; g < data.groups.length; g++) {
      var dg = data.groups[g], nv = dg.labels.length;
      var gr = { key: dg.key, param: dg.param || "", w: dg.w, multi: !!dg.multi, labels: dg.labels, slugs: dg.slugs || [], n: nv };
      var rd = reader(dg.recs), start = new Int32Array(N + 1), vals = [];
      for (r = 0; r < N; r++) {
        start[r] = vals.length;
        if (gr.multi) readList(rd, rd(), vals);
        else { var v = rd(); if (v > 0) vals.push(v - 1); }
      }
      start[N] = vals.length;
      gr.start = start;
      gr.vals = Int32Array.from(vals);
      var cnt = new Int32Array(nv + 1);
      for (i = 0; i < vals.length; i++) cnt[vals[i] + 1]++;
      for (i = 0; i < nv; i++) cnt[i + 1] += cnt[i];
      var fill = cnt.slice(), byVal = new Int32Array(vals.length);
      for (r = 0; r < N; r++) {
        for (i = start[r]; i < start[r + 1]; i++) byVal[fill[gr.vals[i]]++] = r;
      }
      gr.vstart = cnt;
      gr.byVal = byVal;
      gr.total = new Int32Array(nv);
      for (i = 0; i < nv; i++) gr.total[i] = cnt[i + 1] - cnt[i];
      for (i = 0; i < nv; i++) this.refGroup.push(g, i);
      this.groups.push(gr);
    }
    this.score = new Float32Array(N);
    this.tok = new Float32Array(N);
    this.hits = new Uint8Array(N);
  }

  Index.prototype.url = function (r) {
    return this.prefix[this.cluster[r]] + (this.slugs[r] || tokens(this.names[r]).join("-")) + "/";
  };

  // lower returns the first term >= s.
  Index.prototype.lower = function (s) {
    var lo = 0, hi = this.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.terms[mid] < s) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  // within1 reports whether a and b differ by at most one edit (insertion,
  // deletion, substitution or swap of two neighbours).
  function within1(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // matchToken scores every record for one word of the query into this.tok;
  // it returns whether any term matched.
  Index.prototype.matchToken = function (tok, open) {
    // Terms that begin with the word's singular; a plural whose singular
    // does not begin with it ("companies": company) finds the terms that
    // begin with the plural and the singular itself, not every term that
    // begins with the singular.
    var s = stem(tok, this.lang), self = this, found = false;
    var forms = tok.slice(0, s.length) === s ? [s] : [tok, s];
    var tk = this.tok, post = this.post, off = this.off;
    tk.fill(0);
    function apply(t, f) {
      var k, e, sc;
      found = true;
      for (k = off[t * 3], e = off[t * 3 + 1], sc = 10 * f; k < e; k++) if (tk[post[k]] < sc) tk[post[k]] = sc;
      for (k = e, e = off[t * 3 + 2], sc = f; k < e; k++) if (tk[post[k]] < sc) tk[post[k]] = sc;
      for (k = off[t * 3 + 2], e = off[t * 3 + 3]; k < e; k++) {
        var gv = post[k], g = self.groups[self.refGroup[gv * 2]], v = self.refGroup[gv * 2 + 1];
        sc = g.w * f;
        for (var j = g.vstart[v]; j < g.vstart[v + 1]; j++) if (tk[g.byVal[j]] < sc) tk[g.byVal[j]] = sc;
      }
    }
    var seen = new Set(), terms = this.terms, p = forms[0], t;
    if (forms.length > 1) {
      t = this.lower(s);
      if (terms[t] === s && off[t * 3] !== off[t * 3 + 3]) { seen.add(t); apply(t, 1); }
    }
    for (t = this.lower(p); t < terms.length && terms[t].slice(0, p.length) === p; t++) {
      var term = terms[t], at = t;
      if (off[t * 3] === off[t * 3 + 3]) {
        // A term without postings is a plural that stands for its
        // singular ("hopitaux": hopital), so that "hopitau" finds it.
        var st = stem(term, this.lang);
        at = this.lower(st);
        if (terms[at] !== st) continue;
      }
      if (seen.has(at)) continue;
      seen.add(at);
      var exact = term === s || term === tok || terms[at] === s;
      // A finished word that is only the start of a term counts less.
      apply(at, exact ? 1 : (open ? 0.5 : 0.35) + 0.4 * p.length / term.length);
    }
    if (!found && tok.length >= 4) {
      // Nothing starts with it: allow one typo.
      for (t = 0; t < this.terms.length; t++) {
        var tt = this.terms[t];
        if (within1(s, tt) || within1(tok, tt) || (open && tt.length > tok.length && within1(tok, tt.slice(0, tok.length)))) apply(t, 0.3);
      }
    }
    return found;
  };

  // search returns the records matching every word of q, best first, or
  // null when q has no word (every record matches).
  Index.prototype.search = function (q) {
    var words = tokens(q), open = words.length > 0 && LAST.test(fold(q));
    var toks = words.filter(function (w, i) { return !STOP.has(w) || (open && i === words.length - 1); });
    if (!toks.length) return null;
    var N = this.n, score = this.score, hits = this.hits, tk = this.tok, r;
    score.fill(0);
    hits.fill(0);
    for (var i = 0; i < toks.length; i++) {
      this.matchToken(toks[i], open && i === toks.length - 1);
      for (r = 0; r < N; r++) {
        if (tk[r] > 0 && hits[r] === i) { hits[r] = i + 1; score[r] += tk[r]; }
      }
    }
    var out = [];
    for (r = 0; r < N; r++) if (hits[r] === toks.length) out.push(r);
    // Best score first; records are numbered alphabetically, which breaks ties.
    out.sort(function (a, b) { return score[b] - score[a] || a - b; });
    return out;
  };

  // ---- The page ----------------------------------------------------------

  var PAGE = 50;

  function init() {
    var form = document.getElementById("cat-form");
    if (!form || !window.fetch || !window.URLSearchParams || !history.pushState) return;
    var input = document.getElementById("cat-q");
    var list = document.getElementById("cat-results");
    var count = document.getElementById("cat-count");
    var status = document.getElementById("cat-status");
    var more = document.getElementById("cat-more");
    var empty = document.getElementById("cat-empty");
    var browse = document.getElementById("cat-browse");
    var lang = form.getAttribute("data-lang") || document.documentElement.lang || "en";
    var plurals = JSON.parse(form.getAttribute("data-results") || "{}");
    var rules = new Intl.PluralRules(lang), numbers = new Intl.NumberFormat(lang);
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-param]"));
    var ix = null, loading = null, results = [], shown = 0, lastTyping = false, announce = 0;

    var filters = document.getElementById("cat-filters"), activeN = document.getElementById("cat-active");
    form.hidden = false;
    if (browse) browse.hidden = true;
    // Filters fold away on phones; wider screens show them (CSS does too
    // where it can).
    if (filters && window.matchMedia && matchMedia("(min-width: 56rem)").matches) filters.open = true;

    function resultsText(n) {
      var t = plurals[rules.select(n)] || plurals.other || "{n}";
      return t.replace("{n}", numbers.format(n));
    }

    // The form's state, read from the URL.
    function readURL() {
      var p = new URLSearchParams(location.search);
      input.value = p.get("q") || "";
      fieldsets.forEach(function (fs) {
        var want = p.getAll(fs.getAttribute("data-param"));
        Array.prototype.forEach.call(fs.querySelectorAll("input[type=checkbox]"), function (cb) {
          cb.checked = want.indexOf(cb.value) >= 0;
        });
      });
    }

    function stateURL() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value);
      fieldsets.forEach(function (fs) {
        Array.prototype.forEach.call(fs.querySelectorAll("input[type=checkbox]:checked"), function (cb) {
          p.append(fs.getAttribute("data-param"), cb.value);
        });
      });
      var s = p.toString();
      return location.pathname + (s ? "?" + s : "");
    }

    // commit puts the state in the URL: typing replaces the entry it
    // started, other changes add one, so Back undoes a filter.
    function commit(typing) {
      var url = stateURL();
      if (url === location.pathname + location.search) return;
      if (typing && lastTyping) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
      lastTyping = typing;
    }

    function load() {
      if (!loading) {
        form.setAttribute("aria-busy", "true");
        loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
          .then(function (res) {
            if (!res.ok) throw new Error("catalogue: " + res.status);
            return res.json();
          })
          .then(function (data) {
            if (data.v !== 1) throw new Error("catalogue: unknown index version");
            ix = new Index(data);
            bindFacets();
            form.removeAttribute("aria-busy");
            // The page already shows the whole catalogue and its counts.
            if (location.search || input.value.trim() || form.querySelector("input[type=checkbox]:checked")) update();
          })
          .catch(function () {
            form.removeAttribute("aria-busy");
            document.documentElement.classList.remove("cat-js");
            form.hidden = true;
            if (browse) browse.hidden = false;
          });
      }
      return loading;
    }

    // Facet checkboxes, by group: [checkbox, count span, list item] per value.
    var facetUI = [];
    function bindFacets() {
      facetUI = fieldsets.map(function (fs) {
        var param = fs.getAttribute("data-param"), g = -1;
        for (var i = 0; i < ix.groups.length; i++) if (ix.groups[i].param === param) g = i;
        if (g < 0) return null;
        var gr = ix.groups[g], byslug = {};
        gr.slugs.forEach(function (s, i) { byslug[s] = i; });
        var boxes = [];
        Array.prototype.forEach.call(fs.querySelectorAll("input[type=checkbox]"), function (cb) {
          var v = byslug[cb.value];
          if (v === undefined) return;
          var label = fs.querySelector("label[for='" + cb.id + "']");
          boxes.push({ v: v, cb: cb, n: label && label.querySelector(".cat-n"), li: cb.parentNode, last: -1 });
        });
        return { g: g, gr: gr, boxes: boxes, sel: new Uint8Array(gr.n), counts: new Int32Array(gr.n) };
      }).filter(Boolean);
    }

    function item(r) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.className = "cat-item";
      a.className = "cat-name";
      a.href = ix.url(r);
      a.textContent = ix.names[r];
      li.appendChild(a);
      var meta = [], g, type = "", city = "", country = "", tags = [];
      for (g = 0; g < ix.groups.length; g++) {
        var gr = ix.groups[g], vs = [];
        for (var k = gr.start[r]; k < gr.start[r + 1]; k++) vs.push(gr.labels[gr.vals[k]]);
        if (!vs.length) continue;
        if (gr.key === "orgType") type = vs[0];
        else if (gr.key === "city") city = vs[0];
        else if (gr.key === "country") country = vs[0];
        else if (gr.key === "competency") tags = vs;
      }
      meta = type + " · " + (city ? city + ", " : "") + country;
      var m = document.createElement("span");
      m.className = "cat-meta";
      m.textContent = meta;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(m);
      if (tags.length) {
        var t = document.createElement("span");
        t.className = "cat-tags";
        t.textContent = tags.join(", ");
        li.appendChild(document.createTextNode(" "));
        li.appendChild(t);
      }
      return li;
    }

    function showMore(focus) {
      var frag = document.createDocumentFragment(), first = null;
      var end = Math.min(results.length, shown + PAGE);
      for (var i = shown; i < end; i++) {
        var li = item(results[i]);
        if (!first) first = li.firstChild;
        frag.appendChild(li);
      }
      list.appendChild(frag);
      shown = end;
      more.hidden = shown >= results.length;
      if (focus && first) first.focus();
    }

    // update runs the search and the filters and redraws the list and the counts.
    function update() {
      if (!ix) return;
      var found = ix.search(input.value), N = ix.n, f, i, r, k, u;
      var active = facetUI.filter(function (fu) {
        var any = 0;
        fu.sel.fill(0);
        fu.boxes.forEach(function (b) { if (b.cb.checked) { fu.sel[b.v] = 1; any = 1; } });
        fu.counts.fill(0);
        return any;
      });
      results = [];
      var total = found ? found.length : N;
      // A value's count is what the list would hold with it ticked: the
      // record passes the search and every other facet's filter.
      for (i = 0; i < total; i++) {
        r = found ? found[i] : i;
        var fails = 0, failed = null;
        for (f = 0; f < active.length; f++) {
          var fu = active[f], gr = fu.gr, ok = false;
          for (k = gr.start[r]; k < gr.start[r + 1]; k++) if (fu.sel[gr.vals[k]]) { ok = true; break; }
          if (!ok && ++fails > 1) break;
          if (!ok) failed = fu;
        }
        if (fails > 1) continue;
        if (fails === 0) results.push(r);
        for (u = 0; u < facetUI.length; u++) {
          var fu2 = facetUI[u];
          if (failed && fu2 !== failed) continue;
          var g2 = fu2.gr;
          for (k = g2.start[r]; k < g2.start[r + 1]; k++) fu2.counts[g2.vals[k]]++;
        }
      }
      facetUI.forEach(function (fu) {
        fu.boxes.forEach(function (b) {
          var c = fu.counts[b.v];
          if (c === b.last) return;
          b.last = c;
          if (b.n) b.n.textContent = "(" + numbers.format(c) + ")";
          b.li.classList.toggle("is-zero", c === 0);
        });
      });
      if (activeN) {
        var nsel = form.querySelectorAll("input[type=checkbox]:checked").length;
        activeN.textContent = nsel ? "(" + numbers.format(nsel) + ")" : "";
      }
      list.replaceChildren();
      shown = 0;
      showMore(false);
      var text = resultsText(results.length);
      count.textContent = text;
      if (empty) empty.hidden = results.length > 0;
      var pager = list.parentNode.querySelector(".pager");
      if (pager) pager.hidden = true;
      // Screen readers hear the count once the visitor pauses.
      clearTimeout(announce);
      announce = setTimeout(function () { status.textContent = text; }, 500);
    }

    form.addEventListener("focusin", load);
    form.addEventListener("pointerdown", load);
    input.addEventListener("input", function () {
      commit(true);
      if (ix) update(); else load();
    });
    form.addEventListener("change", function (e) {
      if (e.target.type !== "checkbox") return;
      commit(false);
      if (ix) update(); else load();
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      commit(false);
      lastTyping = false;
      if (ix) update();
    });
    form.addEventListener("reset", function (e) {
      e.preventDefault();
      input.value = "";
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (cb) { cb.checked = false; });
      commit(false);
      update();
      input.focus();
    });
    more.addEventListener("click", function () { showMore(true); });
    window.addEventListener("popstate", function () {
      readURL();
      lastTyping = false;
      if (ix) update(); else load();
    });

    readURL();
    if (location.search) load();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
