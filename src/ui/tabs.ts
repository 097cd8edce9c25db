// The sidebar's sections as WAI-ARIA tabs: one tab stop for the whole tab list, arrow keys (and
// Home/End) move between tabs and show their panel, as screen-reader users expect of role="tab".

/** Wires the tabs of `tablist`; returns a function that shows (and focuses) a tab by its ID. */
export function setUpTabs(tablist: HTMLElement): (tabId: string) => void {
  const tabs = Array.from(tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  const panelOf = (tab: HTMLElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');

  function select(tab: HTMLButtonElement, focus: boolean): void {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = panelOf(other);
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
  }

  function onKeydown(event: KeyboardEvent): void {
    const index = tabs.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const next: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in next)) return;
    event.preventDefault();
    select(tabs[(next[event.key] + tabs.length) % tabs.length], true);
  }

  for (const tab of tabs) tab.addEventListener('click', () => select(tab, false));
  tablist.addEventListener('keydown', onKeydown);
  return (tabId) => {
    const tab = tabs.find((candidate) => candidate.id === tabId);
    if (tab) select(tab, true);
  };
}
