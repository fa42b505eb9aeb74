(function () {
  "use strict";
  var boxes = document.querySelectorAll("#legend input[data-type]");
  function apply() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.getAttribute("data-type")] = b.checked; });
    document.querySelectorAll("article.incident-card").forEach(function (card) {
      var visible = shown[card.getAttribute("data-type")] !== false;
      card.classList.toggle("hidden", !visible);
      var dot = document.querySelector('circle[data-id="' + CSS.escape(card.id.slice(4)) + '"]');
      if (dot) { dot.parentNode.classList.toggle("hidden", !visible); }
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  document.querySelectorAll("svg.map circle.incident").forEach(function (dot) {
    dot.addEventListener("click", function () {
      document.querySelectorAll("circle.selected").forEach(function (c) { c.classList.remove("selected"); });
      dot.classList.add("selected");
    });
  });
})();
