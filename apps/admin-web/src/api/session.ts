import type { LoginView, StaffUserView } from '@contracts/auth/login.dto';

/** The signed-in staff member, shared by the browser's tabs (localStorage) until it expires or they sign out. */
export interface Session {
  token: string;
  expiresAt: string;
  user: StaffUserView;
}

const KEY = 'oms.session';
const listeners = new Set<() => void>();
// signing in or out in another tab applies here too
window.addEventListener('storage', (event) => event.key === KEY && listeners.forEach((listener) => listener()));

export function currentSession(): Session | null {
  const stored = localStorage.getItem(KEY);
  if (!stored) return null;
  const session = JSON.parse(stored) as Session;
  return Date.parse(session.expiresAt) > Date.now() ? session : null;
}

export function startSession(login: LoginView): void {
  localStorage.setItem(KEY, JSON.stringify(login));
  listeners.forEach((listener) => listener());
}

export function endSession(): void {
  localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
