import type { LoginView, StaffUserView } from '@contracts/auth/login.dto';

/** The signed-in staff member, kept for the browser tab (sessionStorage): closing the tab signs out. */
export interface Session {
  token: string;
  expiresAt: string;
  user: StaffUserView;
}

const KEY = 'oms.session';
const listeners = new Set<() => void>();

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const session = JSON.parse(stored) as Session;
  return Date.parse(session.expiresAt) > Date.now() ? session : null;
}

export function startSession(login: LoginView): void {
  sessionStorage.setItem(KEY, JSON.stringify(login));
  listeners.forEach((listener) => listener());
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
