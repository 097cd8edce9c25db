// Server-side HTML for dialogs: every piece of teacher or student text is escaped.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const DIALOG_STYLE =
  'body{font-family:Roboto,Arial,sans-serif;font-size:13px;color:#202124;margin:0 8px}' +
  'li{margin:4px 0}.ok{color:#137333}.count{font-weight:500}' +
  'button.cell{all:unset;cursor:pointer;color:#1a73e8;text-decoration:underline}button.cell:focus{outline:2px solid #1a73e8}';

/** A line of a dialog; with a cell, clicking it moves the teacher's cursor there. */
export interface DialogItem {
  text: string;
  cell?: { tab: string; row: number; column: number };
}

// Reads the clicked button's data attributes: no teacher text ever goes into the script itself.
const SELECT_CELL_SCRIPT =
  "document.addEventListener('click',function(e){var b=e.target.closest('button.cell');" +
  'if(b)google.script.run.selectCell(b.dataset.tab,Number(b.dataset.row),Number(b.dataset.column));});';

function itemHtml({ text, cell }: DialogItem): string {
  if (!cell) return `<li>${escapeHtml(text)}</li>`;
  const data = `data-tab="${escapeHtml(cell.tab)}" data-row="${cell.row}" data-column="${cell.column}"`;
  return `<li><button type="button" class="cell" ${data}>${escapeHtml(text)}</button></li>`;
}

/** A simple dialog page: a heading line and a list of items. */
export function listPage(heading: string, items: DialogItem[], emptyText: string): string {
  const list = items.length
    ? `<p class="count">${escapeHtml(heading)}</p><ul>${items.map(itemHtml).join('')}</ul>`
    : `<p class="ok">${escapeHtml(emptyText)}</p>`;
  const script = items.some((item) => item.cell) ? `<script>${SELECT_CELL_SCRIPT}</script>` : '';
  return `<!DOCTYPE html><html><head><base target="_top"><style>${DIALOG_STYLE}</style></head><body>${list}${script}</body></html>`;
}
