// The browsable API (templates/rest_framework/api.html): highlight the JSON, as DRF's default.js
// does, without the rest of that script (its tabs and cookies serve the forms this API has not).
document.addEventListener("DOMContentLoaded", function () {
  prettyPrint();
});
