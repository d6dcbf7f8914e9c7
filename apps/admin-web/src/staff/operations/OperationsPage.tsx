import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@contracts/common/page';
import type { NotificationView, WebhookSubscriptionView, WebhookSubscriptionWithSecretView } from '@contracts/notifications/notification.dto';
import type { DeadLettersView } from '@contracts/ops/dead-letter.dto';
import { api } from '../../api/client';
import { validateForm } from '../../forms/validate';
import { ActionDialog } from '../../ui/ActionDialog';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { dateTime } from '../../ui/format';

function Deliveries({ id }: { id: string }) {
  const deliveries = useQuery({ queryKey: ['notifications', 'deliveries', id], queryFn: () => api<Page<NotificationView>>(`/api/webhook-subscriptions/${id}/deliveries`, { query: { limit: 20 } }) });
  return (
    <>
      <ProblemMessage error={deliveries.error} />
      <ul className="plain">
        {deliveries.data?.items.map((d) => (
          <li key={d.id}>{dateTime(d.createdAt)} {d.event} <span className={`tag tag-${d.status}`}>{d.status}</span> {d.attempts.length} attempt(s){d.statusReason ? `: ${d.statusReason}` : ''}</li>
        ))}
        {deliveries.data?.items.length === 0 && <li>No deliveries yet.</li>}
      </ul>
    </>
  );
}

function Webhooks() {
  const client = useQueryClient();
  const [secret, setSecret] = useState<WebhookSubscriptionWithSecretView | null>(null);
  const subscriptions = useQuery({ queryKey: ['notifications', 'subscriptions'], queryFn: () => api<Page<WebhookSubscriptionView>>('/api/webhook-subscriptions', { query: { limit: 100 } }) });
  const changed = () => client.invalidateQueries({ queryKey: ['notifications', 'subscriptions'] });
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhook subscriptions</h2>
      <ActionDialog label="Add subscription" title="Add a webhook subscription"
        onSubmit={async (form) => {
          const body = {
            url: String(form.get('url') ?? '').trim(),
            events: String(form.get('events') ?? '').split(',').map((event) => event.trim()).filter(Boolean),
            description: String(form.get('description') ?? '').trim() || undefined,
          };
          await validateForm('CreateWebhookSubscriptionDto', body);
          setSecret(await api<WebhookSubscriptionWithSecretView>('/api/webhook-subscriptions', { method: 'POST', body }));
          await changed();
        }}>
        {(error) => (
          <>
            <Field label="Endpoint URL" name="url" error={error}><input type="url" required placeholder="https://erp.example.com/hooks/oms" /></Field>
            <Field label="Events" name="events" error={error} hint="Comma-separated routing keys or patterns, e.g. order.*, shipment.created"><input required defaultValue="order.*" /></Field>
            <Field label="Description" name="description" error={error}><input /></Field>
          </>
        )}
      </ActionDialog>
      {secret && (
        <p className="notice" role="status">
          The signing secret of {secret.url}, shown this once: <code>{secret.secret}</code> <button type="button" onClick={() => setSecret(null)}>I have stored it</button>
        </p>
      )}
      <ProblemMessage error={subscriptions.error} />
      {subscriptions.data?.items.length === 0 && <p>No subscriptions yet.</p>}
      {subscriptions.data?.items.map((s) => (
        <details key={s.id} className="card">
          <summary>{s.url} · {s.events.join(', ')} · {s.enabled ? 'enabled' : `disabled${s.disabledReason ? `: ${s.disabledReason}` : ''}`}</summary>
          <div className="actions">
            <ActionDialog label={s.enabled ? 'Disable' : 'Enable'} title={`${s.enabled ? 'Disable' : 'Enable'} ${s.url}`}
              onSubmit={() => api(`/api/webhook-subscriptions/${s.id}`, { method: 'PATCH', body: { enabled: !s.enabled } }).then(changed)} />
            <ActionDialog label="Rotate secret" title={`Rotate the secret of ${s.url}`} submitLabel="Rotate"
              onSubmit={async () => setSecret(await api<WebhookSubscriptionWithSecretView>(`/api/webhook-subscriptions/${s.id}/rotate-secret`, { method: 'POST' }))}>
              {() => <p>The previous secret keeps signing for a while, so the receiver can switch.</p>}
            </ActionDialog>
            <ActionDialog label="Delete" title={`Delete ${s.url}`} danger onSubmit={() => api(`/api/webhook-subscriptions/${s.id}`, { method: 'DELETE' }).then(changed)} />
          </div>
          <h3>Latest deliveries</h3>
          <Deliveries id={s.id} />
        </details>
      ))}
    </section>
  );
}

function DeadLetters() {
  const client = useQueryClient();
  const letters = useQuery({ queryKey: ['dead-letters'], queryFn: () => api<DeadLettersView>('/api/ops/dead-letters', { query: { limit: 100 } }) });
  const act = (id: string, action: 'replay' | 'discard') => api(`/api/ops/dead-letters/${id}/${action}`, { method: 'POST' }).then(() => client.invalidateQueries({ queryKey: ['dead-letters'] }));
  return (
    <section aria-labelledby="dlq-title">
      <h2 id="dlq-title">Dead-lettered messages</h2>
      <ProblemMessage error={letters.error} />
      {letters.data?.unavailable.length ? <p className="notice">Did not answer (their messages are not listed): {letters.data.unavailable.join(', ')}</p> : null}
      {letters.data?.items.length === 0 && <p>No message is waiting for an operator.</p>}
      <ul className="plain">
        {letters.data?.items.map((letter) => (
          <li key={letter.id} className="card">
            <p><strong>{letter.routingKey}</strong> in {letter.service} ({letter.queue}), {letter.attempts} attempts, last {dateTime(letter.lastSeen)}</p>
            <p className="reason">{letter.reason}</p>
            <details><summary>Message</summary><pre>{JSON.stringify(letter.payload, null, 2)}</pre></details>
            <div className="actions">
              <ActionDialog label="Replay" title={`Replay ${letter.routingKey}`} onSubmit={() => act(letter.id, 'replay')}>{() => <p>It is delivered to {letter.queue} again.</p>}</ActionDialog>
              <ActionDialog label="Discard" title={`Discard ${letter.routingKey}`} danger onSubmit={() => act(letter.id, 'discard')}>{() => <p>It is kept as discarded and not delivered again.</p>}</ActionDialog>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function OperationsPage() {
  return (
    <>
      <h1>Operations</h1>
      <Webhooks />
      <DeadLetters />
    </>
  );
}
