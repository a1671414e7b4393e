// The newsroom's menu editor, enhanced: items are dragged into a new order, and the ↑ ↓ buttons
// move an item in place, keeping the keyboard focus on the button pressed. Without this
// script every button is a plain form post that reloads the page.
const status = document.getElementById('menu-status');

async function post(form) {
  const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { accept: 'text/html' } });
  if (!res.ok) throw new Error(String(res.status));
  return res;
}

/** Tells screen readers (and everyone) where the item went and that it was saved. */
function say(list, li) {
  if (!status) return;
  const n = [...list.querySelectorAll('.menu-item')].indexOf(li) + 1;
  const label = li.querySelector('.menu-label strong')?.textContent ?? '';
  status.textContent = (list.dataset.moved ?? '').replace('{label}', label).replace('{n}', String(n));
}

/** The ↑ ↓ buttons' disabled state and the hidden order field follow the list as it is now. */
function refresh(list) {
  const items = [...list.querySelectorAll('.menu-item')];
  items.forEach((li, i) => {
    li.querySelector('[data-move=up] button').disabled = i === 0;
    li.querySelector('[data-move=down] button').disabled = i === items.length - 1;
  });
  const order = list.parentElement.querySelector('.menu-order input[name=itemIds]');
  if (order) order.value = items.map((li) => li.dataset.itemId).join(',');
}

for (const list of document.querySelectorAll('.menu-items')) {
  for (const form of list.querySelectorAll('form[data-move]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const li = form.closest('.menu-item');
      const up = form.dataset.move === 'up';
      const sibling = up ? li.previousElementSibling : li.nextElementSibling;
      if (!sibling) return;
      try {
        await post(form);
      } catch {
        form.submit();
        return;
      }
      if (up) sibling.before(li);
      else sibling.after(li);
      refresh(list);
      const again = form.querySelector('button');
      (again.disabled ? li.querySelector(`[data-move=${up ? 'down' : 'up'}] button`) : again).focus();
      say(list, li);
    });
  }

  let dragged = null;
  list.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('.menu-item');
    if (!dragged) return;
    dragged.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', dragged.dataset.itemId);
  });
  list.addEventListener('dragover', (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest('.menu-item');
    for (const li of list.querySelectorAll('.drop-before')) li.classList.remove('drop-before');
    if (over && over !== dragged) over.classList.add('drop-before');
  });
  list.addEventListener('drop', async (event) => {
    event.preventDefault();
    const over = event.target.closest('.menu-item');
    const moved = dragged;
    if (moved && over && over !== moved) {
      over.before(moved);
      refresh(list);
      const order = list.parentElement.querySelector('.menu-order');
      try {
        await post(order);
        say(list, moved);
      } catch {
        order.submit();
      }
    }
  });
  list.addEventListener('dragend', () => {
    dragged?.classList.remove('dragging');
    for (const li of list.querySelectorAll('.drop-before')) li.classList.remove('drop-before');
    dragged = null;
  });
}
