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
