/**
 * One turn of the event loop: `setImmediate` where the runtime has it (no timer tick to wait
 * for), else a zero timer.
 */
export const macrotask = (): Promise<void> =>
  new Promise((resolve) => {
    const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });
