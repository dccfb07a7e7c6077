/*
 * The resource form: a box above a long list of terms (countries, languages) hides the
 * terms that do not match what the trainer types. Hidden terms stay ticked and are
 * saved; only the view changes. Without this script the box stays hidden and the whole
 * list is shown.
 */
(function () {
  "use strict";

  // Case and accents aside: "cote" finds "Côte", "рос" finds "Россия".
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }

  function setUp(root) {
    if (root.dataset.facetFilterReady) {
      return;
    }
    root.dataset.facetFilterReady = "true";
    const box = root.querySelector("[data-facet-filter-input]");
    const none = root.querySelector("[data-facet-filter-none]");
    const options = Array.from(
      root.querySelectorAll("input[type=checkbox], input[type=radio]"),
      (input) => ({
        item: input.closest("label").parentElement,
        text: fold(input.closest("label").textContent),
      }),
    );

    function apply() {
      const words = fold(box.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const option of options) {
        const match = words.every((word) => option.text.includes(word));
        option.item.hidden = !match;
        shown += match ? 1 : 0;
      }
      none.hidden = shown > 0;
    }

    box.addEventListener("input", apply);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // filtering, not saving the resource
      } else if (event.key === "Escape" && box.value) {
        event.preventDefault();
        box.value = "";
        apply();
      }
    });
    box.parentElement.hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("[data-facet-filter]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
