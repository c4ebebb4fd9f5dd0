// Tells the embedding page (embed.js) how tall the card is, whenever that changes.
(function () {
  function send() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    window.parent.postMessage({type: "factcheck:resize", claim: Number(document.body.dataset.claim), height: height}, "*");
  }
  if (window.parent === window) return;
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
