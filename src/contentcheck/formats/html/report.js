(function () {
  "use strict";
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var form = document.getElementById("filters");
  var fields = ["category", "severity", "rule", "q"];
  var findings = all("li.finding");
  var docs = all("section.doc");
  var rows = all("#doc-table tbody tr");
  var marks = all("mark[data-f]");
  var status = document.getElementById("filter-status");
  var noMatch = document.getElementById("no-match");

  function openAround(el) {
    for (var p = el; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
  }
  function goToHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || id.indexOf("=") >= 0) { return; }
    var el = document.getElementById(id);
    if (el) { openAround(el); el.scrollIntoView(); }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (el) { openAround(el); }
  });

  if (form) {
    form.hidden = false;
    var state = function () {
      var s = {};
      fields.forEach(function (k) { s[k] = (form.elements[k].value || "").trim(); });
      return s;
    };
    var setField = function (k, v) {
      var c = form.elements[k];
      if (c.tagName === "SELECT" && v) {
        var known = Array.prototype.some.call(c.options, function (o) { return o.value === v; });
        if (!known) {
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v + " (0)";
          c.appendChild(o);
        }
      }
      c.value = v;
    };
    var apply = function () {
      var s = state();
      var q = s.q.toLowerCase();
      var byFinding = !!(s.category || s.severity || s.rule);
      var hits = {}, match = {};
      findings.forEach(function (li) {
        var ok = (!s.category || li.getAttribute("data-cat") === s.category) &&
                 (!s.severity || li.getAttribute("data-sev") === s.severity) &&
                 (!s.rule || li.getAttribute("data-rule") === s.rule);
        li.hidden = !ok;
        match[li.id] = ok;
        if (ok) { hits[li.getAttribute("data-doc")] = (hits[li.getAttribute("data-doc")] || 0) + 1; }
      });
      var visible = function (el) {
        var path = (el.getAttribute("data-path") || "").toLowerCase();
        return (!q || path.indexOf(q) >= 0) && (!byFinding || hits[el.getAttribute("data-doc")] > 0);
      };
      var shownDocs = 0, shownFindings = 0;
      docs.forEach(function (sec) {
        var ok = visible(sec);
        sec.hidden = !ok;
        if (ok) { shownDocs += 1; shownFindings += hits[sec.getAttribute("data-doc")] || 0; }
      });
      rows.forEach(function (tr) { tr.hidden = !visible(tr); });
      marks.forEach(function (m) {
        var ids = (m.getAttribute("aria-describedby") || "").split(" ");
        var ok = !byFinding || ids.some(function (id) { return match[id] !== false; });
        m.classList.toggle("dim", !ok);
      });
      var filtered = byFinding || !!q;
      if (status) {
        status.textContent = filtered
          ? "Showing " + shownDocs + " of " + docs.length + " documents, " + shownFindings + " of " +
            findings.length + " findings"
          : docs.length + " documents, " + findings.length + " findings";
      }
      if (noMatch) { noMatch.hidden = shownDocs > 0 || docs.length === 0; }
      document.body.setAttribute("data-filtered", filtered ? "1" : "0");
      return s;
    };
    var writeHash = function (s) {
      var parts = [];
      fields.forEach(function (k) { if (s[k]) { parts.push(k + "=" + encodeURIComponent(s[k])); } });
      try {
        history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
      } catch (e) { /* some browsers refuse on file: URLs; the filters still work */ }
    };
    var readHash = function () {
      var h = location.hash.slice(1);
      if (h.indexOf("=") < 0) { return false; }
      var p = {};
      h.split("&").forEach(function (kv) {
        var i = kv.indexOf("=");
        if (i > 0) {
          try { p[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); } catch (e) { }
        }
      });
      fields.forEach(function (k) { setField(k, p[k] || ""); });
      return true;
    };
    form.addEventListener("input", function () { writeHash(apply()); });
    form.addEventListener("change", function () { writeHash(apply()); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { writeHash(apply()); }, 0); });
    window.addEventListener("hashchange", function () { if (readHash()) { apply(); } else { goToHash(); } });
    readHash();
    apply();
  }

  var table = document.getElementById("doc-table");
  if (table) {
    var heads = all("thead th", table);
    var sortBy = function (th) {
      var idx = heads.indexOf(th);
      var num = th.getAttribute("data-sort") === "num";
      var cur = th.getAttribute("aria-sort");
      var first = (num && idx > 1) ? "descending" : "ascending";
      var dir = cur ? (cur === "ascending" ? "descending" : "ascending") : first;
      var sign = dir === "ascending" ? 1 : -1;
      var body = table.tBodies[0];
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) {
        var x = a.cells[idx].getAttribute("data-v"), y = b.cells[idx].getAttribute("data-v");
        var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return c * sign || (parseInt(a.getAttribute("data-rank"), 10) - parseInt(b.getAttribute("data-rank"), 10));
      });
      list.forEach(function (r) { body.appendChild(r); });
      heads.forEach(function (h) { if (h !== th) { h.removeAttribute("aria-sort"); } });
      th.setAttribute("aria-sort", dir);
    };
    heads.forEach(function (th) {
      if (!th.hasAttribute("data-sort")) { return; }
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      b.title = "Sort by " + th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(th); });
    });
  }
  goToHash();
  document.documentElement.setAttribute("data-ready", "1");
})();
