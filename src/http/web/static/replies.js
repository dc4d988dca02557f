// Replies page: the user's own templates, previewed for a chosen client, language and time by
// the real composer (POST /api/settings/preview), saved with PUT /api/settings.
(function () {
  'use strict';
  const B = window.Boundary;
  const data = JSON.parse(document.getElementById('settings-data').textContent);
  const loaded = data.settings;
  const form = document.getElementById('replies-form');
  const list = document.getElementById('templates');
  const $ = (id) => document.getElementById(id);

  function field(label, input) {
    const l = document.createElement('label');
    l.className = 'field';
    l.append(label, input);
    return l;
  }

  function template(key, t) {
    const box = document.createElement('div');
    box.className = 'template';
    const keyInput = Object.assign(document.createElement('input'), { value: key, placeholder: 'e.g. en, weekend, ru:holiday, default', className: 'key' });
    const subject = Object.assign(document.createElement('input'), { value: t.subject ?? '', placeholder: 'Optional: otherwise "Re: <their subject>"', className: 'subject' });
    const text = Object.assign(document.createElement('textarea'), { value: t.text ?? '', className: 'text', rows: 8 });
    const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'icon', textContent: 'Remove template' });
    remove.addEventListener('click', () => { box.remove(); changed(); });
    box.append(field('Applies to', keyInput), field('Subject', subject), field('Text', text), remove);
    list.append(box);
  }

  /** The templates as the API stores them; data-path follows the keys so errors land beside them. */
  function templates() {
    const out = {};
    for (const box of list.querySelectorAll('.template')) {
      const key = box.querySelector('.key').value.trim();
      box.dataset.path = `templates.${key}`;
      box.querySelector('.key').dataset.path = `templates.${key}`;
      box.querySelector('.text').dataset.path = `templates.${key}.text`;
      box.querySelector('.subject').dataset.path = `templates.${key}.subject`;
      const subject = box.querySelector('.subject').value.trim();
      out[key] = { text: box.querySelector('.text').value, ...(subject ? { subject } : {}) };
    }
    return out;
  }

  const live = B.livePreview(preview);
  const changed = () => live.changed();

  async function preview(isLatest) {
    const at = $('rp-at').value ? new Date($('rp-at').value).toISOString() : undefined;
    const body = { settings: { ...loaded, templates: templates() } };
    if (at) body.at = at;
    if ($('rp-client').value) body.clientId = $('rp-client').value;
    if ($('rp-language').value) body.language = $('rp-language').value;
    const res = await B.api('POST', '/api/settings/preview', body);
    if (!isLatest()) return;
    if (!res.ok) {
      const rest = B.showIssues(form, res.data?.issues ?? []);
      B.show($('rp-error'), rest.length ? rest.map((i) => `${i.path}: ${i.message}`).join(' ') : 'Fix the highlighted template to see the preview.');
      return;
    }
    B.clearIssues(form);
    B.show($('rp-error'), '');
    const p = res.data;
    const when = { 'within-hours': 'That is within your hours: no reply would go out. This is the after-hours reply.', 'after-hours': 'That is after hours.', weekend: 'That is your weekend.', holiday: 'That is a public holiday.', vacation: 'You are on vacation then.', 'day-off': 'That is a day off.' };
    $('rp-when').textContent = when[p.category] ?? '';
    $('rp-subject').textContent = p.reply.subject;
    $('rp-text').textContent = p.reply.text;
  }

  async function save(event) {
    event.preventDefault();
    const res = await B.api('PUT', '/api/settings', { ...loaded, templates: templates() });
    if (res.ok) {
      Object.assign(loaded, res.data.settings);
      B.clearIssues(form);
      B.show($('form-error'), '');
      B.show($('saved'), 'Saved. New replies use these templates.');
      return;
    }
    B.show($('saved'), '');
    const rest = B.showIssues(form, res.data?.issues ?? []);
    B.show($('form-error'), `Not saved: ${rest.length ? rest.map((i) => `${i.path}: ${i.message}`).join('; ') : res.data?.issues?.length ? 'see the highlighted fields.' : B.errorText(res)}`);
  }

  for (const [key, t] of Object.entries(loaded.templates ?? {})) template(key, t);
  $('add-template').addEventListener('click', () => { template(list.querySelector('.template') ? '' : 'default', { text: '{greeting}\n\nThanks for your message. My working hours are {workingHoursBoth}.\n\nI will reply on {nextReply}.\n\n{userName}' }); changed(); });
  form.addEventListener('input', changed);
  form.addEventListener('submit', save);
  for (const id of ['rp-client', 'rp-language', 'rp-at']) $(id).addEventListener('input', changed);
  live.now();
})();
