import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { whenShown } from './whenShown';

describe('whenShown', () => {
  let frames: FrameRequestCallback[] = [];
  const runFrame = () => {
    const due = frames;
    frames = [];
    due.forEach((fn) => fn(0));
  };
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => frames.push(fn));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames.splice(id - 1, 1);
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const element = (visible: () => boolean) => {
    const el = document.createElement('div');
    el.checkVisibility = () => visible();
    return el;
  };

  it('calls back at once when the element is there and shown', () => {
    const el = element(() => true);
    const then = vi.fn();
    whenShown(() => el, then);
    expect(then).toHaveBeenCalledWith(el);
  });

  it('waits frame by frame for the element to appear and then to be shown', () => {
    let el: HTMLElement | null = null;
    let visible = false;
    const then = vi.fn();
    whenShown(() => el, then);
    runFrame();
    el = element(() => visible);
    runFrame();
    runFrame();
    expect(then).not.toHaveBeenCalled();
    visible = true;
    runFrame();
    expect(then).toHaveBeenCalledTimes(1);
    runFrame();
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('gives up after about two seconds of frames, and stops when cancelled', () => {
    const hidden = element(() => false);
    const then = vi.fn();
    whenShown(() => hidden, then);
    for (let i = 0; i < 200; i += 1) runFrame();
    expect(frames).toHaveLength(0);
    expect(then).not.toHaveBeenCalled();

    let visible = false;
    const later = element(() => visible);
    const cancel = whenShown(() => later, then);
    cancel();
    visible = true;
    runFrame();
    expect(then).not.toHaveBeenCalled();
  });
});
