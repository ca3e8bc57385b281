// The only script: the highlight legend on article pages switches each kind of highlight on/off.
document.querySelectorAll(".legend mark").forEach(function (key) {
  var text = document.getElementById("article-text");
  var kind = (key.className.match(/hl-(mention|trigger|quote)\b/) || [])[1];
  if (!text || !kind) return;
  key.setAttribute("role", "button");
  key.setAttribute("tabindex", "0");
  key.setAttribute("aria-pressed", "true");
  function toggle() {
    var hidden = text.classList.toggle("hide-" + kind);
    key.setAttribute("aria-pressed", String(!hidden));
  }
  key.addEventListener("click", toggle);
  key.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
});
