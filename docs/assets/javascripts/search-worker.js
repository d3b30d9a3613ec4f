/*
 * The search worker: the theme's own (named after "#" in this script's address, relative to
 * this folder), fed the search index only when a reader first searches.
 *
 * Every page hands the worker search/search_index.json, which the build makes tiny: the
 * search configuration and no documents. This worker answers that at once as ready, and the
 * first query fetches the real index (named by the configuration's "index", in search/), sets the theme's
 * worker up with it, then answers; later queries go straight through. A page that is not
 * searched downloads no index. Message types are the theme's: 0 set-up, 1 ready, 2 query,
 * 3 result. No third-party code besides the theme's worker.
 */
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var theirs = [];
  var listen = self.addEventListener.bind(self);
  var post = self.postMessage.bind(self);
  // The theme's worker registers its message handler and posts "ready" after its own set-up;
  // keep the handler, and the stub's "ready" (sent below) is the only one the page sees.
  self.addEventListener = function (type, handler, options) {
    if (type === "message") theirs.push(handler);
    else listen(type, handler, options);
  };
  var theirReady = function () {};
  self.postMessage = function (message) {
    if (message && message.type === READY) theirReady();
    else post(message);
  };
  importScripts(decodeURIComponent(self.location.hash.slice(1)));
  self.addEventListener = listen;

  var stub = null;
  var loaded = null;

  function deliver(message) {
    theirs.forEach(function (handler) { handler({ data: message }); });
  }

  listen("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      stub = message.data;
      post({ type: READY });
      return;
    }
    if (message.type !== QUERY) return deliver(message);
    // The page asks with an empty query as soon as the worker is ready: nothing to find yet.
    if (!loaded && !String(message.data).trim()) return post({ type: RESULT, data: { items: [] } });
    if (!loaded) {
      var url = new URL(stub.config.index, new URL("../../search/", self.location.href));
      loaded = fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("search index: HTTP " + response.status);
          return response.json();
        })
        .then(function (index) {
          return new Promise(function (resolve) {
            theirReady = resolve;
            deliver({ type: SETUP, data: { config: index.config, docs: index.docs, options: stub.options } });
          });
        });
    }
    loaded.then(function () { deliver(message); });
  });
})();
