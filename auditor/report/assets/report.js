/* auditor report workspace: accept / reject / custom / edit with track changes in the story, live
   corrected text and score, decisions files (auditor-decisions/1), filters, keys, global undo.
   The fix logic mirrors auditor/fixes.py (overlaps, priority, chooseSafe, applyEdits) so that
   "Accept all safe fixes" here gives exactly the text `auditor fix --only-safe` writes.
   Scale: every change re-renders only the story blocks, cards and counters it touches.
   Input text only ever reaches the page through textContent. */
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("auditor-data").textContent);
  var text = payload.text;
  var doc = payload.doc;
  var sentences = doc.sentences;
  var findings = [], sentenceOf = [];
  sentences.forEach(function (s, k) {
    s.findings.forEach(function (f) { findings.push(f); sentenceOf.push(k); });
  });
  var RANK = { hint: 0, minor: 1, major: 2, critical: 3 };
  var WEIGHT = { hint: 0, minor: 1, major: 5, critical: 25 };
  var STORE = "auditor:decisions:" + payload.hash;
  var KEYS_STORE = "auditor:shortcuts";
  var LABELS = { accepted: "accepted", handled: "handled", custom: "custom fix", rejected: "rejected",
    "false-alarm": "false alarm", name: "name", edited: "in edited sentence", pending: "pending" };
  var decisions = {};  // finding id -> {state: accepted|custom|rejected|false-alarm|name, s, r}
  var sentenceEdits = {};  // sentence index -> {r: new text}
  var undoStack = [];
  var current = -1;
  var list = document.getElementById("finding-list");
  var cards = Array.prototype.slice.call(list.querySelectorAll(".finding"));
  var byId = {};
  cards.forEach(function (c) { byId[c.dataset.id] = c; });
  var statusBox = document.getElementById("status");
  var story = document.getElementById("story");
  var blocks = Array.prototype.slice.call(story.querySelectorAll(".blk"));
  var blockStarts = blocks.map(function (b) { return Number(b.dataset.start); });
  var shownIds = null;  // null: every finding shown
  var words = sentences.reduce(function (n, s) { return n + (s.words || 0); }, 0);
  var span = Math.max(words, 10);

  function key(f) { return f.rule + "@" + f.start + "-" + f.end; }
  function flagged(f) { return text.slice(f.start, f.end); }
  function sentenceText(k) { return text.slice(sentences[k].start, sentences[k].end); }

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

  /* ---- block index: which story block holds an offset ---- */
  function blockAt(offset) {
    var lo = 0, hi = blockStarts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (blockStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  var blockFindings = blocks.map(function () { return []; });
  findings.forEach(function (f, id) { blockFindings[blockAt(f.start)].push(id); });

  /* ---- state ---- */
  function replacementOf(id) {
    var d = decisions[id];
    if (!d || sentenceEdits[sentenceOf[id]]) return null;
    if (d.state === "custom") return d.r;
    if (d.state === "accepted" && d.s >= 0) return findings[id].suggestions[d.s];
    return null;
  }
  function edits(except) {
    var out = [];
    Object.keys(decisions).forEach(function (key) {
      var id = Number(key);
      var r = id === except ? null : replacementOf(id);
      if (r === null) return;
      var f = findings[id];
      out.push({ start: f.start, end: f.end, replacement: r, rule: f.rule, id: id });
    });
    Object.keys(sentenceEdits).forEach(function (key) {
      var s = sentences[Number(key)];
      out.push({ start: s.start, end: s.end, replacement: sentenceEdits[key].r, rule: "edit", sentence: Number(key) });
    });
    return out;
  }
  function correctedText() { return applyEdits(text, edits(-1)).map(function (p) { return p.text; }).join(""); }
  function stateOf(id) {
    var d = decisions[id];
    if (sentenceEdits[sentenceOf[id]]) return "edited";
    if (!d) return "pending";
    if (d.state === "accepted" && d.s < 0) return "handled";
    return d.state;
  }
  function say(message) { statusBox.textContent = message; }
  function snapshot() { return JSON.stringify({ d: decisions, e: sentenceEdits }); }
  function save() {
    var stored = { v: 2, f: {}, e: {} };
    Object.keys(decisions).forEach(function (id) { stored.f[key(findings[id])] = decisions[id]; });
    Object.keys(sentenceEdits).forEach(function (k) {
      var s = sentences[k];
      stored.e[s.start + "-" + s.end] = sentenceEdits[k];
    });
    stored.n = findings.length;
    stored.decided = findings.filter(function (f, id) { return stateOf(id) !== "pending"; }).length;
    try { window.localStorage.setItem(STORE, JSON.stringify(stored)); } catch (e) { /* storage off */ }
  }
  function validDecision(d, f) {
    if (!d || typeof d !== "object") return null;
    if (d.state === "accepted") {
      var s = typeof d.s === "number" && d.s < f.suggestions.length ? d.s : -1;
      return { state: "accepted", s: s };
    }
    if (d.state === "custom" && typeof d.r === "string") return { state: "custom", r: d.r };
    if (d.state === "rejected" || d.state === "false-alarm" || d.state === "name") return { state: d.state };
    return null;
  }
  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE); } catch (e) { return; }
    if (!raw) return;
    var stored;
    try { stored = JSON.parse(raw); } catch (e) { return; }
    var byKey = stored && stored.v === 2 ? stored.f || {} : stored || {};
    findings.forEach(function (f, id) {
      var d = validDecision(byKey[key(f)], f);
      if (d) decisions[id] = d;
    });
    if (stored && stored.v === 2 && stored.e) {
      sentences.forEach(function (s, k) {
        var e = stored.e[s.start + "-" + s.end];
        if (e && typeof e.r === "string") sentenceEdits[k] = { r: e.r };
      });
    }
  }
  function label(f) { return f.rule + " “" + flagged(f).slice(0, 40) + "”"; }

  /* ---- actions: each one changes state, then commit() redraws what changed ---- */
  function clashFor(id, start, end, sentence) {
    var mine = { start: start, end: end };
    return edits(id).filter(function (e) {
      if (sentence !== undefined && (e.sentence === sentence || (e.id !== undefined && sentenceOf[e.id] === sentence))) return false;
      return overlaps(mine, e);
    })[0];
  }
  function clashName(e) { return e.sentence !== undefined ? "the edit of sentence " + (e.sentence + 1) : "the accepted fix for " + label(findings[e.id]); }
  function decide(id, decision, message) {
    var f = findings[id];
    if (sentenceEdits[sentenceOf[id]]) { say("Sentence " + (sentenceOf[id] + 1) + " was edited by hand: undo the edit first."); return false; }
    var r = decision.state === "custom" ? decision.r : decision.state === "accepted" && decision.s >= 0 ? f.suggestions[decision.s] : null;
    if (r !== null) {
      var clash = clashFor(id, f.start, f.end);
      if (clash) { say("Cannot accept: it overlaps " + clashName(clash) + ". Undo that first."); return false; }
    }
    var before = snapshot();
    decisions[id] = decision;
    commit(before, message);
    return true;
  }
  function accept(id, s) {
    var f = findings[id];
    if (s === undefined) s = f.suggestions.length ? 0 : -1;
    if (s >= f.suggestions.length) { say("Finding has no suggestion " + (s + 1) + "."); return false; }
    return decide(id, { state: "accepted", s: s }, "Accepted " + label(f) + (s >= 0 ? " → “" + f.suggestions[s] + "”" : " (handled)") + ".");
  }
  function custom(id, value) {
    return decide(id, { state: "custom", r: value }, "Replaced " + label(findings[id]) + " with “" + value + "”.");
  }
  function reject(id) { return decide(id, { state: "rejected" }, "Rejected " + label(findings[id]) + "."); }
  function falseAlarm(id) {
    return decide(id, { state: "false-alarm" }, "Remembered " + label(findings[id]) + " as a false alarm (export the decisions to keep it for the next run).");
  }
  function addName(id) {
    var name = flagged(findings[id]), before = snapshot(), count = 0;
    findings.forEach(function (f, other) {
      if (flagged(f) === name && (other === id || !decisions[other]) && !sentenceEdits[sentenceOf[other]]) {
        decisions[other] = { state: "name" };
        count += 1;
      }
    });
    commit(before, "Added “" + name + "” to the names (" + count + " finding" + (count === 1 ? "" : "s") + ").");
  }
  function undo(id) {
    if (!decisions[id]) { say("Nothing to undo for " + label(findings[id]) + "."); return; }
    var before = snapshot();
    delete decisions[id];
    commit(before, "Undid the decision on " + label(findings[id]) + ".");
  }
  function acceptSafe() {
    var before = snapshot();
    var chosen = edits(-1);
    var count = 0;
    findings.map(function (f, id) { return { f: f, id: id }; })
      .filter(function (x) { return isSafe(x.f) && !decisions[x.id] && !sentenceEdits[sentenceOf[x.id]]; })
      .sort(function (a, b) { return priority(a.f, b.f); })
      .forEach(function (x) {
        var mine = { start: x.f.start, end: x.f.end };
        if (chosen.some(function (e) { return overlaps(mine, e); })) return;
        chosen.push(mine);
        decisions[x.id] = { state: "accepted", s: 0 };
        count += 1;
      });
    commit(before, count ? "Accepted " + count + " safe fix" + (count === 1 ? "" : "es") + ". Undo last action (z) takes them back." : "No safe fixes left to accept.");
  }
  function editSentence(k, value) {
    var s = sentences[k];
    var before = snapshot();
    if (value === sentenceText(k)) {
      delete sentenceEdits[k];
      commit(before, "Sentence " + (k + 1) + " is back to the original.");
      return true;
    }
    var clash = clashFor(-1, s.start, s.end, k);
    if (clash) { say("Cannot edit: sentence " + (k + 1) + " overlaps " + clashName(clash) + ". Undo that first."); return false; }
    sentenceEdits[k] = { r: value };
    commit(before, "Edited sentence " + (k + 1) + ".");
    return true;
  }
  function unedit(k) {
    if (!sentenceEdits[k]) return;
    var before = snapshot();
    delete sentenceEdits[k];
    commit(before, "Undid the edit of sentence " + (k + 1) + ".");
  }
  function reset() {
    var count = Object.keys(decisions).length + Object.keys(sentenceEdits).length;
    if (!count) { say("No decisions to clear."); return; }
    var before = snapshot();
    decisions = {};
    sentenceEdits = {};
    commit(before, "Cleared " + count + " decision" + (count === 1 ? "" : "s") + ". Undo last action (z) brings them back.");
  }
  function undoLast() {
    if (!undoStack.length) { say("Nothing to undo."); return; }
    var previous = undoStack.pop(), now = snapshot();
    var state = JSON.parse(previous);
    decisions = state.d;
    sentenceEdits = state.e;
    redraw(now);
    say("Undid the last action.");
  }

  /* ---- redraw only what changed between two snapshots ---- */
  function commit(before, message) {
    if (before !== snapshot()) {
      undoStack.push(before);
      if (undoStack.length > 200) undoStack.shift();
    }
    redraw(before);
    if (message) say(message);
  }
  function redraw(before) {
    var old = JSON.parse(before);
    var dirtyBlocks = {}, dirtyCards = {};
    findings.forEach(function (f, id) {
      var a = old.d[id], b = decisions[id];
      var sa = old.e[sentenceOf[id]], sb = sentenceEdits[sentenceOf[id]];
      if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(sa) !== JSON.stringify(sb)) {
        dirtyCards[id] = true;
        dirtyBlocks[blockAt(f.start)] = true;
      }
    });
    sentences.forEach(function (s, k) {
      if (JSON.stringify(old.e[k]) !== JSON.stringify(sentenceEdits[k])) dirtyBlocks[blockAt(s.start)] = true;
    });
    Object.keys(dirtyBlocks).forEach(function (b) { renderBlock(Number(b)); });
    Object.keys(dirtyCards).forEach(function (id) { renderCard(Number(id)); });
    renderCounters();
    renderCorrected();
    renderSentenceBox();
    document.getElementById("undo-last").disabled = !undoStack.length;
    save();
  }

  /* ---- rendering ---- */
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }
  function markFor(ids, piece) {
    var worst = ids.map(function (id) { return findings[id]; }).reduce(function (a, b) {
      var ka = [RANK[a.severity], a.category !== "readability"], kb = [RANK[b.severity], b.category !== "readability"];
      return (kb[0] > ka[0] || (kb[0] === ka[0] && kb[1] && !ka[1])) ? b : a;
    });
    var m = el("mark", "sev-" + worst.severity + " cat-" + (worst.category.split("/")[0] || "other") + (piece ? "" : " empty"), piece);
    m.dataset.f = ids.join(" ");
    m.title = ids.map(function (id) { var f = findings[id]; return f.severity + " " + f.rule + ": " + f.message; }).join("; ");
    var states = ids.map(stateOf);
    if (states.some(function (s) { return s === "accepted" || s === "custom" || s === "handled"; })) m.classList.add("accepted");
    else if (states.every(function (s) { return s !== "pending"; })) m.classList.add("rejected");
    if (shownIds && !ids.some(function (id) { return shownIds[id]; })) m.classList.add("filtered");
    if (ids.indexOf(current) >= 0) m.classList.add("current");
    return m;
  }
  function renderBlock(b) {
    var node = blocks[b];
    var bs = Number(node.dataset.start), be = Number(node.dataset.end);
    var ids = blockFindings[b];
    var regions = edits(-1).filter(function (e) { return e.start >= bs && e.start <= be && (e.start < be || e.end === be); });
    var cuts = {};
    cuts[bs] = cuts[be] = true;
    ids.forEach(function (id) {
      cuts[Math.max(bs, findings[id].start)] = true;
      cuts[Math.min(be, findings[id].end)] = true;
    });
    regions.forEach(function (r) { cuts[r.start] = cuts[Math.min(be, r.end)] = true; });
    var points = Object.keys(cuts).map(Number).sort(function (x, y) { return x - y; });
    var fragment = document.createDocumentFragment();
    function inside(left, right) {
      return regions.some(function (r) { return r.start < r.end && left >= r.start && right <= r.end; });
    }
    points.forEach(function (left, n) {
      ids.forEach(function (id) {
        var f = findings[id];
        if (f.start === f.end && f.start === left && !inside(left, left) &&
            !regions.some(function (r) { return r.start === left && r.id === id; })) fragment.appendChild(markFor([id], ""));
      });
      regions.forEach(function (r) {
        if (r.start !== left) return;
        var tag = r.sentence !== undefined ? { sent: r.sentence } : { f: r.id };
        if (r.end > r.start) {
          var del = el("del", "", text.slice(r.start, r.end));
          if (tag.f !== undefined) del.dataset.f = String(tag.f); else del.dataset.sent = String(tag.sent);
          del.title = "Removed (" + r.rule + ")";
          fragment.appendChild(del);
        }
        if (r.replacement) {
          var ins = el("ins", "", r.replacement);
          if (tag.f !== undefined) ins.dataset.f = String(tag.f); else ins.dataset.sent = String(tag.sent);
          ins.title = "Inserted (" + r.rule + ")";
          fragment.appendChild(ins);
        }
      });
      var right = points[n + 1];
      if (right === undefined) return;
      if (inside(left, right)) return;
      var covering = ids.filter(function (id) {
        var f = findings[id];
        return f.start < f.end && f.start <= left && f.end >= right;
      });
      var piece = text.slice(left, right);
      fragment.appendChild(covering.length ? markFor(covering, piece) : document.createTextNode(piece));
    });
    node.replaceChildren(fragment);
    node.classList.toggle("changed", regions.length > 0);
  }
  function renderCard(id) {
    var card = byId[id];
    if (!card) return;
    var d = decisions[id], state = stateOf(id);
    card.classList.toggle("accepted", state === "accepted" || state === "custom" || state === "handled" || state === "edited");
    card.classList.toggle("rejected", state === "rejected" || state === "false-alarm" || state === "name");
    var badge = card.querySelector(".state");
    badge.dataset.state = state;
    badge.textContent = LABELS[state] || state;
    card.querySelector(".undo").hidden = !d;
    card.querySelectorAll(".sugg").forEach(function (b) {
      b.setAttribute("aria-pressed", String(!!d && d.state === "accepted" && Number(b.dataset.s) === d.s));
    });
    var note = card.querySelector(".custom-note");
    if (d && d.state === "custom") {
      if (!note) { note = el("p", "custom-note"); card.querySelector(".actions").before(note); }
      note.textContent = "Your replacement: “" + d.r + "”";
    } else if (note) note.remove();
  }
  function renderCounters() {
    var open = { hint: 0, minor: 0, major: 0, critical: 0 }, decided = 0, removed = 0;
    findings.forEach(function (f, id) {
      if (stateOf(id) === "pending") { open[f.severity] += 1; return; }
      decided += 1;
      removed += WEIGHT[f.severity] || 0;
    });
    var changes = edits(-1).length;
    document.getElementById("progress").textContent = decided + " of " + findings.length +
      " findings decided · " + changes + " change" + (changes === 1 ? "" : "s");
    Object.keys(open).forEach(function (v) {
      var pill = document.querySelector("#sev-pills .sev-" + v + " .n");
      if (pill) pill.textContent = String(open[v]);
    });
    var score = Math.min(100, Number(doc.score) * Math.exp(removed / span));
    document.getElementById("live-score").textContent = score.toFixed(1);
    document.getElementById("score-note").textContent = decided ? "after your decisions (audit: " + Number(doc.score).toFixed(1) + ")" : "as audited";
  }
  function renderCorrected() {
    var box = document.getElementById("corrected");
    var fragment = document.createDocumentFragment();
    applyEdits(text, edits(-1)).forEach(function (p) {
      if (!p.edit) { fragment.appendChild(document.createTextNode(p.text)); return; }
      var ins = el("ins", "", p.text);
      ins.title = p.edit.rule;
      if (p.edit.id !== undefined) ins.dataset.f = String(p.edit.id);
      fragment.appendChild(ins);
    });
    box.replaceChildren(fragment);
  }

  /* ---- selection and the selected-sentence box ---- */
  var selectedSentence = -1;
  function renderSentenceBox() {
    var box = document.getElementById("sentence-box");
    if (!box) return;
    var k = selectedSentence;
    box.hidden = k < 0;
    if (k < 0) return;
    var s = sentences[k];
    document.getElementById("sel-h").textContent = "Sentence " + (k + 1);
    var now = applyEdits(sentenceText(k), edits(-1).filter(function (e) {
      return e.start >= s.start && e.end <= s.end;
    }).map(function (e) { return { start: e.start - s.start, end: e.end - s.start, replacement: e.replacement }; }))
      .map(function (p) { return p.text; }).join("");
    document.getElementById("sel-text").textContent = now;
    [["source", "sel-src"], ["reference", "sel-ref"]].forEach(function (pair) {
      var row = document.getElementById(pair[1]);
      if (!row) return;
      var value = typeof s[pair[0]] === "string" ? s[pair[0]] : "";
      row.hidden = !value;
      row.querySelector("dd").textContent = value;
    });
    document.getElementById("unedit").hidden = !sentenceEdits[k];
  }
  function openEditor(k) {
    selectedSentence = k;
    renderSentenceBox();
    var editor = document.getElementById("sel-editor");
    var input = document.getElementById("sel-input");
    editor.hidden = false;
    input.value = sentenceEdits[k] ? sentenceEdits[k].r : document.getElementById("sel-text").textContent;
    input.focus();
  }
  function closeEditor() { document.getElementById("sel-editor").hidden = true; }
  function select(id, focus, fromStory, noScroll) {
    if (current >= 0 && byId[current]) byId[current].classList.remove("current");
    story.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    current = id;
    var card = byId[id];
    if (!card) return;
    ensureListed(id);
    card.classList.add("current");
    var block = blocks[blockAt(findings[id].start)];
    var marks = block.querySelectorAll('mark[data-f~="' + id + '"], ins[data-f="' + id + '"], del[data-f="' + id + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    if (selectedSentence !== sentenceOf[id]) closeEditor();
    selectedSentence = sentenceOf[id];
    renderSentenceBox();
    if (focus) card.focus({ preventScroll: true });
    // the highlight first, then the card: on one column (phone) the card is what must end up in view
    if (noScroll) return;
    if (marks.length && !fromStory) marks[0].scrollIntoView({ block: "nearest" });
    card.scrollIntoView({ block: "nearest" });
  }
  /* ---- the list is windowed: at most a few pages of cards are laid out at once ---- */
  var PAGE = 150;
  var order = cards.map(function (c) { return Number(c.dataset.id); });
  var filtered = order.slice();
  var win = { lo: 0, hi: PAGE };
  var moreBefore = document.getElementById("more-before"), moreAfter = document.getElementById("more-after");
  function layoutWindow() {
    var want = {};
    filtered.slice(win.lo, win.hi).forEach(function (id) { want[id] = true; });
    cards.forEach(function (card) {
      var hide = !want[card.dataset.id];
      if (card.hidden !== hide) card.hidden = hide;
    });
    var before = win.lo, after = Math.max(0, filtered.length - win.hi);
    moreBefore.hidden = !before;
    moreAfter.hidden = !after;
    moreBefore.textContent = "Show " + Math.min(PAGE, before) + " earlier findings (" + before + " above)";
    moreAfter.textContent = "Show " + Math.min(PAGE, after) + " more findings (" + after + " below)";
  }
  function ensureListed(id) {
    var at = filtered.indexOf(id);
    if (at < 0 || (at >= win.lo && at < win.hi)) return;
    win.lo = Math.max(0, at - (PAGE >> 1));
    win.hi = win.lo + PAGE;
    layoutWindow();
  }
  function visibleIds() { return filtered; }
  function step(delta) {
    var shown = visibleIds();
    if (!shown.length) { say("No findings match the filters."); return; }
    var at = shown.indexOf(current);
    var next = at < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, at + delta));
    select(shown[next], true);
  }
  function applyFilters() {
    var allowed = { severity: {}, category: {} }, all = true;
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (box.checked) allowed[box.dataset.filter][box.value] = true; else all = false;
    });
    shownIds = all ? null : {};
    filtered = order.filter(function (id) {
      var f = findings[id];
      var show = !!allowed.severity[f.severity] && !!allowed.category[f.category];
      if (show && shownIds) shownIds[id] = true;
      return show;
    });
    var keep = current >= 0 && filtered.indexOf(current) >= 0;
    win.lo = 0;
    win.hi = PAGE;
    if (keep) ensureListed(current);
    layoutWindow();
    filterVersion += 1;
    units.forEach(function (unit) { if (!unit.skipped) refilter(unit); });
    document.getElementById("shown").textContent = "Showing " + filtered.length + " of " + findings.length;
    if (current >= 0 && !keep) select(-1, false);
  }
  /* highlights follow the filters lazily: a story chunk the browser skips (off screen) is
     brought up to date when it is about to be shown (contentvisibilityautostatechange) */
  var filterVersion = 0;
  var units = Array.prototype.slice.call(story.querySelectorAll(".chunk"));
  units = units.length ? units.map(function (node) { return { node: node, version: 0, skipped: false }; })
    : [{ node: story, version: 0, skipped: false }];
  function refilter(unit) {
    if (unit.version === filterVersion) return;
    unit.version = filterVersion;
    unit.node.querySelectorAll("mark[data-f]").forEach(function (m) {
      var hide = !!shownIds && !m.dataset.f.split(" ").some(function (id) { return shownIds[id]; });
      if (m.classList.contains("filtered") !== hide) m.classList.toggle("filtered", hide);
    });
  }
  units.forEach(function (unit) {
    unit.node.addEventListener("contentvisibilityautostatechange", function (event) {
      unit.skipped = event.skipped;
      if (!event.skipped) refilter(unit);
    });
  });
  window.addEventListener("beforeprint", function () { units.forEach(refilter); });
  moreBefore.addEventListener("click", function () { win.lo = Math.max(0, win.lo - PAGE); layoutWindow(); });
  moreAfter.addEventListener("click", function () { win.hi += PAGE; layoutWindow(); });
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (seen) {
      if (seen.some(function (e) { return e.isIntersecting; }) && !moreAfter.hidden) { win.hi += PAGE; layoutWindow(); }
    }, { rootMargin: "400px" }).observe(moreAfter);
  }
  layoutWindow();

  /* ---- decisions files (auditor-decisions/1) ---- */
  function entries() {
    var out = [], names = {}, path = String(doc.path);
    findings.forEach(function (f, id) {
      var d = decisions[id];
      if (!d) return;
      var k = sentenceOf[id];
      if (sentenceEdits[k] && (d.state === "accepted" || d.state === "custom")) return;  // folded into the edit
      var entry = { document: path, rule: f.rule, text: flagged(f), start: f.start, end: f.end, context: sentenceText(k) };
      if (d.state === "accepted" && d.s >= 0) { entry.action = "accept"; entry.replacement = f.suggestions[d.s]; }
      else if (d.state === "accepted") { entry.action = "reject"; entry.note = "marked as handled"; }
      else if (d.state === "custom") { entry.action = "custom"; entry.replacement = d.r; }
      else if (d.state === "rejected") entry.action = "reject";
      else if (d.state === "false-alarm") entry.action = "false-alarm";
      else if (d.state === "name") {
        if (names[entry.text]) return;
        names[entry.text] = true;
        delete entry.rule;
        entry.action = "add-name";
      }
      out.push(entry);
    });
    Object.keys(sentenceEdits).forEach(function (key) {
      var k = Number(key), s = sentences[k];
      out.push({ document: path, text: sentenceText(k), start: s.start, end: s.end, context: sentenceText(k),
        action: "edit", replacement: sentenceEdits[k].r });
    });
    out.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    return out;
  }
  function save_as(content, name, type) {
    var blob = new Blob([content], { type: type });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  var stem = document.querySelector("main").dataset.stem || "story";
  function exportJson() {
    var body = { format: "auditor-decisions/1", exported: new Date().toISOString().replace(/\.\d+Z$/, "Z"), decisions: entries() };
    save_as(JSON.stringify(body, null, 2) + "\n", stem + ".decisions.json", "application/json");
    say("Exported " + body.decisions.length + " decisions as " + stem + ".decisions.json.");
  }
  var COLUMNS = ["document", "rule", "text", "start", "end", "context", "action", "replacement", "note"];
  function csvCell(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function exportCsv() {
    var rows = [COLUMNS.join(",")].concat(entries().map(function (e) {
      return COLUMNS.map(function (c) { return csvCell(e[c]); }).join(",");
    }));
    save_as(rows.join("\r\n") + "\r\n", stem + ".decisions.csv", "text/csv;charset=utf-8");
    say("Exported " + (rows.length - 1) + " decisions as " + stem + ".decisions.csv.");
  }
  function closest(candidates, start) {
    return candidates.sort(function (a, b) { return Math.abs(a.start - start) - Math.abs(b.start - start); })[0];
  }
  function importDecisions(body, name) {
    if (!body || typeof body !== "object" || body.format !== "auditor-decisions/1" || !Array.isArray(body.decisions)) {
      throw new Error("not an auditor-decisions/1 file");
    }
    var before = snapshot(), applied = 0, unmatched = 0, path = String(doc.path);
    body.decisions.forEach(function (e, n) {
      if (!e || typeof e !== "object" || typeof e.action !== "string" || typeof e.text !== "string") {
        throw new Error("decision " + (n + 1) + " lacks action or text");
      }
      if (e.document !== undefined && e.document !== "*" && String(e.document) !== path) return;
      var start = typeof e.start === "number" ? e.start : 0;
      if (e.action === "edit") {
        var ks = sentences.map(function (s, k) { return { k: k, start: s.start }; }).filter(function (x) {
          return sentenceText(x.k) === e.context;
        });
        var hit = closest(ks, start);
        if (hit && typeof e.replacement === "string" && !clashFor(-1, sentences[hit.k].start, sentences[hit.k].end, hit.k)) {
          sentenceEdits[hit.k] = { r: e.replacement };
          applied += 1;
        } else unmatched += 1;
        return;
      }
      var ids = findings.map(function (f, id) { return { id: id, start: f.start, f: f }; }).filter(function (x) {
        if (flagged(x.f) !== e.text) return false;
        if (e.action === "add-name") return true;
        if (x.f.rule !== e.rule) return false;
        return typeof e.context !== "string" || sentenceText(sentenceOf[x.id]) === e.context;
      });
      if (!ids.length) { unmatched += 1; return; }
      if (e.action === "add-name") {
        ids.forEach(function (x) { decisions[x.id] = { state: "name" }; });
        applied += 1;
        return;
      }
      var x = closest(ids, start), f = x.f, d = null;
      if (e.action === "accept" || e.action === "custom") {
        var r = typeof e.replacement === "string" ? e.replacement : "";
        var s = f.suggestions.indexOf(r);
        d = s >= 0 ? { state: "accepted", s: s } : { state: "custom", r: r };
        if (clashFor(x.id, f.start, f.end)) d = null;
      } else if (e.action === "reject") d = { state: e.note === "marked as handled" ? "accepted" : "rejected", s: -1 };
      else if (e.action === "false-alarm") d = { state: "false-alarm" };
      if (d) { decisions[x.id] = d; applied += 1; } else unmatched += 1;
    });
    commit(before, "Imported " + applied + " decision" + (applied === 1 ? "" : "s") + " from " + name +
      (unmatched ? "; " + unmatched + " did not match this story" : "") + ".");
  }
  function readImport(file) {
    var reader = new FileReader();
    reader.onload = function () {
      try { importDecisions(JSON.parse(String(reader.result)), file.name); }
      catch (error) { say("Cannot import " + file.name + ": " + (error instanceof SyntaxError ? "bad JSON" : error.message) + "."); }
    };
    reader.readAsText(file);
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
    save_as(correctedText(), stem + ".fixed.txt", "text/plain;charset=utf-8");
    say("Corrected text downloaded as " + stem + ".fixed.txt.");
  }
  function openCustom(id) {
    var card = byId[id];
    var form = card.querySelector(".custom-form");
    if (!form) {
      form = el("form", "custom-form");
      var lab = el("label", "", "Your replacement for “" + flagged(findings[id]).slice(0, 60) + "”");
      var input = el("input");
      input.type = "text";
      input.className = "custom-input";
      input.value = flagged(findings[id]);
      lab.appendChild(input);
      var ok = el("button", "custom-apply", "Apply");
      ok.type = "submit";
      var cancel = el("button", "custom-cancel", "Cancel");
      cancel.type = "button";
      form.append(lab, ok, cancel);
      card.querySelector(".actions").after(form);
    }
    form.hidden = false;
    form.querySelector("input").focus();
  }

  /* ---- wiring ---- */
  list.addEventListener("click", function (event) {
    var card = event.target.closest(".finding");
    if (!card) return;
    var id = Number(card.dataset.id);
    var button = event.target.closest("button, summary, input, label");
    if (current !== id) select(id, !button, false, true);
    if (!button || button.tagName !== "BUTTON") return;
    var c = button.classList;
    if (c.contains("sugg")) accept(id, Number(button.dataset.s));
    else if (c.contains("reject")) reject(id);
    else if (c.contains("undo")) undo(id);
    else if (c.contains("custom")) openCustom(id);
    else if (c.contains("custom-cancel")) card.querySelector(".custom-form").hidden = true;
    else if (c.contains("false-alarm")) falseAlarm(id);
    else if (c.contains("add-name")) addName(id);
    else if (c.contains("edit-sentence")) openEditor(sentenceOf[id]);
  });
  list.addEventListener("submit", function (event) {
    event.preventDefault();
    var card = event.target.closest(".finding"), id = Number(card.dataset.id);
    if (custom(id, card.querySelector(".custom-input").value)) event.target.hidden = true;
  });
  story.addEventListener("click", function (event) {
    var sent = event.target.closest("[data-sent]");
    if (sent) { selectedSentence = Number(sent.dataset.sent); renderSentenceBox(); document.getElementById("sentence-box").scrollIntoView({ block: "nearest" }); return; }
    var mark = event.target.closest("[data-f]");
    if (!mark) return;
    var ids = mark.dataset.f.split(" ").map(Number).sort(function (a, b) { return priority(findings[a], findings[b]); });
    select(ids[0], true, true);
  });
  var chart = document.querySelector("svg.chart");
  if (chart) chart.addEventListener("click", function (event) {
    var bar = event.target.closest("[data-sent]");
    if (!bar) return;
    var row = document.getElementById("sent-" + bar.dataset.sent);
    if (row) location.hash = "sent-" + bar.dataset.sent;
  });
  document.querySelectorAll("input[data-filter]").forEach(function (box) { box.addEventListener("change", applyFilters); });
  document.getElementById("accept-safe").addEventListener("click", acceptSafe);
  document.getElementById("undo-last").addEventListener("click", undoLast);
  document.getElementById("copy").addEventListener("click", copyText);
  document.getElementById("download").addEventListener("click", download);
  document.getElementById("export-json").addEventListener("click", exportJson);
  document.getElementById("export-csv").addEventListener("click", exportCsv);
  document.getElementById("import").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (file) readImport(file);
    event.target.value = "";
  });
  document.getElementById("reset").addEventListener("click", reset);
  document.getElementById("edit-sentence").addEventListener("click", function () { if (selectedSentence >= 0) openEditor(selectedSentence); });
  document.getElementById("unedit").addEventListener("click", function () { unedit(selectedSentence); closeEditor(); });
  document.getElementById("sel-editor").addEventListener("submit", function (event) {
    event.preventDefault();
    if (editSentence(selectedSentence, document.getElementById("sel-input").value)) closeEditor();
  });
  document.getElementById("sel-cancel").addEventListener("click", closeEditor);
  var shortcuts = document.getElementById("shortcuts");
  try { shortcuts.checked = window.localStorage.getItem(KEYS_STORE) !== "off"; } catch (e) { /* storage off */ }
  shortcuts.addEventListener("change", function () {
    try { window.localStorage.setItem(KEYS_STORE, shortcuts.checked ? "on" : "off"); } catch (e) { /* storage off */ }
    say(shortcuts.checked ? "Single-key shortcuts on." : "Single-key shortcuts off: use the buttons.");
  });
  document.addEventListener("keydown", function (event) {
    if (!shortcuts.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var k = event.key;
    if (k === "j") step(1);
    else if (k === "k") step(-1);
    else if (k === "s") acceptSafe();
    else if (k === "z") undoLast();
    else if (k === "?") { document.getElementById("keys").scrollIntoView(); say("Keys: j/k move, a accept, 1-9 pick, r reject, u undo, e edit, s safe fixes, z undo last action."); }
    else if ("aeru123456789".indexOf(k) >= 0 && k.length === 1) {
      if (current < 0 || !byId[current]) { say("Select a finding first (j / k)."); event.preventDefault(); return; }
      if (k === "a") accept(current);
      else if (k === "r") reject(current);
      else if (k === "u") undo(current);
      else if (k === "e") openEditor(sentenceOf[current]);
      else accept(current, Number(k) - 1);
    } else return;
    event.preventDefault();
  });
  load();
  redraw(JSON.stringify({ d: {}, e: {} }));
  document.documentElement.dataset.ready = "true";
})();
