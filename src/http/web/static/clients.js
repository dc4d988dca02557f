// Clients page: suggestions from sent mail (one click adds a client), and each client's
// expectations when the server offers that API. Forms and buttons are handled by app.js.
(function () {
  'use strict';
  const B = window.Boundary;
  const box = document.getElementById('suggestions');

  function text(tag, value, className) {
    const e = document.createElement(tag);
    e.textContent = value;
    if (className) e.className = className;
    return e;
  }

  async function suggestions() {
    const res = await B.api('GET', '/api/clients/suggestions');
    box.replaceChildren();
    if (!res.ok) { box.append(text('p', B.errorText(res), 'error small')); return; }
    if (res.data.suggestions.length === 0) { box.append(text('p', 'No suggestions: everyone you write to is already a client, or no mailbox is connected.', 'muted')); return; }
    for (const s of res.data.suggestions) {
      const row = document.createElement('div');
      row.className = 'suggestion';
      const who = document.createElement('div');
      who.className = 'grow';
      who.append(text('strong', s.name), ' ', text('span', [...s.addresses, ...s.domains].join(', '), 'muted small'),
        text('p', `${s.messagesSent} message${s.messagesSent === 1 ? '' : 's'} sent, last on ${s.lastWrittenAt.slice(0, 10)}`, 'small muted'));
      const add = text('button', 'Add as client');
      add.type = 'button';
      add.addEventListener('click', async () => {
        add.disabled = true;
        const r = await B.api('POST', '/api/clients', { name: s.name, addresses: s.addresses, domains: s.domains });
        if (r.ok) { window.location.reload(); return; }
        add.disabled = false;
        window.alert(B.errorText(r));
      });
      row.append(who, add);
      box.append(row);
    }
  }

  async function expectations() {
    for (const el of document.querySelectorAll('[data-expectations]')) {
      const res = await B.api('GET', `/api/clients/${encodeURIComponent(el.dataset.expectations)}/expectations`);
      if (res.status === 404 && !res.data?.expectations) return; // this server has no expectations API yet
      const list = res.data?.expectations ?? [];
      if (!res.ok || list.length === 0) continue;
      const ul = document.createElement('ul');
      for (const x of list) ul.append(text('li', `${x.description ?? x.title ?? x.kind ?? 'Expectation'}${x.status ? ` — ${x.status}` : ''}${x.dueAt ? ` (due ${x.dueAt.slice(0, 10)})` : ''}`));
      el.replaceChildren(text('h3', 'Expectations'), ul);
      el.hidden = false;
    }
  }

  B.fillZones();
  suggestions();
  expectations();
})();
