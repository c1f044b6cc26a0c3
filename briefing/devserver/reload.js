(function () {
  "use strict";
  var me = document.currentScript;
  var epoch = me ? me.getAttribute("data-epoch") : "0";
  var seen = "", controller = null, timer = null, overlay = null;

  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "briefing-build-error";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "2147483647";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "1em 1.5em";
      s.background = "#2b0d0d"; s.color = "#ffe9e9"; s.borderTop = "4px solid #e0474c";
      s.font = "14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      s.boxShadow = "0 -4px 24px rgba(0,0,0,.4)"; s.textAlign = "left";
      var title = document.createElement("strong");
      title.textContent = "Build failed: still showing the last good site. Fix this and save:";
      var pre = document.createElement("pre");
      pre.style.margin = "0.6em 0 0"; pre.style.whiteSpace = "pre-wrap"; pre.style.font = "inherit";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      (document.body || document.documentElement).appendChild(overlay);
    }
    overlay.lastChild.textContent = lines.join("\n");
  }

  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function stop() {
    if (controller) { controller.abort(); controller = null; }
    if (timer) { clearTimeout(timer); timer = null; }
  }

  function poll() {
    stop();
    var mine = controller = new AbortController();
    fetch("/__reload__/poll?seen=" + encodeURIComponent(seen), {cache: "no-store", signal: mine.signal})
      .then(function (response) {
        if (!response.ok) { throw new Error("poll " + response.status); }
        return response.json();
      })
      .then(function (state) {
        if (mine !== controller) { return; }
        controller = null;
        seen = String(state.outcome);
        if (state.errors.length) {
          showErrors(state.errors);
        } else if (String(state.epoch) !== epoch) {
          location.reload();
          return;
        } else {
          hideErrors();
        }
        poll();
      })
      .catch(function () {
        if (mine !== controller) { return; }
        controller = null;
        seen = "";  // the server may have restarted: ask for its state afresh
        timer = setTimeout(poll, 1000);
      });
  }

  // Hidden tabs stop polling: browsers allow only a few connections per server.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { seen = ""; poll(); } else { stop(); }
  });
  window.addEventListener("pagehide", stop);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { seen = ""; poll(); }
  });
  if (document.visibilityState !== "hidden") { poll(); }
})();
