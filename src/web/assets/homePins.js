// Home page curation: drag a pinned story to another place; dropping it posts the same form
// as the ↑ ↓ buttons (which work without this script), and the page that comes back says
// what moved where.
const list = document.querySelector('ol.pin-rows');
const form = document.getElementById('pins-order');
let dragged = null;

if (list && form) {
  const ids = () => [...list.children].map((li) => li.dataset.id);
  let before = ids().join(',');
  for (const row of list.querySelectorAll('li[draggable]')) {
    row.addEventListener('dragstart', (event) => {
      dragged = row;
      before = ids().join(',');
      row.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.dataset.id);
    });
    row.addEventListener('dragend', () => {
      row.classList.remove('dragging');
      if (!dragged) return;
      const after = ids().join(',');
      const moved = dragged.dataset.id;
      dragged = null;
      if (after === before) return;
      form.elements.pins.value = after;
      form.elements.moved.value = moved;
      form.submit();
    });
    row.addEventListener('dragover', (event) => {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      const box = row.getBoundingClientRect();
      list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? row : row.nextSibling);
    });
    row.addEventListener('drop', (event) => event.preventDefault());
  }
}
