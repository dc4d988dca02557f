// Working-hours editor: builds the week from the stored settings, previews every change through
// POST /api/settings/preview (nothing saved), and saves with PUT /api/settings. On an error the
// form is left exactly as typed and each message is shown beside its field.
(function () {
  'use strict';
  const B = window.Boundary;
  const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];
  const data = JSON.parse(document.getElementById('settings-data').textContent);
  const loaded = data.settings;
  const form = document.getElementById('hours-form');
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const e = Object.assign(document.createElement(tag), props);
    e.append(...children);
    return e;
  };

  // Times are typed as 24-hour HH:MM text, the way every preview and reply writes them: a
  // browser's <input type=time> shows 12-hour AM/PM in some locales, and cannot show 24:00.
  const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  /** "9:30" → "09:30", "0930" → "09:30"; anything else is left as typed for the message. */
  const tidyClock = (v) => {
    const t = v.trim();
    const m = /^(\d{1,2}):?(\d{2})$/.exec(t);
    return m ? `${m[1].padStart(2, '0')}:${m[2]}` : t;
  };
  /** The plain-words problem with a typed time, or '' when it is a time of day. */
  const clockProblem = (v, isEnd) => {
    if (v === '') return 'Type a time, like 09:00.';
    if (!CLOCK.test(v) || (!isEnd && v === '24:00')) return `"${v}" is not a time of day. Use 24-hour HH:MM, like 09:00 or 17:30${isEnd ? ' (24:00 for midnight)' : ''}.`;
    return '';
  };
  const clockInput = (value, className, label) => {
    const input = el('input', { type: 'text', value, required: true, className: `clock ${className}`, ariaLabel: label, inputMode: 'numeric', size: 5, placeholder: 'HH:MM', autocomplete: 'off', spellcheck: false });
    input.pattern = '([01][0-9]|2[0-4]):[0-5][0-9]';
    input.title = '24-hour time, HH:MM';
    input.addEventListener('change', () => { input.value = tidyClock(input.value); changed(); });
    return input;
  };
  /** Times that are not HH:MM, said in words beside their fields before anything is sent. */
  const clockIssues = () => [...form.querySelectorAll('input.clock')]
    .map((input) => ({ path: input.dataset.path, message: clockProblem(tidyClock(input.value), input.classList.contains('end')) }))
    .filter((i) => i.message);

  function intervalRow(day, interval) {
    const start = clockInput(interval.start, 'start', 'Starts (24-hour HH:MM)');
    const end = clockInput(interval.end, 'end', 'Ends (24-hour HH:MM)');
    const badge = el('span', { className: 'overnight', hidden: true });
    const remove = el('button', { type: 'button', className: 'icon', textContent: '×', title: 'Remove this interval', ariaLabel: 'Remove this interval' });
    const row = el('div', { className: 'interval' }, start, '–', end, badge, remove);
    const mark = () => {
      // Equal times are an error (said beside the field), not an overnight shift.
      const [a, b] = [tidyClock(start.value), tidyClock(end.value)];
      const overnight = CLOCK.test(a) && CLOCK.test(b) && b < a && b !== '00:00';
      badge.textContent = overnight ? 'ends next day' : b === '24:00' || (b === '00:00' && a !== '00:00') ? 'until midnight' : '';
      badge.hidden = !badge.textContent;
    };
    start.addEventListener('input', mark);
    end.addEventListener('input', mark);
    remove.addEventListener('click', () => { row.remove(); refreshDay(day); changed(); });
    mark();
    return row;
  }

  function refreshDay(day) {
    const box = document.querySelector(`.intervals[data-day="${day}"]`);
    box.querySelector('.off').hidden = box.querySelectorAll('.interval').length > 0;
  }

  /** A day's intervals with its "Add interval" button; `key` tells the day apart from the others. */
  function intervalsBox(key, intervals) {
    const box = el('div', { className: 'intervals' }, el('span', { className: 'off', textContent: 'Day off' }));
    box.dataset.day = key;
    for (const interval of intervals) box.append(intervalRow(key, interval));
    const add = el('button', { type: 'button', className: 'secondary', textContent: 'Add interval' });
    add.addEventListener('click', () => {
      const last = [...box.querySelectorAll('.interval')].pop();
      const next = last ? { start: last.querySelector('.end').value || '13:00', end: '18:00' } : { start: '09:00', end: '17:00' };
      add.before(intervalRow(key, next));
      refreshDay(key);
      changed();
    });
    box.append(add);
    return box;
  }

  function buildWeek() {
    for (const [key, name] of DAYS) {
      $('week').append(el('div', { className: 'day' }, el('div', { className: 'day-name', textContent: name }), intervalsBox(key, loaded.week[key] ?? [])));
      refreshDay(key);
    }
  }

  let specialDays = 0;
  /** A date with its own hours: a date, its intervals (none is a day off) and an optional note. */
  function specialDay(values) {
    const key = `special-${specialDays++}`;
    const date = el('input', { type: 'date', value: values.date ?? '', required: true });
    date.dataset.key = 'date';
    const note = el('input', { type: 'text', value: values.note ?? '', placeholder: 'e.g. Launch day' });
    note.dataset.key = 'note';
    const remove = el('button', { type: 'button', className: 'icon', textContent: 'Remove' });
    const row = el('div', { className: 'entry special-day' }, el('label', { className: 'field' }, 'Date', date), intervalsBox(key, values.intervals ?? []), el('label', { className: 'field' }, 'Note (optional)', note), remove);
    remove.addEventListener('click', () => { row.remove(); changed(); });
    $('special-days').append(row);
    refreshDay(key);
  }

  const intervalsOf = (rows, path) => [...rows].map((row, i) => {
    row.dataset.path = `${path}[${i}]`;
    row.querySelector('.start').dataset.path = `${path}[${i}].start`;
    row.querySelector('.end').dataset.path = `${path}[${i}].end`;
    const end = tidyClock(row.querySelector('.end').value);
    // An end at 00:00 means the day's end (midnight), as an end of 24:00 does.
    return { start: tidyClock(row.querySelector('.start').value), end: end === '00:00' ? '24:00' : end };
  });

  function entry(container, fields, values) {
    const row = el('div', { className: 'entry' });
    for (const f of fields) {
      const input = el('input', { type: f.type ?? 'text', value: values[f.key] ?? '', placeholder: f.placeholder ?? '' });
      input.dataset.key = f.key;
      row.append(el('label', { className: 'field' }, f.label, input));
    }
    const remove = el('button', { type: 'button', className: 'icon', textContent: 'Remove' });
    remove.addEventListener('click', () => { row.remove(); changed(); });
    row.append(remove);
    container.append(row);
  }

  const DAY_OFF = [{ key: 'date', label: 'Date', type: 'date' }, { key: 'note', label: 'Note (optional)', placeholder: 'e.g. Moving house' }];
  const VACATION = [{ key: 'start', label: 'From', type: 'date' }, { key: 'end', label: 'To (inclusive)', type: 'date' }, { key: 'message', label: 'Added to replies', placeholder: 'e.g. I am back on the 12th.' }];

  /** The settings document from the form; also renumbers data-path so API issues find their field. */
  function collect() {
    const week = {};
    for (const [key] of DAYS) week[key] = intervalsOf(document.querySelectorAll(`.intervals[data-day="${key}"] .interval`), `week.${key}`);
    const special = [...$('special-days').querySelectorAll('.entry')].map((row, i) => {
      const path = `overrides[${i}]`;
      row.dataset.path = path;
      const out = { intervals: intervalsOf(row.querySelectorAll('.interval'), `${path}.intervals`) };
      for (const input of row.querySelectorAll('input[data-key]')) {
        input.dataset.path = `${path}.${input.dataset.key}`;
        if (input.value.trim() !== '') out[input.dataset.key] = input.value.trim();
      }
      return out;
    });
    const entries = (id, fields, offset) => [...$(id).querySelectorAll('.entry')].map((row, i) => {
      row.dataset.path = `${id === 'days-off' ? 'overrides' : 'vacations'}[${i + offset}]`;
      const out = {};
      for (const input of row.querySelectorAll('input')) {
        input.dataset.path = `${row.dataset.path}.${input.dataset.key}`;
        if (input.value.trim() !== '') out[input.dataset.key] = input.value.trim();
      }
      return out;
    });
    const daysOff = entries('days-off', DAY_OFF, special.length).map((o) => ({ ...o, intervals: [] }));
    // Keep what this form does not edit (own and imported days off, other holiday types).
    const { country: _c, region: _r, ...kept } = loaded.holidays ?? {};
    const holidays = { ...kept, enabled: form.elements['holidays.enabled'].checked, types: chosenTypes() };
    const country = form.elements['holidays.country'].value.trim().toUpperCase();
    const region = form.elements['holidays.region'].value.trim();
    if (country) holidays.country = country;
    if (region) holidays.region = region;
    return { ...loaded, timeZone: form.elements.timeZone.value.trim(), week, holidays, overrides: [...special, ...daysOff], vacations: entries('vacations', VACATION, 0) };
  }

  // "Public only" or "public plus optional/special days"; other stored types (bank, school…) are kept.
  const CHOICE_TYPES = ['public', 'optional'];
  function chosenTypes() {
    const others = (loaded.holidays?.types ?? []).filter((t) => !CHOICE_TYPES.includes(t));
    const choice = form.elements['holidays.types'].value === 'public+optional' ? ['public', 'optional'] : ['public'];
    return [...choice, ...others];
  }

  /** Own and imported days off (holidays.days): listed here, removable, saved with the form. */
  function showOwnDays() {
    const days = loaded.holidays?.days ?? [];
    const list = $('own-days');
    list.replaceChildren(...days.map((d, i) => {
      const remove = el('button', { type: 'button', className: 'icon', textContent: '×', title: `Remove ${d.date}`, ariaLabel: `Remove ${d.date}` });
      remove.addEventListener('click', () => { loaded.holidays.days.splice(i, 1); showOwnDays(); changed(); });
      return el('li', {}, el('span', { textContent: `${d.date} — ${d.name}` }), remove);
    }));
    $('own-days-empty').hidden = days.length > 0;
  }

  async function importIcs(event) {
    event.preventDefault();
    const file = $('ics-file').files[0];
    B.show($('import-result'), '');
    if (!file) { B.show($('import-error'), 'Choose an .ics file first.'); return; }
    if (file.size > 1_000_000) { B.show($('import-error'), `That file is ${Math.round(file.size / 1000)} kB; at most 1,000 kB can be imported. Nothing was changed.`); return; }
    const res = await B.api('POST', '/api/settings/days-off/import', { ics: await file.text() });
    if (!res.ok) { B.show($('import-error'), `Not imported: ${B.errorText(res)} Nothing was changed.`); return; }
    B.show($('import-error'), '');
    loaded.holidays = { ...(loaded.holidays ?? {}), days: res.data.days };
    data.version = res.data.version;
    showOwnDays();
    changed();
    B.show($('import-result'), res.data.added === 0 ? 'No new days: every date in the file was already a day off.' : `Added ${res.data.added} day${res.data.added === 1 ? '' : 's'} off. They are saved already.`);
  }

  const live = B.livePreview(preview);
  const changed = () => live.changed();

  // While typing, a new entry's empty fields are not yet mistakes; saving still names them.
  const untouched = (i) => {
    const field = form.querySelector(`[data-path="${CSS.escape(i.path)}"]`);
    return field && field.value === '' && !field.dataset.touched;
  };

  async function preview(isLatest) {
    const clientZone = $('pv-client-zone').value.trim();
    const settings = collect();
    const local = clockIssues().filter((i) => !untouched(i));
    if (local.length > 0) {
      B.showIssues(form, local);
      B.show($('pv-error'), 'Fix the highlighted fields to see the preview.');
      return;
    }
    const res = await B.api('POST', '/api/settings/preview', { settings, ...(clientZone ? { clientZone } : {}) });
    if (!isLatest()) return;
    if (!res.ok) {
      const rest = B.showIssues(form, (res.data?.issues ?? []).filter((i) => i.path !== 'clientZone' && !untouched(i)));
      const zoneIssue = (res.data?.issues ?? []).find((i) => i.path === 'clientZone');
      B.show($('pv-error'), zoneIssue ? `Client zone: ${zoneIssue.message}` : rest.length ? B.issueText(rest) : form.querySelector('[aria-invalid]') ? 'Fix the highlighted fields to see the preview.' : 'Fill in the new entry to see the preview.');
      return;
    }
    B.clearIssues(form);
    B.show($('pv-error'), '');
    const p = res.data;
    $('pv-working').textContent = p.working ? 'Yes, it is working time now.' : 'No, you are off right now.';
    $('pv-next').textContent = p.nextWorkingStart ? `Next start: ${p.nextWorkingStartText}` : 'No working time is set in the coming weeks.';
    $('pv-week').textContent = p.week;
    $('pv-week-client').textContent = p.weekInClientZone ?? '';
    $('pv-sentence').textContent = p.replySentence;
  }

  async function save(event) {
    event.preventDefault();
    const button = $('save');
    const settings = collect();
    const local = clockIssues();
    if (local.length > 0) {
      B.showIssues(form, local);
      B.show($('saved'), '');
      B.show($('form-error'), 'Not saved: see the highlighted fields.');
      return;
    }
    button.disabled = true;
    const res = await B.api('PUT', '/api/settings', settings);
    button.disabled = false;
    if (res.ok) {
      Object.assign(loaded, res.data.settings);
      B.clearIssues(form);
      B.show($('form-error'), '');
      B.show($('saved'), 'Saved. Boundary uses these hours from the next message on.');
      return;
    }
    B.show($('saved'), '');
    const rest = B.showIssues(form, res.data?.issues ?? []);
    B.show($('form-error'), rest.length ? `Not saved: ${rest.map((i) => `${i.path}: ${i.message}`).join('; ')}` : `Not saved: ${res.data?.issues?.length ? 'see the highlighted fields.' : B.errorText(res)}`);
  }

  function init() {
    B.fillZones();
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zone = form.elements.timeZone;
    zone.value = loaded.timeZone;
    // A first visit proposes the browser's zone instead of the UTC starter value.
    if (data.version === 0 && browserZone && browserZone !== loaded.timeZone) {
      zone.value = browserZone;
      B.show($('zone-hint'), `Set from this browser (${browserZone}). Save to keep it.`);
    }
    form.elements['holidays.enabled'].checked = loaded.holidays?.enabled !== false;
    form.elements['holidays.country'].value = loaded.holidays?.country ?? '';
    form.elements['holidays.region'].value = loaded.holidays?.region ?? '';
    form.elements['holidays.types'].value = (loaded.holidays?.types ?? []).includes('optional') ? 'public+optional' : 'public';
    showOwnDays();
    $('import-ics').addEventListener('click', importIcs);
    buildWeek();
    for (const o of loaded.overrides ?? []) {
      if (o.intervals.length === 0) entry($('days-off'), DAY_OFF, o);
      else specialDay(o);
    }
    form.addEventListener('input', (event) => { event.target.dataset.touched = '1'; });
    $('add-special-day').addEventListener('click', () => { specialDay({ intervals: [{ start: '10:00', end: '13:00' }] }); changed(); });
    for (const v of loaded.vacations ?? []) entry($('vacations'), VACATION, v);
    $('add-day-off').addEventListener('click', () => { entry($('days-off'), DAY_OFF, {}); });
    $('add-vacation').addEventListener('click', () => { entry($('vacations'), VACATION, {}); });
    form.addEventListener('input', changed);
    form.addEventListener('submit', save);
    $('pv-client-zone').addEventListener('input', changed);
    live.now();
  }

  init();
})();
