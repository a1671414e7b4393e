// The notifications page: the browser's permission prompt appears only after the reader presses
// the button; the subscription (and chosen topics) is then sent to the site.
const form = document.getElementById('push-form');
const status = document.getElementById('push-status');
const on = document.getElementById('push-on');
const off = document.getElementById('push-off');
const say = (key) => {
  status.textContent = form.dataset[key];
};
const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

async function current() {
  const reg = await navigator.serviceWorker.getRegistration('/');
  return reg ? reg.pushManager.getSubscription() : null;
}

function show(subscribed) {
  on.hidden = subscribed;
  off.hidden = !subscribed;
  say(subscribed ? 'on' : 'off');
}

if (form && supported) {
  on.hidden = false;
  current().then((s) => show(s !== null && Notification.permission === 'granted'), () => show(false));
  on.addEventListener('click', async () => {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return say('denied');
    try {
      const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      const subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(form.dataset.key) });
      const topics = [...form.querySelectorAll('input[name=topics]:checked')].map((i) => i.value);
      const r = await fetch('/push/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subscription: subscription.toJSON(), topics }),
      });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      show(true);
    } catch {
      say('failed');
    }
  });
  off.addEventListener('click', async () => {
    const s = await current();
    if (s) {
      await fetch('/push/subscriptions/remove', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: s.endpoint }) });
      await s.unsubscribe();
    }
    show(false);
  });
} else if (form) {
  say('unsupported');
}
