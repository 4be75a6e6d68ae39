// The search page: Pagefind's low-level API (pagefind/pagefind.js, written by the build) and
// our own list of results, so the page loads no UI kit. Everything comes from this site.
"use strict";

(function () {
  const form = document.querySelector(".search-form");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const browse = document.querySelector(".search-browse");
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

  // The snippet under a result: from the start of the sentence holding the first match, about
  // WORDS words, the matches marked. Pagefind's own excerpt starts wherever its window does,
  // mid-sentence or on a list's number; its plain text and the matches' word positions
  // (data.content, data.locations) let us start at the sentence instead. When that sentence
  // starts too far back to quote, the post's summary stands in. Built as text nodes and <mark>
  // elements only, so nothing in a post can become markup here.
  const WORDS = 30;
  const ENDS_SENTENCE = /[.!?][”’"')\]]*$/;
  const LIST_NUMBER = /^(\d+|[a-z])[.)]$/i;

  function snippet(data) {
    const p = document.createElement("p");
    const words = data.content.split(/\s+/);
    if (!data.locations.length) return Object.assign(p, { textContent: data.meta.summary || "" });
    const first = Math.min(...data.locations);
    let start = first;
    while (start > 0 && first - start < WORDS && !ENDS_SENTENCE.test(words[start - 1])) start--;
    if (start > 0 && !ENDS_SENTENCE.test(words[start - 1])) {
      p.textContent = data.meta.summary || data.plain_excerpt;
      return p;
    }
    while (LIST_NUMBER.test(words[start]) && start < first) start++;
    const marked = new Set(data.locations);
    const end = Math.min(words.length, Math.max(start + WORDS, first + WORDS / 3));
    for (let i = start; i < end; i++) {
      if (i > start) p.append(" ");
      if (marked.has(i)) {
        const [, word, after] = words[i].match(/^(.*?)([.,;:!?”’"')\]]*)$/); // mark the word only
        const mark = document.createElement("mark");
        mark.textContent = word;
        p.append(mark, after);
      } else {
        p.append(words[i]);
      }
    }
    if (end < words.length) p.append(" …");
    return p;
  }

  function item(data) {
    const li = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    li.append(heading, snippet(data));
    return li;
  }

  // The address holds the words (?q=), so a page of results can be shared or bookmarked;
  // replaced, not pushed: Back leaves the page rather than undoing one keystroke at a time.
  function remember(term) {
    const address = new URL(location.href);
    if (term) address.searchParams.set("q", term);
    else address.searchParams.delete("q");
    history.replaceState(null, "", address);
  }

  function show(term, found) {
    results.replaceChildren();
    browse.hidden = Boolean(found.length) || !term; // the other ways in, when search finds nothing
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
    remember(term);
    try {
      const api = await load();
      const response = term ? await api.debouncedSearch(term, {}, 150) : { results: [] };
      if (response === null) return; // a newer keystroke's search replaced this one
      const found = await Promise.all(response.results.slice(0, 20).map((r) => r.data()));
      if (input.value.trim() === term) show(term, found);
    } catch (error) {
      status.textContent = "Search could not load. Browse the posts by role or by date instead.";
      browse.hidden = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // no server to send it to: the results are already on the page
    search();
  });
  input.addEventListener("input", search);

  form.hidden = false;
  document.getElementById("search-needs-js").hidden = true;
  browse.hidden = true; // the script works: the results, or (when none) these links, show instead
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search();
  }
})();
