/*
 * Site search for one language, reading the sharded index that scripts/newsroom/search/ writes
 * (/search/ for Korean pages, /en/search/ for English pages). No dependencies, no other host.
 *
 * The tokenizer repeats scripts/newsroom/search/tokenize.py rule for rule; the cases both must
 * agree on are in tests/search/vectors.json (checked in Python and, in Chromium, here).
 *   Korean: Hangul runs; a query term loses one trailing particle (천안시는 → 천안시) and is
 *           matched as a prefix of indexed suffixes, so it is found inside compounds.
 *   English: lowercase words reduced by Harman's S-stemmer (clouds → cloud), matched as prefixes.
 * All query words must match (Park Sang-don = park AND sang AND don). A query keeps its first
 * MAX_QUERY_TERMS words, each cut to MAX_TERM_LENGTH letters: a pasted page costs a few fetches.
 * A term's shard is FNV-1a of its key (first letters) modulo the shard count, as index.py writes it.
 */
(() => {
  "use strict";

  const HANGUL = /[\uac00-\ud7a3]/u;
  const TOKEN = /[\uac00-\ud7a3]+|(?:(?![\uac00-\ud7a3])[\p{L}\p{N}])+/gu;
  const JOSA = [
    "에서는", "으로는", "에게서", "까지는", "부터는", "이라고", "이라며", "이라는", "에서도", "으로도",
    "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "과의", "와의", "에는", "에도",
    "에의", "이나", "이며", "이고", "로서", "로써", "한테", "께서", "라고", "라며", "라는", "로는", "로도",
    "은", "는", "이", "가", "을", "를", "의", "에", "도", "로", "와", "과", "만",
  ].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const MIN_STEM_SYLLABLES = 2;
  const MIN_LATIN_LENGTH = 2;
  const MAX_QUERY_TERMS = 8;
  const MAX_TERM_LENGTH = 32;
  const PREFIX_MARK = "*";
  const PAGE_SIZE = 10;
  const EXCERPT_BEFORE = 50;
  const EXCERPT_LENGTH = 180;

  const chars = (text) => Array.from(text);
  const normalise = (text) => text.normalize("NFKC").toLowerCase();
  const isHangul = (token) => HANGUL.test(token.charAt(0));

  function words(text) {
    return (normalise(text).match(TOKEN) || []).filter(
      (t) => isHangul(t) || chars(t).length >= MIN_LATIN_LENGTH || /^\p{N}+$/u.test(t),
    );
  }

  function stripJosa(token) {
    const length = chars(token).length;
    for (const josa of JOSA) {
      if (token.endsWith(josa) && length - josa.length >= MIN_STEM_SYLLABLES) {
        return token.slice(0, -josa.length);
      }
    }
    return token;
  }

  function stemEnglish(word) {
    const n = chars(word).length;
    if (n > 3 && word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) {
      return word.slice(0, -3) + "y";
    }
    if (n > 3 && word.endsWith("es") && !["aes", "ees", "oes"].some((e) => word.endsWith(e))) {
      return word.slice(0, -1);
    }
    if (n > 2 && word.endsWith("s") && !word.endsWith("us") && !word.endsWith("ss")) {
      return word.slice(0, -1);
    }
    return word;
  }

  function queryTerms(query) {
    const terms = [];
    for (const token of words(query)) {
      const term = chars(isHangul(token) ? stripJosa(token) : stemEnglish(token)).slice(0, MAX_TERM_LENGTH).join("");
      if (!terms.includes(term)) terms.push(term);
      if (terms.length === MAX_QUERY_TERMS) break;
    }
    return terms;
  }

  // 32-bit FNV-1a of the UTF-8 bytes (index.py's fnv1a).
  function fnv1a(text) {
    let value = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
      value = Math.imul(value ^ byte, 0x01000193) >>> 0;
    }
    return value;
  }

  const shardOf = (term, keyLength, shards) => fnv1a(chars(term).slice(0, keyLength).join("")) & (shards - 1);

  /* ---------- index access ---------- */

  // Ids are publication order (index.py): releases 0, 1 … oldest first, pages without a date -1, -2 … (the
  // first by address lowest). Equal scores rank pages without a date first, then releases newest first.
  const tieOrder = (a, b) => (a < 0 !== b < 0 ? (a < 0 ? -1 : 1) : a < 0 ? a - b : b - a);

  // The document bucket holding an id and its place there (index.py's bucket_of): releases fill buckets
  // 0, 1 … from id 0, pages without a date buckets -1, -2 … from id -1.
  function bucketOf(id, size) {
    if (id >= 0) return [Math.floor(id / size), id % size];
    const kept = -1 - id;
    return [-1 - Math.floor(kept / size), kept % size];
  }

  // layout: {key, bucket, shards} as the build wrote them (index.py's KEY_LENGTH, BUCKET, shard count), given in the
  // page itself so that the first query needs no round trip for index.json.
  function createIndex(base, layout) {
    const cache = new Map();
    const fetchJson = (path, missing) => {
      if (!cache.has(path)) {
        cache.set(
          path,
          fetch(new URL(path, base)).then((response) => {
            if (response.status === 404 && missing !== undefined) return missing;
            if (!response.ok) throw new Error(`${response.status} ${response.url}`);
            return response.json();
          }),
        );
      }
      return cache.get(path);
    };
    const manifest = () => (layout ? Promise.resolve(layout) : fetchJson("index.json"));

    // doc id → weight for one term: exact term 2, prefix 1, plus 2 when it is in the title.
    // A hot key (index.py's HOT_KEY_BYTES) keeps "<key>*", the pages of all its terms, and the key
    // itself; its longer terms live in the shard of their first keyLength + 1 letters.
    async function lookup(term, keyLength, shards) {
      const letters = chars(term);
      const key = letters.slice(0, keyLength).join("");
      let shard = await fetchJson(`t/${shardOf(key, keyLength, shards)}.json`, {});
      const union = shard[key + PREFIX_MARK];
      const weights = new Map();
      const add = (deltas, exact) => {
        let value = 0;
        for (const delta of deltas) {
          value += delta;
          const doc = value >> 1;
          const weight = (exact ? 2 : 1) + (value & 1 ? 2 : 0);
          if ((weights.get(doc) || 0) < weight) weights.set(doc, weight);
        }
      };
      if (union && letters.length === keyLength) {
        add(union, false);
        if (shard[term]) add(shard[term], true);
        return weights;
      }
      if (union) {
        shard = await fetchJson(`t/${shardOf(letters.slice(0, keyLength + 1).join(""), keyLength + 1, shards)}.json`, {});
      }
      const prefixMatch = letters.length >= keyLength;
      for (const [indexed, deltas] of Object.entries(shard)) {
        if (indexed.endsWith(PREFIX_MARK)) continue;
        const exact = indexed === term;
        // A shard holds several keys; a term shorter than a key matches only itself.
        if (!exact && !(prefixMatch && indexed.startsWith(term))) continue;
        add(deltas, exact);
      }
      return weights;
    }

    async function search(query) {
      const terms = queryTerms(query);
      if (terms.length === 0) return { terms, ids: [] };
      const info = await manifest();
      const perTerm = await Promise.all(terms.map((term) => lookup(term, info.key, info.shards)));
      perTerm.sort((a, b) => a.size - b.size);
      const scores = new Map(perTerm[0]);
      for (const weights of perTerm.slice(1)) {
        for (const [doc, score] of scores) {
          const weight = weights.get(doc);
          if (weight === undefined) scores.delete(doc);
          else scores.set(doc, score + weight);
        }
      }
      const ids = Array.from(scores.keys()).sort((a, b) => scores.get(b) - scores.get(a) || tieOrder(a, b));
      return { terms, ids };
    }

    async function documents(ids) {
      const info = await manifest();
      return Promise.all(
        ids.map(async (id) => {
          const [number, place] = bucketOf(id, info.bucket);
          const bucket = await fetchJson(`d/${number}.json`);
          const [url, title, date, dateLabel, department, text] = bucket[place];
          return { url, title, date, dateLabel, department, text };
        }),
      );
    }

    return { search, documents, manifest };
  }

  /* ---------- highlighting ---------- */

  // [start, end) ranges of text that a query term matches, in the same sense as the index does.
  function matchRanges(text, terms) {
    const lower = text.toLowerCase();
    const ranges = [];
    for (const term of terms) {
      if (isHangul(term)) {
        for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
          ranges.push([at, at + term.length]);
        }
      }
    }
    const latin = terms.filter((t) => !isHangul(t));
    if (latin.length) {
      for (const match of lower.matchAll(TOKEN)) {
        const word = match[0];
        if (isHangul(word)) continue;
        const stem = stemEnglish(normalise(word));
        if (latin.some((t) => stem.startsWith(t) || normalise(word).startsWith(t))) {
          ranges.push([match.index, match.index + word.length]);
        }
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([...range]);
    }
    return merged;
  }

  function highlighted(text, ranges, from = 0, to = text.length) {
    const fragment = document.createDocumentFragment();
    let at = from;
    for (const [start, end] of ranges) {
      if (end <= from || start >= to) continue;
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (s > at) fragment.append(text.slice(at, s));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      fragment.append(mark);
      at = e;
    }
    if (at < to) fragment.append(text.slice(at, to));
    return fragment;
  }

  // The passage to show: the window of EXCERPT_LENGTH letters holding the most different matched
  // words (then the most matches, then the earliest), so a reader sees why the page was found.
  function bestStart(text, ranges) {
    let best = 0;
    let bestScore = [-1, -1];
    for (let i = 0; i < ranges.length; i++) {
      const end = ranges[i][0] + EXCERPT_LENGTH - EXCERPT_BEFORE;
      const seen = new Set();
      let n = 0;
      for (let j = i; j < ranges.length && ranges[j][1] <= end; j++) {
        seen.add(text.slice(ranges[j][0], ranges[j][1]).toLowerCase());
        n++;
      }
      if (seen.size > bestScore[0] || (seen.size === bestScore[0] && n > bestScore[1])) {
        best = ranges[i][0];
        bestScore = [seen.size, n];
      }
    }
    return best;
  }

  function excerpt(text, ranges) {
    const first = bestStart(text, ranges);
    let from = Math.max(0, first - EXCERPT_BEFORE);
    if (from > 0) {
      const space = text.indexOf(" ", from);
      if (space !== -1 && space < first) from = space + 1;
    }
    const to = Math.min(text.length, from + EXCERPT_LENGTH);
    const fragment = document.createDocumentFragment();
    if (from > 0) fragment.append("… ");
    fragment.append(highlighted(text, ranges, from, to));
    if (to < text.length) fragment.append(" …");
    return fragment;
  }

  /* ---------- the search box ---------- */

  function count(root, n) {
    const key = n === 0 ? "resultNone" : n === 1 ? "resultOne" : "resultOther";
    return root.dataset[key].replace("#", n.toLocaleString(document.documentElement.lang || undefined));
  }

  function mount(root) {
    const layout = root.dataset.shards
      ? { key: Number(root.dataset.keyLength), bucket: Number(root.dataset.bucket), shards: Number(root.dataset.shards) }
      : undefined;
    const index = createIndex(new URL(root.dataset.index, document.baseURI), layout);
    const form = root.querySelector("form");
    const input = root.querySelector("input[data-newsroom-search-input]");
    const status = root.querySelector("[data-newsroom-search-status]");
    const list = root.querySelector("[data-newsroom-search-results]");
    const more = root.querySelector("[data-newsroom-search-more]");
    const toggle = document.getElementById("__search");
    const pageRoot = new URL(root.dataset.index + "../", document.baseURI);
    let generation = 0;
    let current = { terms: [], ids: [], shown: 0 };
    // The no-JavaScript link to the news listing, offered again if the index cannot be loaded.
    const listing = status.querySelector("a");

    status.textContent = root.dataset.resultPlaceholder;

    // Results are a plain list of links: arrow keys move the focus between them and the box,
    // Tab and Enter work as on any link, and the status line (a live region) says how many.
    const links = () => Array.from(list.querySelectorAll("a"));
    function moveFocus(step) {
      const all = links();
      const at = all.indexOf(document.activeElement);
      const next = at + step;
      if (next < 0) input.focus();
      else if (next < all.length) all[next].focus();
    }

    function item(doc, terms) {
      const li = document.createElement("li");
      li.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(doc.url, pageRoot).href;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const title = document.createElement("h1");
      title.append(highlighted(doc.title, matchRanges(doc.title, terms)));
      article.append(title);
      if (doc.date) {
        const time = document.createElement("time");
        time.dateTime = doc.date;
        time.textContent = doc.dateLabel || doc.date;
        time.className = "newsroom-search-date";
        article.append(time);
      }
      if (doc.department) {
        // The issuing department and contacts are searchable; shown as who issued it, not as text.
        const department = document.createElement("p");
        department.className = "newsroom-search-department";
        department.append(highlighted(doc.department, matchRanges(doc.department, terms)));
        article.append(department);
      }
      const text = document.createElement("p");
      text.append(excerpt(doc.text, matchRanges(doc.text, terms)));
      article.append(text);
      link.append(article);
      li.append(link);
      return li;
    }

    async function showMore(mine) {
      const ids = current.ids.slice(current.shown, current.shown + PAGE_SIZE);
      const docs = await index.documents(ids);
      if (mine !== generation) return;
      docs.forEach((doc) => list.append(item(doc, current.terms)));
      current.shown += ids.length;
      more.hidden = current.shown >= current.ids.length;
    }

    async function run() {
      const mine = ++generation;
      const query = input.value;
      try {
        const { terms, ids } = await index.search(query);
        if (mine !== generation) return;
        list.replaceChildren();
        current = { terms, ids, shown: 0 };
        if (terms.length === 0) {
          status.textContent = root.dataset.resultPlaceholder;
          more.hidden = true;
          root.dataset.shown = query;
          return;
        }
        await showMore(mine);
        if (mine !== generation) return;
        status.textContent = count(root, ids.length);
        // The query whose results are on screen (benchmarks/bench_search.py times against it).
        root.dataset.shown = query;
      } catch (error) {
        if (mine !== generation) return;
        status.textContent = `${root.dataset.error} `;
        if (listing) status.append(listing);
        console.error("search:", error);
      }
    }

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    });
    input.addEventListener("focus", () => {
      if (toggle && !toggle.checked) toggle.checked = true;
    });
    form.addEventListener("submit", (event) => {
      // Enter in the box opens the first result.
      event.preventDefault();
      const first = links()[0];
      if (first) window.location.href = first.href;
    });
    form.addEventListener("reset", () => {
      setTimeout(run, 0);
      input.focus();
    });
    more.addEventListener("click", () => showMore(generation));
    root.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (event.target !== input && !list.contains(event.target)) return;
        event.preventDefault();
        moveFocus(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (toggle) toggle.checked = false;
        input.blur();
      }
    });
    if (toggle) {
      toggle.addEventListener("change", () => {
        if (toggle.checked) input.focus();
      });
    }
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing =
        target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        if (toggle) toggle.checked = true;
        input.focus();
      }
    });
  }

  // For the tests, which check this tokenizer against the Python one.
  window.newsroomSearch = {
    words, stripJosa, stemEnglish, queryTerms, fnv1a, shardOf, createIndex, matchRanges, tieOrder, bucketOf,
  };

  const root = document.querySelector("[data-newsroom-search]");
  if (root) mount(root);
})();
