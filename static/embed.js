/* Factcheck embeds. On any page:
 *   <blockquote class="factcheck-embed" data-claim="42"><a href="…/claims/42/">…</a></blockquote>
 *   <script async src="https://factcheck.example.org/static/embed.js"></script>
 * Each placeholder becomes an iframe of the verdict card; the card reports its
 * height and the iframe follows it, so there is no scrollbar and no gap. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) return;
  // Cards come from wherever this script came from; messages from anywhere else are ignored.
  var origin = new URL(script.src).origin;

  function frameFor(node) {
    var claim = node.getAttribute("data-claim") || "";
    if (!/^[0-9]+$/.test(claim)) return null;
    var frame = document.createElement("iframe");
    var label = (node.textContent || "").replace(/\s+/g, " ").trim();
    frame.src = origin + "/embed/claims/" + claim + "/";
    frame.title = label || "Fact check";
    frame.className = "factcheck-embed-frame";
    frame.setAttribute("scrolling", "no");
    frame.style.cssText =
      "display:block;width:100%;max-width:500px;height:200px;border:0;margin:1em 0;overflow:hidden";
    return frame;
  }

  function render() {
    var nodes = document.querySelectorAll("blockquote.factcheck-embed[data-claim]");
    for (var i = 0; i < nodes.length; i++) {
      var frame = frameFor(nodes[i]);
      if (frame) nodes[i].parentNode.replaceChild(frame, nodes[i]);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== "factcheck:resize" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe.factcheck-embed-frame");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(0, Math.ceil(data.height)) + "px";
      }
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
