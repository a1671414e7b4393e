// Khabar's service worker: shows the news notifications the site sends (web push) and opens the
// story when one is clicked. Served as /sw.js so its scope is the whole site; it caches nothing.
self.addEventListener('push', (event) => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  if (!data || typeof data.title !== 'string') return;
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body || '',
      // The same tag for the same story: a repeat replaces the notification instead of adding one.
      tag: data.tag,
      lang: data.lang,
      icon: '/assets/logo.png',
      image: data.image || undefined,
      data: { url: data.url },
      requireInteraction: data.breaking === true,
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (typeof url === 'string') event.waitUntil(self.clients.openWindow(url));
});
