// Small, deferred, optional: pages read fully without it.
// 1. Refresh view and comment counters (the page may come from a cache).
// 2. "Copy link" copies instead of navigating.
// 3. Count the view with a beacon (works on cached pages; bots and repeats are filtered on the server).
(function () {
  var beacon = document.querySelector('[data-beacon]');
  if (beacon && navigator.sendBeacon) {
    navigator.sendBeacon(beacon.getAttribute('data-beacon'), new URLSearchParams({ r: document.referrer }));
  }
  var box = document.querySelector('[data-counters]');
  if (box && window.fetch) {
    fetch(box.getAttribute('data-counters'), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) {
        if (!c) return;
        var v = box.querySelector('[data-count=views]');
        var m = box.querySelector('[data-count=comments]');
        if (v) v.textContent = c.viewsText;
        if (m) m.textContent = c.commentsText;
      })
      .catch(function () {});
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('[data-copy]');
    if (!a || !navigator.clipboard) return;
    e.preventDefault();
    navigator.clipboard.writeText(a.getAttribute('data-copy')).then(function () {
      a.textContent = a.getAttribute('data-copied');
    });
  });
})();
