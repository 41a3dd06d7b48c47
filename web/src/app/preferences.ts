import { useSyncExternalStore } from 'react';

const ELDERLY_KEY = 'jiuye.elderly';

function readElderly(): boolean {
  try {
    return localStorage.getItem(ELDERLY_KEY) === 'true';
  } catch {
    return false;
  }
}

let elderly = readElderly();
const listeners = new Set<() => void>();

function syncDocument(): void {
  // Also read by CSS (base font size) and by the e2e journeys.
  if (elderly) document.documentElement.dataset.elderly = 'true';
  else delete document.documentElement.dataset.elderly;
}
syncDocument();

export function setElderlyMode(on: boolean): void {
  elderly = on;
  try {
    localStorage.setItem(ELDERLY_KEY, String(on));
  } catch {
    // Storage refused (private mode): the mode still applies until reload.
  }
  syncDocument();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** 适老化 large-text, high-contrast mode, remembered per browser. */
export function useElderlyMode(): boolean {
  return useSyncExternalStore(subscribe, () => elderly);
}
