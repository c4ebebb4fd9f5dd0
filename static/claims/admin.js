// Possible duplicates, refreshed as the claim's text is typed.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("duplicates");
  const input = document.getElementById("id_text");
  if (!panel || !input) return;
  const list = panel.querySelector(".fc-duplicates");
  let timer = null;
  let lastText = input.value;

  function render(results) {
    list.replaceChildren();
    if (!results.length) {
      const li = document.createElement("li");
      li.className = "help";
      li.textContent = "No similar claims.";
      list.append(li);
      return;
    }
    for (const r of results) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.text;
      const state = document.createElement("span");
      state.className = "help";
      state.textContent = ` ${r.state} · match ${r.score.toFixed(2)} · ${r.evidence.join(" + ")}`;
      li.append(a, state);
      list.append(li);
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value === lastText) return;
      lastText = input.value;
      const url = new URL(panel.dataset.similarUrl, window.location.href);
      url.searchParams.set("text", input.value);
      url.searchParams.set("exclude", panel.dataset.exclude);
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) render((await response.json()).results);
    }, 400);
  });
});
