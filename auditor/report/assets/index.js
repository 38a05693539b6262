/* auditor run index: sort and filter the document table, and show each story's review progress
   from the decisions its page saved in this browser (localStorage, keyed by the text's SHA-256). */
(function () {
  "use strict";
  var body = document.querySelector("table.docs tbody");
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("doc-filter");
  var hideDone = document.getElementById("hide-done");
  var count = document.getElementById("doc-count");
  var COLUMN = { critical: 2, major: 3, minor: 4, sentences: 5 };

  function progress(row) {
    var total = Number(row.dataset.findings), decided = 0;
    try {
      var raw = window.localStorage.getItem("auditor:decisions:" + row.dataset.hash);
      var stored = raw ? JSON.parse(raw) : null;
      if (stored && stored.v === 2 && typeof stored.decided === "number") decided = stored.decided;
      else if (stored && typeof stored === "object") decided = Object.keys(stored).length;
    } catch (e) { decided = 0; }
    decided = Math.min(decided, total);
    var cell = row.querySelector(".reviewed");
    cell.dataset.reviewed = String(total ? decided / total : 1);
    cell.textContent = decided + " of " + total + (total && decided === total ? " ✓" : "");
    row.dataset.done = String(decided >= total);
  }
  function value(row, key) {
    if (key === "name") return row.dataset.name.toLowerCase();
    if (key === "score") return Number(row.dataset.score);
    if (key === "reviewed") return Number(row.querySelector(".reviewed").dataset.reviewed);
    return Number(row.cells[COLUMN[key]].textContent);
  }
  function sortBy(button) {
    var th = button.closest("th");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    document.querySelectorAll("table.docs th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var key = button.dataset.key;
    rows.sort(function (a, b) {
      var x = value(a, key), y = value(b, key);
      var order = x < y ? -1 : x > y ? 1 : Number(a.dataset.order) - Number(b.dataset.order);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function applyFilter() {
    var needle = filter.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var show = row.dataset.name.toLowerCase().indexOf(needle) >= 0 && !(hideDone.checked && row.dataset.done === "true");
      row.hidden = !show;
      if (show) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " documents shown";
  }
  rows.forEach(progress);
  document.querySelectorAll("table.docs button.sort").forEach(function (button) {
    button.addEventListener("click", function () { sortBy(button); });
  });
  filter.addEventListener("input", applyFilter);
  hideDone.addEventListener("change", applyFilter);
  window.addEventListener("pageshow", function () { rows.forEach(progress); applyFilter(); });
  document.documentElement.dataset.ready = "true";
})();
