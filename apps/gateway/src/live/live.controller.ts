import { Controller, Inject, MessageEvent, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Returns } from '../http/responses';
import { interval, map, merge, Observable, takeUntil } from 'rxjs';
import { LiveFeed } from './live-feed';

/** A heartbeat event every so often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('api/live')
export class LiveController {
  constructor(@Inject(LiveFeed) private readonly feed: LiveFeed) {}

  @Sse()
  @ApiOperation({ summary: 'Server-sent events: one `change` per order, shipment, inventory or notification event ({ type, orderId, orderNumber, skus })' })
  @Returns(200, {
    type: 'string',
    description: '`event: change` with `data: { type, orderId, orderNumber, skus, occurredAt }` per event, `event: heartbeat` every 25 s',
  }, 'The stream, open until the client or the gateway goes away', [], 'text/event-stream')
  stream(): Observable<MessageEvent> {
    const changes = this.feed.changesStream().pipe(map((change): MessageEvent => ({ type: 'change', data: change })));
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} })));
    return merge(changes, heartbeats).pipe(takeUntil(this.feed.closing));
  }
}
