// Material's drawer and search toggles are hidden checkboxes. Material wrote autocomplete="off" on them so that
// Firefox would not restore a checked one (an open menu or search panel) when a page is reloaded; HTML allows
// that attribute on text-like inputs only, so the build removes it (newsroom/site/markup.py) and this script,
// loaded before Material's bundle, starts both closed instead.
(function () {
  "use strict";
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) {
      toggle.checked = false;
    }
  });
})();
