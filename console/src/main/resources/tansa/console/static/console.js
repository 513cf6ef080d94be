// The console's only script (served from /static: the CSP allows no inline script).
// Changing the level filter applies it at once; everything works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var level = document.getElementById("f-level");
  if (level && level.form) {
    level.addEventListener("change", function () { level.form.submit(); });
  }
});
