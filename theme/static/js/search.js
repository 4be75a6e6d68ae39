// The search page: Pagefind's low-level API (pagefind/pagefind.js, written by the build) and
// our own list of results, so the page loads no UI kit. Everything comes from this site.
"use strict";

(function () {
  const form = document.querySelector(".search-form");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  let loading = null;

  // Loaded once, on the first search; the addresses are built from SITEURL by the template,
  // so results work under a subpath.
  function load() {
    loading ??= (async () => {
      const pagefind = await import(form.dataset.bundle + "pagefind.js");
      await pagefind.options({ baseUrl: form.dataset.base });
      // A large site's index is in shards (tools/search.py): the first is this bundle, the
      // others are merged into it, so a search covers every post.
      const { shards } = await (await fetch(form.dataset.bundle + "shards.json")).json();
      for (const shard of shards) {
        await pagefind.mergeIndex(form.dataset.bundle + shard, { baseUrl: form.dataset.base });
      }
      await pagefind.init();
      return pagefind;
    })();
    return loading;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matches: copied as text and
  // <mark> elements only, so nothing in it can become markup of its own.
  function excerpt(html) {
    const p = document.createElement("p");
    const parsed = new DOMParser().parseFromString(html, "text/html").body;
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  }

  function item(data) {
    const li = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    li.append(heading, excerpt(data.excerpt));
    return li;
  }

  function show(term, found) {
    results.replaceChildren();
    if (!term) {
      status.textContent = "";
      return;
    }
    if (!found.length) {
      status.textContent = `No post matches “${term}”.`;
      return;
    }
    const list = document.createElement("ol");
    list.setAttribute("aria-label", "Search results");
    list.append(...found.map(item));
    results.append(list);
    const posts = found.length === 1 ? "1 post matches" : `${found.length} posts match`;
    status.textContent = `${posts} “${term}”.`;
  }

  async function search() {
    const term = input.value.trim();
    try {
      const api = await load();
      const response = term ? await api.debouncedSearch(term, {}, 150) : { results: [] };
      if (response === null) return; // a newer keystroke's search replaced this one
      const found = await Promise.all(response.results.slice(0, 20).map((r) => r.data()));
      if (input.value.trim() === term) show(term, found);
    } catch (error) {
      status.textContent = "Search could not load. Browse the posts by role or by date instead.";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // no server to send it to: the results are already on the page
    search();
  });
  input.addEventListener("input", search);

  form.hidden = false;
  document.getElementById("search-needs-js").hidden = true;
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search();
  }
})();
