// Building DOM nodes without HTML strings: text always goes in as text nodes, so a student named
// `<img src=x onerror=…>` is shown as exactly that and never parsed.

type Child = Node | string | number | null | undefined | false;

export interface Attributes {
  class?: string;
  id?: string;
  role?: string;
  title?: string;
  type?: string;
  hidden?: boolean;
  disabled?: boolean;
  /** Sets `aria-*` and `data-*` attributes, which have no DOM property of the same name. */
  attrs?: Record<string, string>;
  onClick?: (event: MouseEvent) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attributes.class) element.className = attributes.class;
  if (attributes.id) element.id = attributes.id;
  if (attributes.role) element.setAttribute('role', attributes.role);
  if (attributes.title) element.title = attributes.title;
  if (attributes.type) element.setAttribute('type', attributes.type);
  if (attributes.hidden) element.hidden = true;
  if (attributes.disabled) element.setAttribute('disabled', '');
  for (const [name, value] of Object.entries(attributes.attrs ?? {})) element.setAttribute(name, value);
  if (attributes.onClick) (element as HTMLElement).addEventListener('click', attributes.onClick);
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A real <button type="button">: focusable, and Enter/Space activate it. */
export function button(label: string, onClick: () => void, attributes: Omit<Attributes, 'onClick'> = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attributes, onClick: () => onClick() }, label);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The sidebar page has no #${id}.`);
  return element as T;
}

export const plural = (count: number, word: string, many = `${word}s`) => `${count} ${count === 1 ? word : many}`;

/** A link to a Google Doc the add-on made, opened in a new tab; any other address stays plain text. */
export function docLink(text: string, url: string): HTMLAnchorElement {
  const link = h('a', { attrs: { target: '_blank', rel: 'noopener' } }, text);
  if (/^https:\/\/docs\.google\.com\//.test(url)) link.href = url;
  return link;
}
