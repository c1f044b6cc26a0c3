// The site's one script: search (Pagefind, whose index is built into pagefind/ after each
// build) and, on article pages, the way back from a quoted passage to the claims that cite it.
// Without it every page still reads and every link works; there is just no search box.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("../", script.src); // this file is static/site.js: one folder under the site's root

  showWayBack();
  setUpSearch();

  // --- Landing on a quote: "Quoted in: Figure: ... ↩" in the bar that keeps the source in view.
  function showWayBack() {
    var slot = document.querySelector("[data-source-bar] [data-back]");
    if (!slot) return;
    function update() {
      var id = decodeURIComponent(location.hash.slice(1));
      var item = id ? document.querySelector('.quoted-by li[data-quote="' + CSS.escape(id) + '"]') : null;
      slot.replaceChildren();
      slot.hidden = !item;
      if (!item) return;
      slot.append("Quoted in: ");
      item.querySelectorAll(".backlinks a").forEach(function (claim, i) {
        if (i) slot.append(" · ");
        var back = document.createElement("a");
        back.href = claim.href;
        back.textContent = claim.textContent + " \u21a9";
        slot.append(back);
      });
    }
    window.addEventListener("hashchange", update);
    update();
  }

  // --- Search: a panel over the page, the true count, filters by kind, results that land on the passage.
  function setUpSearch() {
    var box = document.querySelector("[data-search]");
    var panel = document.getElementById("search-panel");
    if (!box || !panel || location.protocol === "file:") return;
    var input = box.querySelector("input");
    var pagefind = null;
    var kind = null; // the kind of page the reader filters by, or null for all
    var asked = ""; // the query the panel shows
    var shown = 0;
    var found = null;
    var PAGE = 10;

    // Short pages (an actor with two lines) should not outrank the briefing for its own words.
    var options = { baseUrl: root.pathname, excerptLength: 24, ranking: { pageLength: 0.35 } };
    import(new URL("pagefind/pagefind.js", root).href)
      .then(function (module) {
        pagefind = module;
        return pagefind.options(options);
      })
      // A large briefing's index is built in parts (pagefind/parts.json lists the others): one search over all.
      .then(function () { return fetch(new URL("pagefind/parts.json", root).href); })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (parts) {
        return Promise.all(parts.map(function (part) {
          return pagefind.mergeIndex(new URL("pagefind/" + part, root).pathname, options);
        }));
      })
      .then(function () { return pagefind.filters(); }) // loaded now, searches count pages by kind
      .then(function () { box.hidden = false; })
      .catch(function () { pagefind = null; });

    input.addEventListener("input", function () { run(input.value.trim()); });
    input.addEventListener("focus", function () { if (input.value.trim() && found) open(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; close(); }
      else if (event.key === "ArrowDown" && !panel.hidden) { event.preventDefault(); move(0); }
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); input.focus(); }
      else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var links = resultLinks();
        var at = links.indexOf(document.activeElement);
        if (event.key === "ArrowUp" && at <= 0) { input.focus(); return; }
        move(at + (event.key === "ArrowDown" ? 1 : -1));
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !panel.contains(event.target) && !box.contains(event.target)) close();
    });

    function resultLinks() { return Array.prototype.slice.call(panel.querySelectorAll(".search-results a")); }
    function move(to) {
      var links = resultLinks();
      if (links.length) links[Math.max(0, Math.min(to, links.length - 1))].focus();
    }
    function open() { panel.hidden = false; }
    function close() { panel.hidden = true; }

    async function run(query) {
      if (!pagefind) return;
      asked = query;
      if (!query) { close(); return; }
      var search = await pagefind.debouncedSearch(query, kind ? { filters: { kind: kind } } : {}, 200);
      if (search === null || query !== asked) return; // a newer keystroke superseded this search
      found = search;
      shown = 0;
      draw(query);
      await more(query);
    }

    async function more(query) {
      var batch = found.results.slice(shown, shown + PAGE);
      var data = await Promise.all(batch.map(function (result) { return result.data(); }));
      if (query !== asked) return;
      shown += batch.length;
      var list = panel.querySelector(".search-results");
      data.forEach(function (result) { list.append(item(result)); });
      var button = panel.querySelector(".search-more");
      button.hidden = shown >= found.results.length;
      button.textContent = "Show more (" + (found.results.length - shown) + " left)";
    }

    function draw(query) {
      panel.replaceChildren();
      var head = element("div", "search-head");
      var status = element("p", "search-status");
      status.setAttribute("role", "status");
      var count = found.results.length;
      status.textContent = count
        ? count + (count === 1 ? " page matches " : " pages match ") + "\u201c" + query + "\u201d"
        : "No page matches \u201c" + query + "\u201d" + (kind ? " among " + kind + " pages" : "");
      var closer = element("button", "search-close");
      closer.type = "button";
      closer.textContent = "Close";
      closer.addEventListener("click", function () { close(); input.focus(); });
      head.append(status, closer);
      panel.append(head, filters(query), element("ul", "search-results"));
      var button = element("button", "search-close search-more");
      button.type = "button";
      button.hidden = true;
      button.addEventListener("click", function () { more(query); });
      panel.append(button);
      open();
    }

    // "All" and each kind of page, with how many pages of it match.
    function filters(query) {
      var list = element("ul", "search-filters");
      var counts = (found.totalFilters && found.totalFilters.kind) || {};
      var total = Object.keys(counts).reduce(function (sum, key) { return sum + counts[key]; }, 0);
      [[null, "All", kind ? found.unfilteredResultCount : found.results.length]]
        .concat(Object.keys(counts).filter(function (key) { return counts[key]; }).sort().map(function (key) { return [key, key, counts[key]]; }))
        .forEach(function (choice) {
          if (choice[0] !== null && !total) return;
          var button = element("button");
          button.type = "button";
          button.textContent = choice[1] + " (" + choice[2] + ")";
          button.setAttribute("aria-pressed", String(kind === choice[0]));
          button.addEventListener("click", function () { kind = choice[0]; run(query); });
          var li = element("li");
          li.append(button);
          list.append(li);
        });
      return list;
    }

    // One result: its title, linking to the passage where the words are found; its kind; an excerpt.
    function item(result) {
      var li = element("li");
      var link = element("a");
      link.href = passage(result);
      link.textContent = (result.meta && result.meta.title) || result.url;
      li.append(link);
      if (result.meta && result.meta.kind) {
        var kindLabel = element("span", "search-kind");
        kindLabel.textContent = " \u00b7 " + result.meta.kind;
        li.append(kindLabel);
      }
      li.append(excerpt(result.excerpt || ""));
      return li;
    }

    // Where the words are: the best-matching place, as the element with an id just before it (a
    // quote, a judgment, a figure) and a text fragment of the words around it, which browsers
    // scroll to and highlight (and which falls back to the element where they cannot).
    function passage(result) {
      var best = (result.weighted_locations || []).reduce(function (a, b) {
        return !a || b.balanced_score > a.balanced_score ? b : a;
      }, null);
      var at = best ? best.location : (result.locations || [])[0];
      if (at === undefined) return result.url;
      var anchor = null;
      (result.anchors || []).forEach(function (candidate) {
        if (candidate.id !== "main" && candidate.location <= at && (!anchor || candidate.location >= anchor.location)) anchor = candidate;
      });
      var words = (result.content || "").split(/\s+/).slice(Math.max(0, at - 1), at + 3).join(" ")
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      var fragment = (anchor ? encodeURIComponent(anchor.id) : "") +
        (words ? ":~:text=" + encodeURIComponent(words).replace(/-/g, "%2D").replace(/,/g, "%2C") : "");
      return result.url.split("#")[0] + (fragment ? "#" + fragment : "");
    }

    // Pagefind's excerpt is HTML with <mark>s: keep the words and the marks, nothing else.
    function excerpt(html) {
      var p = element("p");
      var parsed = new DOMParser().parseFromString(html, "text/html").body;
      parsed.childNodes.forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = element("mark");
          mark.textContent = node.textContent;
          p.append(mark);
        } else {
          p.append(document.createTextNode(node.textContent));
        }
      });
      return p;
    }

    function element(name, className) {
      var made = document.createElement(name);
      if (className) made.className = className;
      return made;
    }
  }
})();
