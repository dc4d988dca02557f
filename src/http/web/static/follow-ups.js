// Follow-ups page: "Copy" puts a suggested follow-up on the clipboard for the user to paste into
// their own reply (Boundary never sends it). Accept, Dismiss and Done are handled by app.js.
(function () {
  'use strict';

  /** navigator.clipboard needs a secure context; a plain-http install falls back to a selection copy. */
  async function copy(text, source) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand('copy');
  }

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector('[role="status"]');
    let done = false;
    try {
      done = await copy(source.textContent, source);
    } catch {
      done = false;
    }
    if (status) status.textContent = done ? 'Copied. Paste it into your reply.' : 'Could not copy: select the text and copy it yourself.';
  });
})();
