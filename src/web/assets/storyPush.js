// A story page's notifications box: shown only where the browser can take notifications and the
// site sends them; the permission prompt comes only after the reader presses the button. Topics:
// breaking news and the story's section (the notifications page chooses others).
(function () {
  const box = document.getElementById('story-push');
  if (!box || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  if (Notification.permission === 'denied') return;
  const button = document.getElementById('story-push-on');
  const status = document.getElementById('story-push-status');
  const say = (key) => {
    status.textContent = box.dataset[key];
  };
  const keyBytes = (base64url) => {
    const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  };
  const on = () => {
    button.hidden = true;
    say('on');
  };
  Promise.all([fetch('/push/key').then((r) => (r.ok ? r.json() : null)), navigator.serviceWorker.getRegistration('/')])
    .then(async ([key, reg]) => {
      if (!key || !key.publicKey) return;
      box.hidden = false;
      if (reg && Notification.permission === 'granted' && (await reg.pushManager.getSubscription())) return on();
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          if ((await Notification.requestPermission()) !== 'granted') return say('denied');
          const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
          await navigator.serviceWorker.ready;
          const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.publicKey) });
          const r = await fetch('/push/subscriptions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ subscription: subscription.toJSON(), topics: box.dataset.topics.split(' ') }),
          });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          on();
        } catch {
          say('failed');
        } finally {
          button.disabled = false;
        }
      });
    })
    .catch(() => undefined);
})();
