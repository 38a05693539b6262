/* auditor report workspace: accept / reject / undo fixes, live corrected text, filters, keys.
   The fix logic mirrors auditor/fixes.py (overlaps, priority, chooseSafe, applyEdits) so that
   "Accept all safe fixes" here gives exactly the text `auditor fix --only-safe` writes.
   Input text only ever reaches the page through textContent. */
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("auditor-data").textContent);
  var text = payload.text;
  var findings = [];
  payload.doc.sentences.forEach(function (s) { s.findings.forEach(function (f) { findings.push(f); }); });
  var RANK = { hint: 0, minor: 1, major: 2, critical: 3 };
  var STORE = "auditor:decisions:" + payload.hash;
  var decisions = {};  // finding id -> {state: "accepted"|"rejected", s: suggestion index or -1}
  var current = -1;
  var list = document.getElementById("finding-list");
  var cards = Array.prototype.slice.call(list.querySelectorAll(".finding"));
  var byId = {};
  cards.forEach(function (c) { byId[c.dataset.id] = c; });
  var statusBox = document.getElementById("status");

  function key(f) { return f.rule + "@" + f.start + "-" + f.end; }

  /* ---- mirror of auditor/fixes.py ---- */
  function overlaps(a, b) {
    if (a.start === b.start) return true;
    return a.start < b.end && b.start < a.end;
  }
  function cmp(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
  function priority(a, b) {
    return cmp(-RANK[a.severity], -RANK[b.severity]) || cmp(a.start, b.start) ||
      cmp(a.end - a.start, b.end - b.start) || cmp(a.rule, b.rule);
  }
  function isSafe(f) { return f.safe_fix && f.suggestions.length === 1; }
  function applyEdits(source, edits) {
    var ordered = edits.slice().sort(function (a, b) { return cmp(a.start, b.start) || cmp(a.end, b.end); });
    var pieces = [], position = 0;
    ordered.forEach(function (e) {
      pieces.push({ text: source.slice(position, e.start) });
      pieces.push({ text: e.replacement, edit: e });
      position = e.end;
    });
    pieces.push({ text: source.slice(position) });
    return pieces;
  }
  /* ---- state ---- */
  function edits(except) {
    var out = [];
    Object.keys(decisions).forEach(function (id) {
      var d = decisions[id];
      if (Number(id) === except || d.state !== "accepted" || d.s < 0) return;
      var f = findings[id];
      out.push({ start: f.start, end: f.end, replacement: f.suggestions[d.s], rule: f.rule, id: Number(id) });
    });
    return out;
  }
  function correctedPieces() { return applyEdits(text, edits(-1)); }
  function correctedText() { return correctedPieces().map(function (p) { return p.text; }).join(""); }
  function say(message) { statusBox.textContent = message; }
  function save() {
    var stored = {};
    Object.keys(decisions).forEach(function (id) { stored[key(findings[id])] = decisions[id]; });
    try { window.localStorage.setItem(STORE, JSON.stringify(stored)); } catch (e) { /* storage off */ }
  }
  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE); } catch (e) { return; }
    if (!raw) return;
    var stored;
    try { stored = JSON.parse(raw); } catch (e) { return; }
    findings.forEach(function (f, id) {
      var d = stored[key(f)];
      if (!d || (d.state !== "accepted" && d.state !== "rejected")) return;
      var s = typeof d.s === "number" && d.s < f.suggestions.length ? d.s : -1;
      decisions[id] = { state: d.state, s: s };
    });
  }
  function label(f) { return f.rule + " “" + text.slice(f.start, f.end).slice(0, 40) + "”"; }

  function accept(id, s) {
    var f = findings[id];
    if (s === undefined) s = f.suggestions.length ? 0 : -1;
    if (s >= f.suggestions.length) { say("Finding has no suggestion " + (s + 1) + "."); return false; }
    if (s >= 0) {
      var mine = { start: f.start, end: f.end };
      var clash = edits(id).filter(function (e) { return overlaps(mine, e); })[0];
      if (clash) {
        say("Cannot accept: it overlaps the accepted fix for " + label(findings[clash.id]) + ". Undo that first.");
        return false;
      }
    }
    decisions[id] = { state: "accepted", s: s };
    say("Accepted " + label(f) + (s >= 0 ? " → “" + f.suggestions[s] + "”" : "") + ".");
    render();
    return true;
  }
  function reject(id) {
    decisions[id] = { state: "rejected", s: -1 };
    say("Rejected " + label(findings[id]) + ".");
    render();
  }
  function undo(id) {
    if (!decisions[id]) { say("Nothing to undo for " + label(findings[id]) + "."); return; }
    delete decisions[id];
    say("Undid the decision on " + label(findings[id]) + ".");
    render();
  }
  function acceptSafe() {
    var chosen = edits(-1);
    var count = 0;
    findings.map(function (f, id) { return { f: f, id: id }; })
      .filter(function (x) { return isSafe(x.f) && !decisions[x.id]; })
      .sort(function (a, b) { return priority(a.f, b.f); })
      .forEach(function (x) {
        var mine = { start: x.f.start, end: x.f.end };
        if (chosen.some(function (e) { return overlaps(mine, e); })) return;
        chosen.push(mine);
        decisions[x.id] = { state: "accepted", s: 0 };
        count += 1;
      });
    say(count ? "Accepted " + count + " safe fix" + (count === 1 ? "" : "es") + "." : "No safe fixes left to accept.");
    render();
  }

  /* ---- rendering ---- */
  function renderCorrected() {
    var box = document.getElementById("corrected");
    var fragment = document.createDocumentFragment();
    correctedPieces().forEach(function (p) {
      if (!p.edit) { fragment.appendChild(document.createTextNode(p.text)); return; }
      var ins = document.createElement("ins");
      ins.textContent = p.text;
      ins.title = p.edit.rule;
      ins.dataset.f = String(p.edit.id);
      fragment.appendChild(ins);
    });
    box.replaceChildren(fragment);
  }
  function render() {
    var decided = 0;
    cards.forEach(function (card) {
      var id = Number(card.dataset.id), d = decisions[id];
      var state = d ? d.state : "pending";
      if (d) decided += 1;
      card.classList.toggle("accepted", state === "accepted");
      card.classList.toggle("rejected", state === "rejected");
      var badge = card.querySelector(".state");
      badge.dataset.state = state;
      badge.textContent = state;
      card.querySelector(".undo").hidden = !d;
      card.querySelectorAll(".sugg").forEach(function (b) {
        b.setAttribute("aria-pressed", String(!!d && d.state === "accepted" && Number(b.dataset.s) === d.s));
      });
    });
    document.querySelectorAll("#story mark[data-f]").forEach(function (m) {
      var ids = m.dataset.f.split(" ").map(Number);
      var states = ids.map(function (id) { return decisions[id] ? decisions[id].state : "pending"; });
      m.classList.toggle("accepted", states.indexOf("accepted") >= 0);
      m.classList.toggle("rejected", states.every(function (s) { return s === "rejected"; }));
    });
    var changes = edits(-1).length;
    document.getElementById("progress").textContent = decided + " of " + findings.length +
      " findings decided · " + changes + " change" + (changes === 1 ? "" : "s");
    renderCorrected();
    save();
  }
  function visibleCards() { return cards.filter(function (c) { return !c.hidden; }); }
  function select(id, focus) {
    if (current >= 0 && byId[current]) byId[current].classList.remove("current");
    document.querySelectorAll("#story mark.current").forEach(function (m) { m.classList.remove("current"); });
    current = id;
    var card = byId[id];
    if (!card) return;
    card.classList.add("current");
    var marks = document.querySelectorAll('#story mark[data-f~="' + id + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    if (focus) card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
    if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
  }
  function step(delta) {
    var shown = visibleCards();
    if (!shown.length) { say("No findings match the filters."); return; }
    var at = shown.indexOf(byId[current]);
    var next = at < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, at + delta));
    select(Number(shown[next].dataset.id), true);
  }
  function applyFilters() {
    var allowed = { severity: {}, category: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (box.checked) allowed[box.dataset.filter][box.value] = true;
    });
    var shownIds = {};
    cards.forEach(function (card) {
      var show = !!allowed.severity[card.dataset.severity] && !!allowed.category[card.dataset.category];
      card.hidden = !show;
      if (show) shownIds[card.dataset.id] = true;
    });
    document.querySelectorAll("#story mark[data-f]").forEach(function (m) {
      m.classList.toggle("filtered", !m.dataset.f.split(" ").some(function (id) { return shownIds[id]; }));
    });
    var count = Object.keys(shownIds).length;
    document.getElementById("shown").textContent = "Showing " + count + " of " + findings.length;
    if (current >= 0 && byId[current] && byId[current].hidden) select(-1, false);
  }

  /* ---- output ---- */
  function copyText() {
    var value = correctedText();
    function fallback() {
      var area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.className = "vh";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      say(ok ? "Corrected text copied." : "Copy failed: select the corrected text and copy it by hand.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).then(function () { say("Corrected text copied."); }, fallback);
    } else { fallback(); }
  }
  function download() {
    var blob = new Blob([correctedText()], { type: "text/plain;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = (document.querySelector("main").dataset.stem || "story") + ".fixed.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say("Corrected text downloaded as " + link.download + ".");
  }

  /* ---- wiring ---- */
  list.addEventListener("click", function (event) {
    var card = event.target.closest(".finding");
    if (!card) return;
    var id = Number(card.dataset.id);
    var button = event.target.closest("button");
    select(id, !button);
    if (!button) return;
    if (button.classList.contains("sugg")) accept(id, Number(button.dataset.s));
    else if (button.classList.contains("reject")) reject(id);
    else if (button.classList.contains("undo")) undo(id);
  });
  document.getElementById("story").addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-f]");
    if (!mark) return;
    var ids = mark.dataset.f.split(" ").map(Number).sort(function (a, b) { return priority(findings[a], findings[b]); });
    select(ids[0], true);
  });
  document.querySelectorAll("input[data-filter]").forEach(function (box) { box.addEventListener("change", applyFilters); });
  document.getElementById("accept-safe").addEventListener("click", acceptSafe);
  document.getElementById("copy").addEventListener("click", copyText);
  document.getElementById("download").addEventListener("click", download);
  document.getElementById("reset").addEventListener("click", function () {
    decisions = {};
    say("All decisions cleared.");
    render();
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var k = event.key;
    if (k === "j") step(1);
    else if (k === "k") step(-1);
    else if (k === "s") acceptSafe();
    else if (k === "?") { document.getElementById("keys").scrollIntoView(); say("Keys: j/k move, a accept, 1-9 pick, r reject, u undo, s safe fixes."); }
    else if ("aru123456789".indexOf(k) >= 0 && k.length === 1) {
      if (current < 0 || !byId[current]) { say("Select a finding first (j / k)."); event.preventDefault(); return; }
      if (k === "a") accept(current);
      else if (k === "r") reject(current);
      else if (k === "u") undo(current);
      else accept(current, Number(k) - 1);
    } else return;
    event.preventDefault();
  });
  load();
  render();
  document.documentElement.dataset.ready = "true";
})();
