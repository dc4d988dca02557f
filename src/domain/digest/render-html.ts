import { accountsFooter } from './render-text.js';
import { sections, type Line, type Section } from './sections.js';
import type { DigestModel, Heatmap } from './types.js';
import { greeting, headline, heatmapSummary, subject, WEEKDAYS } from './words.js';

/**
 * The HTML digest, built for mail clients: tables for layout, inline styles only (Gmail and Outlook
 * drop <style> and external CSS), no images, colours with a text fallback, one 600px column.
 */

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK = '#1f2933';
const MUTED = '#5f6b76';
const ACCENT = '#b4541a';
const PAPER = '#f4f1ec';

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const longDate = (m: DigestModel) => `${m.weekday} ${Number(m.date.slice(8))} ${MONTHS[Number(m.date.slice(5, 7)) - 1] ?? ''} ${m.date.slice(0, 4)}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const row = (content: string, padding = '0 32px 16px') => `<tr><td style="padding:${padding};${FONT};color:${INK};font-size:15px;line-height:1.5;">${content}</td></tr>`;

export function renderDigestHtml(m: DigestModel): string {
  const body = [
    row(`<div style="font-size:13px;color:${MUTED};letter-spacing:0.04em;">BOUNDARY · ${escapeHtml(longDate(m))}</div><h1 style="margin:6px 0 0;font-size:24px;font-weight:600;color:${INK};">${escapeHtml(greeting(m))}</h1>`, '28px 32px 8px'),
    row(`<p style="margin:0;font-size:17px;line-height:1.5;">${escapeHtml(headline(m))}</p>`, '0 32px 20px'),
    ...sections(m).map((s) => sectionHtml(s, m.heatmap)),
  ];
  const footer = accountsFooter(m);
  if (footer) body.push(row(`<p style="margin:0;font-size:13px;color:${MUTED};">${escapeHtml(footer)}</p>`, '8px 32px 0'));
  body.push(row(`<p style="margin:0;font-size:13px;color:${MUTED};">Sent by Boundary to you only. Times are in ${escapeHtml(m.timeZone)}.</p>`, '16px 32px 28px'));
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject(m))}</title></head>`,
    `<body style="margin:0;padding:0;background:${PAPER};">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${PAPER}" style="background:${PAPER};"><tr><td align="center" style="padding:24px 8px;">`,
        // Chromium keeps a table's fixed width over max-width (616px on a 390px phone): so the column is
    // as wide as the screen, up to 600px.
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:100%;max-width:600px;background:#ffffff;border-radius:10px;">`,
    ...body,
    '</table></td></tr></table></body></html>',
  ].join('\n');
}

function sectionHtml(s: Section, heatmap: Heatmap): string {
  const title = `<h2 style="margin:0 0 8px;font-size:13px;font-weight:700;letter-spacing:0.06em;text-transform:uppercase;color:${s.id === 'attention' ? ACCENT : MUTED};">${escapeHtml(s.title)}</h2>`;
  const intro = s.intro ? `<p style="margin:0 0 10px;">${escapeHtml(s.intro)}</p>` : '';
  const lines = s.lines.length > 0 ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${s.lines.map((l) => lineHtml(l, s.id === 'attention')).join('')}</table>` : '';
  const extra = s.id === 'heatmap' ? heatmapHtml(heatmap) : '';
  const border = s.id === 'attention' ? `border-left:4px solid ${ACCENT};padding-left:14px;` : '';
  return row(`<div style="border-top:1px solid #ece7df;padding-top:16px;"><div style="${border}">${title}${intro}${lines}${extra}</div></div>`);
}

function lineHtml(l: Line, strong: boolean): string {
  const note = l.note ? `<div style="font-size:13px;color:${MUTED};">${escapeHtml(l.note)}</div>` : '';
  const suggestion = l.suggestion
    ? `<div style="margin:6px 0 0;padding:8px 12px;background:#f6f3ee;border-radius:6px;font-size:14px;color:${INK};"><span style="color:${MUTED};">Suggested:</span> “${escapeHtml(l.suggestion)}”</div>`
    : '';
  return `<tr><td style="padding:6px 0;${FONT};font-size:15px;line-height:1.45;color:${INK};${strong ? 'font-weight:600;' : ''}">${escapeHtml(l.text)}<div style="font-weight:400;">${note}${suggestion}</div></td></tr>`;
}

const OUTSIDE = ['#fde3cc', '#f8b77c', '#ee8a3c', '#c4560f'];
const WITHIN = ['#d3ebe6', '#9fd3c8', '#5fb1a3', '#2e7d71'];

export function heatColour(n: number, max: number, working: boolean): string {
  if (n === 0) return working ? '#e9f2f0' : '#faf9f7';
  const level = Math.min(3, Math.ceil((n / Math.max(1, max)) * 4) - 1);
  return (working ? WITHIN : OUTSIDE)[level]!;
}

/** 7×24 cells with background colours; hour labels every three hours; a legend in words. */
function heatmapHtml(h: Heatmap): string {
  // No fixed cell width: 24 cells of 19px made the mail 616px wide, so a 390px phone scrolled
  // sideways. The table takes the column's width and the hours share it.
  const cell = 'height:16px;padding:0;border:1px solid #ffffff;';
  const label = `${FONT};font-size:11px;color:${MUTED};`;
  const hours = Array.from({ length: 8 }, (_, i) => `<td colspan="3" style="${label}padding:0 0 2px;">${String(i * 3).padStart(2, '0')}</td>`).join('');
  const rows = h.counts
    .map((counts, d) => {
      const cells = counts.map((n, hour) => {
        const bg = heatColour(n, h.max, h.working[d]![hour]!);
        return `<td bgcolor="${bg}" title="${WEEKDAYS[d]} ${String(hour).padStart(2, '0')}:00 · ${n}" style="${cell}background:${bg};">&nbsp;</td>`;
      });
      return `<tr><td style="${label}width:34px;padding:0 4px 0 0;">${WEEKDAYS[d]}</td>${cells.join('')}</tr>`;
    })
    .join('');
  const swatch = (bg: string) => `<span style="display:inline-block;width:12px;height:12px;background:${bg};border-radius:2px;vertical-align:middle;">&nbsp;</span>`;
  const legend = `<p style="margin:8px 0 0;font-size:12px;color:${MUTED};">${swatch(WITHIN[2]!)} within your usual hours &nbsp; ${swatch(OUTSIDE[2]!)} outside them &nbsp; darker = more messages</p>`;
  return `<p style="margin:0 0 8px;">${escapeHtml(heatmapSummary(h))}</p><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;table-layout:fixed;"><tr><td style="width:34px;"></td>${hours}</tr>${rows}</table>${legend}`;
}
