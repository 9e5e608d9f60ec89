// Tooltips for links that carry a description (links to glossary terms and
// other entries). Without this script the description is the link's `title`.
// With it: shown on hover and keyboard focus, hidden with Escape, first tap
// shows it on touch screens and a second tap follows the link, and screen
// readers get the description through aria-describedby.
(function () {
  "use strict";
  var links = document.querySelectorAll("main a[title]");
  if (!links.length) return;
  var tip = document.createElement("div");
  tip.className = "tb-tooltip";
  tip.setAttribute("aria-hidden", "true");
  tip.hidden = true;
  var descriptions = document.createElement("div");
  descriptions.hidden = true;
  document.body.appendChild(tip);
  document.body.appendChild(descriptions);
  var ids = {};
  var shownFor = null;
  var lastPointer = "";
  // Whether the link's tooltip was already up when the current tap began:
  // a tap also sends mouseenter and focus, which show it before the click.
  var shownBeforeTap = false;

  function describe(link, text) {
    var id = ids[text];
    if (!id) {
      id = "tb-desc-" + Object.keys(ids).length;
      ids[text] = id;
      var span = document.createElement("span");
      span.id = id;
      span.textContent = text;
      descriptions.appendChild(span);
    }
    link.setAttribute("aria-describedby", id);
  }

  function show(link) {
    tip.textContent = link.getAttribute("data-tooltip");
    tip.hidden = false;
    var box = link.getBoundingClientRect();
    var top = window.scrollY + box.bottom + 6;
    var left = window.scrollX + box.left;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.top = top + "px";
    tip.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
    shownFor = link;
  }

  function hide() {
    tip.hidden = true;
    shownFor = null;
  }

  Array.prototype.forEach.call(links, function (link) {
    var text = link.getAttribute("title");
    if (!text) return;
    link.setAttribute("data-tooltip", text);
    link.removeAttribute("title");
    describe(link, text);
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", function () { if (shownFor === link && document.activeElement !== link) hide(); });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function () { if (shownFor === link) hide(); });
    link.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType;
      shownBeforeTap = shownFor === link && !tip.hidden;
    });
    link.addEventListener("click", function (event) {
      if (lastPointer === "touch" && !shownBeforeTap) {
        event.preventDefault();
        show(link);
      }
      lastPointer = "";
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    if (shownFor && event.target !== shownFor && !shownFor.contains(event.target)) hide();
  });
})();
