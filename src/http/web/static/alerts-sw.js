// Boundary's service worker: shows an alert pushed by the service (Web Push) and opens it on click.
self.addEventListener('push', (event) => {
  let alert = { title: 'Boundary', body: '', url: '/activity', tag: undefined };
  try {
    alert = { ...alert, ...event.data.json() };
  } catch {
    // A push without a JSON payload still says something arrived.
  }
  event.waitUntil(self.registration.showNotification(alert.title, { body: alert.body, tag: alert.tag, data: { url: alert.url } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data?.url ?? '/activity'));
});
