import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { holdSearchFocus } from './holdSearchFocus';

// A stand-in for emoji-mart's element: a search field inside an open shadow root.
class FakePicker extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<input type="search" aria-label="Search">';
  }
}
customElements.define('em-emoji-picker', FakePicker);

const frame = () => vi.advanceTimersByTime(16);
const searchFocused = (picker: HTMLElement) =>
  document.activeElement === picker && picker.shadowRoot?.activeElement?.tagName === 'INPUT';

describe('holdSearchFocus', () => {
  let container: HTMLDivElement;
  let picker: HTMLElement;
  let thief: HTMLButtonElement;
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] });
    clock = 0;
    container = document.createElement('div');
    picker = document.createElement('em-emoji-picker');
    container.append(picker);
    thief = document.createElement('button');
    document.body.append(container, thief);
  });
  afterEach(() => {
    container.remove();
    thief.remove();
    vi.useRealTimers();
  });

  it('focuses the search field and takes it back from a late focus thief (the menu button)', () => {
    const stop = holdSearchFocus(container, now);
    frame();
    expect(searchFocused(picker)).toBe(true);
    thief.focus();
    expect(searchFocused(picker)).toBe(false);
    clock = 300;
    frame();
    expect(searchFocused(picker)).toBe(true);
    stop();
  });

  it('waits for the picker element to render before focusing, and holds from then', () => {
    picker.remove();
    const stop = holdSearchFocus(container, now);
    frame();
    expect(searchFocused(picker)).toBe(false);
    // Its data took 3 s to load: the hold counts from when the field appeared.
    clock = 3000;
    container.append(picker);
    frame();
    expect(searchFocused(picker)).toBe(true);
    clock = 4000;
    thief.focus();
    frame();
    expect(searchFocused(picker)).toBe(true);
    stop();
  });

  it('lets go when the user clicks elsewhere, and keeps holding while they type in the field', () => {
    holdSearchFocus(container, now);
    frame();
    const input = picker.shadowRoot!.querySelector('input')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 't', bubbles: true, composed: true }));
    thief.focus();
    frame();
    expect(searchFocused(picker)).toBe(true);

    thief.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    thief.focus();
    frame();
    expect(document.activeElement).toBe(thief);
  });

  it('lets go after Tab, and once the time is up', () => {
    holdSearchFocus(container, now);
    frame();
    const input = picker.shadowRoot!.querySelector('input')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true }));
    thief.focus();
    frame();
    expect(document.activeElement).toBe(thief);

    holdSearchFocus(container, now);
    frame();
    expect(searchFocused(picker)).toBe(true);
    clock = 1600;
    thief.focus();
    frame();
    frame();
    expect(document.activeElement).toBe(thief);
  });
});
