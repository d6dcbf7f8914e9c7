// npm start: installs what is missing, makes sure PostgreSQL and RabbitMQ are up, builds, and runs all
// five apps in the foreground (JSON logs on stdout). Ctrl-C stops them gracefully.
import { ensureFirstAdmin } from './lib/staff-users.mjs';
import { build, ensureInstalled, ensureServers, log, startApps, stopApps } from './lib/workspace.mjs';

try {
  ensureInstalled();
  await ensureServers();
  build();
  await ensureFirstAdmin(log);
  const { children, gatewayUrl } = await startApps();
  log(`all apps are ready. Back office: ${gatewayUrl}/admin  API docs: ${gatewayUrl}/api/docs`);
  log('a token for the API: npm run token -- --role admin');
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await stopApps(children);
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const { app, child } of children) {
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${app} stopped unexpectedly (${signal ?? code}); stopping the others`);
        void stop(1);
      }
    });
  }
} catch (error) {
  console.error(`[oms] cannot start: ${error.message}`);
  if (error.children) await stopApps(error.children);
  process.exit(1);
}
