// Shared page behaviour: JSON calls to the API with the CSRF token, errors shown beside their
// fields, and buttons/forms that act through the API. Served as a file: the CSP forbids inline code.
(function () {
  'use strict';
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  async function api(method, url, body) {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    if (res.status !== 204) data = await res.json().catch(() => null);
    return { ok: res.ok, status: res.status, data };
  }

  function clearIssues(root) {
    root.querySelectorAll('.field-error').forEach((e) => e.remove());
    root.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  }

  /** The field for an issue path, or for its nearest parent ('week.mon[0].end' → 'week.mon[0]'). */
  function fieldFor(root, path) {
    for (let p = path; p; ) {
      const field = root.querySelector(`[data-path="${CSS.escape(p)}"]`) ?? root.querySelector(`[name="${CSS.escape(p)}"]`);
      if (field) return field;
      const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (parent === p) return null;
      p = parent;
    }
    return null;
  }

  /** Puts each API issue next to its field (matched by data-path or name); returns the unplaced ones. */
  function showIssues(root, issues) {
    clearIssues(root);
    const rest = [];
    for (const issue of issues) {
      const field = fieldFor(root, issue.path);
      if (!field) { rest.push(issue); continue; }
      field.setAttribute('aria-invalid', 'true');
      const note = document.createElement('span');
      note.className = 'field-error';
      note.textContent = issue.message;
      // Inside its label, so a message never becomes a grid cell of its own and moves the fields.
      const label = field.closest('label');
      if (label) label.append(note);
      else (field.closest('.interval, .entry, .template') ?? field).after(note);
    }
    return rest;
  }

  /** Issues with no field of their own, in words: "(client)" and the like are not shown as paths. */
  function issueText(issues) {
    return issues.map((i) => (/^\(.*\)$/.test(i.path) ? i.message : `${i.path}: ${i.message}`)).join(' ');
  }

  function show(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  }

  function errorText(res) {
    if (res.status === 403) return 'Your session changed. Reload the page and try again; nothing was saved.';
    return res.data?.message ?? `The server answered ${res.status}. Nothing was saved.`;
  }

  function fillZones() {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    document.querySelectorAll('datalist#zones').forEach((list) => {
      if (list.children.length) return;
      list.append(...['UTC', ...zones].map((z) => Object.assign(document.createElement('option'), { value: z })));
    });
  }

  /** Sets `a.b` as out.a.b, so a field named by its API path ('params.limit') nests as the API expects. */
  function put(out, name, value) {
    const keys = name.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = at[k] ??= {};
    at[keys.at(-1)] = value;
  }

  /**
   * A form's fields as the API's JSON: lists split on commas (data-lines: one item a line),
   * checkboxes as booleans, blanks left out, dotted names nested.
   */
  function formJson(form) {
    const out = {};
    for (const el of form.elements) {
      if (!el.name || el.name === '_csrf') continue;
      if (el.type === 'checkbox') put(out, el.name, el.checked);
      else if (el.hasAttribute('data-list')) put(out, el.name, el.value.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean));
      else if (el.hasAttribute('data-lines')) put(out, el.name, el.value.split(/\n/).map((s) => s.trim()).filter(Boolean));
      else if (el.value.trim() === '') continue;
      else if (el.type === 'number') put(out, el.name, Number(el.value));
      else put(out, el.name, el.value.trim());
    }
    return out;
  }

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-api]');
    if (!button) return;
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    button.disabled = true;
    const res = await api(button.dataset.api, button.dataset.url, button.dataset.body ? JSON.parse(button.dataset.body) : undefined);
    if (res.ok) { window.location.reload(); return; }
    button.disabled = false;
    window.alert(errorText(res));
  });

  document.addEventListener('submit', async (event) => {
    const form = event.target.closest('form.json-form');
    if (!form) return;
    event.preventDefault();
    const res = await api(form.dataset.method, form.dataset.url, formJson(form));
    if (res.ok) { window.location.reload(); return; }
    const rest = showIssues(form, res.data?.issues ?? []);
    show(form.querySelector('.form-error'), rest.length ? issueText(rest) : res.data?.issues?.length ? '' : errorText(res));
  });

  /**
   * A live preview: `run(isLatest)` asks the server; `changed()` runs it 250 ms after the last edit.
   * `isLatest()` is false once a newer run has started, so a late answer never overwrites a newer one.
   */
  function livePreview(run, ms = 250) {
    let timer = null;
    let asked = 0;
    const now = () => {
      const ticket = ++asked;
      return run(() => ticket === asked);
    };
    return {
      now,
      changed() {
        clearTimeout(timer);
        timer = setTimeout(now, ms);
      },
    };
  }

  document.addEventListener('DOMContentLoaded', fillZones);
  window.Boundary = { api, showIssues, clearIssues, issueText, show, errorText, fillZones, livePreview };
})();
