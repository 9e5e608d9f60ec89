// Filters and sorting for the touchpoint catalogue (/touchpoints/).
// Without this script the filters are links to the listing pages of each
// channel, stage and owner, and the table shows every touchpoint. With it:
// the select boxes of the page (channel, stage, owner, ownership) narrow the
// table in place, a status line says how many rows are shown, the choice is
// kept in the address (?channel=online&stage=purchase) so it can be shared,
// and every column header sorts the table (again: reverse order).
(function () {
  "use strict";
  var section = document.getElementById("catalogue-filters");
  var table = document.getElementById("catalogue");
  if (!section || !table || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, i) { row.dataset.index = String(i); });
  var lang = document.documentElement.lang || undefined;
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  // The form and the status line are in the page (hidden without
  // JavaScript); the script only brings them to life.
  var form = section.querySelector("form.catalogue-filter");
  var status = section.querySelector(".filter-status");
  if (!form || !status) return;
  var selects = {};
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    selects[select.name] = select;
    select.addEventListener("change", update);
  });
  var reset = form.querySelector(".filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
      update();
      var first = form.querySelector("select");
      if (first) first.focus();
    });
  }

  // Restore a shared choice from the address.
  var params = new URLSearchParams(window.location.search);
  Object.keys(selects).forEach(function (key) {
    var value = params.get(key);
    if (value && selects[key].querySelector('option[value="' + CSS.escape(value) + '"]')) {
      selects[key].value = value;
    }
  });

  function matches(row) {
    return Object.keys(selects).every(function (key) {
      var wanted = selects[key].value;
      if (!wanted) return true;
      var have = (row.getAttribute("data-" + key) || "").split(" ");
      return have.indexOf(wanted) !== -1;
    });
  }

  function update() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var template = section.getAttribute("data-status") || "{shown} / {total}";
    status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    var query = new URLSearchParams();
    Object.keys(selects).forEach(function (key) {
      if (selects[key].value) query.set(key, selects[key].value);
    });
    var search = query.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", url);
  }

  // Sorting: each header (but the KPI list) becomes a button.
  var headers = table.tHead ? table.tHead.rows[0].cells : [];
  var sortHint = section.getAttribute("data-sort") || "";
  Array.prototype.forEach.call(headers, function (th, column) {
    if (th.hasAttribute("data-nosort")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    if (sortHint) button.setAttribute("title", sortHint);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortBy(column, descending);
    });
  });

  function key(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var sort = cell.getAttribute("data-sort");
    return sort !== null ? sort : cell.textContent.trim();
  }

  function sortBy(column, descending) {
    var sorted = rows.slice().sort(function (a, b) {
      var order = collator.compare(key(a, column), key(b, column));
      if (order === 0) order = Number(a.dataset.index) - Number(b.dataset.index);
      return descending ? -order : order;
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  update();
})();
