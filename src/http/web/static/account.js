// Account page: making a token shows its value once, here, instead of reloading the page.
(function () {
  'use strict';
  const B = window.Boundary;
  const form = document.getElementById('new-token');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    const days = form.elements.expiresInDays.value;
    const res = await B.api('POST', '/api/tokens', { name, ...(days ? { expiresInDays: Number(days) } : {}) });
    if (!res.ok) {
      const rest = B.showIssues(form, (res.data?.issues ?? []).map((i) => ({ ...i, path: i.path.replace(/^body\.?/, '') || 'name' })));
      B.show(form.querySelector('.form-error'), rest.length ? B.issueText(rest) : res.data?.issues?.length ? '' : B.errorText(res));
      return;
    }
    B.clearIssues(form);
    B.show(form.querySelector('.form-error'), '');
    document.getElementById('token-value').textContent = res.data.token;
    document.getElementById('token-curl').textContent = `curl -H "Authorization: Bearer ${res.data.token}" ${window.location.origin}/api/settings`;
    document.getElementById('new-token-value').hidden = false;
    form.reset();
  });
})();
(function () {
  'use strict';
  const button = document.querySelector('[data-alerts-push]');
  if (!button) return;
  const say = (text) => { const out = document.querySelector('[data-alerts-push-status]'); if (out) out.textContent = text; };
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    button.disabled = true;
    say('This browser cannot receive push alerts.');
    return;
  }
  const keyBytes = (base64url) => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  button.addEventListener('click', async () => {
    try {
      const key = await window.Boundary.api('GET', '/api/alerts/push-key');
      if (!key.ok) return say(window.Boundary.errorText(key));
      const registration = await navigator.serviceWorker.register('/static/alerts-sw.js');
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.data.publicKey) });
      const res = await window.Boundary.api('POST', '/api/alerts/push-subscriptions', subscription.toJSON());
      say(res.ok ? 'Alerts will reach this browser.' : window.Boundary.errorText(res));
    } catch (err) {
      say(`Push alerts could not be turned on: ${err.message}`);
    }
  });
})();
