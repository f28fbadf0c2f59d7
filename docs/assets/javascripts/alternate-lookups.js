// Material for MkDocs fetches "sitemap.xml" beside every <link rel="alternate"> in the head (hreflang
// pages and feeds) to map its language switcher. This site writes the switcher's links to the counterpart
// page at build time, so those look-ups only cost a 404 page each (several per page view on a phone).
// Loaded before Material's bundle: such a request fails at once, without leaving the browser, and
// Material falls back to the links as written. Every other request is untouched.
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.newsroomSkip = /\/sitemap\.xml$/.test(new URL(String(url), document.baseURI).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.newsroomSkip) {
      return send.apply(this, arguments);
    }
    var request = this;
    setTimeout(function () {
      request.dispatchEvent(new ProgressEvent("error"));
    }, 0);
  };
})();
