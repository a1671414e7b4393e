// The newsroom's lists: "select all" boxes, the bulk form's extra fields, and the moderation
// queue's keyboard shortcuts (j/k move, a approve, s spam, x select). Everything here also works
// without it: the boxes can be ticked one by one, every field is shown, every action is a button.
(function () {
  'use strict';
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (!t || !t.hasAttribute) return;
    if (t.hasAttribute('data-select-all')) {
      var form = t.getAttribute('form') || (t.form && t.form.id) || 'mod-bulk';
      var boxes = document.querySelectorAll('input[type=checkbox][name=ids][form="' + form + '"]');
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = t.checked;
    }
    if (t.id === 'bulk-action') showFor(t.value);
  });

  /** The section and tag fields only for the actions that use them. */
  function showFor(action) {
    var extra = document.querySelectorAll('[data-for-action]');
    for (var i = 0; i < extra.length; i++) extra[i].hidden = extra[i].getAttribute('data-for-action') !== action;
  }
  var select = document.getElementById('bulk-action');
  if (select && document.querySelector('[data-for-action]')) showFor(select.value);

  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-comment-row]'));
  if (rows.length === 0) return;
  var current = -1;
  function move(to) {
    if (to < 0 || to >= rows.length) return;
    if (current >= 0) rows[current].classList.remove('is-current');
    current = to;
    rows[current].classList.add('is-current');
    rows[current].focus();
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (e.target && e.target.isContentEditable)) return;
    var key = e.key;
    if (key === 'j') move(current + 1);
    else if (key === 'k') move(current < 0 ? 0 : current - 1);
    else if ((key === 'a' || key === 's' || key === 'x') && current >= 0) {
      var row = rows[current];
      if (key === 'x') {
        var box = row.querySelector('input[type=checkbox]');
        if (box) box.checked = !box.checked;
      } else {
        var button = row.querySelector('[data-key="' + key + '"]');
        if (button) button.click();
      }
    } else return;
    e.preventDefault();
  });
})();
