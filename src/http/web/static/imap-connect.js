// Accounts page: the IMAP form. Typing an address fills in its servers from discovery (only the
// fields the user has not edited); submitting sends the JSON POST /api/accounts/imap expects.
(function () {
  'use strict';
  const B = window.Boundary;
  const form = document.getElementById('imap-form');
  if (!form) return;
  const el = (name) => form.elements.namedItem(name);
  const edited = new Set();
  form.addEventListener('input', (event) => { if (event.target.name && event.target.name !== 'address') edited.add(event.target.name); });

  function fill(name, value) {
    const field = el(name);
    if (!field || edited.has(name) || value === null || value === undefined) return;
    if (field.type === 'checkbox') field.checked = !!value;
    else field.value = String(value);
  }

  let asked = '';
  async function discover() {
    const address = el('address').value.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) || address === asked) return;
    asked = address;
    const res = await B.api('GET', `/api/accounts/imap/discover?address=${encodeURIComponent(address)}`);
    if (!res.ok || address !== el('address').value.trim()) return;
    const d = res.data;
    for (const kind of ['imap', 'smtp']) {
      fill(`${kind}.host`, d[kind]?.host);
      fill(`${kind}.port`, d[kind]?.port);
      fill(`${kind}.secure`, d[kind]?.secure);
    }
    fill('caldav', d.caldav ?? '');
    B.show(document.getElementById('imap-hint'), d.appPasswordHint ?? '');
  }
  el('address').addEventListener('change', discover);
  el('address').addEventListener('blur', discover);

  const endpoint = (kind) => ({ host: el(`${kind}.host`).value.trim(), port: Number(el(`${kind}.port`).value), secure: el(`${kind}.secure`).checked });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    B.show(form.querySelector('.form-error'), 'Testing the servers: login, IDLE, Sent folder, SMTP…');
    const username = el('username').value.trim();
    const body = {
      address: el('address').value.trim(),
      password: el('password').value,
      ...(username ? { username } : {}),
      imap: endpoint('imap'),
      smtp: endpoint('smtp'),
      caldav: el('caldav').value.trim() || null,
    };
    const res = await B.api('POST', '/api/accounts/imap', body);
    button.disabled = false;
    if (res.ok) { window.location.assign(`/accounts?connected=${encodeURIComponent(res.data.account.id)}`); return; }
    const rest = B.showIssues(form, res.data?.issues ?? []);
    B.show(form.querySelector('.form-error'), rest.length ? B.issueText(rest) : res.data?.issues?.length ? 'Please correct the fields marked above.' : B.errorText(res));
  });
})();
