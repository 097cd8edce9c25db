// Server-side HTML for dialogs: every piece of teacher or student text is escaped.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const DIALOG_STYLE =
  'body{font-family:Roboto,Arial,sans-serif;font-size:13px;color:#202124;margin:0 8px}' +
  'li{margin:4px 0}.ok{color:#137333}.count{font-weight:500}';

/** A simple dialog page: a heading line and a list of items. */
export function listPage(heading: string, items: string[], emptyText: string): string {
  const list = items.length
    ? `<p class="count">${escapeHtml(heading)}</p><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
    : `<p class="ok">${escapeHtml(emptyText)}</p>`;
  return `<!DOCTYPE html><html><head><style>${DIALOG_STYLE}</style></head><body>${list}</body></html>`;
}
