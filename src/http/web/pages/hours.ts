import { DateTime } from 'luxon';
import { daysOffAhead, type DayOffEntry } from '../../../domain/hours/days-off-list.js';
import { withCalendarTimeOff } from '../../../domain/hours/index.js';
import type { Db } from '../../../storage/db.js';
import { calendarTimeOffOfUser } from '../../../storage/calendar-time-off.js';
import { getSettings } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, jsonBlock, type Html } from '../html.js';

/**
 * Working hours: the editor is built by /static/hours.js from the settings below, so that adding
 * intervals and the live preview need no round trip; saving goes through PUT /api/settings.
 */
export async function hoursPage(db: Db, user: User, now: Date): Promise<Html> {
  const [stored, timeOff] = await Promise.all([getSettings(db, user.id), calendarTimeOffOfUser(db, user.id)]);
  const today = DateTime.fromJSDate(now, { zone: stored.settings.timeZone }).toISODate()!;
  // The list shows calendar out-of-office time too; the editor below holds only what the user typed.
  const ahead = daysOffAhead(withCalendarTimeOff({ ...stored.settings, clients: [] }, timeOff), today, 365);
  return html`
${jsonBlock('settings-data', { settings: stored.settings, version: stored.version })}
<p class="error" role="alert" id="form-error" hidden></p>
<p class="notice" role="status" id="saved" hidden></p>
<div class="split">
<form id="hours-form" class="card" novalidate>
  <h2>Time zone</h2>
  <label class="field">Your time zone
    <input name="timeZone" data-path="timeZone" list="zones" autocomplete="off" spellcheck="false" placeholder="Start typing a city, e.g. Europe/Tirane" required>
    <datalist id="zones"></datalist>
  </label>
  <p class="muted small" id="zone-hint" hidden></p>

  <h2>Your week</h2>
  <p class="muted small">Times are 24-hour (HH:MM, like 09:00 or 17:30), as the preview and your replies write them; 24:00 ends a day at midnight. Add several intervals for split days. An end earlier than the start runs past midnight (a night shift).</p>
  <div id="week"></div>

  <h2>Public holidays</h2>
  <label class="check"><input type="checkbox" name="holidays.enabled" data-path="holidays.enabled"> Take public holidays off</label>
  <div class="inline">
    <label class="field">Country <input name="holidays.country" data-path="holidays.country" maxlength="2" placeholder="e.g. AL" size="4"></label>
    <label class="field">Region (optional) <input name="holidays.region" data-path="holidays.region" placeholder="e.g. NY" size="6"></label>
  </div>
  <fieldset class="choice" data-path="holidays.types">
    <legend>Which holidays count</legend>
    <label class="check"><input type="radio" name="holidays.types" value="public"> Public holidays only</label>
    <label class="check"><input type="radio" name="holidays.types" value="public+optional"> Public holidays, plus the optional and special non-working days of my country</label>
  </fieldset>

  <h3>Your own days off</h3>
  <p class="muted small">Days that count as holidays for you even when the country's calendar misses them (a decree transfer, a substitute day).</p>
  <ul id="own-days" class="own-days"></ul>
  <p class="muted small" id="own-days-empty">None yet.</p>
  <div class="inline import">
    <label class="field">A calendar file of days off (.ics)
      <input type="file" id="ics-file" accept=".ics,text/calendar">
    </label>
    <button type="button" id="import-ics" class="secondary">Import days off</button>
  </div>
  <p class="muted small">Every all-day event in the file becomes a day off; days you already have are kept.</p>
  <p class="error small" role="alert" id="import-error" hidden></p>
  <p class="notice small" role="status" id="import-result" hidden></p>

  <h2>Days off</h2>
  <div id="days-off"></div>
  <button type="button" id="add-day-off" class="secondary">Add a day off</button>

  <h2>Special days</h2>
  <p class="muted small">A date with other hours than usual, such as a Saturday morning before a launch.</p>
  <div id="special-days"></div>
  <button type="button" id="add-special-day" class="secondary">Add a special day</button>

  <h2>Vacations</h2>
  <div id="vacations"></div>
  <button type="button" id="add-vacation" class="secondary">Add a vacation</button>

  <div class="save-bar"><button type="submit" id="save">Save working hours</button></div>
</form>
<aside class="card preview" id="preview" aria-live="polite">
  <h2>Preview</h2>
  <p class="big" id="pv-working">…</p>
  <p id="pv-next"></p>
  <h3>Your week</h3>
  <p id="pv-week"></p>
  <label class="field">As a client in another zone sees it
    <input id="pv-client-zone" list="zones" placeholder="e.g. America/New_York" autocomplete="off">
  </label>
  <p id="pv-week-client" class="muted"></p>
  <h3>What the auto-reply says</h3>
  <blockquote id="pv-sentence"></blockquote>
  <p class="error small" id="pv-error" hidden></p>
</aside>
</div>
${comingDaysOff(ahead)}`;
}

const KIND_WORDS: Record<DayOffEntry['kind'], string> = { holiday: 'Holiday', vacation: 'Vacation', 'day-off': 'Day off' };

/** The saved settings' days off for the next twelve months, so holidays and imports can be checked. */
function comingDaysOff(days: DayOffEntry[]): Html {
  const rows = days.map((d) => html`<tr><td>${d.date}</td><td>${KIND_WORDS[d.kind]}</td><td>${d.name}</td></tr>`);
  return html`
<section class="card" id="days-off-ahead">
  <h2>Your days off in the coming year</h2>
  ${days.length === 0
    ? html`<p class="muted">No holidays, vacations or days off in the next twelve months.</p>`
    : html`<table><thead><tr><th>Date</th><th>Kind</th><th>Name</th></tr></thead><tbody>${rows}</tbody></table>`}
</section>`;
}
