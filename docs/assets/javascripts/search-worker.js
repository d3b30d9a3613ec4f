/*
 * The search worker: the theme's search box, answered from the site's own search index
 * (made by learning.files.search_index; read its docstring for the files).
 *
 * The theme starts this worker on every page and talks to it in its own messages: 0 set-up,
 * 1 ready, 2 query, 3 result. Set-up is answered at once and loads nothing. The first query
 * fetches search/meta.json; each query then fetches the file of words for each of its words
 * (once: files are kept), ranks the pages that hold every word (or, when none does, any),
 * and fetches the files of pages for the best MAX_RESULTS only. A query's last word may be
 * unfinished: every word matches the words it begins. Ranking is BM25 over the page's text,
 * plus TITLE_BOOST for a word in its title, times the page's weight (a case study counts
 * half). Every text from the index is escaped here; the only markup in a result is the
 * <mark> around the words found.
 *
 * When more pages match than are shown, the total is posted on the "un-search"
 * BroadcastChannel and site.js says so in the theme's count. Queries are answered one at a
 * time, newest first; a query overtaken by a newer one is dropped unanswered. A file that
 * fails to load is reported as no results and fetched again by the next query. No
 * third-party code.
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 20, MAX_WORDS = 10, PAUSE_MS = 80;
  var K1 = 1.2, B = 0.75, TITLE_BOOST = 3, PREFIX_FACTOR = 0.7;
  // This file is assets/javascripts/search-worker.js: the site's root is two folders up.
  var root = new URL("../../", self.location.href);
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("un-search") : null;
  var files = {};

  function load(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(path, root).href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }

  // As learning.files.search_index.words: lower case, accents removed, runs of letters and
  // digits, less one-letter words and stopwords.
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(MARKS, "");
  }

  function words(text, stopwords) {
    var folded = fold(text);
    return (folded.match(/[\p{L}\p{N}]+/gu) || []).filter(function (word) {
      return Array.from(word).length > 1 && !stopwords[word];
    });
  }

  function group(word, meta) {
    return Array.from(word).slice(0, meta.group_characters).join("");
  }

  function wordsFile(name) {
    var hex = "";
    new TextEncoder().encode(name).forEach(function (byte) { hex += (byte < 16 ? "0" : "") + byte.toString(16); });
    return "search/words/" + hex + ".json";
  }

  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // `text`, escaped, with each word that begins with one of `asked` in <mark>.
  function marked(text, asked) {
    return String(text).split(/([\p{L}\p{N}]+)/u).map(function (part, i) {
      if (i % 2 === 0) return escapeText(part);
      var folded = fold(part);
      var found = asked.some(function (word) { return folded.indexOf(word) === 0; });
      return found ? "<mark>" + escapeText(part) + "</mark>" : escapeText(part);
    }).join("");
  }

  // Each page's score for one asked word: the best of the index's words it begins.
  function scoresFor(word, entries, meta) {
    var scores = {};
    Object.keys(entries).forEach(function (indexed) {
      if (indexed.indexOf(word) !== 0) return;
      var factor = indexed === word ? 1 : PREFIX_FACTOR;
      var flat = entries[indexed];
      var count = flat.length / 3;
      var idf = Math.log(1 + (meta.pages - count + 0.5) / (count + 0.5));
      var page = 0;
      for (var i = 0; i < flat.length; i += 3) {
        page += flat[i];
        var tf = flat[i + 1], inTitle = flat[i + 2];
        var norm = 1 - B + B * (meta.lengths[page] / (meta.average_length || 1));
        var score = factor * idf * ((tf * (K1 + 1)) / (tf + K1 * norm) + (inTitle ? TITLE_BOOST : 0));
        if (!(scores[page] >= score)) scores[page] = score;
      }
    });
    return scores;
  }

  function rank(perWord, meta) {
    var all = {}, matched = {};
    perWord.forEach(function (scores) {
      Object.keys(scores).forEach(function (page) {
        all[page] = (all[page] || 0) + scores[page];
        matched[page] = (matched[page] || 0) + 1;
      });
    });
    var pages = Object.keys(all);
    var everyWord = pages.filter(function (page) { return matched[page] === perWord.length; });
    return (everyWord.length ? everyWord : pages)
      .map(function (page) { return { page: Number(page), score: all[page] * meta.weights[page] }; })
      .sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  function answer(query) {
    if (!query) return Promise.resolve({ items: [], total: 0 });
    return load("search/meta.json").then(function (meta) {
      var stopwords = {};
      meta.stopwords.forEach(function (word) { stopwords[word] = true; });
      // Distinct words, at most MAX_WORDS: each may fetch a file.
      var asked = words(query, stopwords).filter(function (word, i, list) { return list.indexOf(word) === i; }).slice(0, MAX_WORDS);
      var groups = {};
      meta.groups.forEach(function (name) { groups[name] = true; });
      if (!asked.length) return { items: [], total: 0 };
      return Promise.all(asked.map(function (word) {
        var name = group(word, meta);
        return groups[name] ? load(wordsFile(name)) : Promise.resolve({});
      })).then(function (entries) {
        if (waiting !== null) return null;
        var ranked = rank(asked.map(function (word, i) { return scoresFor(word, entries[i], meta); }), meta);
        var shown = ranked.slice(0, MAX_RESULTS);
        var needed = {};
        shown.forEach(function (hit) { needed[Math.floor(hit.page / meta.pages_per_file)] = true; });
        var numbers = Object.keys(needed);
        return Promise.all(numbers.map(function (n) { return load("search/pages/" + n + ".json"); })).then(function (chunks) {
          var byNumber = {};
          numbers.forEach(function (n, i) { byNumber[n] = chunks[i]; });
          var terms = {};
          asked.forEach(function (word) { terms[word] = true; });
          var items = shown.map(function (hit) {
            var entry = byNumber[Math.floor(hit.page / meta.pages_per_file)][hit.page % meta.pages_per_file];
            return [{
              location: entry[0],
              title: marked(entry[1], asked),
              text: entry[2] ? "<p>" + marked(entry[2], asked) + "</p>" : "",
              score: hit.score,
              terms: terms
            }];
          });
          return { items: items, total: ranked.length };
        });
      });
    }).catch(function (error) {
      console.warn("Search could not load its index: " + error);
      return { items: [], total: 0 };
    });
  }

  // One query at a time, always the newest: while one is answered, newer ones wait, and
  // only the last of them is asked next. A query typed within PAUSE_MS of the one before
  // waits that long first, so that typing a word asks for the word, not for each letter.
  var waiting = null, busy = false, timer = null;
  function next() {
    if (busy || waiting === null) return;
    var query = waiting;
    waiting = null;
    busy = true;
    answer(query).then(function (result) {
      busy = false;
      if (result && waiting === null) {
        if (query && channel) channel.postMessage({ query: query, shown: result.items.length, total: result.total });
        self.postMessage({ type: RESULT, data: { items: result.items } });
      }
      next();
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      self.postMessage({ type: READY });
      return;
    }
    if (message.type !== QUERY) return;
    waiting = String(message.data || "").trim();
    // The pause is not lost: the first query fetches the index's list of pages meanwhile.
    if (waiting) load("search/meta.json").catch(function () {});
    clearTimeout(timer);
    timer = setTimeout(next, waiting ? PAUSE_MS : 0);
  });
})();
