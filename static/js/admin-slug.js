/* The admin's slug fields, filled in from a title or name as the editor types it: at most 60
   characters and cut between words (readouts/slugs.py does the same on the server). Django's
   URLify cuts at the field's length, 200 for a readout, often mid-word. Loaded after urlify.js;
   prepopulate.js calls URLify on each keystroke, so replacing it here is enough. */
(function () {
  "use strict";
  var SLUG_LENGTH = 60;
  var urlify = window.URLify;
  if (!urlify) {
    return;
  }
  window.URLify = function (text, maxLength, allowUnicode) {
    var limit = Math.min(maxLength || SLUG_LENGTH, SLUG_LENGTH);
    var slug = urlify(text, Number.MAX_SAFE_INTEGER, allowUnicode);
    if (slug.length <= limit) {
      return slug;
    }
    var cut = slug.lastIndexOf("-", limit);
    return cut > 0 ? slug.slice(0, cut) : slug.slice(0, limit);
  };
}());
