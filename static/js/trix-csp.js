// Loaded just before static/vendor/trix/trix.umd.min.js. Trix 2.1 inserts a <style>
// element with its default CSS when it loads; the site's Content-Security-Policy
// (style-src 'self') refuses inline styles, so the browser would report a violation.
// Those rules are in static/css/portal.css instead: this keeps Trix's <style>
// elements (data-tag-name="trix-...") out of the document while Trix loads.
(function () {
  "use strict";
  var head = document.head;
  var insertBefore = head.insertBefore;
  head.insertBefore = function (node, reference) {
    if (node && node.nodeName === "STYLE" && /^trix-/.test(node.getAttribute("data-tag-name") || "")) {
      return node;
    }
    return insertBefore.call(head, node, reference);
  };
  document.addEventListener("DOMContentLoaded", function () {
    delete head.insertBefore;
  });
})();
