import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateWebhookSubscriptionDto, Page, PageQueryDto, RpcMeta, UpdateWebhookSubscriptionDto, UUID_PATTERN, WebhookSubscriptionView, WebhookSubscriptionWithSecretView, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { decodeCursor, onceForKey, toPage } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { NotificationServiceConfig } from '../../config/notification-service.config';
import { NotificationRepository } from '../../notifications/persistence/notification.repository';
import { checkDestination, DestinationRefused } from '../domain/destination';
import { generateWebhookSecret } from '../domain/signature';
import { SubscriptionRepository, WebhookSubscription } from '../persistence/subscription.repository';

const toView = (s: WebhookSubscription): WebhookSubscriptionView => ({
  id: s.id, url: s.url, events: s.events, description: s.description, enabled: s.enabled, disabledReason: s.disabledReason,
  createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
});

const withSecret = (s: WebhookSubscription): WebhookSubscriptionWithSecretView => ({
  ...toView(s), secret: s.secret, previousSecretExpiresAt: s.previousSecretExpiresAt?.toISOString() ?? null,
});

/** Webhook subscriptions: where events go, which ones, and the secret that signs them (shown once). */
@Injectable()
export class WebhookSubscriptions {
  constructor(
    @Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig,
    private readonly subscriptions: SubscriptionRepository,
    private readonly notifications: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** A retry with the same Idempotency-Key answers the first subscription (and its secret) instead of making a second. */
  async create(request: CreateWebhookSubscriptionDto, meta: RpcMeta): Promise<WebhookSubscriptionWithSecretView> {
    await this.checkUrl(request.url);
    const idempotency = meta.idempotencyKey ? { scope: `webhook_subscriptions.create:${meta.actor.sub}`, key: meta.idempotencyKey, request } : undefined;
    return this.unitOfWork.run((manager) => onceForKey(manager, idempotency, async () => withSecret(await this.subscriptions.insert(manager, {
      id: randomUUID(), url: request.url, events: request.events, description: request.description ?? null, secret: generateWebhookSecret(),
    }))));
  }

  async list(query: PageQueryDto): Promise<Page<WebhookSubscriptionView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [after] = (decodeCursor(query.cursor, ([id, ...rest]) => typeof id === 'string' && UUID_PATTERN.test(id) && !rest.length) ?? []) as [string?];
    return toPage(await this.subscriptions.list({ limit: limit + 1, after }), limit, toView, (s) => [s.id]);
  }

  async get(id: string): Promise<WebhookSubscriptionView> {
    return toView(await this.found(id));
  }

  /** Changes events, URL or description, or enables (pending deliveries resume) or disables it. */
  async update(id: string, request: UpdateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    await this.found(id);
    if (request.url !== undefined) await this.checkUrl(request.url);
    const changes = {
      ...(request.url !== undefined ? { url: request.url } : {}),
      ...(request.events !== undefined ? { events: request.events } : {}),
      ...(request.description !== undefined ? { description: request.description } : {}),
      ...(request.enabled !== undefined ? { enabled: request.enabled, disabledReason: request.enabled ? null : 'disabled by staff', holdsDeliveries: false } : {}),
    };
    const updated = await this.unitOfWork.run((manager) => this.subscriptions.update(manager, id, changes));
    if (!updated) throw this.notFound(id);
    return toView(updated);
  }

  /** Deletes it; deliveries still pending are suppressed, the log of the others stays. */
  async delete(id: string): Promise<void> {
    await this.found(id);
    await this.unitOfWork.run(async (manager) => {
      await this.notifications.suppressPendingOf(manager, id, 'the subscription was deleted');
      if (!(await this.subscriptions.delete(manager, id))) throw this.notFound(id);
    });
  }

  /** A new secret; the old one keeps signing beside it for WEBHOOK_SECRET_GRACE_HOURS, so receivers can switch without a gap. */
  async rotateSecret(id: string): Promise<WebhookSubscriptionWithSecretView> {
    const current = await this.found(id);
    const rotated = await this.unitOfWork.run((manager) => this.subscriptions.update(manager, id, {
      secret: generateWebhookSecret(),
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(Date.now() + this.config.WEBHOOK_SECRET_GRACE_HOURS * 3_600_000),
    }));
    if (!rotated) throw this.notFound(id);
    return withSecret(rotated);
  }

  async found(id: string): Promise<WebhookSubscription> {
    const subscription = UUID_PATTERN.test(id) ? await this.subscriptions.find(id) : null;
    if (!subscription) throw this.notFound(id);
    return subscription;
  }

  private notFound(id: string) {
    return AppError.notFound(`Webhook subscription ${id} was not found.`);
  }

  /** Only public http(s) destinations, unless private networks are allowed (checked again on every delivery, after DNS). */
  private async checkUrl(url: string) {
    try {
      await checkDestination(url, this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS);
    } catch (error) {
      if (error instanceof DestinationRefused) throw AppError.validation([{ field: 'url', message: error.message }]);
      throw error;
    }
  }
}
