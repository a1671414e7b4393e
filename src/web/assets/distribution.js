// Newsroom: the "copy" button of the WhatsApp share helper (without script the text can be selected by hand).
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(source.value);
    button.textContent = button.dataset.copied;
    setTimeout(() => (button.textContent = label), 2000);
  });
}

// Channels page, web push: the test goes to this browser's own subscription (made on /notifications).
const pushTest = document.getElementById('push-test');
if (pushTest) {
  const status = document.getElementById('push-test-status');
  const ready = (subscription) => {
    status.textContent = subscription ? pushTest.dataset.ready : pushTest.dataset.none;
    if (!subscription) return;
    document.getElementById('push-test-subscription').value = JSON.stringify(subscription.toJSON());
    pushTest.querySelector('button[type=submit]').disabled = false;
  };
  if ('serviceWorker' in navigator && 'PushManager' in window) {
    navigator.serviceWorker
      .getRegistration('/')
      .then((reg) => (reg ? reg.pushManager.getSubscription() : null))
      .then(ready, () => ready(null));
  } else {
    ready(null);
  }
}
