// Site search with Pagefind (the index is built into pagefind/ after each build).
// The search box stays hidden until the index has loaded, so a reader without JavaScript,
// or with the site opened from disk, sees nothing broken: just no search box.
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  var script = document.currentScript;
  if (!box || !script || location.protocol === "file:") return;
  var root = new URL("../", script.src); // this file is static/search.js: one folder under the site's root
  var input = box.querySelector("input");
  var output = box.querySelector(".search-results");
  var pagefind = null;

  import(new URL("pagefind/pagefind.js", root).href)
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: root.pathname });
    })
    .then(function () { box.hidden = false; })
    .catch(function () { pagefind = null; });

  // Pagefind's excerpt is HTML with <mark>s: keep the words and the marks, nothing else.
  function excerpt(html) {
    var p = document.createElement("p");
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function show(query, results) {
    output.replaceChildren();
    if (!query) return;
    var status = document.createElement("p");
    status.className = "search-status";
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " page matches" : " pages match") + " “" + query + "”"
      : "No page matches “" + query + "”";
    output.appendChild(status);
    if (!results.length) return;
    var list = document.createElement("ul");
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      item.appendChild(link);
      if (result.meta.kind) {
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = " · " + result.meta.kind;
        item.appendChild(kind);
      }
      item.appendChild(excerpt(result.excerpt || ""));
      list.appendChild(item);
    });
    output.appendChild(list);
  }

  input.addEventListener("input", async function () {
    if (!pagefind) return;
    var query = input.value.trim();
    var search = await pagefind.debouncedSearch(query, {}, 250);
    if (search === null) return; // a newer keystroke superseded this search
    var results = await Promise.all(search.results.slice(0, 8).map(function (r) { return r.data(); }));
    show(query, results);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; show("", []); }
  });
})();
