// Live reload for `touchbase serve`. The preview server adds this script to
// the pages it serves; it is never part of a built site. It listens for
// rebuilds, reloads the page (keeping the scroll position) or only swaps
// its stylesheets, and lets the error overlay be hidden.
(function () {
  "use strict";
  var script = document.currentScript;
  var id = script ? script.getAttribute("data-touchbase-id") : "";
  var key = "touchbase-scroll";

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.removeItem(key);
    } catch (e) {
      return;
    }
    if (saved && saved.path === location.pathname) {
      window.scrollTo({ left: saved.x, top: saved.y, behavior: "instant" });
    }
  }

  function reload() {
    try {
      sessionStorage.setItem(key, JSON.stringify({
        path: location.pathname, x: window.scrollX, y: window.scrollY
      }));
    } catch (e) {
      // Storage may be disabled; the page still reloads.
    }
    location.reload();
  }

  function swapStylesheets(version) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) {
        return;
      }
      url.searchParams.set("touchbase", version);
      var fresh = old.cloneNode(false);
      fresh.setAttribute("href", url.pathname + url.search);
      // Remove the old sheet only once the new one applies: no flash.
      fresh.addEventListener("load", function () { old.remove(); });
      fresh.addEventListener("error", function () { fresh.remove(); });
      old.after(fresh);
    });
  }

  if (document.readyState === "complete") {
    restoreScroll();
  } else {
    window.addEventListener("load", restoreScroll);
  }

  var overlay = document.getElementById("touchbase-overlay");
  if (overlay) {
    var hide = function () { overlay.hidden = true; };
    var button = overlay.querySelector("[data-touchbase-close]");
    if (button) {
      button.addEventListener("click", hide);
      button.focus({ preventScroll: true });
    }
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hide(); }
    });
  }

  if (!window.EventSource) {
    return;
  }
  var url = "/__touchbase/events?since=" + encodeURIComponent(id) +
    "&page=" + encodeURIComponent(location.pathname);
  var events = new EventSource(url);
  events.addEventListener("reload", reload);
  events.addEventListener("css", function (e) { swapStylesheets(e.lastEventId); });
})();
