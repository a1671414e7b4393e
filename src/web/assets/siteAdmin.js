// Sections page: drag a row among its siblings, then "Save order" posts the new order (the
// ↑ ↓ buttons work without this script). Merge and delete ask before they post.
const list = document.querySelector('.admin-list[data-parent]');
const orderForm = document.querySelector('form.admin-order');
let dragged = null;

function siblingsOf(row) {
  return [...row.parentElement.children].filter((el) => el.matches('li.admin-row'));
}

if (list && orderForm) {
  for (const row of document.querySelectorAll('li.admin-row[draggable]')) {
    row.addEventListener('dragstart', (event) => {
      event.stopPropagation();
      dragged = row;
      row.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
    });
    row.addEventListener('dragend', () => row.classList.remove('dragging'));
    row.addEventListener('dragover', (event) => {
      if (!dragged || dragged === row || dragged.parentElement !== row.parentElement) return;
      event.preventDefault();
      event.stopPropagation();
      const box = row.getBoundingClientRect();
      row.parentElement.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? row : row.nextSibling);
    });
    row.addEventListener('drop', (event) => {
      if (!dragged) return;
      event.preventDefault();
      event.stopPropagation();
      orderForm.elements.order.value = siblingsOf(dragged).map((el) => el.dataset.id).join(',');
      orderForm.hidden = false;
      dragged = null;
    });
  }
}

for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}
