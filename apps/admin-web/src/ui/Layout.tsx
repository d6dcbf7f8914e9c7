import { NavLink, Outlet } from 'react-router';
import { useLiveUpdates } from '../api/live';
import { currentSession, endSession } from '../api/session';

const LINKS = [
  ['/admin/orders', 'Orders'],
  ['/admin/inventory', 'Inventory'],
  ['/admin/dashboard', 'Dashboard'],
  ['/admin/operations', 'Operations'],
] as const;

/** The back office frame: navigation, who is signed in, whether live updates are flowing. */
export function Layout() {
  const live = useLiveUpdates();
  const user = currentSession()?.user;
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand">OMS</span>
        <nav aria-label="Back office">
          {LINKS.map(([to, label]) => <NavLink key={to} to={to}>{label}</NavLink>)}
        </nav>
        <span className={`live live-${live}`} role="status" title="Lists and orders update themselves while live">{live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline, retrying'}</span>
        <span className="user">{user?.name}</span>
        <button type="button" onClick={endSession}>Sign out</button>
      </header>
      <main id="main"><Outlet /></main>
    </div>
  );
}
